#!/usr/bin/env bash
# The Nu Html Checker on a second build of the site made outside git, as a tarball or a
# copy without .git gives it: every date keten takes from git then comes from the
# files' modification times (with their fractions of a second), so markup that only
# such a build produces (a `datetime` value, for one) gets checked too.
# Usage: bash .ci/site-checks/vnu-without-git.sh KETEN_BINARY [SITE_DIR]
#   e.g. bash .ci/site-checks/vnu-without-git.sh target/release/keten .
# Copies config.yaml, content/, themes/, templates/ and static/ of SITE_DIR (default .)
# to a temporary folder outside any git repository, with fresh modification times,
# builds it there and runs vnu.mjs on the result. Exits with vnu.mjs's status (0 when
# there are no errors, 1 on errors), 2 on a usage, install or build failure.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -lt 1 ] || [ ! -x "$1" ]; then
  echo "usage: bash $0 KETEN_BINARY [SITE_DIR]   (KETEN_BINARY must be executable)" >&2
  exit 2
fi
KETEN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
SITE_DIR="$(cd "${2:-.}" && pwd)"
[ -f "$SITE_DIR/config.yaml" ] || { echo "vnu-without-git: no config.yaml in $SITE_DIR" >&2; exit 2; }

NEED_CHROMIUM=0
# shellcheck source=install.sh
source "$HERE/install.sh"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/site"
for item in config.yaml content themes templates static; do
  # cp without -p: the files get the time of the copy, as a fresh checkout gives them.
  [ -e "$SITE_DIR/$item" ] && cp -R "$SITE_DIR/$item" "$TMP/site/"
done
if git -C "$TMP/site" rev-parse --git-dir >/dev/null 2>&1; then
  echo "vnu-without-git: $TMP is inside a git repository; set TMPDIR to a folder outside one" >&2
  exit 2
fi
if ! "$KETEN" build --root "$TMP/site" --output "$TMP/public"; then
  echo "vnu-without-git: the build without git failed" >&2
  exit 2
fi
echo "vnu-without-git: checking the build made without git"
node "$HERE/vnu.mjs" "$TMP/public"
