/**
 * The server's log: one JSON object per line on standard output (pino), with `time`,
 * `level` and `msg`, ready for a log collector. Request lines come from server.ts, with the
 * request's id (`requestId`, also in the X-Request-Id response header); the job workers, the
 * page cache handlers, search and the stopping server log here too. LOG_LEVEL sets the
 * level (info by default; silent under the test runner, whose output the lines would bury).
 *
 * Plain JavaScript so that what Node loads outside the Next.js bundle and without a
 * TypeScript loader (the cache handlers, lib/http/*.mjs) logs the same way; TypeScript
 * imports it through lib/log.ts.
 */
import pino from "pino";

const LEVELS = /** @type {const} */ (["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/**
 * LOG_LEVEL as lib/env.ts validates it; read here directly so logging works before and
 * without the rest of the environment.
 * @returns {(typeof LEVELS)[number]}
 */
function level() {
  const configured = process.env.LOG_LEVEL;
  const known = LEVELS.find((name) => name === configured);
  if (known) return known;
  // Under the test runner (not in the servers it starts, which run as production).
  return process.env.NODE_ENV === "test" ? "silent" : "info";
}

/**
 * pino's error serializer, less the database client node-postgres hangs on the errors it
 * emits: a whole connection's state (its address, user and cancel key) in every such line.
 * @param {Error} error
 */
export function serializeError(error) {
  const serialized = pino.stdSerializers.err(error);
  delete serialized.client;
  return serialized;
}

export const log = pino({
  level: level(),
  base: { service: "quire" },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  serializers: { err: serializeError },
});
