-- AlterTable
ALTER TABLE "Publication" ADD COLUMN     "featuredRank" INTEGER;

-- CreateIndex
CREATE INDEX "Publication_featuredRank_idx" ON "Publication"("featuredRank");
