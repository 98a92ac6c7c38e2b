"""Peak memory and CPU time of a whole process tree, sampled from /proc (Linux).

`ru_maxrss` only reports the largest single process, and a parallel build runs several;
summing RSS would count pages shared after fork twice. So the sampler sums PSS
(proportional set size, `/proc/PID/smaps_rollup`) over the child and all its
descendants every `interval` seconds and keeps the maximum. Falls back to VmRSS where
smaps_rollup is missing. PSS splits into anonymous memory (the heaps: what the program
holds) and file-backed pages (mapped files: tantivy reads its segments through mmap;
page cache the kernel can reclaim, but PSS counts it): the split at the peak sample and
the largest anonymous sample are kept, and `trace` records every sample when asked.

CPU time is summed the same way (utime + stime of every process seen in the tree, last
reading of each): rusage would miss worker processes whose parent is a forkserver that
nobody reaps. CPU seconds per article barely depend on what else runs on the machine,
unlike wall time. `cpu_split` says where it went: the root process's threads by name
(tantivy names its own: `thrd-tantivy-in…` indexes, `docstore-compre…` compresses stored
documents) and the other processes of the tree (the indexer's workers) together.
"""

from __future__ import annotations

import os
import threading
import time
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


CLK_TCK = os.sysconf("SC_CLK_TCK")


def _stat_ticks(stat: str) -> int:
    """utime + stime of a /proc `stat` line (fields 14 and 15; the command name before
    them may hold spaces and parentheses, so count after the last ")")."""
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])


def cpu_ticks(pid: int) -> int:
    try:
        return _stat_ticks((PROC / str(pid) / "stat").read_text())
    except OSError:
        return 0


def thread_ticks(pid: int) -> dict[tuple[int, str], int]:
    """CPU ticks of each live thread of `pid`, keyed by (thread id, thread name)."""
    out: dict[tuple[int, str], int] = {}
    try:
        tasks = os.listdir(PROC / str(pid) / "task")
    except OSError:
        return out
    for tid in tasks:
        try:
            stat = (PROC / str(pid) / "task" / tid / "stat").read_text()
        except OSError:
            continue
        out[(int(tid), stat[stat.index("(") + 1 : stat.rindex(")")])] = _stat_ticks(stat)
    return out


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


def pss_split_kib(pid: int) -> tuple[int, int]:
    """(PSS, anonymous part of it) of `pid` in KiB; the anonymous part is 0 where the
    kernel does not split (before Linux 5.13), and PSS falls back to VmRSS."""
    try:
        text = (PROC / str(pid) / "smaps_rollup").read_text()
    except OSError:
        return _kib(PROC / str(pid) / "status", "VmRSS:"), 0
    fields = {}
    for line in text.splitlines()[1:]:
        key, _, rest = line.partition(":")
        if key in ("Pss", "Pss_Anon"):
            fields[key] = int(rest.split()[0])
    return fields.get("Pss", 0), fields.get("Pss_Anon", 0)


class PeakSampler:
    """Context manager: `with PeakSampler(pid) as s: ...; s.peak_bytes`."""

    def __init__(self, pid: int, interval: float = 0.1, *, trace: bool = False) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_bytes = 0
        self.peak_anon_bytes = 0  # the anonymous part of the peak sample
        self.max_anon_bytes = 0  # the largest anonymous sample
        self.peak_processes = 0
        # (seconds since start, PSS bytes, anonymous bytes) of every sample, if `trace`
        self.trace: list[tuple[float, int, int]] | None = [] if trace else None
        self._start = time.monotonic()
        self._ticks: dict[int, int] = {}
        self._threads: dict[tuple[int, str], int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = tree(self.pid)
            for p in pids:
                self._ticks[p] = max(self._ticks.get(p, 0), cpu_ticks(p))
            for key, ticks in thread_ticks(self.pid).items():
                self._threads[key] = max(self._threads.get(key, 0), ticks)
            splits = [pss_split_kib(p) for p in pids]
            total = sum(pss for pss, _ in splits) * 1024
            anon = sum(a for _, a in splits) * 1024
            self.max_anon_bytes = max(self.max_anon_bytes, anon)
            if self.trace is not None:
                self.trace.append((time.monotonic() - self._start, total, anon))
            if total > self.peak_bytes:
                self.peak_bytes = total
                self.peak_anon_bytes = anon
                self.peak_processes = len(pids)
            self._stop.wait(self.interval)

    @property
    def peak_file_bytes(self) -> int:
        """The file-backed part of the peak sample (mapped files, shared memory)."""
        return self.peak_bytes - self.peak_anon_bytes

    @property
    def cpu_seconds(self) -> float:
        """CPU time of every process seen in the tree (up to one interval short each)."""
        return sum(self._ticks.values()) / CLK_TCK

    def cpu_split(self) -> dict[str, float]:
        """CPU seconds of the root process's threads, grouped by name with digits cut
        (`python`, `thrd-tantivy-in`, ...), and of the rest of the tree (`other
        processes`), each up to one interval short."""
        split: dict[str, float] = {}
        for (_, name), ticks in self._threads.items():
            key = name.rstrip("0123456789-_")
            split[key] = split.get(key, 0.0) + ticks / CLK_TCK
        others = sum(t for p, t in self._ticks.items() if p != self.pid)
        split["other processes"] = others / CLK_TCK
        return split

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
