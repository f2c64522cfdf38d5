# syntax=docker/dockerfile:1
# Sign-in Helpdesk bot: compiled JavaScript and production dependencies on Node 20, as the
# `node` user. Settings come from the environment (.env.example, docs/admin-guide.md).

# 1. Compile TypeScript with the full toolchain.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bot ./bot
COPY cards ./cards
COPY src ./src
RUN npm run build

# 2. Production dependencies only (no TypeScript, no tsx, no test tools).
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund

# 3. The runtime image.
FROM node:20-bookworm-slim
# LOCAL_DATA_DIR: the one folder the process writes (remediation's outbox), in its home.
# NODE_OPTIONS: young-generation semi-spaces of up to 32 MB (V8's default is 16): a turn's
# short-lived objects die young instead of being copied twice and promoted, which halves the
# scavenges a turn and keeps full collections out of the latency tail (docs/turn-throughput.md);
# about 32 MB more heap at most. bench:load gives both of its bots these same options.
ENV NODE_ENV=production \
    PORT=3978 \
    LOCAL_DATA_DIR=/home/node/helpdesk-data \
    NODE_OPTIONS=--max-semi-space-size=32
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/lib ./lib
COPY --chown=root:root package.json ./
# Files are root-owned and read-only to the process; it runs as the unprivileged `node` user.
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "lib/bot/main.js"]
