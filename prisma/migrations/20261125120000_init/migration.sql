-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('PENDING', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED', 'FAILED');

-- CreateEnum
CREATE TYPE "EmailStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "hire" (
    "id" UUID NOT NULL,
    "full_name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hire_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "onboarding_run" (
    "id" UUID NOT NULL,
    "hire_id" UUID NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'PENDING',
    "phase" TEXT NOT NULL DEFAULT 'PRE_BOARDING',
    "start_date" DATE NOT NULL,
    "time_zone" TEXT NOT NULL DEFAULT 'Africa/Lome',
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "onboarding_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "email_log" (
    "id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "run_id" UUID,
    "recipient" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "status" "EmailStatus" NOT NULL DEFAULT 'PENDING',
    "message_id" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "email_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "hire_email_key" ON "hire"("email");

-- CreateIndex
CREATE UNIQUE INDEX "onboarding_run_hire_id_key" ON "onboarding_run"("hire_id");

-- CreateIndex
CREATE UNIQUE INDEX "onboarding_run_workflow_id_key" ON "onboarding_run"("workflow_id");

-- CreateIndex
CREATE INDEX "onboarding_run_status_created_at_idx" ON "onboarding_run"("status", "created_at");

-- CreateIndex
CREATE INDEX "onboarding_run_start_date_idx" ON "onboarding_run"("start_date");

-- CreateIndex
CREATE UNIQUE INDEX "email_log_idempotency_key_key" ON "email_log"("idempotency_key");

-- CreateIndex
CREATE INDEX "email_log_run_id_idx" ON "email_log"("run_id");

-- CreateIndex
CREATE INDEX "audit_event_run_id_at_idx" ON "audit_event"("run_id", "at");

-- AddForeignKey
ALTER TABLE "onboarding_run" ADD CONSTRAINT "onboarding_run_hire_id_fkey" FOREIGN KEY ("hire_id") REFERENCES "hire"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "email_log" ADD CONSTRAINT "email_log_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "onboarding_run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Audit events are immutable: refuse UPDATE and DELETE at the database level.
CREATE FUNCTION "audit_event_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only';
END;
$$;

CREATE TRIGGER "audit_event_no_update_delete"
BEFORE UPDATE OR DELETE ON "audit_event"
FOR EACH ROW EXECUTE FUNCTION "audit_event_immutable"();
