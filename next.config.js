import { fileURLToPath } from "node:url";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The Docker image runs a self-contained server (see Dockerfile); `npm start` uses `next start`.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  poweredByHeader: false,
  reactStrictMode: true,
  // Loaded by Node at run time rather than bundled: native bindings and the database driver.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg"],
  // Rendered pages and cached data live in each server's memory (see the handler for why).
  cacheHandler: fileURLToPath(new URL("./lib/cache/memory-cache-handler.mjs", import.meta.url)),
  cacheMaxMemorySize: 0,
  // forbidden(): a signed-in user without the role gets HTTP 403 and app/forbidden.tsx.
  experimental: { authInterrupts: true },
};

export default nextConfig;
