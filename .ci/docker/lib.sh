# shellcheck shell=bash
# Shared by engine.sh, base-image.sh and smoke.sh (sourced, not run).

# Progress goes to stderr: engine.sh's stdout is kept for the line its caller evals.
say() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }

die() {
  say "$*"
  exit 1
}

# Microseconds since the epoch, for timings (bash's own clock: no bc or date arithmetic needed).
now_us() { printf '%s\n' "${EPOCHREALTIME/./}"; }

# Seconds since a now_us reading, with one decimal.
since() {
  local us=$(($(now_us) - $1))
  printf '%d.%d\n' $((us / 1000000)) $((us / 100000 % 10))
}

# Unmounts whatever is still mounted below a directory, deepest first: a dockerd or a debootstrap
# stopped half-way leaves overlay, proc, sys or namespace mounts there, and the directory must not
# be removed through them.
unmount_under() {
  local real m
  real=$(realpath "$1")
  while read -r m; do
    umount -l "$m" 2>/dev/null || true
  done < <(awk -v d="$real/" 'index($5, d) == 1 { print $5 }' /proc/self/mountinfo | sort -r)
}
