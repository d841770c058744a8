/**
 * The background jobs this server runs, gathered from the capabilities that declare them,
 * and starting and stopping their workers. Called by instrumentation.ts; like lib/actions, an
 * entry point from the framework into the domain modules.
 */
import "server-only";
import { auditRetentionJob } from "@/lib/auth/jobs";
import { eventStatusJob } from "@/lib/events/jobs";
import { REGISTRATION_JOBS } from "@/lib/events/registration-jobs";
import { scheduledBackupJob } from "@/lib/backup/jobs";
import type { AnyJobDefinition } from "@/lib/jobs/definition";
import { startWorkers, stopJobQueue } from "@/lib/jobs/queue";
import { MAIL_JOBS } from "@/lib/mailings/jobs";
import { makeRenditionsJob, readPdfTextsJob } from "@/lib/media/jobs";
import { publishDueJob, purgeTrashJob } from "@/lib/publications/jobs";
import { signupMailJob, subscriberImportJob } from "@/lib/subscribers/jobs";
import { wordpressImportJob } from "@/lib/wordpress/jobs";

/** Every job this server runs (tests check that each capability's jobs are here). */
export const JOBS: readonly AnyJobDefinition[] = [
  publishDueJob,
  purgeTrashJob,
  ...MAIL_JOBS,
  subscriberImportJob,
  signupMailJob,
  auditRetentionJob,
  eventStatusJob,
  ...REGISTRATION_JOBS,
  scheduledBackupJob,
  wordpressImportJob,
  readPdfTextsJob,
  makeRenditionsJob,
];

export function startAllWorkers(): Promise<void> {
  return startWorkers(JOBS);
}

/** Lets running jobs reach a safe point (up to `timeoutMs`), then stops the workers. */
export function stopAllWorkers(timeoutMs: number): Promise<void> {
  return stopJobQueue(timeoutMs);
}
