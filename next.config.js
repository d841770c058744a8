import { fileURLToPath } from "node:url";
import { FILTER_KEYS } from "./lib/validations/archive-filters.mjs";

/** The archive's filters as rewrite conditions; see proxy.ts. */
const ARCHIVE_FILTERS = FILTER_KEYS.map((key) => ({ type: "query", key }));

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Hashing each cached page for its ETag on every request costs about 0.8 ms for 80 KB on
  // this machine, a large share of serving it from memory; pages say how long they stay
  // fresh (Cache-Control), and a CDN in front makes its own validators.
  generateEtags: false,
  reactStrictMode: true,
  // Loaded by Node at run time rather than bundled: native bindings and the database driver.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "ioredis"],
  // Rendered pages and cached data: in each server's memory, or in Redis with REDIS_URL
  // (see the handlers for why).
  cacheHandler: fileURLToPath(new URL("./lib/cache/cache-handler.mjs", import.meta.url)),
  cacheMaxMemorySize: 0,
  // The archive's commonest addresses go to its cached view without running proxy.ts:
  // no filters, or only a page number (2 to 99,999; written as archiveQueryKey writes it).
  async rewrites() {
    return {
      beforeFiles: [
        {
          source: "/publications",
          missing: [...ARCHIVE_FILTERS, { type: "query", key: "page" }],
          destination: "/publications/view/all",
        },
        {
          source: "/publications",
          has: [{ type: "query", key: "page", value: "(?<page>[2-9]|[1-9][0-9]{1,4})" }],
          missing: ARCHIVE_FILTERS,
          destination: "/publications/view/page%3D:page",
        },
        // The experts directory without filters or a name search: its cached view (see proxy.ts).
        {
          source: "/experts",
          missing: ["topic", "language", "q"].map((key) => ({ type: "query", key })),
          destination: "/experts/view/all",
        },
        // /events the same way (pages/events/view/[query].tsx), never prerendered at build
        // time; with filters, proxy.ts rewrites it.
        {
          source: "/events",
          missing: [
            { type: "query", key: "topic" },
            { type: "query", key: "year" },
            { type: "query", key: "page" },
          ],
          destination: "/events/view/all",
        },
      ],
      afterFiles: [],
      fallback: [],
    };
  },
  // forbidden(): a signed-in user without the role gets HTTP 403 and app/forbidden.tsx.
  experimental: { authInterrupts: true },
};

export default nextConfig;
