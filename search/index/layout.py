"""The index folder's layout, written side: generation folders and the pointer files
(CURRENT, BUILDING, PREVIOUS) that say which one readers open.
See docs/internals/index-format.md."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from search.errors import IndexCorruptError
from search.index.reader import BUILDING, GEN_RE, read_pointer


def write_pointer(index_path: Path, name: str, gen: str) -> None:
    tmp = index_path / f"{name}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(gen + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, index_path / name)
    _fsync_dir(index_path)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def generations(index_path: Path) -> list[str]:
    return sorted(p.name for p in index_path.iterdir() if GEN_RE.fullmatch(p.name) and p.is_dir())


def new_generation(index_path: Path) -> str:
    existing = [int(GEN_RE.fullmatch(g).group(1)) for g in generations(index_path)]  # type: ignore[union-attr]
    gen = f"gen-{max(existing, default=0) + 1:06d}"
    (index_path / gen).mkdir()
    return gen


def remove_generations(index_path: Path, keep: set[str | None]) -> None:
    for gen in generations(index_path):
        if gen not in keep:
            shutil.rmtree(index_path / gen, ignore_errors=True)


def read_pointer_lenient(index_path: Path, name: str, *, strict: bool) -> str | None:
    try:
        return read_pointer(index_path, name)
    except IndexCorruptError:
        if strict:
            raise
        (index_path / name).unlink(missing_ok=True)
        return None


def abandon(index_path: Path, gen: str) -> None:
    """Remove a generation being built that has no commit: a failed or interrupted build
    leaves the folder as it found it (the pointer goes first: a generation no pointer
    names is removed by the next run anyway)."""
    (index_path / BUILDING).unlink(missing_ok=True)
    shutil.rmtree(index_path / gen, ignore_errors=True)
