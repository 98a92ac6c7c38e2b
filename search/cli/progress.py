"""Presentation of `cerca index`: the progress bar and the summary (stderr, never data).

Kept apart from output.py (query, show, stats) so the indexer's terminal output
has one owner; like output.py it is the only other place besides the CLI that uses rich.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from search.cli.output import plain
from search.models import IndexPhase, IndexSummary

if TYPE_CHECKING:
    from rich.console import Console


@contextmanager
def progress_bar(
    *, enabled: bool, console: Console | None = None
) -> Iterator[Callable[[IndexPhase, int, int], None] | None]:
    """Rich progress bars on stderr while the block runs, one per phase of the run (a
    phase's total never moves); None (no callback) when disabled."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.text import Text

    class Remaining(TimeRemainingColumn):
        def render(self, task):  # only for the phase under way, and when it has a count
            return Text("") if task.total is None or task.finished else super().render(task)

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[count]}"),
        Remaining(),
        console=console or Console(stderr=True),
        transient=True,
    ) as bar:
        tasks: dict[IndexPhase, Any] = {}

        def update(phase: IndexPhase, done: int, total: int) -> None:
            if phase not in tasks:
                for task in bar.tasks:  # the phase before is over
                    bar.update(task.id, total=task.total or 1, completed=task.total or 1)
                tasks[phase] = bar.add_task(phase.label, total=None, count="")
            count = f"{done:,} of {total:,}" if total else ""
            bar.update(tasks[phase], completed=done, total=total or None, count=count)

        yield update


@contextmanager
def count_bar(
    label: str, total: int, *, enabled: bool, console: Console | None = None
) -> Iterator[Callable[..., None] | None]:
    """One progress bar on stderr over `total` steps; the callback yields advances it by
    one (whatever it is given). None when disabled."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console or Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda *_: bar.advance(task)


def summary_line(s: IndexSummary) -> str:
    parts = [
        f"{s.added} added",
        f"{s.updated} updated",
        f"{s.deleted} deleted",
        f"{s.unchanged} unchanged",
        f"{len(s.skipped)} skipped",
    ]
    kind = "built" if s.created else "rebuilt" if s.rebuilt else "updated"
    # in a build every article is new: its second pass over people's names is no news
    if s.relinked and kind == "updated":
        parts.append(f"people's names made consistent in {s.relinked} articles")
    done = f"{s.documents} articles in the index ({s.seconds:.1f} s)"
    return f"index {kind}: {', '.join(parts)}; {done}"


def print_index_summary(s: IndexSummary, corpus: Path, *, quiet: bool) -> None:
    """Skipped files (each once, with its reason) always; the summary line unless quiet."""
    for path, reason in s.skipped:
        # file names may hold escape sequences: never let them reach the terminal
        print(f"cerca: skipped {plain(str(corpus / path))}: {plain(reason)}", file=sys.stderr)
    if not quiet:
        print(f"cerca: {summary_line(s)}", file=sys.stderr)
