# syntax=docker/dockerfile:1
# Sequencer: one image for the app server, the worker and the migration job (DEPLOY.md).
#   docker build -t sequencer .
#   app:     docker run sequencer                       (npm start: standalone Next server, port 3000)
#   worker:  docker run sequencer npm run worker
#   migrate: docker run -e MIGRATION_DATABASE_URL=... sequencer npm run db:migrate

FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY scripts/prisma-generate.mjs scripts/prisma-generate.mjs
COPY prisma prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build

# Runtime: the standalone server plus what the worker and migrations run from source with tsx.
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 SEQUENCER_HOST=0.0.0.0
RUN groupadd --system --gid 1001 sequencer && useradd --system --uid 1001 --gid sequencer --home /app sequencer
COPY --from=build --chown=sequencer:sequencer /app/package.json /app/package-lock.json /app/tsconfig.json /app/prisma.config.ts ./
COPY --from=build --chown=sequencer:sequencer /app/node_modules ./node_modules
COPY --from=build --chown=sequencer:sequencer /app/lib ./lib
COPY --from=build --chown=sequencer:sequencer /app/scripts ./scripts
COPY --from=build --chown=sequencer:sequencer /app/prisma ./prisma
COPY --from=build --chown=sequencer:sequencer /app/public ./public
COPY --from=build --chown=sequencer:sequencer /app/.next/standalone ./.next/standalone
COPY --from=build --chown=sequencer:sequencer /app/.next/static ./.next/static
USER sequencer
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["npm", "start"]
