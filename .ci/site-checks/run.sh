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
# shellcheck source=install.sh
source "$HERE/install.sh"
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
node "$HERE/search.mjs" "$PUBLIC_DIR" >"$OUT/search" 2>&1
SEARCH_RC=$?
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
section axe "2/3/5. Browser: axe-core, reflow at 320 px, print, lang, requests, console/CSP, screenshots" "$AXE_RC"
section search "6. Search in the browser: layout shift, every result reachable, did-you-mean" "$SEARCH_RC"

T2=$(date +%s)
echo
echo "=== summary ==="
grep -hE '^(vnu|offline|axe|reflow|browser|lang|screenshots|search): ' "$OUT/vnu" "$OUT/offline" "$OUT/axe" "$OUT/search"
echo "checks took $((T2 - T1))s"
if [ "$failed" -ne 0 ]; then
  echo "site-checks: FAILED:$failed_names"
else
  echo "site-checks: all checks passed"
fi
echo "site-checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
