-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "unaccent";

-- CreateEnum
CREATE TYPE "EventRegistrationMode" AS ENUM ('NONE', 'BUILT_IN', 'EXTERNAL');

-- CreateEnum
CREATE TYPE "EventState" AS ENUM ('SCHEDULED', 'POSTPONED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "LivestreamAccess" AS ENUM ('PUBLIC', 'REGISTRANTS');

-- CreateEnum
CREATE TYPE "EventSpeakerRole" AS ENUM ('SPEAKER', 'MODERATOR');

-- CreateEnum
CREATE TYPE "EventRegistrationStatus" AS ENUM ('PENDING', 'CONFIRMED', 'WAITLISTED', 'CANCELLED');

-- AlterEnum
ALTER TYPE "MediaKind" ADD VALUE 'AUDIO';

-- AlterTable
ALTER TABLE "Author" ADD COLUMN     "availableForMedia" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "directoryRank" INTEGER,
ADD COLUMN     "isExpert" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "photoId" INTEGER,
ADD COLUMN     "pressContact" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "AuthorExpertise" (
    "authorId" INTEGER NOT NULL,
    "categoryId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AuthorExpertise_pkey" PRIMARY KEY ("authorId","categoryId")
);

-- CreateTable
CREATE TABLE "EventDetails" (
    "publicationId" INTEGER NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "timeZone" TEXT NOT NULL,
    "state" "EventState" NOT NULL DEFAULT 'SCHEDULED',
    "inPerson" BOOLEAN NOT NULL DEFAULT true,
    "venueName" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL DEFAULT '',
    "mapUrl" TEXT,
    "online" BOOLEAN NOT NULL DEFAULT false,
    "livestreamUrl" TEXT,
    "livestreamAccess" "LivestreamAccess" NOT NULL DEFAULT 'PUBLIC',
    "registrationMode" "EventRegistrationMode" NOT NULL DEFAULT 'NONE',
    "externalRegistrationUrl" TEXT,
    "capacity" INTEGER,
    "registrationDeadline" TIMESTAMP(3),
    "recordingUrl" TEXT,
    "audioId" INTEGER,
    "transcriptHtml" TEXT NOT NULL DEFAULT '',
    "slidesId" INTEGER,
    "reminderQueuedAt" TIMESTAMP(3),
    "recordingNoticeQueuedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventDetails_pkey" PRIMARY KEY ("publicationId")
);

-- CreateTable
CREATE TABLE "EventSpeaker" (
    "id" SERIAL NOT NULL,
    "eventId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "role" "EventSpeakerRole" NOT NULL DEFAULT 'SPEAKER',
    "authorId" INTEGER,
    "name" TEXT NOT NULL DEFAULT '',
    "title" TEXT NOT NULL DEFAULT '',
    "affiliation" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "EventSpeaker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventRegistration" (
    "id" SERIAL NOT NULL,
    "eventId" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "affiliation" TEXT NOT NULL DEFAULT '',
    "status" "EventRegistrationStatus" NOT NULL DEFAULT 'PENDING',
    "joinMailingList" BOOLEAN NOT NULL DEFAULT false,
    "consentAt" TIMESTAMP(3),
    "consentIp" TEXT,
    "consentVersion" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "waitlistedAt" TIMESTAMP(3),
    "promotedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "checkedInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventMail" (
    "id" SERIAL NOT NULL,
    "registrationId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT,
    "text" TEXT,
    "readerTriggered" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "failedAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "EventMail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuthorExpertise_categoryId_idx" ON "AuthorExpertise"("categoryId");

-- CreateIndex
CREATE INDEX "EventDetails_startsAt_idx" ON "EventDetails"("startsAt");

-- CreateIndex
CREATE INDEX "EventDetails_endsAt_idx" ON "EventDetails"("endsAt");

-- CreateIndex
CREATE INDEX "EventSpeaker_eventId_position_idx" ON "EventSpeaker"("eventId", "position");

-- CreateIndex
CREATE INDEX "EventSpeaker_authorId_idx" ON "EventSpeaker"("authorId");

-- CreateIndex
CREATE INDEX "EventRegistration_eventId_status_waitlistedAt_idx" ON "EventRegistration"("eventId", "status", "waitlistedAt");

-- CreateIndex
CREATE INDEX "EventRegistration_email_idx" ON "EventRegistration"("email");

-- CreateIndex
CREATE INDEX "EventRegistration_createdAt_idx" ON "EventRegistration"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "EventRegistration_eventId_email_key" ON "EventRegistration"("eventId", "email");

-- CreateIndex
CREATE INDEX "EventMail_registrationId_idx" ON "EventMail"("registrationId");

-- CreateIndex
CREATE INDEX "EventMail_sentAt_id_idx" ON "EventMail"("sentAt", "id");

-- CreateIndex
CREATE INDEX "EventMail_readerTriggered_claimedAt_idx" ON "EventMail"("readerTriggered", "claimedAt");

-- AddForeignKey
ALTER TABLE "Author" ADD CONSTRAINT "Author_photoId_fkey" FOREIGN KEY ("photoId") REFERENCES "Media"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthorExpertise" ADD CONSTRAINT "AuthorExpertise_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Author"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthorExpertise" ADD CONSTRAINT "AuthorExpertise_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventDetails" ADD CONSTRAINT "EventDetails_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventDetails" ADD CONSTRAINT "EventDetails_audioId_fkey" FOREIGN KEY ("audioId") REFERENCES "Media"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventDetails" ADD CONSTRAINT "EventDetails_slidesId_fkey" FOREIGN KEY ("slidesId") REFERENCES "Media"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventSpeaker" ADD CONSTRAINT "EventSpeaker_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "EventDetails"("publicationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventSpeaker" ADD CONSTRAINT "EventSpeaker_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Author"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventRegistration" ADD CONSTRAINT "EventRegistration_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "EventDetails"("publicationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventMail" ADD CONSTRAINT "EventMail_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "EventRegistration"("id") ON DELETE CASCADE ON UPDATE CASCADE;
