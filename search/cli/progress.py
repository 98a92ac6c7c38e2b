"""Presentation of `cerca index`: the progress bar and the summary (stderr, never data).

Kept apart from output.py (query, show, stats) so the indexer's terminal output
has one owner; like output.py it is the only other place besides the CLI that uses rich.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from search.cli.output import plain
from search.models import IndexSummary


@contextmanager
def progress_bar(*, enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr while the block runs; None (no callback) when disabled."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("indexing", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def summary_line(s: IndexSummary) -> str:
    parts = [
        f"{s.added} added",
        f"{s.updated} updated",
        f"{s.deleted} deleted",
        f"{s.unchanged} unchanged",
        f"{len(s.skipped)} skipped",
    ]
    if s.relinked:
        parts.append(f"{s.relinked} re-linked (people names)")
    kind = "rebuilt" if s.rebuilt else "updated"
    return f"index {kind}: {', '.join(parts)}; {s.documents} documents in {s.seconds:.1f} s"


def print_index_summary(s: IndexSummary, corpus: Path, *, quiet: bool) -> None:
    """Skipped files (each once, with its reason) always; the summary line unless quiet."""
    for path, reason in s.skipped:
        # file names may hold escape sequences: never let them reach the terminal
        print(f"cerca: skipped {plain(str(corpus / path))}: {plain(reason)}", file=sys.stderr)
    if not quiet:
        print(f"cerca: {summary_line(s)}", file=sys.stderr)
