#!/usr/bin/env bash
# Website checks for a generated static site.
# Usage: bash .ci/site-checks/run.sh PUBLIC_DIR [SCREENSHOT_DIR]
# Env:   SITE_LANG (default nl), SCREENSHOT_PAGES (default "/ /agenda/2024-2025/borstlap/"),
#        CHROMIUM (default /usr/bin/chromium), AXE_CONCURRENCY (default 2).
# Exits non-zero when any check fails. See README.md next to this file.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -lt 1 ] || [ -z "${1:-}" ]; then
  echo "usage: bash $0 PUBLIC_DIR [SCREENSHOT_DIR]" >&2
  exit 2
fi
PUBLIC_DIR="$1"
SCREENSHOT_DIR="${2:-}"
if [ ! -d "$PUBLIC_DIR" ]; then
  echo "site-checks: PUBLIC_DIR '$PUBLIC_DIR' is not a directory (build the site first)" >&2
  exit 2
fi
PUBLIC_DIR="$(cd "$PUBLIC_DIR" && pwd)"
if [ -n "$SCREENSHOT_DIR" ]; then
  mkdir -p "$SCREENSHOT_DIR" && SCREENSHOT_DIR="$(cd "$SCREENSHOT_DIR" && pwd)"
fi
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

T0=$(date +%s)
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

apt_install() { # apt_install PKG...: install, running apt-get update only if the first try fails
  local log
  log="$(mktemp)"
  if ! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >"$log" 2>&1; then
    echo "site-checks: apt-get install $* failed, running apt-get update and retrying"
    if ! { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update &&
           $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"; } >"$log" 2>&1; then
      tail -n 30 "$log"
      rm -f "$log"
      return 1
    fi
  fi
  rm -f "$log"
}

# --- installs ----------------------------------------------------------------
if [ ! -x "$CHROMIUM" ]; then
  echo "site-checks: installing chromium (apt)"
  apt_install chromium || { echo "site-checks: could not install chromium" >&2; exit 2; }
  [ -x "$CHROMIUM" ] || CHROMIUM=/usr/bin/chromium
fi
if ! command -v java >/dev/null 2>&1; then
  echo "site-checks: installing Java (apt)"
  apt_install default-jre-headless || { echo "site-checks: could not install java" >&2; exit 2; }
fi
# npm ci only when node_modules does not match package-lock.json yet.
# --ignore-scripts: vnu-jar's postinstall would try to download its own Java
# from GitHub (not reachable); we use the installed Java instead.
if ! cmp -s "$HERE/package-lock.json" "$HERE/node_modules/.site-checks-lock" 2>/dev/null; then
  echo "site-checks: npm ci"
  npmlog="$(mktemp)"
  if ! (cd "$HERE" && npm ci --ignore-scripts --no-audit --no-fund) >"$npmlog" 2>&1; then
    cat "$npmlog"
    rm -f "$npmlog"
    echo "site-checks: npm ci failed" >&2
    exit 2
  fi
  rm -f "$npmlog"
  cp "$HERE/package-lock.json" "$HERE/node_modules/.site-checks-lock"
fi
T1=$(date +%s)
echo "site-checks: checking $PUBLIC_DIR (installs took $((T1 - T0))s)"

# --- checks ------------------------------------------------------------------
# vnu (JVM) runs in the background while the browser checks run.
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
node "$HERE/vnu.mjs" "$PUBLIC_DIR" >"$OUT/vnu" 2>&1 &
VNU_PID=$!
node "$HERE/offline.mjs" "$PUBLIC_DIR" >"$OUT/offline" 2>&1
OFFLINE_RC=$?
axe_args=("$PUBLIC_DIR")
[ -n "$SCREENSHOT_DIR" ] && axe_args+=("$SCREENSHOT_DIR")
node "$HERE/axe.mjs" "${axe_args[@]}" >"$OUT/axe" 2>&1
AXE_RC=$?
wait "$VNU_PID"
VNU_RC=$?

passed=0
failed=0
failed_names=""
section() { # section NAME TITLE RC
  echo
  echo "=== $2 ==="
  cat "$OUT/$1"
  if [ "$3" -eq 0 ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failed_names="$failed_names $1"
    [ "$3" -ne 1 ] && echo "($1 exited with status $3)"
  fi
}
section vnu "1. HTML validity (Nu Html Checker)" "$VNU_RC"
section offline "4. Offline: no CSS/JS/fonts/images from other hosts (static scan)" "$OFFLINE_RC"
section axe "2/3/5. Browser: axe-core, lang, requests, console/CSP, screenshots" "$AXE_RC"

T2=$(date +%s)
echo
echo "=== summary ==="
grep -hE '^(vnu|offline|axe|browser|lang|screenshots): ' "$OUT/vnu" "$OUT/offline" "$OUT/axe"
echo "checks took $((T2 - T1))s"
if [ "$failed" -ne 0 ]; then
  echo "site-checks: FAILED:$failed_names"
else
  echo "site-checks: all checks passed"
fi
echo "site-checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
