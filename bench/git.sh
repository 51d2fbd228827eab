#!/usr/bin/env bash
# What git-aware pages cost: the 8,820-page benchmark site with a history of COMMITS
# commits (each touching FILES pages), built with and without its .git folder.
# Usage: bash bench/git.sh   (env: COMMITS=300 FILES=30 RUNS=5 DIR=/dev/shm/keten-git-bench)
set -euo pipefail
COMMITS=${COMMITS:-300}; FILES=${FILES:-30}; RUNS=${RUNS:-5}
DIR=${DIR:-/dev/shm/keten-git-bench}
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$BENCH")
# The corpus the README names: ../shared/corpus beside the checkout.
CORPUS=${CORPUS:-$(cd "$REPO/.." && pwd)/shared/corpus}
cargo build --release --quiet --manifest-path "$REPO/Cargo.toml"
KETEN="$REPO/target/release/keten"

rm -rf "$DIR" && mkdir -p "$DIR"
python3 "$CORPUS/replicate.py" "$DIR/site" 10 >/dev/null
cp -r "$BENCH/site/keten/." "$DIR/site/"
cd "$DIR/site"
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.nl GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.nl
git init -q -b main && git add -A && git commit -qm "Eerste versie"
mapfile -t pages < <(ls content/docs/*.md | grep -v _index.md)
for ((c = 1; c < COMMITS; c++)); do
  for ((f = 0; f < FILES; f++)); do
    echo "Regel $c." >> "${pages[$(( (c * 7919 + f * 104729) % ${#pages[@]} ))]}"
  done
  git commit -qam "Wijziging $c"
done
git gc -q
echo "history: $(git rev-list --count HEAD) commits over ${#pages[@]} pages (packed with git gc)"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_build() { # prints seconds of one build
  local t0 t1; t0=$(date +%s.%N); "$KETEN" build --root "$DIR/site" --output "$DIR/out" >/dev/null 2>&1; t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}
with=(); without=()
for ((r = 0; r <= RUNS; r++)); do   # the first round warms up and is not counted
  a=$(time_build); mv .git ../git-away; b=$(time_build); mv ../git-away .git
  if ((r > 0)); then with+=("$a"); without+=("$b"); fi
done
w=$(printf '%s\n' "${with[@]}" | median); wo=$(printf '%s\n' "${without[@]}" | median)
t0=$(date +%s.%N); git log -z --relative -M --name-status --format=%x1e%ct%x1f%s >/dev/null; t1=$(date +%s.%N)
printf 'build with git history:    %.3f s (median of %d)\n' "$w" "$RUNS"
printf 'build without .git:        %.3f s\n' "$wo"
printf 'added by git-aware pages:  %.3f s\n' "$(echo "$w - $wo" | bc)"
printf 'the git log pass alone:    %.3f s\n' "$(echo "$t1 - $t0" | bc)"
[[ "${BENCH_KEEP:-0}" == 1 ]] || rm -rf "$DIR"
