"""The indexer's per-file table, `files.sqlite`: one row per corpus file, on disk.

A run reads only what it needs (one digest per folder to find the folders that moved,
their rows, a few rows by path or document id) and keeps its own changes in memory until
the commit they follow; each save is one SQLite transaction, so an update of 10 files
writes 10 rows and their folders' digests, not the table.
Readers never open it. Layout and crash safety: docs/internals/index-format.md.
"""

from __future__ import annotations

import concurrent.futures as cf
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from search.errors import IndexCorruptError
from search.index.manifest import REBUILD_HINT, json_text
from search.index.scan import DIGEST_FORM, Listing, listing_digest, split_rel
from search.index.schema import SCHEMA_VERSION

FILES_NAME = "files.sqlite"
LEGACY_NAME = "files.json"  # where older versions kept it: read once, then replaced

# One indexed corpus file: a plain list [size, mtime_ns, hash, id, names, people,
# evidence, where]. names: people as the parser found them; people: canonical names the
# document carries; evidence: what the article says of each name it saw, rows
# [name, mentions, place, street, firm, saint, person] (`Article.evidence`), which the
# canon pools over the archive; where: the article's section and month as the canon's
# buckets (`people.where_of`), which decide a lone surname several persons share.
FileEntry = list
SIZE, MTIME, HASH, ID, NAMES, PEOPLE, EVIDENCE, WHERE = range(8)

_CREATE = """
CREATE TABLE IF NOT EXISTS files (
    rel TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL,
    hash TEXT NOT NULL, id TEXT NOT NULL, names TEXT NOT NULL, people TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '[]', place TEXT NOT NULL DEFAULT '[]'
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS files_id ON files(id);
CREATE TABLE IF NOT EXISTS skipped (
    rel TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime INTEGER NOT NULL, reason TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS folders (folder TEXT PRIMARY KEY, digest BLOB NOT NULL) WITHOUT ROWID;
"""
# Any write to a folder's rows, by whatever writes the table, marks the folder's digest
# unknown (an empty blob) in the same transaction; save() digests the marked folders
# again. rtrim(rel, <rel without slashes>) is rel up to its last slash: its folder.
_MARK = (
    "INSERT INTO folders VALUES (rtrim({0}.rel, replace({0}.rel, '/', '')), X'') "
    "ON CONFLICT (folder) DO UPDATE SET digest = X'' WHERE digest != X'';"
)
_TRIGGERS = "".join(
    f"CREATE TRIGGER IF NOT EXISTS {table}_{event.lower()} AFTER {event} ON {table} "
    f"BEGIN {' '.join(_MARK.format(row) for row in rows)} END;\n"
    for table in ("files", "skipped")
    for event, rows in (("INSERT", ["NEW"]), ("DELETE", ["OLD"]), ("UPDATE", ["OLD", "NEW"]))
)
# meta key holding the form of the digests `folders` holds for every folder with rows
# (scan.DIGEST_FORM); a table with none, or another form, is digested again when opened
_FOLDERS_KEY = "folder_digests"
# a moved name is looked up with instr() below this many, by a scan of all names above
_FEW_NAMES = 32
# content hashes looked up with one IN (...) query (SQLite allows 32,766 parameters)
_FEW_HASHES = 1000


def file_entry(
    size: int,
    mtime_ns: int,
    digest: str,
    doc_id: str,
    names: list[str],
    people: list[str],
    evidence: list[list[Any]] | None = None,
    where: list[str] | tuple[str, ...] = (),
) -> FileEntry:
    return [size, mtime_ns, digest, doc_id, names, people, evidence or [], list(where)]


@dataclass(slots=True)
class SkippedEntry:
    """A corpus file that is not an article (remembered so it is not re-read every run)."""

    size: int
    mtime_ns: int
    reason: str

    @property
    def retry(self) -> bool:
        """Read again next run even if unchanged: permissions can change without mtime."""
        return self.reason.startswith("unreadable")


def _damaged(what: str) -> IndexCorruptError:
    return IndexCorruptError(f"index is damaged ({what}): {REBUILD_HINT}")


def _row(row: tuple) -> FileEntry:
    size, mtime, digest, doc_id, names, people, evidence, place = row
    return [size, mtime, digest, doc_id, *map(json.loads, (names, people, evidence, place))]


_COLUMNS = "size, mtime, hash, id, names, people, evidence, place"


def _add_columns(db: sqlite3.Connection) -> None:
    """A table written before the evidence or the place column gets it, empty: those
    files' contexts and buckets reach the canon when they are read again (`cerca index
    --rebuild` reads them all)."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(files)")}
    for column in ("evidence", "place"):
        if column not in columns:
            db.execute(f"ALTER TABLE files ADD COLUMN {column} TEXT NOT NULL DEFAULT '[]'")


class FileTable:
    """Per-file state of one generation: the rows on disk plus this run's changes.

    `people` is set only when the table is settled: the state (`PeopleCanon.to_dict`)
    counting exactly the names of the files, every file's document carrying the canonical
    values of that state. A run that ends that way saves it; any other save stores None.
    The next run then starts from it instead of recounting every file's names, and
    re-checks only the documents whose names it touched.
    """

    def __init__(self, path: Path, *, fresh: bool) -> None:
        self.path = path
        self._changed: dict[str, FileEntry | None] = {}  # rel -> entry, None: deleted
        self._ids: dict[str, str | None] = {}  # document id -> rel, for changed rows
        # rel -> (id, hash) it held before this run first changed it (None: no row); the
        # run history compares it with the rows the run leaves. Not kept for a new table.
        self.touched: dict[str, tuple[str, str] | None] | None = None if fresh else {}
        try:
            if fresh:
                for stale in (path, path.with_name(path.name + "-journal")):
                    stale.unlink(missing_ok=True)
            elif not path.exists():
                raise _damaged(f"{path.name} is missing")
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self._db.executescript(_CREATE + _TRIGGERS)
            if not fresh:
                _add_columns(self._db)
            version = self._meta("schema_version")
            if fresh or version is None:
                if not fresh:
                    raise _damaged(f"{path.name} is garbled: no schema_version")
                self._set_meta("schema_version", str(SCHEMA_VERSION))
            elif version != str(SCHEMA_VERSION):
                raise IndexCorruptError(
                    f"index was built by another version of cerca ({path.name} schema "
                    f"{version}, this version reads {SCHEMA_VERSION}): {REBUILD_HINT}"
                )
            self._stored = self._db.execute("SELECT count(*) FROM files").fetchone()[0]
            self.skipped: dict[str, SkippedEntry] = {
                rel: SkippedEntry(size, mtime, reason)
                for rel, size, mtime, reason in self._db.execute("SELECT * FROM skipped")
            }
            if fresh:
                self._set_meta(_FOLDERS_KEY, DIGEST_FORM)
            elif self._meta(_FOLDERS_KEY) != DIGEST_FORM:
                self._digest_all_folders()
            people = self._meta("people")
            self.people: dict[str, Any] | None = json.loads(people) if people else None
        except sqlite3.DatabaseError as e:
            raise _damaged(f"{path.name} is garbled: {e}") from None
        except ValueError as e:
            raise _damaged(f"{path.name} is garbled: {e}") from None
        if not isinstance(self.people, dict):
            self.people = None

    @classmethod
    def open(cls, gen_dir: Path, *, fresh: bool) -> FileTable:
        """The generation's table (an empty new one when `fresh`). A generation written by
        an older version keeps its table in `files.json`: it is moved into SQLite once."""
        path = gen_dir / FILES_NAME
        legacy = gen_dir / LEGACY_NAME
        if not fresh and not path.exists() and legacy.exists():
            from search.index.manifest import read_legacy_table

            files, skipped, people = read_legacy_table(legacy)
            tmp = gen_dir / (FILES_NAME + ".tmp")
            table = cls(tmp, fresh=True)
            table._changed.update(files)
            table.skipped = skipped
            table.people = people
            table.save()
            table.close()
            os.replace(tmp, path)
            legacy.unlink()
        return cls(path, fresh=fresh)

    def close(self) -> None:
        self._db.close()

    # -- meta -----------------------------------------------------------------------
    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- rows -----------------------------------------------------------------------
    def get(self, rel: str) -> FileEntry | None:
        if rel in self._changed:
            return self._changed[rel]
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM files WHERE rel = ?",
            (rel,),
        ).fetchone()
        return None if row is None else _row(row)

    def __contains__(self, rel: object) -> bool:
        return isinstance(rel, str) and self.get(rel) is not None

    def __len__(self) -> int:
        return self._stored + sum(
            (entry is not None) - self._on_disk(rel) for rel, entry in self._changed.items()
        )

    def _on_disk(self, rel: str) -> bool:
        return self._db.execute("SELECT 1 FROM files WHERE rel = ?", (rel,)).fetchone() is not None

    def _touch(self, rel: str) -> None:
        if self.touched is not None and rel not in self.touched:
            before = self.get(rel)
            self.touched[rel] = None if before is None else (before[ID], before[HASH])

    def put(self, rel: str, entry: FileEntry) -> None:
        self._touch(rel)
        old = self._changed.get(rel)
        if old is not None and old[ID] != entry[ID]:
            self._ids[old[ID]] = None
        self._changed[rel] = entry
        self._ids[entry[ID]] = rel

    def remove(self, rel: str) -> FileEntry | None:
        self._touch(rel)
        entry = self.get(rel)
        if entry is not None:
            self._changed[rel] = None
            if self._ids.get(entry[ID], rel) == rel:
                self._ids[entry[ID]] = None
        return entry

    def owner(self, doc_id: str) -> str | None:
        """The file whose document has id `doc_id`, if any."""
        if doc_id in self._ids:
            return self._ids[doc_id]
        for (rel,) in self._db.execute("SELECT rel FROM files WHERE id = ?", (doc_id,)):
            if rel not in self._changed:
                return str(rel)
        return None

    def entries(self, only: Iterable[str] | None = None) -> Iterator[tuple[str, FileEntry]]:
        """(rel, entry) of the files of `only` (those in the table), else of every file."""
        if only is not None:
            for rel in dict.fromkeys(only):
                entry = self.get(rel)
                if entry is not None:
                    yield rel, entry
            return
        changed = self._changed
        for rel, entry in changed.items():
            if entry is not None:
                yield rel, entry
        query = f"SELECT rel, {_COLUMNS} FROM files"
        for row in self._db.execute(query):
            if row[0] not in changed:
                yield row[0], _row(row[1:])

    def people_of(
        self, only: Iterable[str] | None = None
    ) -> Iterator[tuple[str, list[str], list[str], list[str]]]:
        """(rel, names, people, where) of the files of `only` (those in the table), else
        of every file: `entries` without decoding the evidence (most of each row)."""
        if only is not None:
            yield from ((rel, e[NAMES], e[PEOPLE], e[WHERE]) for rel, e in self.entries(only))
            return
        changed = self._changed
        for rel, entry in changed.items():
            if entry is not None:
                yield rel, entry[NAMES], entry[PEOPLE], entry[WHERE]
        query = "SELECT rel, names, people, place FROM files"
        for rel, names, people, place in self._db.execute(query):
            if rel not in changed:
                yield rel, json.loads(names), json.loads(people), json.loads(place)

    def all_names(self, exclude: set[str] | frozenset[str] = frozenset()) -> Iterator[str]:
        """The names of every file but those of `exclude`, one per file that holds it."""
        changed = self._changed
        for rel, entry in changed.items():
            if entry is not None and rel not in exclude:
                yield from entry[NAMES]
        for rel, names in self._db.execute("SELECT rel, names FROM files"):
            if rel not in changed and rel not in exclude:
                yield from json.loads(names)

    def all_evidence(self, exclude: set[str] | frozenset[str] = frozenset()) -> Iterator[list]:
        """The evidence rows of every file but those of `exclude`."""
        changed = self._changed
        for rel, entry in changed.items():
            if entry is not None and rel not in exclude:
                yield from entry[EVIDENCE]
        for rel, evidence in self._db.execute("SELECT rel, evidence FROM files"):
            if rel not in changed and rel not in exclude and evidence != "[]":
                yield from json.loads(evidence)

    def holding(self, names: set[str]) -> list[str]:
        """The files whose names include one of `names`."""
        return [rel for rel, _, _ in self._holders(names)]

    def placed(
        self, names: set[str], exclude: set[str] | frozenset[str] = frozenset()
    ) -> Iterator[tuple[list[str], tuple[str, ...]]]:
        """(names, where) of the files but those of `exclude` whose names include one of
        `names`."""
        for rel, held, where in self._holders(names):
            if rel not in exclude:
                yield held, tuple(where)

    def _holders(self, names: set[str]) -> Iterator[tuple[str, list[str], list[str]]]:
        """(rel, names, where) of the files whose names include one of `names`."""
        if not names:
            return
        changed = self._changed
        for rel, e in changed.items():
            if e is not None and not names.isdisjoint(e[NAMES]):
                yield rel, e[NAMES], e[WHERE]
        if len(names) <= _FEW_NAMES:  # SQLite filters the text, Python checks the hits
            where = " OR ".join(["instr(names, ?) > 0"] * len(names))
            args = [json.dumps(n, ensure_ascii=False) for n in names]
            rows = self._db.execute(f"SELECT rel, names, place FROM files WHERE {where}", args)
        else:
            rows = self._db.execute("SELECT rel, names, place FROM files")
        for rel, text, place in rows:
            if rel not in changed:
                held = json.loads(text)
                if not names.isdisjoint(held):
                    yield rel, held, json.loads(place)

    # -- folders ------------------------------------------------------------------------
    # Each folder holding rows has the digest of its rows' (name, size, mtime), the
    # skipped files with a verdict counted in (`scan.listing_digest`). The scan computes
    # the same of what it lists: a folder whose digests agree is unchanged, and a no-op
    # update reads one row per folder instead of one per file.

    def digests(self) -> dict[str, bytes]:
        """Folder prefix -> digest of its rows, as saved."""
        return {str(f): bytes(d) for f, d in self._db.execute("SELECT * FROM folders")}

    def folder_rows(self, prefix: str) -> dict[str, tuple[int, int, str]]:
        """Name -> (size, mtime_ns, hash) of the files directly in the folder `prefix`
        ("" or a path ending in "/"), this run's changes included."""
        found = self._saved_rows(prefix)
        for rel, entry in self._changed.items():
            folder, name = split_rel(rel)
            if folder == prefix:
                if entry is None:
                    found.pop(name, None)
                else:
                    found[name] = (entry[SIZE], entry[MTIME], entry[HASH])
        return found

    def _saved_rows(self, prefix: str) -> dict[str, tuple[int, int, str]]:
        if prefix:  # the key range of the folder, less its subfolders' rows
            rows = self._db.execute(
                "SELECT rel, size, mtime, hash FROM files WHERE rel >= ? AND rel < ? "
                "AND instr(substr(rel, ?), '/') = 0",
                (prefix, prefix[:-1] + chr(ord("/") + 1), len(prefix) + 1),
            )
        else:  # the root: a scan of every key, in SQLite
            rows = self._db.execute(
                "SELECT rel, size, mtime, hash FROM files WHERE instr(rel, '/') = 0"
            )
        cut = len(prefix)
        return {rel[cut:]: (size, mtime, digest) for rel, size, mtime, digest in rows}

    def _write_digests(self, folders: Iterable[str]) -> None:
        """Store the digest of each of `folders` (their rows and the skipped files with a
        verdict: unreadable ones are read again anyway), or drop it when it has none."""
        skipped: dict[str, Listing] = {}
        for rel, bad in self.skipped.items():
            if not bad.retry:
                folder, name = split_rel(rel)
                skipped.setdefault(folder, []).append((name, bad.size, bad.mtime_ns))
        for prefix in folders:  # within save(): the rows on disk are this run's
            listing: Listing = [(n, e[0], e[1]) for n, e in self._saved_rows(prefix).items()]
            listing += skipped.get(prefix, [])
            if listing:
                self._db.execute(
                    "UPDATE folders SET digest = ? WHERE folder = ?",
                    (listing_digest(listing), prefix),
                )
            else:
                self._db.execute("DELETE FROM folders WHERE folder = ?", (prefix,))

    def _digest_all_folders(self) -> None:
        """Digest every folder of a table written before digests were kept (once)."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.execute("DELETE FROM folders")
            for table in ("files", "skipped"):
                self._db.execute(
                    "INSERT OR REPLACE INTO folders "
                    f"SELECT DISTINCT rtrim(rel, replace(rel, '/', '')), X'' FROM {table}"
                )
            self._digest_marked()
            self._set_meta(_FOLDERS_KEY, DIGEST_FORM)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def _digest_marked(self) -> None:
        marked = [
            str(f) for (f,) in self._db.execute("SELECT folder FROM folders WHERE digest = X''")
        ]
        self._write_digests(marked)

    # -- saving -------------------------------------------------------------------------
    def save(self, meanwhile: Callable[[], object] | None = None) -> None:
        """Write this run's changes, the skipped files and `people` in one transaction.

        `meanwhile` (the index commit these rows describe) runs in this thread while
        another writes the rows: the transaction commits once both are done, and is
        rolled back if either fails, so the table never gets ahead of the index."""
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            if meanwhile is None:
                self._write_rows()
            else:
                with cf.ThreadPoolExecutor(1, thread_name_prefix="file-table") as pool:
                    rows = pool.submit(self._write_rows)
                    meanwhile()  # raising, it leaves the block once the rows are written
                    rows.result()
            db.execute("DELETE FROM skipped")
            db.executemany(
                "INSERT INTO skipped VALUES (?, ?, ?, ?)",
                ((rel, s.size, s.mtime_ns, s.reason) for rel, s in self.skipped.items()),
            )
            self._set_meta("people", json_text(self.people) if self.people is not None else "")
            self._digest_marked()  # the folders whose rows or skipped files moved
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        self._stored = db.execute("SELECT count(*) FROM files").fetchone()[0]
        self._changed.clear()
        self._ids.clear()

    def _write_rows(self) -> None:
        db = self._db
        deleted = [(rel,) for rel, e in self._changed.items() if e is None]
        db.executemany("DELETE FROM files WHERE rel = ?", deleted)
        db.executemany(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    rel,
                    e[SIZE],
                    e[MTIME],
                    e[HASH],
                    e[ID],
                    json_text(e[NAMES]),
                    json_text(e[PEOPLE]),
                    json_text(e[EVIDENCE]),
                    json_text(e[WHERE]),
                )
                for rel, e in self._changed.items()
                if e is not None
            ),
        )


def _read_only(gen_dir: Path) -> sqlite3.Connection:
    path = gen_dir / FILES_NAME
    if not path.exists():
        raise _damaged(f"{FILES_NAME} is missing")
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def documents(gen_dir: Path) -> Iterator[tuple[str, str, str]]:
    """(rel, document id, hash) of every file a generation's table holds, streamed from a
    read-only connection (an older generation's `files.json` is read whole)."""
    legacy = gen_dir / LEGACY_NAME
    if not (gen_dir / FILES_NAME).exists() and legacy.exists():
        from search.index.manifest import read_legacy_table

        files = read_legacy_table(legacy)[0]
        yield from ((rel, e[ID], e[HASH]) for rel, e in files.items())
        return
    db = _read_only(gen_dir)
    try:
        yield from db.execute("SELECT rel, id, hash FROM files")
    finally:
        db.close()


def holders(gen_dir: Path, hashes: set[str]) -> Iterator[tuple[str, str]]:
    """(rel, hash) of the files whose content hash is one of `hashes`. SQLite filters the
    rows (the table has no index on hashes: one pass in C instead of one row per file
    handed to Python); many hashes are looked for in one streamed pass."""
    db = _read_only(gen_dir)
    try:
        if len(hashes) <= _FEW_HASHES:
            marks = ", ".join("?" * len(hashes))
            yield from db.execute(
                f"SELECT rel, hash FROM files WHERE hash IN ({marks})", list(hashes)
            )
        else:
            yield from ((r, h) for r, h in db.execute("SELECT rel, hash FROM files") if h in hashes)
    finally:
        db.close()


def documents_at(gen_dir: Path, rels: Iterable[str]) -> dict[str, tuple[str, str]]:
    """(document id, hash) of the files of `rels` that the table holds."""
    db = _read_only(gen_dir)
    try:
        found = {}
        for rel in rels:
            row = db.execute("SELECT id, hash FROM files WHERE rel = ?", (rel,)).fetchone()
            if row is not None:
                found[rel] = (str(row[0]), str(row[1]))
        return found
    finally:
        db.close()
