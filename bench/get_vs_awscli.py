#!/usr/bin/env python3
"""Time `chime-prefs get` as a whole process against `serve-demo` on
loopback, side by side with the AWS CLI making the same call and with the
physical floor (bench/floor_probe.rs: one GET over a std TcpStream),
interleaved in the same run. Prints medians, peak RSS and both ratios.

Usage: python3 bench/get_vs_awscli.py [RUNS]   (default 30)
"""

import shutil
import subprocess
import sys
import tempfile

from common import APP, BIN, ROOT, CHANNEL, DemoService, ensure_release_build, hermetic_env, machine_line, median, peak_rss_kib, timed


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    ensure_release_build()
    # Std only: rustc alone builds it, without the dev-dependencies that
    # `cargo build --example` would compile first.
    floor_bin = ROOT / "target" / "release" / "examples" / "floor_probe"
    floor_bin.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["rustc", "--edition", "2024", "-C", "opt-level=3", "-C", "strip=symbols",
                    str(ROOT / "bench" / "floor_probe.rs"), "-o", str(floor_bin)], check=True)
    aws = shutil.which("aws")
    member = f"{APP}/user/carol"
    home = tempfile.mkdtemp(prefix="chime-prefs-bench-")
    env = hermetic_env(home)
    ours, theirs, floor = [], [], []
    with DemoService() as demo:
        ours_cmd = [str(BIN), "--endpoint-url", demo.url, "get", "--output", "json",
                    "--channel-arn", CHANNEL, "--member-arn", member]
        aws_cmd = [aws or "aws", "--endpoint-url", demo.url, "--output", "json", "chime-sdk-messaging",
                   "get-channel-membership-preferences", "--channel-arn", CHANNEL,
                   "--member-arn", member, "--chime-bearer", member]
        floor_cmd = [str(floor_bin), demo.url, CHANNEL, member]
        # Warm the page cache for all three before timing.
        timed(floor_cmd, env)
        timed(ours_cmd, env)
        if aws:
            timed(aws_cmd, env)
        for _ in range(runs):
            wall, rss, code, _ = timed(floor_cmd, env)
            assert code == 0, "floor probe failed"
            floor.append((wall, rss))
            wall, rss, code, out = timed(ours_cmd, env)
            assert code == 0, "chime-prefs get failed"
            ours.append((wall, rss))
            if aws:
                wall, rss, code, out_aws = timed(aws_cmd, env)
                assert code == 0, "aws cli failed"
                assert out_aws == out, "outputs differ"
                theirs.append((wall, rss))
        # Peak RSS from GNU time (see common.peak_rss_kib), 5 runs each.
        ours_rss = [peak_rss_kib(ours_cmd, env) for _ in range(5)]
        floor_rss = [peak_rss_kib(floor_cmd, env) for _ in range(5)]
        theirs_rss = [peak_rss_kib(aws_cmd, env) for _ in range(5)] if aws else []

    print(f"# get vs the floor and the AWS CLI, {runs} interleaved runs each, {machine_line()}")
    print("| tool | median wall | p90 wall | peak RSS (median of 5, max) |")
    print("|---|---|---|---|")

    def row(name, samples, rss):
        walls = sorted(s[0] for s in samples)
        p90 = walls[int(len(walls) * 0.9) - 1]
        print(f"| {name} | {median(walls) * 1000:.1f} ms | {p90 * 1000:.1f} ms | {median(rss) / 1024:.1f} MiB, {max(rss) / 1024:.1f} MiB |")

    row("floor probe (std TcpStream, one GET)", floor, floor_rss)
    row("chime-prefs get", ours, ours_rss)
    to_floor = median([s[0] for s in ours]) / median([s[0] for s in floor])
    print(f"\nratio to the floor (chime-prefs median / floor median): {to_floor:.2f}x")
    if theirs:
        row("aws chime-sdk-messaging get-channel-membership-preferences", theirs, theirs_rss)
        ratio = median([s[0] for s in theirs]) / median([s[0] for s in ours])
        print(f"\nratio (AWS CLI median / chime-prefs median): {ratio:.0f}x")
    else:
        print("\nAWS CLI not installed: pip install awscli")


if __name__ == "__main__":
    main()
