#!/usr/bin/env bash
# Installs what the end-to-end tests (test/e2e) need: Debian's chromium, and a real VS Code (code-server 4.100.3,
# the newest that runs on Node 20) in the git-ignored .e2e/code-server/. Idempotent: each step is skipped when
# its result is already there, so CI and developers can run it before every `npm test`.
# Workarounds: CI machines reach only the npm registry and apt, so the ripgrep download (GitHub) is seeded
# from Debian's rg, and code-server's install scripts need unsafe-perm (root) and yes=true (npx node-gyp).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
CODE_SERVER_VERSION=4.100.3
DEST="$ROOT/.e2e/code-server"
CODE_SERVER="$DEST/node_modules/.bin/code-server"
started=$SECONDS

log() { printf 'e2e install: %s\n' "$*"; }

# 1. System packages: chromium drives the workbench; the rest lets code-server's native modules build offline.
export DEBIAN_FRONTEND=noninteractive
need=()
for pkg in chromium ripgrep libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  log "apt-get install ${need[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  log "system packages present"
fi

# 2. code-server, unless the pinned version is already there.
# The version comes from its package.json: `code-server --version` would write ~/.config/code-server/config.yaml.
installed_version() { node -p "require('$DEST/node_modules/code-server/package.json').version" 2>/dev/null || true; }
if [ -x "$CODE_SERVER" ] && [ "$(installed_version)" = "$CODE_SERVER_VERSION" ]; then
  log "code-server $CODE_SERVER_VERSION present in .e2e/code-server"
else
  # @vscode/ripgrep's postinstall downloads from GitHub; a tarball in its cache holding Debian's rg 13 stands in.
  RG_CACHE="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
  RG_TARBALL="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  if [ ! -s "$RG_TARBALL" ]; then
    mkdir -p "$RG_CACHE"
    staging=$(mktemp -d)
    cp "$(command -v rg)" "$staging/rg"
    tar czf "$RG_TARBALL" -C "$staging" rg
    rm -rf "$staging"
  fi
  mkdir -p "$DEST"
  [ -f "$DEST/package.json" ] || printf '{ "name": "datapact-e2e-code-server", "private": true }\n' > "$DEST/package.json"
  log "npm install code-server@$CODE_SERVER_VERSION (about 1.5 min)"
  (cd "$DEST" && npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION")
  [ "$(installed_version)" = "$CODE_SERVER_VERSION" ] || { log "code-server did not install"; exit 1; }
fi

log "done in $((SECONDS - started)) s"
