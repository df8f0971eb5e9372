-- CreateTable
CREATE TABLE "idempotency_key" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "caller_sub" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status" INTEGER,
    "response" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_key_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "onboarding_run_created_at_id_idx" ON "onboarding_run"("created_at", "id");

-- CreateIndex
CREATE INDEX "onboarding_run_phase_created_at_idx" ON "onboarding_run"("phase", "created_at");

-- CreateIndex
CREATE INDEX "onboarding_run_tech_lead_sub_created_at_idx" ON "onboarding_run"("tech_lead_sub", "created_at");

-- CreateIndex
CREATE INDEX "task_run_id_status_due_at_idx" ON "task"("run_id", "status", "due_at");

-- CreateIndex
CREATE UNIQUE INDEX "idempotency_key_caller_sub_key_key" ON "idempotency_key"("caller_sub", "key");
