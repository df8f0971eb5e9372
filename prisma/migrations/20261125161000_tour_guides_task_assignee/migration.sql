-- AlterTable
ALTER TABLE "task" ADD COLUMN "assignee_sub" TEXT,
ADD COLUMN "context" JSONB;

-- CreateIndex
CREATE INDEX "task_assignee_sub_status_idx" ON "task"("assignee_sub", "status");

-- CreateTable
CREATE TABLE "tour_guide" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "step_id" TEXT NOT NULL,
    "sub" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "assigned_by" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tour_guide_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tour_guide_run_id_step_id_key" ON "tour_guide"("run_id", "step_id");
