"""Walking a large corpus on two cores: a child process walks every other subfolder of
the corpus root and compares their digests, while the run walks the rest.

Listing and stat-ing a million files is most of what a no-op update costs; one process
spends as much CPU in Python as in the kernel, so a second one halves the wall time on
an idle second core. The child sends back only the folders whose listing has not the
file table's digest (none, for a no-op). Corpora with symlinked folders, and any failure
of the child, are walked by the run alone: a folder must be listed once, whoever walks.
"""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from search.index.scan import Listing, Problems, listing_digest, walk_corpus

# A corpus of fewer files is walked by one process: a child costs a Python start-up.
SPLIT_MIN_FILES = 100_000

# (folder prefix, its article files, its listing or None: the digest the table keeps)
Compared = tuple[str, int, Listing | None]


def _compared(
    folders: Iterable[tuple[str, Listing]], digests: dict[str, bytes]
) -> Iterator[Compared]:
    if not digests:  # a new table: nothing to compare with
        yield from ((prefix, len(listing), listing) for prefix, listing in folders)
        return
    for prefix, listing in folders:
        stored = digests.get(prefix)
        if stored is not None and stored == listing_digest(listing):
            yield prefix, len(listing), None
        else:
            yield prefix, len(listing), listing


def walk_compared(
    root: Path,
    problems: Problems,
    digests: dict[str, bytes],
    exclude: Path | None = None,
    on_many: Callable[[], object] | None = None,
    many: int = 0,
    split: bool = False,
) -> Iterator[Compared]:
    """Every folder under `root` (as `scan.walk_corpus`), each with its listing unless
    it has the digest `digests` holds for it. `split`: walk on two cores."""
    child = _start_child(root, exclude, digests) if split else None
    if child is None:
        yield from _compared(walk_corpus(root, problems, exclude, on_many, many), digests)
        return
    try:
        mine: Problems = []
        links: list[str] = []
        ours = list(_compared(walk_corpus(root, mine, exclude, part=(0, 2), links=links), digests))
        theirs = _result_of(child)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
    if theirs is None or links or theirs[2]:  # the child failed, or folders are linked
        yield from _compared(walk_corpus(root, problems, exclude), digests)
        return
    problems.extend(mine)
    problems.extend(theirs[1])
    yield from ours
    yield from theirs[0]


def _start_child(
    root: Path, exclude: Path | None, digests: dict[str, bytes]
) -> subprocess.Popen | None:
    """The child, walking; None when there is no second core or no child can start."""
    if (os.cpu_count() or 1) < 2 or not sys.executable:
        return None
    # the child imports this package from where the run imported it, and no site-packages
    home = str(Path(__file__).resolve().parents[2])
    code = (
        f"import sys; sys.path.insert(0, {home!r}); import search.index.split_walk as w; w.main()"
    )
    try:
        child = subprocess.Popen(
            [sys.executable, "-S", "-c", code],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError:  # no process to be had: the run walks alone
        return None
    assert child.stdin is not None
    try:
        with child.stdin:
            task = (str(root), None if exclude is None else str(exclude), digests)
            pickle.dump(task, child.stdin)
    except OSError:  # it died at once: _result_of says it failed
        pass
    return child


def _result_of(child: subprocess.Popen) -> tuple[list[Compared], Problems, list[str]] | None:
    """What the child sent, or None when it failed."""
    assert child.stdout is not None
    try:
        with child.stdout:
            result = pickle.load(child.stdout)
    except (OSError, EOFError, pickle.UnpicklingError):
        return None
    if child.wait() != 0:
        return None
    return result


def main() -> None:
    """The child: walk share 1 of 2, send (compared folders, problems, links) back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the run stops it (Ctrl-C reaches both)
    root, exclude, digests = pickle.load(sys.stdin.buffer)
    problems: Problems = []
    links: list[str] = []
    folders = walk_corpus(
        Path(root), problems, Path(exclude) if exclude else None, part=(1, 2), links=links
    )
    compared = [c for c in _compared(folders, digests) if c[0]]  # the root is share 0's
    pickle.dump((compared, problems, links), sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)
