/** Background jobs of event registration (lib/workers.ts lists them). */
import "server-only";
import { eventMailJob } from "./registration-mail";
import { eventNoticesJob } from "./registration-notices";
import { registrationRetentionJob } from "./registration-retention";

export const REGISTRATION_JOBS = [eventMailJob, eventNoticesJob, registrationRetentionJob] as const;
