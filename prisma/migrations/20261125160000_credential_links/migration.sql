-- CreateTable
CREATE TABLE "credential_link" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "email_key" TEXT NOT NULL,
    "run_id" UUID NOT NULL,
    "step_id" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "sealed" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revealed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credential_link_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "credential_link_token_hash_key" ON "credential_link"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "credential_link_email_key_key" ON "credential_link"("email_key");

-- CreateIndex
CREATE INDEX "credential_link_run_id_step_id_idx" ON "credential_link"("run_id", "step_id");
