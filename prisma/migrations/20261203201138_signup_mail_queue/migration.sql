-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "unaccent";

-- CreateTable
CREATE TABLE "SignupMail" (
    "id" SERIAL NOT NULL,
    "subscriberId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'signup',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "failedAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "SignupMail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SignupMail_subscriberId_idx" ON "SignupMail"("subscriberId");

-- CreateIndex
CREATE INDEX "SignupMail_sentAt_id_idx" ON "SignupMail"("sentAt", "id");

-- CreateIndex
CREATE INDEX "SignupMail_source_claimedAt_idx" ON "SignupMail"("source", "claimedAt");

-- AddForeignKey
ALTER TABLE "SignupMail" ADD CONSTRAINT "SignupMail_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;
