# syntax=docker/dockerfile:1.7
# Production image: the site's HTTP server (server.ts, Next.js inside it) on Node 22.
# Built and run by docker-compose.yml (README, "Deploying").
#
# Build arguments and secrets, the same for every replica of one release:
#   NEXT_DEPLOYMENT_ID                   (build argument) the release's id; Next.js tags its
#                                        assets and client requests with it
#   NEXT_SERVER_ACTIONS_ENCRYPTION_KEY   (build secret "actions_key") the server actions'
#                                        key, baked into the build, kept out of the layers

ARG NODE_IMAGE=node:22.12.0-bookworm-slim

# Everything, dev dependencies included: what the build needs.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts/lib/connection-url.ts ./scripts/lib/connection-url.ts
RUN npm ci --no-audit --no-fund

FROM deps AS build
WORKDIR /app
COPY . .
ARG NEXT_DEPLOYMENT_ID
ENV NEXT_TELEMETRY_DISABLED=1 NEXT_DEPLOYMENT_ID=${NEXT_DEPLOYMENT_ID}
# The home page is rendered at build time, against a throwaway embedded PostgreSQL (its
# output is never served: the server's cache starts empty). Removed before the next stage.
RUN --mount=type=secret,id=actions_key,required=true \
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY="$(cat /run/secrets/actions_key)" npm run build \
    && rm -rf .data .next/cache

# Production dependencies only. What runs at run time is all in `dependencies`: next, pino
# and pg (imported by the server's bundle, which `npm run build` wrote to .next/), tsx (the
# scripts are TypeScript, run by `node --import tsx`), the Prisma CLI (the migration job). `postinstall` regenerates the Prisma client into lib/generated.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts/lib/connection-url.ts ./scripts/lib/connection-url.ts
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ARG NEXT_DEPLOYMENT_ID
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 NEXT_DEPLOYMENT_ID=${NEXT_DEPLOYMENT_ID}
RUN groupadd --system quire && useradd --system --gid quire --home /app quire
# The build and the server around it (.next/quire-server.mjs: server.ts and the lib/ modules
# it imports, bundled), what they load at run time (next.config.js, the cache handler), and what the migration job, the seed
# and the CLI need (scripts).
COPY --from=prod-deps --chown=quire:quire /app/node_modules ./node_modules
COPY --from=build --chown=quire:quire /app/.next ./.next
COPY --from=build --chown=quire:quire /app/public ./public
COPY --from=build --chown=quire:quire /app/prisma ./prisma
COPY --from=build --chown=quire:quire /app/server.ts /app/next.config.js /app/prisma.config.ts /app/package.json /app/tsconfig.json ./
COPY --from=build --chown=quire:quire /app/scripts ./scripts
COPY --from=build --chown=quire:quire /app/lib ./lib
RUN mkdir -p /app/.data && chown quire:quire /app/.data
USER quire
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# The server is PID 1 (exec): `docker stop` sends it SIGTERM, and it stops gracefully within
# QUIRE_SHUTDOWN_SECONDS (compose gives it stop_grace_period to do so). Migrations and the
# first admin are the compose file's one-off `migrate` job, run before any server starts.
CMD ["sh", "-c", "exec node .next/quire-server.mjs --port \"$PORT\""]
