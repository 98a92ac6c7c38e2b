"""Listing a corpus folder: the article files under it, folder by folder, with their size
and mtime, and the digest that lets a whole folder be compared with the file table."""

from __future__ import annotations

import hashlib
import os
import stat as stat_mod
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path

from search.paths import ARTICLE_SUFFIXES

SUFFIXES = frozenset(s.lower() for s in ARTICLE_SUFFIXES)

_SUFFIX_TUPLE = tuple(SUFFIXES)
# (name, size, mtime_ns) of one article file of a folder
Listing = list[tuple[str, int, int]]
Problems = list[tuple[str, str]]
# changes whenever listing_digest computes another digest of the same listing
DIGEST_FORM = "blake2b-16/names-sizes-mtimes"


def listing_digest(listing: Listing) -> bytes:
    """The digest of a folder's files (name, size, mtime), whatever their order (sorts
    `listing` in place). The scan and the file table (`file_table.FileTable`) compute it
    alike: equal digests mean every file of the folder is unchanged, and the folder's
    rows need not be read. Names are joined by "/", which no file name holds; sizes and
    mtimes go in as 64-bit integers (cheaper than any text form)."""
    if not listing:
        return hashlib.blake2b(b"", digest_size=16).digest()
    listing.sort()
    names, sizes, mtimes = zip(*listing, strict=True)
    digest = hashlib.blake2b("/".join(names).encode("utf-8", "surrogateescape"), digest_size=16)
    digest.update(array("q", sizes))
    digest.update(array("q", mtimes))
    return digest.digest()


def split_rel(rel: str) -> tuple[str, str]:
    """(folder prefix with its trailing slash, or "" at the root; file name)."""
    cut = rel.rfind("/") + 1
    return rel[:cut], rel[cut:]


def _list_folder(
    folder: str, prefix: str, problems: Problems
) -> tuple[Listing, list[tuple[str, str]]]:
    """The folder's article files, and its subfolders as (path, name); what cannot be
    listed or read goes to `problems`. At a million files every step per file shows in
    a no-op update: one comprehension stats the candidates, and only the other entries
    (folders, hidden or unreadable ones, pipes) are looked at one by one."""
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except OSError as e:
        problems.append((prefix.rstrip("/") or ".", f"unreadable folder: {e.strerror}"))
        return [], []
    is_reg = stat_mod.S_ISREG
    try:
        # follows symlinks: a linked article is an article
        stats = [
            (e.name, s.st_size, s.st_mtime_ns, s.st_mode)
            for e in entries
            if e.name[0] != "." and e.name.lower().endswith(_SUFFIX_TUPLE)
            for s in (e.stat(),)
        ]
    except OSError:  # one entry vanished or is unreadable: every entry one by one
        stats = []
    listing = [(name, size, mtime) for name, size, mtime, mode in stats if is_reg(mode)]
    if len(listing) == len(entries):  # only article files: the common case
        return listing, []
    listed = {name for name, _, _ in listing}
    others = [e for e in entries if e.name not in listed]
    return listing, _look_at(others, prefix, listing, problems)


def _entries(folder: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as it:
            return list(it)
    except OSError:  # share 0 reports it
        return []


def _look_at(
    entries: list[os.DirEntry[str]],
    prefix: str,
    listing: Listing,
    problems: Problems,
    files: bool = True,
) -> list[tuple[str, str]]:
    """Entries one by one: article files join `listing` (unless not `files`: folders
    only); hidden entries are ignored, folders returned as (path, name), the rest
    reported in `problems`."""
    subdirs: list[tuple[str, str]] = []
    is_reg = stat_mod.S_ISREG
    for entry in entries:
        name = entry.name
        if name[0] == ".":
            continue
        try:
            if files and name.lower().endswith(_SUFFIX_TUPLE):
                st = entry.stat()
                if is_reg(st.st_mode):
                    listing.append((name, st.st_size, st.st_mtime_ns))
                    continue
                if not stat_mod.S_ISDIR(st.st_mode):  # a pipe or device: reading would block
                    problems.append((prefix + name, "not a regular file"))
                    continue
            if entry.is_dir():
                subdirs.append((entry.path, name))
        except OSError as e:
            problems.append((prefix + name, f"unreadable: {e.strerror}"))
    return subdirs


def walk_corpus(
    root: Path,
    problems: Problems,
    exclude: Path | None = None,
    on_many: Callable[[], object] | None = None,
    many: int = 0,
    part: tuple[int, int] = (0, 1),
    links: list[str] | None = None,
) -> Iterator[tuple[str, Listing]]:
    """(folder prefix, its article files) of every folder under `root`, breadth first;
    the prefix is the folder's path relative to `root` with a trailing slash ("" for
    `root`). Entries that cannot be read are appended to `problems`.

    Hidden files and folders are ignored; folder symlinks are followed once (loops are
    cut). One thread: an incremental run stats every file, and with the inodes cached (a
    corpus indexed by cron) the stat calls are too short for threads to overlap.
    `on_many` is called once, as soon as `many` files are found.

    `part` (k, n) walks the k-th of n shares of the root's subfolders (every n-th one),
    and the root's own files only when k is 0 (`split_walk`); `links` then collects the
    folders reached through a symlink, which another share may reach too.
    """
    seen_dirs: set[tuple[int, int]] = set()
    excluded = exclude.resolve() if exclude else None
    found = 0
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
            if links is not None and prefix and os.path.islink(folder):
                links.append(prefix)
            if not prefix and part[0]:  # the root's files are share 0's
                listing: Listing = []
                subdirs = _look_at(_entries(folder), "", listing, [], files=False)
            else:
                listing, subdirs = _list_folder(folder, prefix, problems)
            if not prefix:
                subdirs = subdirs[part[0] :: part[1]]
            frontier.extend((path, prefix + name + "/") for path, name in subdirs)
            yield prefix, listing
            found += len(listing)
            if on_many is not None and found >= many:
                on_many()
                on_many = None


def scan_corpus(
    root: Path, exclude: Path | None = None
) -> tuple[dict[str, tuple[int, int]], Problems]:
    """Article files under `root`: {relative path: (size, mtime_ns)} and unreadable
    entries (the whole walk at once, for tools and tests)."""
    problems: Problems = []
    found = {
        prefix + name: (size, mtime)
        for prefix, listing in walk_corpus(root, problems, exclude)
        for name, size, mtime in listing
    }
    return found, problems
