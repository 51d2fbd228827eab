#!/usr/bin/env bash
# Builds the site and uploads it with rsync (over SSH, or to a local folder).
# Usage: bash examples/publish/publish.sh user@host:/path/to/www/   [SITE_DIR]
# Only changed files are sent; files the site no longer has are removed from the host
# after the upload, so visitors never see a half-updated site for long.
set -euo pipefail
target=${1:?usage: publish.sh user@host:/path/to/www/ [SITE_DIR]}
site=${2:-.}
keten=${KETEN:-keten}
if ! command -v "$keten" >/dev/null 2>&1; then
  echo "publish.sh: \`$keten\` not found: keten is not installed or not on your PATH." >&2
  echo "Install it as README.md, section \"Installing keten\", says; or run this script" >&2
  echo "with KETEN=/path/to/keten." >&2
  exit 1
fi
"$keten" check --root "$site"
"$keten" build --root "$site"
rsync --recursive --times --compress --checksum --delete-after "$site/public/" "$target"
echo "published $site/public/ to $target"
