-- CreateTable
CREATE TABLE "auth_session" (
    "id" UUID NOT NULL,
    "id_hash" TEXT NOT NULL,
    "sub" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "locale" TEXT,
    "roles" TEXT[],
    "csrf_token" TEXT NOT NULL,
    "tokens" TEXT NOT NULL,
    "access_expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "end_reason" TEXT,

    CONSTRAINT "auth_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth_login" (
    "id" UUID NOT NULL,
    "id_hash" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "code_verifier" TEXT NOT NULL,
    "return_to" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "auth_login_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "auth_session_id_hash_key" ON "auth_session"("id_hash");

-- CreateIndex
CREATE INDEX "auth_session_sub_idx" ON "auth_session"("sub");

-- CreateIndex
CREATE UNIQUE INDEX "auth_login_id_hash_key" ON "auth_login"("id_hash");
