#!/usr/bin/env python3
"""`get` over plain HTTP with two or more builds, side by side in one run.

Usage: python3 bench/get_builds.py RUNS name=/path/to/chime-prefs [name=/path ...]

Each build runs `get --output json` for carol against one `serve-demo`,
interleaved, RUNS times after a warm-up that checks every build prints the
same JSON; then 5 runs each under GNU time for peak RSS. Used for the cost
of a change across commits (BENCHMARKS.md: "What the Pinpoint and IAM
crates cost"), where the older build cannot take the newer flags.
"""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from common import (  # noqa: E402
    APP,
    CHANNEL,
    DemoService,
    hermetic_env,
    machine_line,
    median,
    peak_rss_kib,
    timed,
)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    runs = int(sys.argv[1])
    builds = [tuple(arg.split("=", 1)) for arg in sys.argv[2:]]
    member = f"{APP}/user/carol"
    env = hermetic_env(tempfile.mkdtemp(prefix="chime-prefs-bench-"))
    with DemoService() as demo:
        def get(binary):
            return [binary, "--endpoint-url", demo.url, "get", "--output", "json",
                    "--channel-arn", CHANNEL, "--member-arn", member]

        reference = None
        for name, path in builds:
            _, _, code, out = timed(get(path), env)
            assert code == 0, f"{name} failed"
            reference = reference or out
            assert out == reference, f"{name}: output differs"
        walls = {name: [] for name, _ in builds}
        for _ in range(runs):
            for name, path in builds:
                wall, _, code, _ = timed(get(path), env)
                assert code == 0, f"{name} failed"
                walls[name].append(wall)
        rss = {name: [peak_rss_kib(get(path), env) for _ in range(5)] for name, path in builds}
    print(f"# get over HTTP, {runs} interleaved runs each, {machine_line()}, "
          f"load {os.getloadavg()[0]:.1f}")
    print("| build | binary size | median wall | peak RSS (median of 5, max) |")
    print("|---|---|---|---|")
    for name, path in builds:
        size = os.path.getsize(path) / 1e6
        r = rss[name]
        print(f"| {name} | {size:.1f} MB | {median(walls[name]) * 1000:.2f} ms | "
              f"{median(r) / 1024:.1f} MiB, {max(r) / 1024:.1f} MiB |")


if __name__ == "__main__":
    main()
