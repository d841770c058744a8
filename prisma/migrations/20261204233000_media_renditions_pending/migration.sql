-- AlterTable
ALTER TABLE "Media" ADD COLUMN     "renditionsPending" BOOLEAN NOT NULL DEFAULT false;
