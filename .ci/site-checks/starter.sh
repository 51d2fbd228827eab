#!/usr/bin/env bash
# The site checks (run.sh: Nu Html Checker, axe-core, reflow, offline, CSP, search) on a
# new site as `keten init` makes it, with the built-in theme `basis`. Its search is turned
# on the way the theme's README says, so the search page is checked too.
# Usage: bash .ci/site-checks/starter.sh KETEN_BINARY [SCREENSHOT_DIR]
#   e.g. bash .ci/site-checks/starter.sh target/release/keten /tmp/starter-shots
# Fails (1) on any check, or when the build of the new site prints a warning; 2 on a
# usage or build failure.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -lt 1 ] || [ ! -x "$1" ]; then
  echo "usage: bash $0 KETEN_BINARY [SCREENSHOT_DIR]   (KETEN_BINARY must be executable)" >&2
  exit 2
fi
KETEN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
SITE="$TMP/site"
"$KETEN" --lang en init "$SITE" >/dev/null || { echo "starter: keten init failed" >&2; exit 2; }
sed -i 's/^search: false/search: true/; s/^  # zoeken:/  zoeken:/' "$SITE/config.yaml"
if ! grep -q '^search: true' "$SITE/config.yaml" || ! grep -q '^  zoeken:' "$SITE/config.yaml"; then
  echo "starter: config.yaml has no search lines to turn on" >&2
  exit 2
fi
printf -- '---\ntitle: "Zoeken"\ndescription: "Zoek op de hele site."\ntemplate: zoeken.html\n---\n' >"$SITE/content/zoeken.md"
if ! "$KETEN" --lang en build --root "$SITE" 2>"$TMP/stderr"; then
  cat "$TMP/stderr"
  echo "starter: the new site does not build" >&2
  exit 2
fi
if [ -s "$TMP/stderr" ]; then
  cat "$TMP/stderr"
  echo "starter: FAILED: the new site builds with warnings"
  exit 1
fi
SCREENSHOT_PAGES="${SCREENSHOT_PAGES:-/ /nieuws/welkom/}" bash "$HERE/run.sh" "$SITE/public" "${2:-}"
