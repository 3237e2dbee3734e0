"""Run a command as a child process and measure it: wall time, exit code, peak RSS, its log."""

from __future__ import annotations

import os
import re
import resource
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

_STAT = re.compile(r"'(?P<key>[\w/]+)': (?P<value>\d+(?:\.\d+)?|'[^']*')")


def own_peak_mb() -> float:
    """This process' own peak RSS (VmHWM: unlike getrusage, not inherited from the parent), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class ChildRun:
    returncode: int
    seconds: float
    peak_rss_mb: float
    log: str
    cpu_seconds: float = 0.0  # user + system time of the child: less sensitive to other load than wall time


def run_measured(cmd: list[str], *, cwd: Path, env: dict[str, str], log_path: Path, timeout: float) -> ChildRun:
    """Run `cmd` to the end (killed after `timeout` s); peak RSS comes from wait4's rusage of that child.

    Linux carries the parent's peak RSS at spawn time into the child's figure: call this from a small process.
    """
    start = time.perf_counter()
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.send_signal(signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)  # tell Popen it was reaped
    seconds = time.perf_counter() - start
    return ChildRun(proc.returncode, seconds, usage.ru_maxrss / 1024, log_path.read_text("utf-8", "replace"),
                    usage.ru_utime + usage.ru_stime)


def scrapy_stats(log: str) -> dict[str, float | str]:
    """The numeric and string values of the last `Dumping Scrapy stats` block in a Scrapy log."""
    start = log.rfind("Dumping Scrapy stats")
    if start < 0:
        return {}
    end = log.find("}", start)
    block = log[start:end if end > 0 else None]
    stats: dict[str, float | str] = {}
    for m in _STAT.finditer(block):
        value = m.group("value")
        stats[m.group("key")] = value.strip("'") if value.startswith("'") else float(value)
    return stats
