-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "unaccent";

-- AlterTable
ALTER TABLE "Series" ADD COLUMN     "featured" BOOLEAN NOT NULL DEFAULT false;

-- The home page showed "The Peninsula" by its slug until series could be featured: keep showing it.
UPDATE "Series" SET "featured" = true WHERE "slug" = 'the-peninsula';
