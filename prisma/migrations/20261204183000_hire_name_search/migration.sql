-- The runs list's search by name (GET /v1/onboardings?q=): a contains match on the lower-cased
-- full name, served by a trigram index. pg_trgm is a trusted extension (PostgreSQL 13+): the
-- database owner may create it. Prisma's schema cannot express this index (an expression with an
-- operator class), so it lives here only (docs/database.md).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "hire_full_name_trgm_idx" ON "hire" USING GIN (lower("full_name") gin_trgm_ops);
