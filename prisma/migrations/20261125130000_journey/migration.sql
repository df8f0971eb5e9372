-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('OPEN', 'DONE', 'CANCELLED');

-- AlterTable
ALTER TABLE "onboarding_run" ADD COLUMN     "cancel_reason" TEXT,
ADD COLUMN     "plan_id" UUID,
ADD COLUMN     "progress_seq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "tech_lead_email" TEXT,
ADD COLUMN     "tech_lead_name" TEXT,
ADD COLUMN     "tech_lead_sub" TEXT;

-- CreateTable
CREATE TABLE "plan" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "run_step" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "step_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3),
    "data" JSONB,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "run_step_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "task_key" TEXT NOT NULL,
    "step_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "assignee_role" TEXT NOT NULL,
    "status" "TaskStatus" NOT NULL DEFAULT 'OPEN',
    "due_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    "completed_by" TEXT,
    "result" JSONB,

    CONSTRAINT "task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "acknowledgement" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "step_id" TEXT NOT NULL,
    "document_id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "acknowledgement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_grant" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "step_id" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "external_ref" TEXT,
    "granted_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "access_grant_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "plan_key_version_key" ON "plan"("key", "version");

-- CreateIndex
CREATE UNIQUE INDEX "run_step_run_id_step_id_key" ON "run_step"("run_id", "step_id");

-- CreateIndex
CREATE INDEX "task_assignee_role_status_due_at_idx" ON "task"("assignee_role", "status", "due_at");

-- CreateIndex
CREATE UNIQUE INDEX "task_run_id_task_key_key" ON "task"("run_id", "task_key");

-- CreateIndex
CREATE UNIQUE INDEX "acknowledgement_run_id_document_id_version_key" ON "acknowledgement"("run_id", "document_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "access_grant_run_id_step_id_key" ON "access_grant"("run_id", "step_id");

-- CreateIndex
CREATE INDEX "onboarding_run_tech_lead_sub_status_idx" ON "onboarding_run"("tech_lead_sub", "status");

-- AddForeignKey
ALTER TABLE "onboarding_run" ADD CONSTRAINT "onboarding_run_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_step" ADD CONSTRAINT "run_step_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "onboarding_run"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "onboarding_run"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
