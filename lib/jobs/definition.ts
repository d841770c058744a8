/**
 * What a background job is: a queue name, how its payload is validated, how it is
 * retried, and the function that does the work. Each capability declares its jobs in its
 * own file (lib/workers.ts lists them); the queue itself is pg-boss (lib/jobs/queue.ts).
 */
import type { z } from "zod";

export type JobContext = {
  /** Enqueue a follow-up job from inside a handler. */
  enqueue: <Payload>(job: JobDefinition<Payload>, payload: Payload, options?: EnqueueOptions) => Promise<string | null>;
  /**
   * Aborted when the server is stopping: a long job ends at its next safe point (between
   * two messages, two rows) and queues what remains, rather than being cut off.
   */
  signal: AbortSignal;
};

export type EnqueueOptions = {
  /** Run no earlier than this. */
  startAfter?: Date;
  /** At most one queued job with this key at a time (pg-boss singletonKey). */
  singletonKey?: string;
};

export type JobDefinition<Payload> = {
  name: string;
  payload: z.ZodType<Payload>;
  /** Attempts after the first failure; waits grow exponentially from retryDelaySeconds. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** How many jobs of this queue one process runs at once. */
  concurrency?: number;
  /**
   * At most one job waiting per singletonKey (pg-boss's "short" queue policy), however often
   * it is enqueued: for a job that works through a table, where one more run covers any
   * number of new rows. One may be running meanwhile.
   */
  onePending?: boolean;
  /** Cron expression (UTC) when the job also runs on a schedule, with an empty payload. */
  cron?: string;
  run: (payload: Payload, context: JobContext) => Promise<void>;
};

/** Any job, whatever its payload: what lib/workers.ts and the queue hold. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payload types differ per job; each validates its own
export type AnyJobDefinition = JobDefinition<any>;

export function defineJob<Payload>(definition: JobDefinition<Payload>): JobDefinition<Payload> {
  return definition;
}
