#!/usr/bin/env bash
# Makes `node:20-bookworm-slim` exist in the engine that DOCKER_HOST names (see engine.sh), so that
# the repository's Dockerfile builds here unchanged.
#
# No image registry is reachable from these machines, only Debian's packages and the npm registry,
# so the official image cannot be pulled. This builds a stand-in with the same name and the same
# shape where the Dockerfile relies on it: Debian bookworm (debootstrap, minbase), Node 20 in
# /usr/local/bin, its C/C++ headers in /usr/local/include/node (node-gyp compiles better-sqlite3
# against them), npm in /usr/local/lib/node_modules/npm with its npm and npx links, a `node` user
# and group (uid and gid 1000, home /home/node), PATH, NODE_VERSION and CMD ["node"]. Node is this
# machine's own Node 20: the same release line, and no download.
#
# Two differences from the official image, both for this workplace:
#   - HTTPS leaves this machine through a TLS-inspecting proxy, whose authority only this machine's
#     CA bundle holds. The stand-in carries that bundle at /etc/ssl/certs/ca-certificates.crt and
#     sets NODE_EXTRA_CA_CERTS to it, so that `npm ci` inside a build reaches the registry.
#   - No corepack, no yarn and no docker-entrypoint.sh: smsim's image uses none of them.
#
# Cache: nothing is done when the engine already has the image. Otherwise the image is loaded from
# ${SMSIM_DOCKER_CACHE:-$HOME/.cache/smsim-docker}/node-20-bookworm-slim.tar, written by the first
# build (`docker save`), so that an engine started afresh (engine.sh stop removes its data) needs no
# debootstrap. The tarball is rebuilt when the Node version, the CA bundle or this script change.
set -euo pipefail

tag=node:20-bookworm-slim
cache_dir=${SMSIM_DOCKER_CACHE:-$HOME/.cache/smsim-docker}
cache_tar=$cache_dir/node-20-bookworm-slim.tar
cache_key_file=$cache_dir/node-20-bookworm-slim.key
mirror=http://deb.debian.org/debian
ca_bundle=/etc/ssl/certs/ca-certificates.crt

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

node_bin=$(command -v node) || die "no node on PATH"
node_bin=$(realpath "$node_bin")
node_version=$("$node_bin" -p process.versions.node)
[[ $node_version == 20.* ]] || die "this machine's Node is $node_version; the image is named node:20"
# npm sits in the Node installation's lib/node_modules/npm (…/bin/node → …/lib/node_modules/npm).
npm_dir=$(realpath "$(dirname "$node_bin")/../lib/node_modules/npm")
[[ -f $npm_dir/bin/npm-cli.js ]] || die "no npm found at $npm_dir"
# And its headers in …/include/node, as in the official image's /usr/local/include/node.
include_dir=$(realpath "$(dirname "$node_bin")/../include/node")
[[ -f $include_dir/node_version.h && -f $include_dir/common.gypi ]] || die "no Node headers found at $include_dir"
[[ -f $ca_bundle ]] || die "no CA bundle at $ca_bundle"

docker info >/dev/null 2>&1 || die "no engine answers at ${DOCKER_HOST:-the default socket}: run engine.sh start first"

if docker image inspect "$tag" >/dev/null 2>&1; then
  say "$tag already in the engine"
  exit 0
fi

cache_key="node $node_version
ca $(sha256sum "$ca_bundle" | cut -d' ' -f1)
script $(sha256sum "${BASH_SOURCE[0]}" | cut -d' ' -f1)"

if [[ -f $cache_tar && -f $cache_key_file && $(<"$cache_key_file") == "$cache_key" ]]; then
  began=$(now_us)
  docker load -i "$cache_tar" >/dev/null
  say "$tag loaded from $cache_tar in $(since "$began")s"
  exit 0
fi

command -v debootstrap >/dev/null 2>&1 || {
  say "debootstrap missing: installing it"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
}

began=$(now_us)
work=$(mktemp -d /tmp/smsim-base-image.XXXXXX)
root=$work/root
cleanup() {
  unmount_under "$work"
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

say "debootstrap --variant=minbase bookworm (a minute or two)"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  tail -n 30 "$work/debootstrap.log" >&2
  die "debootstrap failed"
}

# Debian's own slim images keep no documentation, manuals or translations: the same dpkg rule, so
# that a later apt-get install in a derived image stays small too.
cat >"$root/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/man/*
EOF
# The official image's sources (debootstrap writes the main suite only).
rm -f "$root/etc/apt/sources.list"
cat >"$root/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF

# The official image's user: its Dockerfile runs exactly these two commands.
chroot "$root" groupadd --gid 1000 node
chroot "$root" useradd --uid 1000 --gid node --shell /bin/bash --create-home node

# Node and npm where the official image has them.
install -m 0755 "$node_bin" "$root/usr/local/bin/node"
mkdir -p "$root/usr/local/lib/node_modules"
cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
chown -R root:root "$root/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
# The headers the official image ships (its tarball's include/node): node-gyp, given
# npm_config_nodedir=/usr/local, compiles against them instead of downloading them.
mkdir -p "$root/usr/local/include"
cp -a "$include_dir" "$root/usr/local/include/node"
chown -R root:root "$root/usr/local/include/node"

install -D -m 0644 "$ca_bundle" "$root/etc/ssl/certs/ca-certificates.crt"

# What a running container never needs: package lists, caches, logs, documentation.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/cache/debconf/*-old \
  "$root"/var/log/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/* \
  "$root"/usr/share/groff/* "$root"/usr/share/lintian/* "$root"/tmp/* "$root"/root/.cache
find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete

# The proxy's CA bundle is this machine's: it goes into the image config as NODE_EXTRA_CA_CERTS.
tar --numeric-owner -C "$root" -c . |
  docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change "ENV NODE_VERSION=$node_version" \
    --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    --change 'CMD ["node"]' \
    - "$tag" >/dev/null

# Checked before it is cached: Node and npm run, as the node user too.
docker run --rm --network none "$tag" node -e 'process.exit(process.versions.node === process.env.NODE_VERSION ? 0 : 1)' ||
  die "node does not run in $tag"
[[ $(docker run --rm --network none --user node "$tag" sh -c 'id -u; id -g; echo "$HOME"; npm --version >/dev/null && echo npm') == $'1000\n1000\n/home/node\nnpm' ]] ||
  die "the node user or npm is not as in the official image"
docker run --rm --network none "$tag" test -f /usr/local/include/node/node_version.h ||
  die "Node's headers are not in /usr/local/include/node"

mkdir -p "$cache_dir"
docker save -o "$cache_tar.part" "$tag"
mv "$cache_tar.part" "$cache_tar"
printf '%s\n' "$cache_key" >"$cache_key_file"

size=$(docker image inspect -f '{{.Size}}' "$tag")
say "$tag built in $(since "$began")s," \
  "$((size / 1000000)) MB (Node $node_version); cached at $cache_tar"
