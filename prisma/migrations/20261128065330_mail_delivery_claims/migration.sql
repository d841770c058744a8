-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "unaccent";

-- AlterTable
ALTER TABLE "AlertDelivery" ADD COLUMN     "claimedAt" TIMESTAMP(3),
ADD COLUMN     "messageId" TEXT;

-- AlterTable
ALTER TABLE "DigestDelivery" ADD COLUMN     "claimedAt" TIMESTAMP(3);
