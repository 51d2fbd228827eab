#!/usr/bin/env python3
"""Edit-to-browser latency of `keten serve` (called by bench/serve.sh).

Usage: serve.py WORK_DIR KETEN_BIN [HUGO_BIN|-]

WORK_DIR holds site-keten/ (and site-hugo/ when HUGO_BIN is given), prepared
by serve.sh. Environment: EDITS (15), BUILD_RUNS (5), EDIT_TIMEOUT (30 s),
PAUSE_MS (300), STEP (500), POLL_MS (1: pause between polls; 0 polls in a
tight loop, which on 2 cores takes CPU from the server), SERVE_ARGS (extra
arguments for `keten serve`, e.g. --poll).

For each server: start it on a free port, wait until /docs/ answers 200, then
EDITS times: pick a page (every STEP-th page file, sorted), fetch it once over
a persistent HTTP/1.1 connection, start the clock, append a new paragraph
with a unique word to its .md file (open in append mode, write, close, as an
editor's save), and poll the page's URL on the same connection (POLL_MS apart) until the body contains the word; stop the clock. The server's own
figure comes from the first rebuild line it prints after the write
(`Rebuilt in N ms` for keten, `Total in N ms` for Hugo). After the edits the
server is stopped and the full build an edit replaces is timed: one warm-up,
then BUILD_RUNS runs of `keten build` into WORK_DIR/out-keten (deleted before
each run, untimed), median wall time.
Only the Python standard library is used.
"""
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time

# Quoted in the issue for this machine kind, 8,820-page corpus; not measured here.
QUOTED = [
    ("zola 0.22 serve", 4.1),
    ("zola 0.22 serve --fast", 1.25),
    ("hugo 0.168 server", 0.5),
]

EDITS = int(os.environ.get("EDITS", "15"))
BUILD_RUNS = int(os.environ.get("BUILD_RUNS", "5"))
EDIT_TIMEOUT = float(os.environ.get("EDIT_TIMEOUT", "30"))
PAUSE = float(os.environ.get("PAUSE_MS", "300")) / 1000
STEP = int(os.environ.get("STEP", "500"))
POLL = float(os.environ.get("POLL_MS", "1")) / 1000
SERVE_ARGS = os.environ.get("SERVE_ARGS", "").split()
START_TIMEOUT = 300.0
CLK_TCK = os.sysconf("SC_CLK_TCK")


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    """utime + stime of a process (all its threads), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


class Server:
    """A development server whose output lines are collected with arrival times."""

    def __init__(self, name, cmd, ready_re, rebuild_re, log_path):
        self.name = name
        self.cmd = cmd
        self.ready_re = re.compile(ready_re)
        self.rebuild_re = re.compile(rebuild_re)
        self.lines = []  # (perf_counter, stream, line)
        self.cond = threading.Condition()
        self.log = open(log_path, "w", encoding="utf-8")
        self.proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, bufsize=1, errors="replace", start_new_session=True,
            env={**os.environ, "KETEN_LANG": "en"},  # the patterns below read English
        )
        for stream, label in ((self.proc.stdout, "out"), (self.proc.stderr, "err")):
            threading.Thread(target=self._read, args=(stream, label), daemon=True).start()

    def _read(self, stream, label):
        for line in stream:
            now = time.perf_counter()
            line = line.rstrip("\n")
            with self.cond:
                self.lines.append((now, label, line))
                self.log.write(f"{now:.6f} {label} {line}\n")
                self.log.flush()
                self.cond.notify_all()

    def wait_line(self, regex, after=0.0, timeout=10.0):
        """First line matching regex that arrived after `after`: (time, match) or None."""
        deadline = time.perf_counter() + timeout
        with self.cond:
            while True:
                for t, _, line in self.lines:
                    if t > after:
                        m = regex.search(line)
                        if m:
                            return t, m
                left = deadline - time.perf_counter()
                if left <= 0 or self.proc.poll() is not None:
                    return None
                self.cond.wait(min(left, 0.05))

    def tail(self, n=15):
        with self.cond:
            return "\n".join(f"  {s}: {l}" for _, s, l in self.lines[-n:])

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                log(f"!! {self.name} did not stop within 10 s of SIGINT; killing it")
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


def get(conn, path):
    conn.request("GET", path, headers={"Cache-Control": "no-cache"})
    resp = conn.getresponse()
    return resp.status, resp.read()


def wait_ok(host, port, path, server, timeout=START_TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"{server.name} exited with {server.proc.returncode}:\n{server.tail()}")
        try:
            conn = http.client.HTTPConnection(host, port, timeout=10)
            status, _ = get(conn, path)
            conn.close()
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{path} on {server.name} did not answer 200 within {timeout:.0f} s")


def pick_pages(site):
    docs = os.path.join(site, "content", "docs")
    names = sorted(n for n in os.listdir(docs) if n.endswith(".md") and n != "_index.md")
    step = max(1, min(STEP, len(names) // max(EDITS, 1)))
    picked = [names[(i * step) % len(names)] for i in range(EDITS)]
    return [(os.path.join(docs, n), f"/docs/{n[:-3]}/") for n in picked]


def measure_edits(server, site, port):
    """EDITS edits; returns (latencies ms, server figures ms or None, failures)."""
    host = "127.0.0.1"
    wait_ok(host, port, "/docs/", server)
    # Idle CPU: a server with nothing to do should use next to none.
    time.sleep(1.0)
    c0, t0 = cpu_seconds(server.proc.pid), time.perf_counter()
    time.sleep(3.0)
    idle_cpu = (cpu_seconds(server.proc.pid) - c0) / (time.perf_counter() - t0) * 100
    log(f"   {server.name}: CPU while idle {idle_cpu:.0f}% (of one core, over 3 s)")
    conn = http.client.HTTPConnection(host, port, timeout=10)
    latencies, figures, failures = [], [], []
    for n, (path, url) in enumerate(pick_pages(site), 1):
        word = f"keten-edit-{n}-{secrets.token_hex(4)}"
        status, body = get(conn, url)  # warm: the page exists and the connection is open
        if status != 200:
            failures.append(f"{url}: HTTP {status} before the edit")
            continue
        start = time.perf_counter()
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"\n\n{word}\n")
        polls, seen = 0, None
        while True:
            try:
                status, body = get(conn, url)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=10)
                continue
            polls += 1
            if word.encode() in body:
                seen = time.perf_counter()
                break
            if time.perf_counter() - start > EDIT_TIMEOUT:
                break
            if POLL:
                time.sleep(POLL)
        if seen is None:
            failures.append(f"{url}: '{word}' not served within {EDIT_TIMEOUT:.0f} s")
            log(f"   edit {n:2}: {url} TIMEOUT after {EDIT_TIMEOUT:.0f} s")
            continue
        ms = (seen - start) * 1000
        latencies.append(ms)
        found = server.wait_line(server.rebuild_re, after=start, timeout=2.0)
        figure = float(found[1].group(1)) if found else None
        figures.append(figure)
        fig = f"{figure:.0f} ms" if figure is not None else "-"
        log(f"   edit {n:2}: {url:55} {ms:8.1f} ms  (server: {fig}, {polls} polls)")
        time.sleep(PAUSE)
    conn.close()
    return latencies, figures, failures, idle_cpu


def run_server(name, cmd, ready_re, rebuild_re, site, port, log_path):
    log(f"== {name}: {' '.join(cmd)}")
    server = Server(name, cmd, ready_re, rebuild_re, log_path)
    try:
        started = time.perf_counter()
        found = server.wait_line(server.ready_re, timeout=START_TIMEOUT)
        if not found:
            raise RuntimeError(f"{name} did not say it was serving:\n{server.tail()}")
        if port is None:
            port = int(found[1].group(1))
        wait_ok("127.0.0.1", port, "/docs/", server)
        log(f"   {name}: serving on port {port} after {time.perf_counter() - started:.1f} s")
        return measure_edits(server, site, port)
    finally:
        server.stop()


def time_builds(keten, site, out, logs):
    times = []
    for i in range(BUILD_RUNS + 1):
        shutil.rmtree(out, ignore_errors=True)
        os.sync()
        with open(os.path.join(logs, "keten-build.log"), "wb") as f:
            t0 = time.perf_counter()
            rc = subprocess.call([keten, "build", "--root", site, "--output", out],
                                 stdin=subprocess.DEVNULL, stdout=f, stderr=f)
            elapsed = time.perf_counter() - t0
        if rc != 0:
            raise RuntimeError(f"keten build exited with {rc}; see {logs}/keten-build.log")
        if i > 0:  # the first run is a warm-up
            times.append(elapsed)
        log(f"   keten build {'warm-up' if i == 0 else i}: {elapsed:.2f} s")
    shutil.rmtree(out, ignore_errors=True)
    return times


def row(name, lat, figs):
    if not lat:
        return f"{name:8} {'-':>9} {'-':>8} {'-':>8} {'-':>10}"
    known = [f for f in figs if f is not None]
    server = f"{statistics.median(known):10.0f}" if known else f"{'-':>10}"
    return (f"{name:8} {statistics.median(lat):9.1f} {min(lat):8.1f} {max(lat):8.1f} {server}"
            f"  ({len(lat)} edits)")


def main():
    work, keten = sys.argv[1], sys.argv[2]
    hugo = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] != "-" else None
    logs = os.path.join(work, "logs")
    os.makedirs(logs, exist_ok=True)
    site = os.path.join(work, "site-keten")
    pages = sum(1 for n in os.listdir(os.path.join(site, "content", "docs"))
                if n.endswith(".md") and n != "_index.md")
    results, status = {}, 0

    try:
        results["keten"] = run_server(
            "keten", [keten, "serve", "--root", site, "--port", "0", *SERVE_ARGS],
            r"^Serving the site at http://127\.0\.0\.1:(\d+)/", r"[Rr]ebuilt in (\d+) ms",
            site, None, os.path.join(logs, "keten-serve.log"))
    except RuntimeError as e:
        log(f"!! keten serve: {e}")
        status = 1

    if hugo:
        hsite = os.path.join(work, "site-hugo")
        port = free_port()
        try:
            results["hugo"] = run_server(
                "hugo", [hugo, "server", "--source", hsite, "--bind", "127.0.0.1",
                         "--port", str(port), "--renderToMemory", "--noBuildLock",
                         "--disableBrowserError"],
                r"Web Server is available at", r"Total in (\d+) ms",
                hsite, port, os.path.join(logs, "hugo-server.log"))
        except RuntimeError as e:
            log(f"!! hugo server: {e}")

    log("== full builds (server stopped)")
    builds = time_builds(keten, site, os.path.join(work, "out-keten"), logs)
    build = statistics.median(builds)

    print()
    print(f"site: {pages} pages, {EDITS} edits (one new paragraph appended to a page each),"
          f" tmpfs; latency = write -> served page contains the word (polled every"
          f" {POLL * 1000:g} ms)" + (f"; keten serve {' '.join(SERVE_ARGS)}" if SERVE_ARGS else ""))
    print(f"{'server':8} {'median ms':>9} {'min ms':>8} {'max ms':>8} {'server ms':>10}")
    for name in ("keten", "hugo"):
        if name in results:
            lat, figs, fails, idle = results[name]
            print(row(name, lat, figs) + f"  idle CPU {idle:.0f}%")
            for f in fails:
                print(f"  FAIL {name} {f}")
                status = 1
    if not hugo:
        print("hugo     not measured (no hugo binary; bench/build.sh installs it)")
    print(f"keten build (full, {BUILD_RUNS} runs): median {build:.2f} s,"
          f" min {min(builds):.2f} s, max {max(builds):.2f} s")
    if results.get("keten") and results["keten"][0]:
        med = statistics.median(results["keten"][0])
        print(f"ratio full build / edit latency: {build * 1000 / med:.1f}x"
              f"   target: edit latency under 50 ms: {'met' if med < 50 else 'NOT met'}")
    for name, secs in QUOTED:
        print(f"  ref {name:24} {secs:5.2f} s   (quoted in the issue, not measured)")
    return status


if __name__ == "__main__":
    sys.exit(main())
