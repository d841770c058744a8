/**
 * Runs once when a server starts: registers the route handlers server.ts calls without
 * Next.js's request pipeline (lib/http/direct-routes.mjs). The web server also runs the background job workers
 * (scheduled publishing, digests, alerts, imports), so one `npm start` is the whole site.
 * Set QUIRE_WORKERS=off on extra web servers that should only serve pages. When the
 * server is asked to stop (server.ts), running jobs finish or reach a safe point first.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { db, closeUnflushedPool } = await import("@/lib/db");
  const { env } = await import("@/lib/env");
  // The signup endpoint takes floods from forms on other sites: server.ts calls it directly.
  const { registerDirectRoute } = await import("@/lib/http/direct-routes.mjs");
  const subscribe = await import("@/app/api/subscribe/route");
  registerDirectRoute("POST", "/api/subscribe", subscribe.POST);
  // Old WordPress addresses of an imported site: server.ts answers them with their redirect.
  const { registerLegacyRedirectLookup } = await import("@/lib/http/legacy-redirects.mjs");
  const { findLegacyRedirect } = await import("@/lib/data/legacy-redirects");
  registerLegacyRedirectLookup(findLegacyRedirect);
  // Searches are counted, and repeated results pages sent to the page cache, by server.ts.
  const { registerSearchRouter } = await import("@/lib/http/search-requests.mjs");
  const { createSearchRouter } = await import("@/lib/search/requests");
  const { flushSearchLog, setSearchLogDatabase } = await import("@/lib/search/search-log");
  const { onShutdown } = await import("@/lib/shutdown");
  registerSearchRouter(createSearchRouter({ cacheResults: env.SEARCH_RESULT_CACHE === "on" }));
  setSearchLogDatabase(db);
  onShutdown("search statistics", () => flushSearchLog({ all: true }));
  // Dates are shown in the site's time zone (SITE_TIME_ZONE, or the one chosen on /admin/settings).
  const { loadSiteTimeZone } = await import("@/lib/data/site-settings");
  const { setSiteTimeZone } = await import("@/lib/format/dates");
  setSiteTimeZone(await loadSiteTimeZone(db).catch(() => env.SITE_TIME_ZONE));
  const { closeRateLimitStore } = await import("@/lib/http/rate-limit");
  onShutdown("rate-limit store", closeRateLimitStore, "closing");
  onShutdown("signup database pool", closeUnflushedPool, "closing");
  if (env.QUIRE_WORKERS === "off") return;
  const { startAllWorkers, stopAllWorkers } = await import("@/lib/workers");
  // Leave a second of the server's budget for closing the queue's connections.
  onShutdown("job workers", ({ timeoutMs }) => stopAllWorkers(Math.max(1000, timeoutMs - 1000)));
  const { log } = await import("@/lib/log");
  await startAllWorkers().catch((error: unknown) => log.error({ err: error }, "The job workers did not start"));
}
