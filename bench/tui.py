#!/usr/bin/env python3
"""TUI figures for BENCHMARKS.md, each from the release binary in a real
pseudo-terminal (100x30):

- launch to first frame: from spawning the process to the first frame's
  header (READ-ONLY badge) arriving on the terminal, for `tui` (empty form)
  and `demo` (starts the embedded service first);
- CPU while idle for 10 s after the first frame (utime+stime from /proc);
- peak RSS (VmHWM) of `demo` with 10,000 history entries (a config with
  10,000 [[targets]]), after scrolling to the end of the list, looking the
  last one up, and scrolling back.

Usage: python3 bench/tui.py [RUNS]   (default 20)
Binary: target/release/chime-prefs (built first).
"""

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

from common import APP, BIN, ensure_release_build, hermetic_env, machine_line, median

CLK_TCK = os.sysconf("SC_CLK_TCK")


class PtyProcess:
    """The binary on the slave side of a pty; a thread drains the master."""

    def __init__(self, args, env):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        env = dict(env, TERM="xterm-256color")
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [str(BIN), *args], stdin=slave, stdout=slave, stderr=slave, env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.buffer = b""
        self.lock = threading.Lock()
        self.first = {}
        self.closed = False
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        while True:
            try:
                ready, _, _ = select.select([self.master], [], [], 0.5)
                if not ready:
                    if self.proc.poll() is not None:
                        break
                    continue
                data = os.read(self.master, 65536)
            except OSError:
                break
            if not data:
                break
            now = time.perf_counter()
            with self.lock:
                self.buffer += data
                # Remember when each marker first appeared.
                for marker in list(self.first.keys()):
                    if self.first[marker] is None and marker in self.buffer:
                        self.first[marker] = now
        self.closed = True

    def wait_for(self, marker: bytes, timeout=30.0):
        with self.lock:
            self.first.setdefault(marker, None)
            if self.first[marker] is None and marker in self.buffer:
                self.first[marker] = time.perf_counter()
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            with self.lock:
                if self.first[marker] is not None:
                    return self.first[marker] - self.started
            time.sleep(0.001)
        raise TimeoutError(f"{marker!r} never appeared")

    def send(self, text: str):
        os.write(self.master, text.encode())

    def cpu_seconds(self):
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK

    def peak_rss_mib(self):
        """VmHWM of the process so far. Read from /proc rather than taken
        from wait4: the child was forked from this Python process, and
        wait4's ru_maxrss counts the parent's pages it inherited before exec."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmHWM")

    def quit(self):
        # Ctrl-C quits from anywhere (q would type into a focused field).
        self.send("\x03")
        _, status, usage = os.wait4(self.proc.pid, 0)
        os.close(self.master)
        return os.waitstatus_to_exitcode(status), usage.ru_maxrss


def first_frame(args, env, runs):
    samples = []
    for _ in range(runs):
        p = PtyProcess(args, env)
        # The badge is drawn at the end of the header line; its arrival
        # means the first frame was written.
        samples.append(p.wait_for(b"READ-ONLY"))
        code, _ = p.quit()
        assert code == 0, f"exit {code}"
    return samples


def idle_cpu(args, env, wait_marker, seconds=10.0):
    p = PtyProcess(args, env)
    p.wait_for(wait_marker)
    time.sleep(1.0)
    before = p.cpu_seconds()
    time.sleep(seconds)
    used = p.cpu_seconds() - before
    code, _ = p.quit()
    assert code == 0
    return used / seconds * 100.0


def big_config(path, entries=10_000):
    lines = []
    for n in range(1, entries + 1):
        lines.append(
            f'[[targets]]\nname = "Town Hall Member {n:05}"\n'
            f'channel_arn = "{APP}/channel/town-hall"\n'
            f'member_arn = "{APP}/user/th-{n:05}"\n'
        )
    Path(path).write_text("\n".join(lines))


def paste(text):
    return f"\x1b[200~{text}\x1b[201~"


def session_history_rss(env, home, entries=10_000):
    """`demo`, then `entries` lookups of town-hall members typed (pasted)
    into the form one after another, each waited for: every one becomes a
    session entry in the history list. Completion is read from the log
    (the screen only receives changed cells, so it cannot be searched)."""
    log = Path(home) / "session.log"
    log.unlink(missing_ok=True)
    p = PtyProcess(["--log-file", str(log), "demo"], dict(env, CHIME_PREFS_LOG="debug"))
    p.wait_for(b"Alice Anders")
    p.send("e")  # channel field
    p.send("\x15" + paste(f"{APP}/channel/town-hall") + "\t")
    shown = 0
    with open(log, encoding="utf-8") as f:
        # The demo's own first lookup.
        while shown < 1:
            line = f.readline()
            shown += "result received" in line and "shown=true" in line
            if not line:
                time.sleep(0.001)
        for n in range(1, entries + 1):
            p.send("\x15" + paste(f"{APP}/user/th-{n:05}") + "\r")
            deadline = time.perf_counter() + 10
            while shown < n + 1:
                line = f.readline()
                if not line:
                    if time.perf_counter() > deadline:
                        raise TimeoutError(f"lookup {n} never finished")
                    time.sleep(0.0005)
                    continue
                if "result received" in line:
                    if "shown=false" in line:
                        raise RuntimeError(f"lookup {n} was superseded: {line}")
                    shown += 1
                elif "fetch failed" in line:
                    raise RuntimeError(line)
            with p.lock:
                p.buffer = p.buffer[-4096:]
    time.sleep(0.3)
    peak = p.peak_rss_mib()
    code, _ = p.quit()
    assert code == 0
    return peak


def history_rss(env, config):
    p = PtyProcess(["--config", config, "demo"], env)
    p.wait_for(b"Alice Anders")
    # Scroll to the bottom of the history and back, and look one up.
    p.send("G")
    time.sleep(0.3)
    p.send("\r")
    p.wait_for(b"Town Hall Member 10000")
    p.send("g")
    time.sleep(0.3)
    peak = p.peak_rss_mib()
    code, _ = p.quit()
    assert code == 0
    return peak


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    ensure_release_build()
    home = tempfile.mkdtemp(prefix="chime-prefs-tui-bench-")
    env = hermetic_env(home)
    env["XDG_STATE_HOME"] = str(Path(home) / "state")

    tui = first_frame(["tui"], env, runs)
    demo = first_frame(["demo"], env, runs)
    cpu_tui = [idle_cpu(["tui"], env, b"READ-ONLY") for _ in range(3)]
    cpu_demo = [idle_cpu(["demo"], env, b"Alice Anders") for _ in range(3)]
    started = time.perf_counter()
    session_rss = session_history_rss(env, home)
    session_secs = time.perf_counter() - started
    config = str(Path(home) / "big.toml")
    big_config(config)
    rss = [history_rss(env, config) for _ in range(3)]

    print(f"# TUI, release build, 100x30 pty, {machine_line()}")
    print("| figure | median | min | max | target |")
    print("|---|---|---|---|---|")
    ms = lambda xs: (median(xs) * 1000, min(xs) * 1000, max(xs) * 1000)
    print("| launch to first frame, `tui` ({} runs) | {:.1f} ms | {:.1f} ms | {:.1f} ms | ≤ 50 ms |".format(runs, *ms(tui)))
    print("| launch to first frame, `demo` ({} runs) | {:.1f} ms | {:.1f} ms | {:.1f} ms | ≤ 50 ms |".format(runs, *ms(demo)))
    print("| CPU idle 10 s, `tui` (3 runs) | {:.2f}% | {:.2f}% | {:.2f}% | ≤ 0.5% |".format(median(cpu_tui), min(cpu_tui), max(cpu_tui)))
    print("| CPU idle 10 s, `demo` after a lookup (3 runs) | {:.2f}% | {:.2f}% | {:.2f}% | ≤ 0.5% |".format(median(cpu_demo), min(cpu_demo), max(cpu_demo)))
    print("| peak RSS, `demo` after 10,000 lookups (10,000 session entries in History; 1 run, {:.0f} s) | {:.1f} MiB | | | ≤ 30 MiB |".format(session_secs, session_rss))
    print("| peak RSS, `demo --config` with 10,000 saved [[targets]] (3 runs) | {:.1f} MiB | {:.1f} MiB | {:.1f} MiB | ≤ 30 MiB |".format(median(rss), min(rss), max(rss)))


if __name__ == "__main__":
    main()
