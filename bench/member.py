#!/usr/bin/env python3
"""Benchmark `chime-prefs member` as a whole process against `serve-demo` on
loopback, with the embedded data's `user/busy` (300 channels). Prints
markdown tables of medians. Not part of `cargo test`.

  bearer   `serve-demo --bearer-tps 10` (Chime's per-bearer limit in
           us-east-1), then `--tps 10` (the whole service): wall time
           against the ideal 30 s (300 lookups at 10/s), the 429s the run
           met (Summary.Throttled), every channel read, and peak RSS from
           GNU time, all from the same runs.
  latency  `serve-demo --latency-ms 50` and `250`, no rate limit, at
           `--concurrency` 1, 2 and 8: channels/s against the ideal
           min(concurrency / latency, 10/s), the lower of what the
           concurrency allows and the bearer's quota the run keeps to.

Usage: python3 bench/member.py [RUNS]      (default 3 runs per figure)
  CHIME_PREFS_BIN=path   the binary (default target/release/chime-prefs;
                         when unset, `cargo build --release` runs first)
  MEMBER_BENCH=bearer,latency   run only these parts
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common
from common import APP, DemoService, hermetic_env, machine_line, median

BIN = Path(os.environ.get("CHIME_PREFS_BIN", str(common.BIN)))
# DemoService starts common.BIN.
common.BIN = BIN

BUSY = f"{APP}/user/busy"
CHANNELS = 300
QUOTA = 10  # us-east-1, requests per second per bearer
LATENCY_CASES = [(50, 1), (50, 8), (250, 1), (250, 2), (250, 8)]


def member_cmd(url, *extra):
    return [str(BIN), "--endpoint-url", url, "member", "--member-arn", BUSY,
            "--output", "json", *extra]


def timed_with_rss(cmd, env):
    """One run under GNU time: (wall s, peak RSS KiB, exit code, parsed JSON)."""
    with tempfile.NamedTemporaryFile(mode="r") as usage:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-o", usage.name, "-f", "%M", *cmd],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        rss = int(usage.read().strip().splitlines()[-1])
    return wall, rss, proc.returncode, json.loads(proc.stdout)


def one_run(cmd, env):
    wall, rss, code, doc = timed_with_rss(cmd, env)
    summary = doc["Summary"]
    read = sum(summary[k] for k in ("ALL", "NONE", "FILTERED", "NotSet", "Unknown"))
    complete = code == 0 and read == CHANNELS and summary["Errors"] == 0 and not doc["Partial"]
    if not complete:
        errors = [c["Error"]["Code"] for c in doc["Channels"] if "Error" in c]
        print(f"  (incomplete run: exit {code}, read {read} of {CHANNELS}, errors {errors[:5]}, "
              f"listing error {doc.get('ListingError', {}).get('Code')})", file=sys.stderr)
    return {"wall": wall, "rss_kib": rss, "throttled": summary["Throttled"],
            "errors": summary["Errors"], "complete": complete}


def bearer(env, runs):
    ideal = CHANNELS / QUOTA
    print(f"\n## `user/busy`, {CHANNELS} channels at a {QUOTA}/s limit, {runs} runs each")
    print("| demo limit | median wall | min | max | ideal | ideal / wall | channels/s | 429s (per run) "
          "| errors | peak RSS median | max | all read, exit 0 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    # Per bearer, as Chime limits it; and the whole service (the identity
    # calls count there too).
    for limit in ("--bearer-tps", "--tps"):
        with DemoService(limit, str(QUOTA)) as demo:
            results = [one_run(member_cmd(demo.url), env) for _ in range(runs)]
        walls = [r["wall"] for r in results]
        peaks = [r["rss_kib"] / 1024 for r in results]
        print(f"| `{limit} {QUOTA}` | {median(walls):.2f} s | {min(walls):.2f} s | {max(walls):.2f} s | "
              f"{ideal:.0f} s | {100 * ideal / median(walls):.0f}% | {CHANNELS / median(walls):.2f} | "
              f"{', '.join(str(r['throttled']) for r in results)} | {sum(r['errors'] for r in results)} | "
              f"{median(peaks):.1f} MiB | {max(peaks):.1f} MiB | "
              f"{'yes' if all(r['complete'] for r in results) else 'NO'} |")


def latency(env, runs):
    print(f"\n## No rate limit, with latency: {CHANNELS} channels, {runs} runs each")
    print("| --latency-ms | --concurrency | median channels/s | min | ideal min(c / latency, 10/s) "
          "| % of ideal | 429s | all read, exit 0 |")
    print("|---|---|---|---|---|---|---|---|")
    for latency_ms in sorted({l for l, _ in LATENCY_CASES}):
        with DemoService("--latency-ms", str(latency_ms)) as demo:
            for lat, conc in LATENCY_CASES:
                if lat != latency_ms:
                    continue
                results = [one_run(member_cmd(demo.url, "--concurrency", str(conc)), env)
                           for _ in range(runs)]
                rates = [CHANNELS / r["wall"] for r in results]
                ideal = min(conc / (latency_ms / 1000), QUOTA)
                print(f"| {latency_ms} | {conc} | {median(rates):.2f} | {min(rates):.2f} | {ideal:g} | "
                      f"{100 * median(rates) / ideal:.0f}% | {sum(r['throttled'] for r in results)} | "
                      f"{'yes' if all(r['complete'] for r in results) else 'NO'} |")


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    parts = set(os.environ.get("MEMBER_BENCH", "bearer,latency").split(","))
    if "CHIME_PREFS_BIN" not in os.environ:
        common.ensure_release_build()
    home = tempfile.mkdtemp(prefix="chime-prefs-bench-member-")
    env = hermetic_env(home)
    load = os.getloadavg()
    print(f"# chime-prefs member benchmark: {machine_line()}; load average {load[0]:.2f} at start")
    print(f"binary: {BIN}")
    if "bearer" in parts:
        bearer(env, runs)
    if "latency" in parts:
        latency(env, runs)
    load = os.getloadavg()
    print(f"\nload average {load[0]:.2f} at the end")
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
