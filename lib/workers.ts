/**
 * The background jobs this server runs, gathered from the capabilities that declare them,
 * and starting their workers. Called once by instrumentation.ts; like lib/actions, an
 * entry point from the framework into the domain modules.
 */
import "server-only";
import type { AnyJobDefinition } from "@/lib/jobs/definition";
import { startWorkers } from "@/lib/jobs/queue";
import { MAIL_JOBS } from "@/lib/mailings/jobs";
import { publishDueJob, purgeTrashJob } from "@/lib/publications/jobs";
import { signupMailJob, subscriberImportJob } from "@/lib/subscribers/jobs";

const JOBS: readonly AnyJobDefinition[] = [
  publishDueJob,
  purgeTrashJob,
  ...MAIL_JOBS,
  subscriberImportJob,
  signupMailJob,
];

export function startAllWorkers(): Promise<void> {
  return startWorkers(JOBS);
}
