#!/usr/bin/env python3
"""Run the build benchmark for one location (called by bench/build.sh).

Usage: bench.py LOCATION_DIR LABEL RUNS KETEN_BIN|- HUGO_BIN|-

LOCATION_DIR holds site-keten/ and site-hugo/ (prepared by build.sh); the
outputs go to out-keten/, out-hugo/ and out-copy/ beside them. Each tool gets
one warm-up run (not counted), then RUNS counted runs, alternating
keten, hugo, copy, keten, hugo, copy, ... so that machine noise hits all of
them alike. Every output folder is deleted and os.sync() is called (both
untimed) before each run, so each run is a full build that starts with no
write-back pending from the run before.

Wall time is time.perf_counter() around the child; peak memory is the
child's own ru_maxrss from os.wait4() (KiB on Linux), i.e. per run, not the
running maximum that RUSAGE_CHILDREN would give.
"""
import os
import shutil
import statistics
import subprocess
import sys
import time

# Figures quoted in the issue for this machine kind (8,820 pages, corpus x10).
QUOTED = [
    ("zola 0.22", 4.0, 379),
    ("hugo 0.168", 6.3, 855),
    ("copy", 0.35, None),
]


def run_once(cmd, log_path):
    """Run cmd; return (seconds, peak_kib). Raise RuntimeError on failure."""
    with open(log_path, "wb") as log:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        _, status, ru = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped
    if proc.returncode != 0:
        with open(log_path, "rb") as f:
            tail = f.read()[-3000:].decode("utf-8", "replace")
        raise RuntimeError(f"{cmd[0]} exited with {proc.returncode}; log tail:\n{tail}")
    return elapsed, ru.ru_maxrss


def count_index_html(path):
    n = 0
    for _, _, files in os.walk(path):
        n += files.count("index.html")
    return n


def du_mib(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            try:
                total += os.lstat(os.path.join(root, f)).st_size
            except OSError:
                pass
    return total / (1 << 20)


def main():
    loc, label, runs, keten, hugo = sys.argv[1:6]
    runs = int(runs)
    tools = []  # (name, outdir, command)
    if keten != "-":
        out = os.path.join(loc, "out-keten")
        tools.append(("keten", out,
                      [keten, "build", "--root", os.path.join(loc, "site-keten"), "--output", out]))
    if hugo != "-":
        out = os.path.join(loc, "out-hugo")
        tools.append(("hugo", out,
                      [hugo, "--quiet", "--noBuildLock", "--destination", out,
                       "--source", os.path.join(loc, "site-hugo")]))
    if not tools:
        print("nothing to benchmark", file=sys.stderr)
        return 1
    # The copy baseline copies keten's output (hugo's if keten is unavailable);
    # it runs right after that tool in each round, so its source is fresh.
    out = os.path.join(loc, "out-copy")
    tools.append(("copy", out, None))  # command chosen per round, see below

    logs = os.path.join(loc, "logs")
    os.makedirs(logs, exist_ok=True)
    results = {name: [] for name, _, _ in tools}
    failed = {}
    copied_from = "?"
    for rnd in range(runs + 1):  # round 0 is the warm-up
        for name, outdir, cmd in tools:
            if name in failed:
                continue
            if cmd is None:  # copy the output of the first tool that works
                src = next((d for n, d, _ in tools if n not in failed and n != "copy"), None)
                if src is None:
                    continue
                copied_from = os.path.basename(src)[4:]
                cmd = ["cp", "-r", src, outdir]
            shutil.rmtree(outdir, ignore_errors=True)
            # Flush the previous run's dirty pages (untimed) so that its
            # write-back does not land on this run's clock (matters on disk).
            os.sync()
            try:
                t, kib = run_once(cmd, os.path.join(logs, f"{name}.log"))
            except RuntimeError as e:
                failed[name] = str(e)
                print(f"[{label}] {name} FAILED: {e}", file=sys.stderr)
                continue
            if rnd == 0 and count_index_html(outdir) == 0:
                failed[name] = f"{name} exited 0 but wrote no index.html to {outdir}"
                print(f"[{label}] {name} FAILED: {failed[name]}", file=sys.stderr)
                continue
            tag = "warm-up" if rnd == 0 else f"run {rnd}/{runs}"
            print(f"  [{label}] {tag:>9} {name:<6} {t:7.2f} s {kib / 1024:7.0f} MiB",
                  file=sys.stderr, flush=True)
            if rnd > 0:
                results[name].append((t, kib))

    print()
    pages = {}
    for name, outdir, _ in tools:
        if results[name]:
            pages[name] = count_index_html(outdir)
    print(f"site: {os.environ.get('BENCH_PAGES', '?')} pages "
          f"(corpus x{os.environ.get('COPIES', '?')}), {label}, {runs} runs, median")
    print(f"{'tool':<8} {'median s':>9} {'min s':>7} {'max s':>7} {'peak MiB (median)':>18}"
          f" {'index.html':>11} {'out MiB':>8}")
    med = {}
    for name, outdir, _ in tools:
        if name in failed or not results[name]:
            print(f"{name:<8} FAILED (see {logs}/{name}.log; BENCH_KEEP=1 keeps it)")
            continue
        ts = [t for t, _ in results[name]]
        mem = statistics.median(k for _, k in results[name]) / 1024
        med[name] = statistics.median(ts)
        note = f"  (cp -r of {copied_from}'s output, for scale)" if name == "copy" else ""
        print(f"{name:<8} {med[name]:9.2f} {min(ts):7.2f} {max(ts):7.2f} {mem:18.0f}"
              f" {pages[name]:11d} {du_mib(outdir):8.0f}{note}")
    if "keten" in med and "hugo" in med:
        print(f"ratio hugo/keten: {med['hugo'] / med['keten']:.1f}")
    for name, s, mib in QUOTED:
        m = f"{mib} MiB" if mib else "-"
        print(f"  ref {name:<11} {s:5.2f} s  {m:>8}   (quoted in the issue, not measured)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
