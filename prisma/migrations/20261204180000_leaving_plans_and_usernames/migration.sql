-- AlterTable
ALTER TABLE "hire" ADD COLUMN "username" TEXT;

-- AlterTable
ALTER TABLE "plan" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'ONBOARDING';
