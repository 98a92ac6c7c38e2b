"""The run history: which documents each `cerca index` run brought in, for "what is new".

    index/history/000041.json   {"run": 41, "finished": "...", "kind": "updated",
                                 "changed": ["id", ...], "deleted": ["id", ...]}

A run is recorded only when it added or changed a document's text, or deleted one; the
last `KEEP` such runs are kept. A document counts as changed when its file's content hash
was in no document before the run: a `--rebuild` rewrites every document but records
only the ones whose text is new, and a file that only moved (another id, the same bytes)
is not new either. The folder sits beside the generations, so it survives a rebuild, and
each record is written atomically after the run's last commit (a reader never sees an id
that is not searchable yet). See docs/internals/index-format.md.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from search.errors import CercaError
from search.index.file_table import FileTable, documents, documents_at, holders
from search.index.manifest import write_json_atomic

HISTORY = "history"
KEEP = 50  # runs kept: a year of weekly updates, ten weeks of daily ones
_RUN_RE = re.compile(r"(\d{6,})\.json")

Snapshot = dict[str, str]  # document id -> content hash, as a run found the table


@dataclass(frozen=True, slots=True)
class Run:
    """One recorded run: what it brought in (`changed`) and what it removed."""

    number: int
    finished: str  # ISO 8601, UTC
    kind: str  # built | updated | rebuilt
    changed: tuple[str, ...]
    deleted: tuple[str, ...]


def documents_of(index_path: Path, gen: str | None) -> Snapshot:
    """The documents of generation `gen` before a rebuild replaces it (none when there is
    none, or its table cannot be read)."""
    if gen is None:
        return {}
    try:
        return {doc_id: digest for _, doc_id, digest in documents(index_path / gen)}
    except (CercaError, sqlite3.Error, OSError):
        return {}


def record_build(index_path: Path, before: Snapshot, table: FileTable, kind: str) -> Run | None:
    """Record a build or rebuild: its documents whose text no document of `before` had."""
    hashes = set(before.values())
    after: set[str] = set()
    changed = []
    for _, doc_id, digest in documents(table.path.parent):
        after.add(doc_id)
        if digest not in hashes:
            changed.append(doc_id)
    return write_run(index_path, kind, changed, [i for i in before if i not in after])


def record_update(index_path: Path, table: FileTable) -> Run | None:
    """Record an update from the rows it touched (`FileTable.touched`): the cost follows
    the run's changes, plus one pass of SQLite over the hashes when a text is new to them."""
    touched = table.touched
    if not touched:
        return None
    gen_dir = table.path.parent
    now = documents_at(gen_dir, touched)
    old = {held[1] for held in touched.values() if held is not None}
    new = {digest for _, digest in now.values()} - old
    if new:  # a text is new unless an untouched file holds it too (a copy, a move)
        for rel, digest in holders(gen_dir, new):
            if rel not in touched:
                new.discard(digest)
    ids_now = {doc_id for doc_id, _ in now.values()}
    changed = [doc_id for doc_id, digest in now.values() if digest in new]
    deleted = [
        held[0]
        for rel, held in touched.items()
        if held is not None and rel not in now and held[0] not in ids_now
    ]
    return write_run(index_path, "updated", changed, deleted)


def write_run(index_path: Path, kind: str, changed: list[str], deleted: list[str]) -> Run | None:
    """Write one run's record (ids it brought in, ids it removed); None when both are
    empty (nothing is written)."""
    changed.sort()
    deleted.sort()
    if not changed and not deleted:
        return None
    folder = index_path / HISTORY
    folder.mkdir(exist_ok=True)
    numbers = _numbers(folder)
    run = Run(
        number=(numbers[-1] if numbers else 0) + 1,
        finished=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        kind=kind,
        changed=tuple(changed),
        deleted=tuple(deleted),
    )
    write_json_atomic(
        folder / f"{run.number:06d}.json",
        {
            "run": run.number,
            "finished": run.finished,
            "kind": run.kind,
            "changed": changed,
            "deleted": deleted,
        },
    )
    for old in numbers[: max(0, len(numbers) + 1 - KEEP)]:
        (folder / f"{old:06d}.json").unlink(missing_ok=True)
    return run


def _numbers(folder: Path) -> list[int]:
    try:
        names = [p.name for p in folder.iterdir()]
    except FileNotFoundError:
        return []
    return sorted(int(m.group(1)) for n in names if (m := _RUN_RE.fullmatch(n)))


def latest(index_path: Path) -> int:
    """The number of the last recorded run (0: none yet)."""
    numbers = _numbers(index_path / HISTORY)
    return numbers[-1] if numbers else 0


def runs(index_path: Path, after: int = 0) -> list[Run]:
    """The kept runs numbered above `after`, oldest first. A record that cannot be read
    (cut by a crash, edited) is left out: it cannot say what it held."""
    found = []
    folder = index_path / HISTORY
    for number in _numbers(folder):
        if number <= after:
            continue
        try:
            data = json.loads((folder / f"{number:06d}.json").read_text(encoding="utf-8"))
            found.append(
                Run(
                    number=int(data["run"]),
                    finished=str(data["finished"]),
                    kind=str(data["kind"]),
                    changed=tuple(map(str, data["changed"])),
                    deleted=tuple(map(str, data["deleted"])),
                )
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return found


def oldest(index_path: Path) -> int:
    """The number of the oldest kept run (0: none)."""
    numbers = _numbers(index_path / HISTORY)
    return numbers[0] if numbers else 0
