# syntax=docker/dockerfile:1
# Temahub server image. Build: docker build -t temahub .
# Run alone (embedded database in the /data volume):  docker run -p 4000:4000 -v temahub-data:/data temahub
# Run with PostgreSQL and Redis: docker compose up (see docker-compose.yml).

ARG NODE_IMAGE=node:20-slim

# ---- build: all dependencies, compile TypeScript, then drop the development dependencies
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
# The manifests first, so that the dependency layer is reused while only sources change.
# clients/ holds the npm workspaces the lock file names.
COPY package.json package-lock.json ./
COPY clients ./clients
# npm runs it after installing (postinstall): a patch to Apollo Server, see the script.
COPY scripts/patch-dependencies.mjs ./scripts/
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY server ./server
COPY migrations ./migrations
# build:clients also builds the faces (embed, dashboard, explorer) that the server serves from clients/*/dist.
RUN npm run build && npm run build:clients && npm prune --omit=dev

# ---- runtime: production dependencies and compiled JavaScript only, as an unprivileged user
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=4000 \
    HOST=0.0.0.0 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
# A new embedded database starts from this dump instead of running initdb (see server/src/db/embedded-template.ts).
COPY --from=build --chown=root:root /app/migrations/embedded-template.tar.gz ./migrations/embedded-template.tar.gz
# The client packages: their persisted-operation manifests (clients/*/src/__generated__/) are the
# safelist for PERSISTED_OPERATIONS=safelist, and the workspace links in node_modules point here.
COPY --from=build --chown=root:root /app/clients ./clients
# The embedded database (used when DATABASE_URL is unset) lives in /data, writable by the app user only.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 4000
# Liveness only (/healthz); /readyz also checks the database and suits a load balancer.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1 and handles SIGTERM itself: in-flight requests finish, then the database closes.
STOPSIGNAL SIGTERM
CMD ["node", "dist/server/src/main.js"]
