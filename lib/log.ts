/**
 * The server's log: one JSON object per line on standard output (pino), with `time`,
 * `level` and `msg`, ready for a log collector. Request lines come from server.ts, with the
 * request's id (`requestId`, also in the X-Request-Id response header); the job workers and
 * the stopping server log here too. LOG_LEVEL sets the level (info by default; silent under
 * the test runner, whose output the lines would bury).
 */
import pino from "pino";

const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
type Level = (typeof LEVELS)[number];

/** LOG_LEVEL as lib/env.ts validates it; read here directly so logging works before and without the rest of the environment. */
function level(): Level {
  const configured = process.env.LOG_LEVEL;
  if (configured && (LEVELS as readonly string[]).includes(configured)) return configured as Level;
  // Under the test runner (not in the servers it starts, which run as production).
  return process.env.NODE_ENV === "test" ? "silent" : "info";
}

export const log = pino({
  level: level(),
  base: { service: "quire" },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});

export type Logger = typeof log;
