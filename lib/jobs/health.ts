/**
 * The job queue's state for /api/health's details: whether this process runs workers, and
 * pg-boss's jobs as the database holds them (due and waiting, scheduled, running, failed in
 * the last day, and how long the oldest due job has waited: a growing figure means no
 * worker is taking jobs).
 */
import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { workersStarted } from "./queue";

export type JobQueueHealth = {
  status: "ok" | "unavailable";
  /** QUIRE_WORKERS, and whether this process has started them. */
  workers: "on" | "off" | "starting";
  due?: number;
  scheduled?: number;
  active?: number;
  failedLastDay?: number;
  oldestDueSeconds?: number | null;
  error?: string;
};

type Counts = {
  due: number;
  scheduled: number;
  active: number;
  failedLastDay: number;
  oldestDueSeconds: number | null;
};

export async function jobQueueHealth(): Promise<JobQueueHealth> {
  const workers = env.QUIRE_WORKERS === "off" ? "off" : workersStarted() ? "on" : "starting";
  try {
    const [counts] = await db.$queryRaw<Counts[]>`
      SELECT
        count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now())::int AS due,
        count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after > now())::int AS scheduled,
        count(*) FILTER (WHERE state = 'active')::int AS active,
        count(*) FILTER (WHERE state = 'failed' AND completed_on > now() - interval '1 day')::int AS "failedLastDay",
        round(EXTRACT(epoch FROM now() - min(start_after) FILTER (
          WHERE state IN ('created', 'retry') AND start_after <= now())))::float8 AS "oldestDueSeconds"
      FROM pgboss.job
      WHERE state IN ('created', 'retry', 'active', 'failed')`;
    return { status: "ok", workers, ...counts! };
  } catch (error) {
    // No pgboss schema yet: no worker has ever started against this database.
    if (/relation "pgboss\.job" does not exist|42P01/.test(String((error as Error).message)))
      return { status: "ok", workers, due: 0, scheduled: 0, active: 0, failedLastDay: 0, oldestDueSeconds: null };
    return { status: "unavailable", workers, error: (error as Error).message.slice(0, 200) };
  }
}
