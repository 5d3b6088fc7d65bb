#!/usr/bin/env bash
# The image, tested for real: an engine (engine.sh), the base image (base-image.sh), `docker build`
# of the repository's Dockerfile, then a container reached through its published ports as a user
# reaches it: health, an SMStoB send over HTTP, one over SMTP, Docker's own health status, and a
# `docker stop` that smsim must answer itself (exit 0, not the SIGKILL that follows 10 s later).
# Prints what it measured: engine start, base image, build, run → health, run → healthy, stop,
# image size.
#
#   bash .ci/docker/smoke.sh
#
# Settings (environment), besides engine.sh's and base-image.sh's:
#   SMSIM_IMAGE   the tag to build (default smsim:dev)
# An engine that already answers in SMSIM_DOCKER_DIR is used and left running; one this script
# started is stopped at the end, pass or fail.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

image=${SMSIM_IMAGE:-smsim:dev}
sock=${SMSIM_DOCKER_DIR:-/tmp/smsim-docker}/docker.sock
wait_limit=60 # seconds for the container to answer and to be healthy

command -v curl >/dev/null 2>&1 || die "curl is needed"

container=''
engine_ours=''
finish() {
  local status=$?
  if [[ -n $container ]]; then
    if ((status != 0)); then
      say "container logs:"
      docker logs "$container" 2>&1 | tail -n 40 >&2 || true
    fi
    docker rm -f "$container" >/dev/null 2>&1 || true
  fi
  if [[ -n $engine_ours ]]; then
    bash "$here/engine.sh" stop || true
  fi
  ((status == 0)) || say "FAILED"
  exit "$status"
}
trap finish EXIT

# --- engine -------------------------------------------------------------------------------------
began=$(now_us)
if ! docker -H "unix://$sock" info >/dev/null 2>&1; then
  engine_ours=1
fi
eval "$(bash "$here/engine.sh" start)"
t_engine=$(since "$began")

# --- images -------------------------------------------------------------------------------------
began=$(now_us)
bash "$here/base-image.sh"
t_base=$(since "$began")

began=$(now_us)
# --network host: the bridge has no route out (engine.sh), and `npm ci` needs the registry.
docker build --network host -t "$image" "$repo" >"${TMPDIR:-/tmp}/smsim-docker-build.log" 2>&1 || {
  tail -n 40 "${TMPDIR:-/tmp}/smsim-docker-build.log" >&2
  die "docker build failed"
}
t_build=$(since "$began")
size=$(docker image inspect -f '{{.Size}}' "$image")

# --- run ----------------------------------------------------------------------------------------
began=$(now_us)
# Port 0: Docker picks free ports on loopback, so that nothing else on the machine is in the way.
# dockerd's warning that IPv4 forwarding is off is left out: that is wanted (engine.sh), and the
# published ports do not need it.
container=$(docker run -d -p 127.0.0.1:0:8780 -p 127.0.0.1:0:2525 "$image" \
  2> >(grep -v 'IPv4 forwarding is disabled' >&2))
http_port=$(docker port "$container" 8780/tcp | head -n 1)
http_port=${http_port##*:}
smtp_port=$(docker port "$container" 2525/tcp | head -n 1)
smtp_port=${smtp_port##*:}
base=http://127.0.0.1:$http_port

until curl -fsS -o /dev/null --max-time 2 "$base/_smsim/health" 2>/dev/null; do
  [[ $(docker inspect -f '{{.State.Running}}' "$container") == true ]] || die "the container stopped"
  (($(now_us) - began < wait_limit * 1000000)) || die "no answer at $base/_smsim/health within ${wait_limit}s"
  sleep 0.1
done
t_health=$(since "$began")

# Docker's HEALTHCHECK runs its first check one interval (5 s) after the start.
while :; do
  health=$(docker inspect -f '{{.State.Health.Status}}' "$container")
  [[ $health == healthy ]] && break
  [[ $health != unhealthy ]] || die "Docker says the container is unhealthy"
  (($(now_us) - began < wait_limit * 1000000)) || die "not healthy within ${wait_limit}s (status: $health)"
  sleep 0.2
done
t_healthy=$(since "$began")

# --- through the published ports ----------------------------------------------------------------
get() { curl -fsS --max-time 5 "$base$1"; }
sent=$(get "/smstob/http.php?email=demo@smstob.test&pass=demo&numero=0660919010&message=Bonjour")
[[ $sent == 80 ]] || die "SMStoB http.php answered '$sent', not 80"
[[ $(get /_smsim/messages) == *'"to":"+33660919010"'* ]] ||
  die "the SMS sent over HTTP is not in /_smsim/messages"

printf 'From: demo@smstob.test\nSubject: demo:0660901010\n\nBonjour par SMTP\n' |
  curl -fsS --max-time 5 "smtp://127.0.0.1:$smtp_port" --mail-from demo@smstob.test \
    --mail-rcpt sms@smstob.com -T - --crlf
# smsim may write the confirmation just after the SMTP session ends: a few tries.
confirmed=''
for _ in $(seq 50); do
  if [[ $(get "/_smsim/mails?to=demo@smstob.test") == *"confirmation d'envoi (80)"* ]]; then
    confirmed=1
    break
  fi
  sleep 0.1
done
[[ -n $confirmed ]] || die "no SMStoB confirmation (80) in the outbox after the mail over SMTP"

version=$(node -p "require('$repo/package.json').version")
[[ $(docker exec "$container" smsim --version) == "$version" ]] ||
  die "\`docker exec … smsim --version\` does not answer $version"

# --- stop ---------------------------------------------------------------------------------------
began=$(now_us)
docker stop "$container" >/dev/null
t_stop=$(since "$began")
exit_code=$(docker inspect -f '{{.State.ExitCode}}' "$container")
# 137 would be Docker's SIGKILL after its 10 s grace: SIGTERM not handled by PID 1.
[[ $exit_code == 0 ]] || die "smsim exited $exit_code on docker stop, not 0"

cat <<EOF
smoke: PASS ($image, dockerd $(docker version -f '{{.Server.Version}}'), $(docker info -f '{{.Driver}}'))
  engine start       ${t_engine} s
  base image         ${t_base} s
  image build        ${t_build} s
  run -> health      ${t_health} s   (GET /_smsim/health answers on the published port)
  run -> healthy     ${t_healthy} s   (docker inspect .State.Health.Status)
  docker stop        ${t_stop} s   (exit code 0)
  image size         $((size / 1000000)) MB ($size bytes)
EOF
