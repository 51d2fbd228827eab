#!/usr/bin/env bash
# The site checks on a page that uses every shortcode of the g40 theme: the demo site in
# tests/fixtures/shortcodes/, with themes/g40 copied in, built with KETEN.
# Usage: bash .ci/shortcodes-demo.sh KETEN [SCREENSHOT_DIR]
set -euo pipefail
KETEN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
SHOTS="${2:-}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SITE="$(mktemp -d)"
trap 'rm -rf "$SITE"' EXIT
cp -r "$REPO/tests/fixtures/shortcodes/." "$SITE/"
mkdir -p "$SITE/themes"
cp -r "$REPO/themes/g40" "$SITE/themes/"
"$KETEN" build --root "$SITE"
SCREENSHOT_PAGES="/voorbeelden/shortcodes/" bash "$REPO/.ci/site-checks/run.sh" "$SITE/public" ${SHOTS:+"$SHOTS"}
