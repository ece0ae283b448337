"""Shared helpers for the bench/ scripts: start the demo service, time a
process, read its peak RSS. Standard library only."""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# CHIME_PREFS_BIN times another build (and skips `cargo build`).
BIN = Path(os.environ.get("CHIME_PREFS_BIN") or ROOT / "target" / "release" / "chime-prefs")
APP = "arn:aws:chime:us-east-1:111122223333:app-instance/demo"
CHANNEL = f"{APP}/channel/support"
DEMO_ENV = {
    "AWS_ACCESS_KEY_ID": "AKIDEMOCHIMEPREFS00",
    "AWS_SECRET_ACCESS_KEY": "demo-secret-not-a-real-key",
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_REGION": "us-east-1",
    # The AWS CLI v1 reads only AWS_DEFAULT_REGION.
    "AWS_DEFAULT_REGION": "us-east-1",
}


def ensure_release_build():
    if os.environ.get("CHIME_PREFS_BIN"):
        return
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)


def hermetic_env(home):
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home)}
    env["AWS_CONFIG_FILE"] = str(Path(home) / "none")
    env["AWS_SHARED_CREDENTIALS_FILE"] = str(Path(home) / "none")
    env["XDG_CONFIG_HOME"] = str(Path(home) / "config")
    env.update(DEMO_ENV)
    return env


class DemoService:
    """`chime-prefs serve-demo` in a child process."""

    def __init__(self, *extra):
        self.proc = subprocess.Popen(
            [str(BIN), "serve-demo", *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        line = self.proc.stdout.readline().strip()
        if not line.startswith("listening on "):
            self.proc.kill()
            sys.exit(f"serve-demo did not start: {line!r}")
        self.url = line.removeprefix("listening on ")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=10)


def timed(cmd, env):
    """Run cmd; return (wall seconds, peak RSS in KiB, exit code, stdout)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_maxrss, os.waitstatus_to_exitcode(status), out


def median(values):
    return statistics.median(values)


def machine_line():
    cpu = "unknown cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}"


def peak_rss_kib(cmd, env):
    """Peak RSS of cmd in KiB, measured by GNU time from a process of its
    own. os.wait4 from this script over-reports: at exec the kernel keeps
    the larger of the child's RSS and the RSS of the address space it was
    forked from, which is this Python process (about 14 MiB)."""
    with tempfile.NamedTemporaryFile(mode="r") as out:
        code = subprocess.run(
            ["/usr/bin/time", "-o", out.name, "-f", "%M", *cmd],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ).returncode
        if code != 0:
            raise RuntimeError(f"{cmd[0]} exited {code}")
        return int(out.read().strip().splitlines()[-1])
