-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "unaccent";

-- AlterTable
ALTER TABLE "Subscriber" ADD COLUMN     "signupMailAt" TIMESTAMP(3),
ADD COLUMN     "signupMailPending" BOOLEAN NOT NULL DEFAULT false;
