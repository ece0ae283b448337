#!/usr/bin/env python3
"""`get` over HTTPS, side by side in one run with `get` over plain HTTP on the
same demo, the AWS CLI over the same HTTPS (and over HTTP), and both floors:
bench/floor_probe.rs (one GET over a std TcpStream) and bench/https_floor (the
same GET over rustls with the same trust). Whole processes, interleaved.

HTTPS is a TLS terminator on 127.0.0.1 (bench/tls_terminator.py) in front of
`chime-prefs serve-demo`, with a CA this script generates; chime-prefs, the
floor and the AWS CLI trust it through AWS_CA_BUNDLE. SSL_CERT_FILE and
SSL_CERT_DIR are passed on as this machine sets them (both point at the
system's store here), so the system store is what each tool reads.

Usage: python3 bench/get_https.py [RUNS]   (default 30)
       BENCH_EXTRA=name=/path/to/chime-prefs,... adds builds to compare
       (their `get` over HTTPS and HTTP), e.g. one with jitter entropy;
       BENCH_NO_AWSCLI=1 leaves the AWS CLI out.
"""

import os
import shutil
import subprocess
import sys
import tempfile

from common import APP, BIN, ROOT, CHANNEL, DemoService, ensure_release_build, hermetic_env, machine_line, median, peak_rss_kib, timed
from tls_terminator import Terminator, make_ca


def build_floors():
    floor_bin = ROOT / "target" / "release" / "examples" / "floor_probe"
    floor_bin.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["rustc", "--edition", "2024", "-C", "opt-level=3", "-C", "strip=symbols",
                    str(ROOT / "bench" / "floor_probe.rs"), "-o", str(floor_bin)], check=True)
    target = ROOT / "target" / "https-floor"
    subprocess.run(["cargo", "build", "--release", "--quiet", "--manifest-path",
                    str(ROOT / "bench" / "https_floor" / "Cargo.toml"), "--target-dir", str(target)],
                   cwd=ROOT, check=True)
    return floor_bin, target / "release" / "https_floor"


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    ensure_release_build()
    floor_bin, https_floor_bin = build_floors()
    aws = None if os.environ.get("BENCH_NO_AWSCLI") else shutil.which("aws")
    member = f"{APP}/user/carol"
    home = tempfile.mkdtemp(prefix="chime-prefs-bench-")
    ca = make_ca(home)
    env = hermetic_env(home)
    for var in ("SSL_CERT_FILE", "SSL_CERT_DIR"):
        if os.environ.get(var):
            env[var] = os.environ[var]
    tls_env = dict(env, AWS_CA_BUNDLE=str(ca))
    extra = [tuple(x.split("=", 1)) for x in os.environ.get("BENCH_EXTRA", "").split(",") if x]

    with DemoService() as demo:
        host, port = demo.url.removeprefix("http://").split(":")
        term = Terminator(home, (host, int(port)))

        def get(binary, url):
            return [str(binary), "--endpoint-url", url, "get", "--output", "json",
                    "--channel-arn", CHANNEL, "--member-arn", member]

        def cli(url):
            return [aws or "aws", "--endpoint-url", url, "--output", "json", "chime-sdk-messaging",
                    "get-channel-membership-preferences", "--channel-arn", CHANNEL,
                    "--member-arn", member, "--chime-bearer", member]

        # (name, command, environment, output compared with `get` over HTTP)
        cases = [
            ("floor: std TcpStream, HTTP", [str(floor_bin), demo.url, CHANNEL, member], env, False),
            ("floor: rustls, HTTPS", [str(https_floor_bin), term.url, CHANNEL, member], tls_env, False),
            ("chime-prefs get, HTTP", get(BIN, demo.url), env, True),
            ("chime-prefs get, HTTPS", get(BIN, term.url), tls_env, True),
        ]
        for name, path in extra:
            cases.append((f"{name} get, HTTP", get(path, demo.url), env, True))
            cases.append((f"{name} get, HTTPS", get(path, term.url), tls_env, True))
        if aws:
            cases.append(("AWS CLI, HTTP", cli(demo.url), env, True))
            cases.append(("AWS CLI, HTTPS", cli(term.url), tls_env, True))

        reference = None
        for name, cmd, e, compare in cases:  # warm the page cache, check outputs
            wall, _, code, out = timed(cmd, e)
            assert code == 0, f"{name} failed"
            if compare:
                reference = reference or out
                assert out == reference, f"{name}: output differs"
        walls = {name: [] for name, *_ in cases}
        for _ in range(runs):
            for name, cmd, e, _ in cases:
                wall, _, code, _ = timed(cmd, e)
                assert code == 0, f"{name} failed"
                walls[name].append(wall)
        rss = {name: [peak_rss_kib(cmd, e) for _ in range(5)] for name, cmd, e, _ in cases}
        accepts = term.accepts
        term.close()

    print(f"# get over HTTPS and HTTP, {runs} interleaved runs each, {machine_line()}, "
          f"load {os.getloadavg()[0]:.1f}")
    print("| what | median wall | p90 wall | peak RSS (median of 5, max) |")
    print("|---|---|---|---|")
    med = {}
    for name, *_ in cases:
        w = sorted(walls[name])
        med[name] = median(w)
        p90 = w[int(len(w) * 0.9) - 1]
        r = rss[name]
        print(f"| {name} | {med[name] * 1000:.1f} ms | {p90 * 1000:.1f} ms | "
              f"{median(r) / 1024:.1f} MiB, {max(r) / 1024:.1f} MiB |")

    def ratio(a, b, label):
        if a in med and b in med:
            print(f"- {label}: {med[a] / med[b]:.2f}x")

    print("\nRatios of medians:")
    ratio("chime-prefs get, HTTPS", "chime-prefs get, HTTP", "get HTTPS / get HTTP (target <= 1.5x)")
    ratio("chime-prefs get, HTTPS", "floor: rustls, HTTPS", "get HTTPS / rustls floor (target <= 2x)")
    ratio("chime-prefs get, HTTP", "floor: std TcpStream, HTTP", "get HTTP / TcpStream floor (target <= 2.2x)")
    ratio("AWS CLI, HTTP", "chime-prefs get, HTTP", "AWS CLI HTTP / get HTTP (target >= 100x)")
    ratio("AWS CLI, HTTPS", "chime-prefs get, HTTPS", "AWS CLI HTTPS / get HTTPS")
    for name, _ in extra:
        ratio(f"{name} get, HTTPS", f"{name} get, HTTP", f"{name}: get HTTPS / get HTTP")
        ratio(f"{name} get, HTTPS", "chime-prefs get, HTTPS", f"{name} HTTPS / chime-prefs HTTPS")
    print(f"\nTLS connections the terminator accepted: {accepts}")


if __name__ == "__main__":
    main()
