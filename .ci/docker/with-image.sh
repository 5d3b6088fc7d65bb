#!/usr/bin/env bash
# Runs a command with smsim's image built and a Docker engine to run it, here and in CI:
#
#   bash .ci/docker/with-image.sh npx vitest run --project container   # npm run test:containers
#   bash .ci/docker/with-image.sh npm test                              # what .ci/run does
#
# Starts the private engine (engine.sh) unless one already answers on its socket, provides the
# stand-in base image (base-image.sh: no registry is reachable here), builds the Dockerfile
# unchanged as smsim/smsim:<version> (the name the testcontainers module starts by default), runs
# the command with DOCKER_HOST set, and stops the engine again if it started it.
#
# For the command: SMSIM_CONTAINER_TESTS=1 (the container tests must run: no skipping for want of
# Docker) and TESTCONTAINERS_RYUK_DISABLED=true (testcontainers' reaper is an image of its own,
# which no registry here can give; each test stops what it starts, and the engine goes at the end)
# and TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 (the tests publish ports on loopback only, where
# testcontainers, believing itself in a container here, would look at the bridge's gateway).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/lib.sh"

(($#)) || die "usage: with-image.sh <command> [args…]"
sock=${SMSIM_DOCKER_DIR:-/tmp/smsim-docker}/docker.sock
version=$(node -p "require('$repo/package.json').version")
image=smsim/smsim:$version

engine_ours=''
finish() {
  local status=$?
  [[ -z $engine_ours ]] || bash "$here/engine.sh" stop || true
  exit "$status"
}
trap finish EXIT

docker -H "unix://$sock" info >/dev/null 2>&1 || engine_ours=1
eval "$(bash "$here/engine.sh" start)"
bash "$here/base-image.sh"

began=$(now_us)
build_log=${TMPDIR:-/tmp}/smsim-docker-build.log
docker build --network host -t "$image" "$repo" >"$build_log" 2>&1 || {
  tail -n 40 "$build_log" >&2
  die "docker build failed (whole log: $build_log)"
}
say "built $image in $(since "$began") s ($(docker image inspect -f '{{.Size}}' "$image") bytes)"

SMSIM_CONTAINER_TESTS=1 TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 \
  SMSIM_IMAGE=$image "$@"
