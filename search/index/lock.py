"""One indexer per index: an exclusive, non-blocking fcntl lock on `INDEX/.lock`.

The kernel drops the lock when the process dies, so a killed indexer never leaves the
index locked (unlike a pid file).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from search.errors import IndexBusyError

LOCK_NAME = ".lock"


@contextmanager
def index_lock(index_path: Path) -> Iterator[None]:
    """Hold the indexer lock of `index_path` or raise IndexBusyError at once."""
    index_path.mkdir(parents=True, exist_ok=True)
    fd = os.open(index_path / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusyError(
                f"index is busy: another `cerca index` is updating {index_path}"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)  # closing releases the lock
