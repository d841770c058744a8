/**
 * Preloaded into a test or benchmark server (`node --import`, see next-server.ts): answers
 * questions over the IPC channel the server was spawned with: what the page cache holds
 * (it imports the cache handler by the same file URL Next.js does, so it reads the very
 * cache the server fills), and how much memory the process uses (after a full garbage
 * collection when the server runs with --expose-gc). Nothing here is reachable over HTTP.
 */
const HANDLER = new URL("../../lib/cache/memory-cache-handler.mjs", import.meta.url).href;

process.on("message", async (message) => {
  if (message?.type === "quire:page-cache") {
    const { pageCacheStats } = await import(HANDLER);
    process.send?.({ type: message.type, id: message.id, stats: pageCacheStats() });
  } else if (message?.type === "quire:memory") {
    globalThis.gc?.();
    process.send?.({ type: message.type, id: message.id, stats: process.memoryUsage() });
  }
});
