#!/usr/bin/env python3
"""Time `chime-prefs diagnose` against `serve-demo --latency-ms 50`, with
`get` (one round trip) side by side in the same run, to count the round
trips a diagnosis costs beyond start-up.

A diagnosis makes its independent calls at once (membership, ban,
preferences, the endpoint list, GetRole and a simulation probe), then each
endpoint's describe, then each app's set-up (GetApp, its channels, the
role's permission): three round trips, where the sum of its calls would be
fifteen or more. With every set-up call (the simulation refused, so the
role's inline and attached policies are read: AKIDEMONOSIMULATE01), the
policies' three round trips start after the probe's: four. The target is
at most 4.5 round trips plus start-up.

Usage: python3 bench/diagnose.py [RUNS]   (default 20)
"""

import sys
import tempfile

from common import APP, BIN, CHANNEL, DemoService, ensure_release_build, hermetic_env, machine_line, median, peak_rss_kib, timed

LATENCY_MS = 50


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    ensure_release_build()
    home = tempfile.mkdtemp(prefix="chime-prefs-bench-")
    env = hermetic_env(home)
    member = f"{APP}/user/alice"
    admin = f"{APP}/user/admin"
    diag, get, every = [], [], []
    every_env = dict(env, AWS_ACCESS_KEY_ID="AKIDEMONOSIMULATE01")
    with DemoService("--latency-ms", str(LATENCY_MS)) as demo:
        base = [str(BIN)]
        get_cmd = base + ["get", "--endpoint-url", demo.url, "--output", "json",
                          "--channel-arn", CHANNEL, "--member-arn", member]
        diag_cmd = base + ["diagnose", "--endpoint-url", demo.url, "--output", "json",
                           "--channel-arn", CHANNEL, "--member-arn", member, "--admin-arn", admin]
        timed(get_cmd, env)
        timed(diag_cmd, env)
        for _ in range(runs):
            wall, _, code, _ = timed(get_cmd, env)
            assert code == 0, "get failed"
            get.append(wall)
            wall, _, code, out = timed(diag_cmd, env)
            assert code == 0, f"diagnose exited {code}: {out[:200]!r}"
            diag.append(wall)
            wall, _, code, out = timed(diag_cmd, every_env)
            assert code == 0, f"diagnose (every set-up call) exited {code}: {out[:200]!r}"
            assert b"evaluated locally" in out, "the policies were read"
            every.append(wall)
        rss = [peak_rss_kib(diag_cmd, env) for _ in range(5)]
    rt = LATENCY_MS / 1000
    startup = median(get) - rt
    trips = (median(diag) - startup) / rt
    every_trips = (median(every) - startup) / rt
    print(f"# diagnose vs get at {LATENCY_MS} ms latency, {runs} interleaved runs each, {machine_line()}")
    print("| command | median wall | round trips beyond start-up |")
    print("|---|---|---|")
    print(f"| get (1 call) | {median(get) * 1000:.1f} ms | 1 (by construction) |")
    print(f"| diagnose (alice, with admin: 6 calls at once, 2 describes, then her app's set-up) | {median(diag) * 1000:.1f} ms | {trips:.2f} |")
    print(f"| diagnose with every set-up call (simulation refused, the role's policies read) | {median(every) * 1000:.1f} ms | {every_trips:.2f} |")
    print(f"\nstart-up (get median minus one round trip): {startup * 1000:.1f} ms")
    print(f"diagnose peak RSS: median {median(rss) / 1024:.1f} MiB, max {max(rss) / 1024:.1f} MiB (GNU time, 5 runs)")


if __name__ == "__main__":
    main()
