# Production image: the site's HTTP server (server.ts, Next.js inside it) on Node 22,
# migrations applied at start. Built and run by docker-compose.yml (PostgreSQL 16 + Mailpit).

FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts/lib/connection-url.ts ./scripts/lib/connection-url.ts
RUN npm ci

FROM deps AS build
WORKDIR /app
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
# The home page is rendered at build time, against a throwaway embedded PostgreSQL (its
# output is never served: the server's cache starts empty). Removed before the next stage.
RUN npm run build && rm -rf .data .next/cache

FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
RUN groupadd --system quire && useradd --system --gid quire --home /app quire
# The build, the server around it and what it loads at run time (next.config.js, the cache
# handler and the modules server.ts imports from lib/), and what migrations, the seed and
# the CLI need at start (tsx, Prisma CLI, scripts).
COPY --from=build --chown=quire:quire /app/.next ./.next
COPY --from=build --chown=quire:quire /app/public ./public
COPY --from=build --chown=quire:quire /app/node_modules ./node_modules
COPY --from=build --chown=quire:quire /app/prisma ./prisma
COPY --from=build --chown=quire:quire /app/server.ts /app/next.config.js /app/prisma.config.ts /app/package.json /app/tsconfig.json ./
COPY --from=build --chown=quire:quire /app/scripts ./scripts
COPY --from=build --chown=quire:quire /app/lib ./lib
RUN mkdir -p /app/.data && chown quire:quire /app/.data
USER quire
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# Apply pending migrations, create the first admin (and the demo archive when
# QUIRE_DEMO_CONTENT=true and the database is empty), then serve. The server is PID 1
# (exec): `docker stop` sends it SIGTERM, and it stops gracefully within
# QUIRE_SHUTDOWN_SECONDS (compose gives it stop_grace_period to do so).
CMD ["sh", "-c", "if [ \"$QUIRE_DEMO_CONTENT\" = true ]; then npx tsx scripts/seed.ts --only-if-empty; else npx tsx scripts/seed.ts --admin-only; fi && exec node --import tsx server.ts --port \"$PORT\""]
