# smsim as a container: every simulated provider on HTTP (8780) and SMTP (2525), with the control
# API under /_smsim/; HTTPS on 8443 with SMSIM_TLS; the state kept in /data with SMSIM_DATA_DIR.
#
#   docker build -t smsim/smsim:0.1.0 .
#   docker run --rm -p 127.0.0.1:8780:8780 -p 127.0.0.1:2525:2525 smsim/smsim:0.1.0
#   docker run --rm -p 127.0.0.1:8780:8780 -v smsim-data:/data -e SMSIM_DATA_DIR=/data smsim/smsim:0.1.0
#   docker run --rm smsim/smsim:0.1.0 conformance --help
#
# docs/containers.md: the environment variables, docker compose, testcontainers.
#
# The image runs what `npm pack` makes, installed as a user would install it (the same dist/, the
# same production dependencies), less the files Node never loads, and nothing of the repository.

# --- build: compile the TypeScript and pack the package --------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /src
# The lock file alone decides the dependencies: this layer is rebuilt only when it changes. No
# install scripts: compiling and packing need no native module (better-sqlite3 is compiled once, in
# the install stage), and esbuild finds its binary in its platform package without its own.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
# prepack runs `npm run build` (bin/build.ts: tsc and esbuild into dist/); the tarball is
# smsim-<version>.tgz.
RUN npm pack

# --- install: the tarball as a user installs it, production dependencies only ----------------------
FROM node:20-bookworm-slim AS install
# better-sqlite3 (the store of --data-dir) is a native module. Its install script fetches a
# prebuilt binary from GitHub and, when it cannot, compiles one with node-gyp, which needs Python,
# make and a C++ compiler (installed here, in this stage only: the final image has none of them)
# and Node's headers, which the base image has in /usr/local/include/node: npm_config_nodedir
# points node-gyp there so that it downloads nothing.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local
WORKDIR /opt/smsim
COPY --from=build /src/smsim-*.tgz /tmp/
# Installed as the dependency of a minimal project. Then what Node never loads goes: source maps,
# type declarations, TypeScript sources and Markdown documents (a third of the dependencies'
# weight), and better-sqlite3's C sources and compiler output but the module itself
# (build/Release/better_sqlite3.node, where it looks). Licences stay, and no JavaScript or data
# file is touched. The module must load: `require` checks it here. The npm cache stays behind in
# this stage.
RUN echo '{"name":"smsim-image","private":true}' >package.json \
  && npm install --omit=dev --no-audit --no-fund /tmp/smsim-*.tgz \
  && find node_modules -type f \( -name '*.map' -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' \
    -o -name '*.md' -o -name '*.markdown' \) -delete \
  && (cd node_modules/better-sqlite3 && mv build/Release/better_sqlite3.node /tmp/ \
    && rm -rf build deps src && mkdir -p build/Release && mv /tmp/better_sqlite3.node build/Release/) \
  && node -e "new (require('better-sqlite3'))(':memory:').close()" \
  && mkdir bin && ln -s ../node_modules/smsim/bin/smsim.js bin/smsim

# --- run ---------------------------------------------------------------------------------------------
FROM node:20-bookworm-slim
# Owned by root: the node user runs smsim and cannot change it.
COPY --from=install /opt/smsim /opt/smsim
# `docker exec <container> smsim …` finds the command (and no other of the dependencies' commands).
ENV PATH=/opt/smsim/bin:$PATH

# Outside a container smsim listens on 127.0.0.1; here loopback alone would be unreachable through
# the published ports. Every option of `smsim start` has its variable (README, "`smsim start`").
ENV SMSIM_HOST=0.0.0.0

# The state: `--data-dir` (SMSIM_DATA_DIR) and the local CA of `--tls` (SMSIM_TLS_DIR) go to
# /data, which the node user owns, so that one volume keeps both. The state stays in memory unless
# SMSIM_DATA_DIR=/data is set, as outside a container; no VOLUME either (it would make an anonymous
# volume on every run): mount one, `-v smsim-data:/data -e SMSIM_DATA_DIR=/data` (ADR 017).
RUN mkdir /data && chown node:node /data
ENV SMSIM_TLS_DIR=/data/tls

USER node
# A directory the node user may write to: `smsim conformance` writes its reports into ./reports.
WORKDIR /home/node

# HTTP, SMTP, and HTTPS once SMSIM_TLS is set.
EXPOSE 8780 2525 8443

# Node itself asks, as curl is not in the image, on SMSIM_HTTP_PORT when it is set (a container
# started with `--http-port` on the command line instead needs its own --health-cmd). Every 5 s, so that "healthy" follows
# a start closely (dockerd before 25 has no --start-interval).
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.SMSIM_HTTP_PORT || 8780) + '/_smsim/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Node is PID 1 (exec form, no shell in between): `docker stop`'s SIGTERM reaches smsim, whose
# `start` closes its servers and exits 0 on SIGTERM and SIGINT. Works with or without `--init`.
ENTRYPOINT ["node", "/opt/smsim/node_modules/smsim/bin/smsim.js"]
CMD ["start"]
