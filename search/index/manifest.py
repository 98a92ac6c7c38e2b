"""What readers load beside the tantivy files: `cerca.json` (`Manifest`), kept small so
`cerca query` starts fast, replaced atomically after the commit it describes. The
indexer's per-file table is `search.index.file_table`. Layout and crash safety:
docs/internals/index-format.md.
"""

from __future__ import annotations

import gc
import json
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from search.errors import IndexCorruptError
from search.index.schema import SCHEMA_VERSION

if TYPE_CHECKING:  # search.people (gazetteer, simplemma) loads only when a table is built
    from search.people import PeopleCanon

META_NAME = "cerca.json"
REBUILD_HINT = "run `cerca index --rebuild`"


# One encoder for every call: json.dumps with options builds a new one each time (a
# build encodes three values per file). encode(), not dump(): only it uses the C encoder.
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def json_text(data: Any) -> str:
    return _ENCODE(data)


def write_json_atomic(path: Path, data: Any) -> None:
    write_text_atomic(path, json_text(data))


def write_text_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _read_json(path: Path) -> Any:
    # The cyclic GC is held off while parsing: an older files.json builds one small list
    # per article, and each allocation burst would trigger a collection.
    enabled = gc.isenabled()
    gc.disable()
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        raise IndexCorruptError(
            f"index is damaged ({path.name} is missing): {REBUILD_HINT}"
        ) from None
    except (OSError, ValueError) as e:
        raise IndexCorruptError(
            f"index is damaged ({path.name} unreadable: {e}): {REBUILD_HINT}"
        ) from None
    finally:
        if enabled:
            gc.enable()


@dataclass
class Manifest:
    """What readers need besides the tantivy index (SPEC §7)."""

    schema_version: int
    corpus: str
    updated: str  # ISO 8601, UTC
    documents: int
    people_table: dict[str, Any] = field(default_factory=dict, repr=False)
    generation: str = ""

    @cached_property
    def people(self) -> PeopleCanon:
        """The corpus-wide canonicalization table (built on first use)."""
        from search.people import PeopleCanon

        return PeopleCanon.from_dict(self.people_table)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "corpus": self.corpus,
            "updated": self.updated,
            "documents": self.documents,
            "people": self.people_table,
        }

    def write(self, gen_dir: Path) -> None:
        write_json_atomic(gen_dir / META_NAME, self.to_dict())

    @classmethod
    def read(cls, gen_dir: Path) -> Manifest:
        data = _read_json(gen_dir / META_NAME)
        if not isinstance(data, dict) or not isinstance(data.get("schema_version"), int):
            raise IndexCorruptError(f"index is damaged ({META_NAME} is garbled): {REBUILD_HINT}")
        version = data["schema_version"]
        if version != SCHEMA_VERSION:
            raise IndexCorruptError(
                f"index was built by another version of cerca (schema {version}, this "
                f"version reads {SCHEMA_VERSION}): {REBUILD_HINT}"
            )
        try:
            return cls(
                schema_version=version,
                corpus=str(data["corpus"]),
                updated=str(data["updated"]),
                documents=int(data["documents"]),
                people_table=dict(data.get("people") or {}),
                generation=gen_dir.name,
            )
        except (KeyError, TypeError, ValueError) as e:
            raise IndexCorruptError(
                f"index is damaged ({META_NAME} lacks {e}): {REBUILD_HINT}"
            ) from None


def read_legacy_table(
    path: Path,
) -> tuple[dict[str, list], dict[str, Any], dict[str, Any] | None]:
    """(files, skipped, settled canon) of a `files.json` written by an older version, for
    `FileTable.open` to move into SQLite."""
    from search.index.file_table import SkippedEntry

    data = _read_json(path)
    try:
        if data["schema_version"] != SCHEMA_VERSION:
            raise ValueError("schema_version")
        files = data["files"]
        if not isinstance(files, dict) or not all(
            type(e) is list and len(e) == 6 for e in files.values()
        ):
            raise ValueError("files")
        for entry in files.values():  # kept no evidence nor buckets: read again, it will
            entry += [[], []]
        skipped = {
            p: SkippedEntry(int(s), int(m), str(r)) for p, (s, m, r) in data["skipped"].items()
        }
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise IndexCorruptError(
            f"index is damaged ({path.name} is garbled: {e}): {REBUILD_HINT}"
        ) from None
    people = data.get("people")  # absent before it was kept: the run recounts
    return files, skipped, people if isinstance(people, dict) else None
