/**
 * Runs once when a server starts: the web server also runs the background job workers
 * (scheduled publishing, digests, alerts, imports), so one `npm start` is the whole site.
 * Set QUIRE_WORKERS=off on extra web servers that should only serve pages.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { env } = await import("@/lib/env");
  if (env.QUIRE_WORKERS === "off") return;
  const { startAllWorkers } = await import("@/lib/workers");
  await startAllWorkers().catch((error: unknown) => console.error("[jobs] workers did not start:", error));
}
