# Production image: `next build` standalone output on Node 22, migrations applied at start.
# Built and run by docker-compose.yml (PostgreSQL 16 + Mailpit beside it).

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
ENV NEXT_TELEMETRY_DISABLED=1 NEXT_OUTPUT=standalone
# The home page is rendered at build time, against a throwaway embedded PostgreSQL (its
# output is never served: the server's cache starts empty). Removed before the next stage.
RUN npm run build && rm -rf .data

FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
RUN groupadd --system quire && useradd --system --gid quire --home /app quire
# The standalone server and its static assets.
COPY --from=build --chown=quire:quire /app/.next/standalone ./
COPY --from=build --chown=quire:quire /app/.next/static ./.next/static
COPY --from=build --chown=quire:quire /app/public ./public
# What migrations, the seed and the CLI need at start (tsx, Prisma CLI, scripts).
COPY --from=build --chown=quire:quire /app/node_modules ./node_modules
COPY --from=build --chown=quire:quire /app/prisma ./prisma
COPY --from=build --chown=quire:quire /app/prisma.config.ts /app/package.json /app/tsconfig.json ./
COPY --from=build --chown=quire:quire /app/scripts ./scripts
COPY --from=build --chown=quire:quire /app/lib ./lib
RUN mkdir -p /app/.data && chown quire:quire /app/.data
USER quire
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# Apply pending migrations, create the first admin (and the demo archive when
# QUIRE_DEMO_CONTENT=true and the database is empty), then serve.
CMD ["sh", "-c", "if [ \"$QUIRE_DEMO_CONTENT\" = true ]; then npx tsx scripts/seed.ts --only-if-empty; else npx tsx scripts/seed.ts --admin-only; fi && exec node server.js"]
