#!/usr/bin/env bash
# Linear-time check: builds one page with many links at 1x, 2x, 4x and 8x its size and
# prints the build time of each. Time should double with the size, never quadruple.
#   a) a dated page (it goes into the Atom feed, whose links are made absolute) with
#      25,000 links per 1x;
#   b) a 20 MB page with 250,000 links per 1x: internal `@/` links with anchors,
#      relative `.md` links, same-page anchors, site paths, files, missing pages and
#      other hosts, and headings.
# Usage: bash bench/links.sh   (RUNS=3 builds per size, the median is printed)
set -euo pipefail
RUNS=${RUNS:-3}
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$BENCH")
WORK=${BENCH_LINKS_DIR:-/tmp/keten-bench-links}
cargo build --release --quiet --manifest-path "$REPO/Cargo.toml"
KETEN="$REPO/target/release/keten"

site() {  # site KIND FACTOR DIR
    python3 - "$@" <<'PY'
import os, sys
kind, factor, root = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(f'{root}/content/docs', exist_ok=True)
open(f'{root}/config.yaml', 'w').write('base_url: "https://example.org/"\ntitle: "Links"\nbroken_links: warn\n')
open(f'{root}/content/_index.md', 'w').write('---\ntitle: Home\n---\nHome\n')
open(f'{root}/content/docs/a.md', 'w').write('---\ntitle: A\n---\n## Kop\n\nTekst.\n')
with open(f'{root}/content/docs/2024-01-01-groot.md', 'w') as f:
    f.write('---\ntitle: Groot\n---\n\n')
    if kind == 'feed':
        for i in range(25000 * factor // 2):
            f.write(f'Zie [pagina {i}](/docs/a/) en [elders](https://example.com/{i}).\n\n')
    else:
        links = ['[a](@/docs/a.md#kop)', '[b](a.md)', '[c](#sectie-{i})', '[d](/docs/a/)',
                 '[e](plaatje-{i}.png)', '[f](@/docs/ontbreekt-{i}.md)', '[g](https://x.org/{i})',
                 '[h](#kop-{i})']
        filler = ' en nog wat woorden om de pagina op twintig megabyte te brengen' * 7
        for i in range(250000 * factor // 8):
            if i % 50 == 0:
                f.write(f'## Sectie {i}\n\n')
            f.write('Tekst ' + ' en '.join(l.replace('{i}', str(i)) for l in links) + filler + '.\n\n')
PY
}

printf '%-6s %-7s %10s %12s\n' page factor "size MB" "median s"
for kind in feed big; do
    for factor in 1 2 4 8; do
        dir="$WORK/$kind-$factor"
        rm -rf "$dir"
        site "$kind" "$factor" "$dir"
        size=$(du -m "$dir/content/docs/2024-01-01-groot.md" | cut -f1)
        times=()
        for _ in $(seq "$RUNS"); do
            start=$(date +%s.%N)
            "$KETEN" build --root "$dir" >/dev/null 2>&1
            end=$(date +%s.%N)
            times+=("$(echo "$end - $start" | bc)")
        done
        median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
        printf '%-6s %-7s %10s %12.2f\n' "$kind" "${factor}x" "$size" "$median"
        rm -rf "$dir"
    done
done
