#!/usr/bin/env bash
# A private Docker engine for building and running smsim's image, here and in CI.
#
#   eval "$(bash .ci/docker/engine.sh start)"   # prints: export DOCKER_HOST=unix://…
#   bash .ci/docker/engine.sh stop
#
# No engine runs on this kind of machine: only the docker client is there. `start` installs
# Debian's docker.io when dockerd is missing and runs dockerd with everything it owns (socket,
# data root, exec root, pidfile, log, network bridge) under one directory, so that `stop` can take
# all of it away again and two engines in two directories do not meet.
#
# The engine leaves the host's network as it found it:
#   --iptables=false    dockerd would otherwise rewrite the host's firewall (FORWARD policy DROP,
#                       NAT and DOCKER chains) and leave those rules behind when it stops. Ports
#                       published on 127.0.0.1 do not need them: connections from the host to a
#                       loopback address always go through docker-proxy, a plain TCP relay.
#   --ip-forward=false  dockerd would otherwise turn on net.ipv4.ip_forward for the whole machine.
#                       Containers on the bridge thus reach nothing beyond this machine (no NAT, no
#                       forwarding): builds that need the npm registry run with --network host.
#   --bridge=<ours>     a bridge this script makes and removes, instead of dockerd's docker0,
#                       which dockerd never removes and which a second engine would share.
# The storage driver is left to dockerd: it picks overlay2 where the directory's filesystem allows
# it (ext4 here) and falls back by itself elsewhere; `start` prints the one it chose.
#
# Settings (environment):
#   SMSIM_DOCKER_DIR            where the engine lives (default /tmp/smsim-docker)
#   SMSIM_DOCKER_BRIDGE         the bridge's name (default smsim0, at most 15 characters)
#   SMSIM_DOCKER_BRIDGE_CIDR    the bridge's address, the containers' gateway (172.31.250.1/24)
#   SMSIM_DOCKER_START_TIMEOUT  seconds to wait for the engine to answer (default 60)
set -euo pipefail

dir=${SMSIM_DOCKER_DIR:-/tmp/smsim-docker}
bridge=${SMSIM_DOCKER_BRIDGE:-smsim0}
bridge_cidr=${SMSIM_DOCKER_BRIDGE_CIDR:-172.31.250.1/24}
start_timeout=${SMSIM_DOCKER_START_TIMEOUT:-60}
sock=$dir/docker.sock
pidfile=$dir/engine.pid
log=$dir/dockerd.log
host=unix://$sock

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# die, with the end of dockerd's log when there is one.
fail() {
  say "$*"
  if [[ -f $log ]]; then
    say "last lines of $log:"
    tail -n 30 "$log" >&2
  fi
  exit 1
}

answers() { docker -H "$host" info >/dev/null 2>&1; }

running_pid() {
  local pid
  [[ -f $pidfile ]] || return 1
  pid=$(<"$pidfile")
  kill -0 "$pid" 2>/dev/null || return 1
  printf '%s\n' "$pid"
}

install_engine() {
  command -v dockerd >/dev/null 2>&1 && return 0
  say "dockerd missing: installing Debian's docker.io"
  # The package starts a dockerd of its own (default socket, host firewall rules) unless
  # policy-rc.d forbids services to start. These machines have one that does; a machine without
  # gets one for the length of the install.
  local policy=/usr/sbin/policy-rc.d made='' status=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
    made=1
  fi
  # Quiet, and to stderr: stdout keeps only the line to eval.
  {
    apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 apt-get install -y -qq docker.io
  } >&2 || status=$?
  [[ -z $made ]] || rm -f "$policy"
  return "$status"
}

make_bridge() {
  ip link show "$bridge" >/dev/null 2>&1 && return 0
  ip link add name "$bridge" type bridge
  ip addr add "$bridge_cidr" dev "$bridge"
  ip link set "$bridge" up
}

start() {
  if running_pid >/dev/null && answers; then
    say "already running (pid $(<"$pidfile"))"
    printf 'export DOCKER_HOST=%s\n' "$host"
    return 0
  fi
  install_engine
  command -v docker >/dev/null 2>&1 || fail "no docker client on PATH"

  mkdir -p "$dir"
  make_bridge
  local began pid
  began=$(now_us)
  # setsid: the engine outlives the shell (or CI step) that started it, and a signal sent to that
  # shell's process group does not reach it; only `stop` ends it.
  setsid dockerd \
    --host "$host" \
    --data-root "$dir/data" \
    --exec-root "$dir/exec" \
    --pidfile "$dir/dockerd.pid" \
    --iptables=false \
    --ip-forward=false \
    --bridge "$bridge" \
    </dev/null >"$log" 2>&1 &
  pid=$!
  printf '%s\n' "$pid" >"$pidfile"

  until answers; do
    kill -0 "$pid" 2>/dev/null || fail "dockerd (pid $pid) exited during start"
    (($(now_us) - began < start_timeout * 1000000)) ||
      fail "dockerd (pid $pid) did not answer on $sock within ${start_timeout}s (left running; run stop)"
    sleep 0.5
  done
  say "dockerd $(docker -H "$host" version -f '{{.Server.Version}}' 2>/dev/null)," \
    "storage driver $(docker -H "$host" info -f '{{.Driver}}' 2>/dev/null)," \
    "pid $pid, answered after $(since "$began")s; log: $log"
  printf 'export DOCKER_HOST=%s\n' "$host"
}

stop() {
  local pid began
  began=$(now_us)
  if pid=$(running_pid); then
    # dockerd stops its containers (10 s each at most) and its containerd before it exits.
    kill -TERM "$pid"
    local waited=0
    while kill -0 "$pid" 2>/dev/null; do
      if ((waited >= 600)); then
        say "dockerd (pid $pid) still running after 60s: killing it"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 1
        break
      fi
      sleep 0.1
      waited=$((waited + 1))
    done
    say "dockerd (pid $pid) stopped after $(since "$began")s"
  else
    say "not running"
  fi
  # dockerd ends the containerd it started, unless dockerd itself was killed.
  local cpid
  if [[ -f $dir/exec/containerd/containerd.pid ]]; then
    cpid=$(<"$dir/exec/containerd/containerd.pid")
    if kill -0 "$cpid" 2>/dev/null; then
      say "containerd (pid $cpid) outlived dockerd: stopping it"
      kill -TERM "$cpid" 2>/dev/null || true
      sleep 2
      kill -KILL "$cpid" 2>/dev/null || true
    fi
  fi
  # An engine killed mid-way leaves its overlay and network-namespace mounts behind; they would
  # keep the directory from being removed. Deepest first.
  if [[ -d $dir ]]; then
    began=$(now_us)
    unmount_under "$dir"
    rm -rf --one-file-system "$dir"
    say "removed $dir in $(since "$began")s"
  fi
  if ip link show "$bridge" >/dev/null 2>&1; then
    ip link delete "$bridge"
  fi
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
