/**
 * The background job queue: pg-boss on the site's own PostgreSQL (schema "pgboss"), so
 * jobs survive restarts and a killed process's jobs are retried once they expire.
 * The web server runs the workers (lib/workers.ts, from instrumentation.ts); anything may
 * enqueue. This file knows no job: each capability declares its own (lib/jobs/definition.ts).
 */
import "server-only";
import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import type { AnyJobDefinition, EnqueueOptions, JobDefinition } from "./definition";
import { log } from "@/lib/log";

const globalForJobs = globalThis as {
  quireJobQueue?: Promise<PgBoss>;
  quireJobWorkers?: Promise<void>;
  quireJobQueues?: Map<string, Promise<void>>;
  /** Aborted when the workers are asked to stop: running jobs end at their next safe point. */
  quireJobsStopping?: AbortController;
};

function createBoss(): Promise<PgBoss> {
  const boss = new PgBoss({
    // A session of its own (advisory locks, LISTEN): never through a transaction-mode PgBouncer.
    connectionString: env.DIRECT_DATABASE_URL ?? env.DATABASE_URL,
    schema: "pgboss",
    max: 4,
    application_name: "quire-jobs",
  });
  boss.on("error", (error) => log.error({ err: error }, "Job queue error"));
  return boss.start();
}

/** The job's queue, created once per process (pg-boss keeps it across restarts). */
async function ensureQueue(boss: PgBoss, job: AnyJobDefinition): Promise<void> {
  const queues = (globalForJobs.quireJobQueues ??= new Map());
  let created = queues.get(job.name);
  if (!created) {
    created = createQueueOnce(boss, job).catch((error: unknown) => {
      queues.delete(job.name);
      throw error;
    });
    queues.set(job.name, created);
  }
  await created;
}

/**
 * Creates the queue unless it exists. Several servers starting at once on a new database
 * create the same queues together, and PostgreSQL may end one of them as a deadlock: the
 * other has then created it, so it is tried again.
 */
async function createQueueOnce(boss: PgBoss, job: AnyJobDefinition): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await boss.createQueue(job.name, {
        name: job.name,
        retryLimit: job.retryLimit,
        retryDelay: job.retryDelaySeconds,
        retryBackoff: true,
        policy: job.onePending ? "short" : "standard",
      });
    } catch (error) {
      if ((error as { code?: string }).code !== "40P01" || attempt >= 5) throw error;
    }
  }
}

/** The process's queue connection, started once. */
function jobQueue(): Promise<PgBoss> {
  globalForJobs.quireJobQueue ??= createBoss().catch((error: unknown) => {
    globalForJobs.quireJobQueue = undefined;
    throw error;
  });
  return globalForJobs.quireJobQueue;
}

export async function enqueue<Payload>(
  job: JobDefinition<Payload>,
  payload: Payload,
  options: EnqueueOptions = {},
): Promise<string | null> {
  const boss = await jobQueue();
  await ensureQueue(boss, job);
  return boss.send(job.name, job.payload.parse(payload) as object, {
    retryLimit: job.retryLimit,
    retryDelay: job.retryDelaySeconds,
    retryBackoff: true,
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
  });
}

function stopping(): AbortController {
  return (globalForJobs.quireJobsStopping ??= new AbortController());
}

/** Whether this process has started its workers (instrumentation.ts, unless QUIRE_WORKERS=off). */
export function workersStarted(): boolean {
  return globalForJobs.quireJobWorkers !== undefined;
}

/** Starts a worker for each of `jobs` (and their cron schedules) in this process; idempotent. */
export function startWorkers(jobs: readonly AnyJobDefinition[]): Promise<void> {
  globalForJobs.quireJobWorkers ??= (async () => {
    const boss = await jobQueue();
    for (const job of jobs) {
      await ensureQueue(boss, job);
      const concurrency = job.concurrency ?? 1;
      for (let worker = 0; worker < concurrency; worker++) {
        await boss.work(job.name, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([queued]) => {
          if (!queued) return;
          const parsed = job.payload.safeParse(queued.data ?? {});
          // A payload that no longer validates would fail forever: drop it, loudly.
          if (!parsed.success) {
            log.error({ job: job.name, jobId: queued.id, issues: parsed.error.issues }, "Invalid job payload dropped");
            return;
          }
          const started = performance.now();
          try {
            await job.run(parsed.data, { enqueue, signal: stopping().signal });
            log.debug(
              { job: job.name, jobId: queued.id, durationMs: Math.round(performance.now() - started) },
              "Job done",
            );
          } catch (error) {
            // pg-boss retries it (retryLimit); the failure is logged each time.
            log.error(
              { err: error, job: job.name, jobId: queued.id, durationMs: Math.round(performance.now() - started) },
              "Job failed",
            );
            throw error;
          }
        });
      }
      if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
    }
  })();
  return globalForJobs.quireJobWorkers;
}

/**
 * Stops this process's workers and its queue connection: no job starts any more, running
 * jobs are told to stop (their context's signal) and waited for up to `timeoutMs`; a job
 * still running then is marked failed, so pg-boss retries it later (every job is safe to
 * run again). Resolves once stopped.
 */
export async function stopJobQueue(timeoutMs = 10_000): Promise<void> {
  const started = globalForJobs.quireJobQueue;
  globalForJobs.quireJobsStopping?.abort();
  try {
    // Running jobs may still enqueue their follow-ups while they finish: the queue stays
    // this process's until it has stopped.
    if (started) await (await started).stop({ graceful: true, wait: true, timeout: timeoutMs });
  } finally {
    if (globalForJobs.quireJobQueue === started) {
      globalForJobs.quireJobQueue = undefined;
      globalForJobs.quireJobWorkers = undefined;
      globalForJobs.quireJobQueues = undefined;
      globalForJobs.quireJobsStopping = undefined;
    }
  }
}
