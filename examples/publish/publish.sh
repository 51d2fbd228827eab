#!/usr/bin/env bash
# Builds the site and uploads it with rsync (over SSH, or to a local folder).
# Usage: bash examples/publish/publish.sh user@host:/path/to/www/   [SITE_DIR]
# Only changed files are sent; files the site no longer has are removed from the host
# after the upload, so visitors never see a half-updated site for long.
set -euo pipefail
target=${1:?usage: publish.sh user@host:/path/to/www/ [SITE_DIR]}
site=${2:-.}
keten=${KETEN:-keten}
"$keten" check --root "$site"
"$keten" build --root "$site"
rsync --recursive --times --compress --checksum --delete-after "$site/public/" "$target"
echo "published $site/public/ to $target"
