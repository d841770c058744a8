/** Every background job the site runs, gathered from the capabilities that declare them. */
import type { AnyJobDefinition } from "./definition";
import { MAIL_JOBS } from "@/lib/mailings/jobs";
import { publishDueJob, purgeTrashJob } from "@/lib/publications/jobs";
import { subscriberImportJob } from "@/lib/subscribers/jobs";

export const JOBS: readonly AnyJobDefinition[] = [publishDueJob, purgeTrashJob, ...MAIL_JOBS, subscriberImportJob];
