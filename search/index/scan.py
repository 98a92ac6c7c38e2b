"""Listing a corpus folder: the article files under it with their size and mtime."""

from __future__ import annotations

import os
import stat as stat_mod
from collections.abc import Callable
from pathlib import Path

from search.paths import ARTICLE_SUFFIXES

SUFFIXES = frozenset(s.lower() for s in ARTICLE_SUFFIXES)

_SUFFIX_TUPLE = tuple(SUFFIXES)
_Listing = tuple[list[tuple[str, str]], list[tuple[str, str]]]


def _list_folder(folder: str, prefix: str, found: dict[str, tuple[int, int]]) -> _Listing:
    """Put the folder's article files in `found` (rel -> (size, mtime_ns)); return its
    subfolders as (path, rel prefix) and its problems. Files go straight into `found`:
    at a million files every step per file shows in a no-op update."""
    subdirs: list[tuple[str, str]] = []
    problems: list[tuple[str, str]] = []
    try:
        entries = list(os.scandir(folder))
    except OSError as e:
        problems.append((prefix.rstrip("/") or ".", f"unreadable folder: {e.strerror}"))
        return subdirs, problems
    is_reg = stat_mod.S_ISREG
    for entry in entries:
        name = entry.name
        if name[0] == ".":
            continue
        try:
            if name.lower().endswith(_SUFFIX_TUPLE):
                st = entry.stat()  # follows symlinks: a linked article is an article
                if is_reg(st.st_mode):
                    found[prefix + name] = (st.st_size, st.st_mtime_ns)
                    continue
                if not stat_mod.S_ISDIR(st.st_mode):  # a pipe or device: reading would block
                    problems.append((prefix + name, "not a regular file"))
                    continue
            if entry.is_dir():
                subdirs.append((entry.path, prefix + name + "/"))
        except OSError as e:
            problems.append((prefix + name, f"unreadable: {e.strerror}"))
    return subdirs, problems


def scan_corpus(
    root: Path,
    exclude: Path | None = None,
    on_many: Callable[[], object] | None = None,
    many: int = 0,
) -> tuple[dict[str, tuple[int, int]], list[tuple[str, str]]]:
    """Article files under `root`: {relative path: (size, mtime_ns)} and unreadable entries.

    Hidden files and folders are ignored; folder symlinks are followed once (loops are
    cut). One thread: an incremental run stats every file, and with the inodes cached (a
    corpus indexed by cron) the stat calls are too short for threads to overlap, and more
    threads spend their time handing the GIL around.
    `on_many` is called once, as soon as `many` files are found.
    """
    found: dict[str, tuple[int, int]] = {}
    problems: list[tuple[str, str]] = []
    seen_dirs: set[tuple[int, int]] = set()
    excluded = exclude.resolve() if exclude else None
    frontier = [(str(root), "")]
    while frontier:
        level = []
        for folder, prefix in frontier:
            try:
                st = os.stat(folder)
                if excluded is not None and Path(folder).resolve() == excluded:
                    continue
            except OSError as e:
                problems.append((prefix.rstrip("/") or ".", f"unreadable folder: {e.strerror}"))
                continue
            if (st.st_dev, st.st_ino) in seen_dirs:
                problems.append((prefix.rstrip("/") or ".", "folder loop (symlink), skipped"))
                continue
            seen_dirs.add((st.st_dev, st.st_ino))
            level.append((folder, prefix))
        frontier = []
        for folder, prefix in level:
            subdirs, bad = _list_folder(folder, prefix, found)
            problems.extend(bad)
            frontier.extend(subdirs)
            if on_many is not None and len(found) >= many:
                on_many()
                on_many = None
    return found, problems
