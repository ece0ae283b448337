#!/usr/bin/env python3
"""Benchmark `chime-prefs scan` as a whole process against `serve-demo` on
loopback. Prints markdown tables of medians.

  throughput  2,000 members behind --latency-ms 50, at concurrency 1, 8, 16
              and 32: members/s against the ideal concurrency / latency.
  awscli      an AWS CLI shell loop over 20 members on the same service:
              members/s.
  tps         400 members behind --tps 20 (and --latency-ms 50), default
              concurrency: members/s against 20/s, and errors (must be 0).
  rss         the 10,000-member town-hall channel (embedded data), JSON and
              table output: peak RSS (GNU time) and members/s.

Usage: python3 bench/scan.py [RUNS]        (default 3 runs per figure)
  CHIME_PREFS_BIN=path   the binary (default target/release/chime-prefs;
                         when unset, `cargo build --release` runs first)
  SCAN_BENCH=throughput,awscli,tps,rss   run only these parts
"""

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import common
from common import APP, DemoService, hermetic_env, machine_line, median, peak_rss_kib, timed

BIN = Path(os.environ.get("CHIME_PREFS_BIN", str(common.BIN)))
# DemoService starts common.BIN.
common.BIN = BIN

LATENCY_MS = 50
THROUGHPUT_MEMBERS = 2000
CONCURRENCIES = [int(c) for c in os.environ.get("SCAN_CONCURRENCIES", "1,8,16,32").split(",")]
TPS = 20
TPS_MEMBERS = 400
AWSCLI_MEMBERS = 20
BEARER = f"{APP}/user/admin"


def write_dataset(path, count):
    """One generated channel `bench` of `count` members, none hidden."""
    data = {
        "app_instance_arn": APP,
        "admins": ["user/admin"],
        "users": ["user/admin"],
        "channels": [{
            "id": "bench",
            "generate": {"count": count, "prefix": "user/b-", "digits": 5,
                         "name_prefix": "Bench Member "},
        }],
    }
    Path(path).write_text(json.dumps(data))


def scan_cmd(url, channel, *extra):
    return [str(BIN), "--endpoint-url", url, "scan", "--channel-arn", f"{APP}/channel/{channel}",
            "--bearer-arn", BEARER, *extra]


def scan(cmd, env, members):
    """One timed scan with JSON output; checks every member was read."""
    wall, rss, code, out = timed([*cmd, "--output", "json"], env)
    doc = json.loads(out)
    summary = doc["Summary"]
    read = sum(summary[k] for k in ("ALL", "NONE", "FILTERED", "NotSet", "Unknown"))
    complete = read == members and code == 0
    if not complete:
        failed = [m["Error"]["Code"] for m in doc["Members"] if "Error" in m]
        listing = doc.get("ListingError", {}).get("Code")
        print(f"  (incomplete run: exit {code}, read {read} of {members}, member errors {failed[:5]}, "
              f"listing error {listing}, partial {doc.get('Partial', False)})", file=sys.stderr)
    return {"wall": wall, "rss_kib": rss, "code": code, "read": read,
            "errors": summary["Errors"], "complete": complete}


def throughput(env, runs, data_file):
    rows = []
    with DemoService("--latency-ms", str(LATENCY_MS), "--data", data_file) as demo:
        cmd = scan_cmd(demo.url, "bench")
        scan([*cmd, "--concurrency", "8"], env, THROUGHPUT_MEMBERS)  # warm-up
        for c in CONCURRENCIES:
            results = [scan([*cmd, "--concurrency", str(c)], env, THROUGHPUT_MEMBERS) for _ in range(runs)]
            rates = [THROUGHPUT_MEMBERS / r["wall"] for r in results]
            ideal = c / (LATENCY_MS / 1000)
            rows.append((c, median(rates), min(rates), max(rates), ideal,
                         all(r["complete"] for r in results)))
    print(f"\n## Throughput: {THROUGHPUT_MEMBERS} members, --latency-ms {LATENCY_MS}, {runs} runs each")
    print("| concurrency | median members/s | min | max | ideal (c / latency) | % of ideal | all read, exit 0 |")
    print("|---|---|---|---|---|---|---|")
    for c, med, lo, hi, ideal, ok in rows:
        print(f"| {c} | {med:.1f} | {lo:.1f} | {hi:.1f} | {ideal:.0f} | {100 * med / ideal:.0f}% | {'yes' if ok else 'NO'} |")


def awscli(env, runs, data_file):
    aws = shutil.which("aws")
    if not aws:
        print("\n## AWS CLI loop: aws not installed (pip install awscli)")
        return
    channel = f"{APP}/channel/bench"
    walls = []
    with DemoService("--latency-ms", str(LATENCY_MS), "--data", data_file) as demo:
        lines = []
        for n in range(1, AWSCLI_MEMBERS + 1):
            member = f"{APP}/user/b-{n:05d}"
            lines.append(f"{aws} --endpoint-url {demo.url} --region us-east-1 --output json chime-sdk-messaging "
                         f"get-channel-membership-preferences --channel-arn {channel} "
                         f"--member-arn {member} --chime-bearer {member} >/dev/null || exit 1")
        script = "\n".join(lines)
        for _ in range(runs):
            wall, _, code, _ = timed(["sh", "-c", script], env)
            assert code == 0, "aws cli loop failed"
            walls.append(wall)
    per_member = median(walls) / AWSCLI_MEMBERS
    print(f"\n## AWS CLI shell loop: {AWSCLI_MEMBERS} members, --latency-ms {LATENCY_MS}, {runs} runs")
    print(f"median {median(walls):.2f} s for {AWSCLI_MEMBERS} members: {per_member * 1000:.0f} ms a member, "
          f"{1 / per_member:.2f} members/s")


def tps(env, runs, data_file):
    print(f"\n## Throttled service: {TPS_MEMBERS} members, --tps {TPS}, default concurrency, {runs} runs each")
    print("| demo options | median members/s | min | % of 20/s (median) | errors (total) | all read, exit 0 |")
    print("|---|---|---|---|---|---|")
    for extra in ([], ["--latency-ms", str(LATENCY_MS)]):
        with DemoService("--tps", str(TPS), "--data", data_file, *extra) as demo:
            results = [scan(scan_cmd(demo.url, "bench"), env, TPS_MEMBERS) for _ in range(runs)]
        rates = [TPS_MEMBERS / r["wall"] for r in results]
        errors = sum(r["errors"] for r in results)
        label = " ".join(["--tps", str(TPS), *extra])
        print(f"| {label} | {median(rates):.1f} | {min(rates):.1f} | {100 * median(rates) / TPS:.0f}% | "
              f"{errors} | {'yes' if all(r['complete'] for r in results) else 'NO'} |")


def rss(env, runs):
    members = 10000 - 10000 // 500  # town-hall: every 500th member is HIDDEN
    print(f"\n## town-hall: {members} members (embedded data, no latency), {runs} runs each")
    print("| output | median wall | median members/s | peak RSS median | peak RSS max | all read, exit 0 |")
    print("|---|---|---|---|---|---|")
    with DemoService() as demo:
        cmd = scan_cmd(demo.url, "town-hall")
        for output in ("json", "table"):
            results = []
            for _ in range(runs):
                if output == "json":
                    results.append(scan(cmd, env, members))
                else:
                    wall, rss_kib, code, out = timed([*cmd, "--output", "table"], env)
                    ok = code == 0 and out.decode().rstrip().endswith("0 errors")
                    results.append({"wall": wall, "rss_kib": rss_kib, "complete": ok})
            walls = [r["wall"] for r in results]
            # Peak RSS from GNU time in runs of their own: wait4 from this
            # script also counts the Python process the child was forked from
            # (see common.peak_rss_kib).
            peaks = [peak_rss_kib([*cmd, "--output", output], env) / 1024 for _ in range(runs)]
            print(f"| {output} | {median(walls):.2f} s | {members / median(walls):.0f} | {median(peaks):.1f} MiB | "
                  f"{max(peaks):.1f} MiB | {'yes' if all(r['complete'] for r in results) else 'NO'} |")


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    parts = set(os.environ.get("SCAN_BENCH", "throughput,awscli,tps,rss").split(","))
    if "CHIME_PREFS_BIN" not in os.environ:
        common.ensure_release_build()
    home = tempfile.mkdtemp(prefix="chime-prefs-bench-scan-")
    env = hermetic_env(home)
    big = Path(home) / "bench-2000.json"
    small = Path(home) / "bench-400.json"
    write_dataset(big, THROUGHPUT_MEMBERS)
    write_dataset(small, TPS_MEMBERS)

    load = os.getloadavg()
    print(f"# chime-prefs scan benchmark: {machine_line()}; load average {load[0]:.2f} at start")
    print(f"binary: {BIN}")
    if "throughput" in parts:
        throughput(env, runs, str(big))
    if "awscli" in parts:
        awscli(env, runs, str(big))
    if "tps" in parts:
        tps(env, runs, str(small))
    if "rss" in parts:
        rss(env, runs)
    load = os.getloadavg()
    print(f"\nload average {load[0]:.2f} at the end")
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
