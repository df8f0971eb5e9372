-- CreateTable
CREATE TABLE "action_token" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "email_key" TEXT,
    "run_id" UUID NOT NULL,
    "task_key" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "action_token_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "action_token_token_hash_key" ON "action_token"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "action_token_email_key_key" ON "action_token"("email_key");

-- CreateIndex
CREATE INDEX "action_token_run_id_task_key_idx" ON "action_token"("run_id", "task_key");
