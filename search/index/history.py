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
from dataclasses import dataclass
from pathlib import Path

from search.index.manifest import HASH, ID, FileEntry, write_json_atomic

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


def snapshot(files: dict[str, FileEntry]) -> Snapshot:
    """The documents of a file table, before a run changes it."""
    return {e[ID]: e[HASH] for e in files.values()}


def record(
    index_path: Path, before: Snapshot, files: dict[str, FileEntry], kind: str
) -> Run | None:
    """Record what a finished run changed, comparing `before` with the table it left.

    Returns the run recorded, or None when it changed no document (nothing is written).
    """
    hashes = set(before.values())
    after = {e[ID] for e in files.values()}
    changed = sorted(e[ID] for e in files.values() if e[HASH] not in hashes)
    deleted = sorted(i for i in before if i not in after)
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
