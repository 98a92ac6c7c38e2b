"""Peak memory of a whole process tree, sampled from /proc (Linux).

`ru_maxrss` only reports the largest single process, and a parallel build runs several;
summing RSS would count pages shared after fork twice. So the sampler sums PSS
(proportional set size, `/proc/PID/smaps_rollup`) over the child and all its
descendants every `interval` seconds and keeps the maximum. Falls back to VmRSS where
smaps_rollup is missing.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

PROC = Path("/proc")


def _ppid_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir(PROC):
        if not entry.name.isdigit():
            continue
        try:
            stat = (PROC / entry.name / "stat").read_text()
        except OSError:
            continue
        # the command name may hold spaces and parentheses: split after the last ")"
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def tree(pid: int) -> list[int]:
    """`pid` and every live descendant."""
    children = _ppid_map()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, ()))
    return out


def _kib(path: Path, key: str) -> int:
    try:
        for line in path.read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def pss_kib(pid: int) -> int:
    kib = _kib(PROC / str(pid) / "smaps_rollup", "Pss:")
    return kib or _kib(PROC / str(pid) / "status", "VmRSS:")


class PeakSampler:
    """Context manager: `with PeakSampler(pid) as s: ...; s.peak_bytes`."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_bytes = 0
        self.peak_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = tree(self.pid)
            total = sum(pss_kib(p) for p in pids) * 1024
            if total > self.peak_bytes:
                self.peak_bytes = total
                self.peak_processes = len(pids)
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
