"""What incremental updates wrote into a generation since its one-segment build, as
facet counting needs it (search.query.facets).

Two numbers per facet (distinct values written since the build, and the count of the
most frequent one) let a terms aggregation cut the big segment's list and still prove
its counts exact. They are saved in `recent.json` (the readers' summary) and
`recent-values.json` (the indexer's per-value counts), written before the commit whose
documents they count, so a reader never sees counts too small. No file means nothing is
known and facets are counted uncut. The proof: docs/internals/facets.md.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from search.index.manifest import json_text, write_text_atomic

SUMMARY_NAME = "recent.json"
VALUES_NAME = "recent-values.json"
# The facets whose counts may be cut (the month histogram is never cut: its few hundred
# values are cheap to count).
FACETS = ("section", "tags", "people", "author")


@dataclass(frozen=True, slots=True)
class Recent:
    """Documents written since the build, and per facet their distinct values and how
    many of them carry the most frequent value."""

    docs: int
    distinct: dict[str, int]
    top: dict[str, int]


def read_recent(gen_dir: Path) -> Recent | None:
    """The summary of `gen_dir`, or None when there is none or it cannot be trusted."""
    try:
        with open(gen_dir / SUMMARY_NAME, encoding="utf-8") as fh:
            data = json.load(fh)
        recent = Recent(
            docs=int(data["docs"]),
            distinct={n: int(data["distinct"][n]) for n in FACETS},
            top={n: int(data["top"][n]) for n in FACETS},
        )
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return recent


class RecentWrites:
    """The indexer's side: counts the facet values of the documents an update writes and
    saves them (with the summary) before each commit."""

    def __init__(self, docs: int, values: dict[str, Counter[str]]) -> None:
        self.docs = docs
        self.values = values
        self.dirty = False

    @classmethod
    def start(cls, gen_dir: Path) -> None:
        """A build just ended as one segment: nothing written since."""
        cls(0, {n: Counter() for n in FACETS}).save(gen_dir)

    @staticmethod
    def forget(gen_dir: Path) -> None:
        """Nothing is known (a generation being built, which may end in several
        segments): facets over several segments stay uncut."""
        for name in (SUMMARY_NAME, VALUES_NAME):  # the summary first: readers look at it
            try:
                os.unlink(gen_dir / name)
            except FileNotFoundError:
                pass

    @classmethod
    def load(cls, gen_dir: Path) -> RecentWrites | None:
        """The counts of `gen_dir`; None when there are none (then nothing is counted)."""
        if read_recent(gen_dir) is None:
            return None
        try:
            with open(gen_dir / VALUES_NAME, encoding="utf-8") as fh:
                data = json.load(fh)
            docs = int(data["docs"])
            values = {
                n: Counter({str(v): int(c) for v, c in data["values"][n].items()}) for n in FACETS
            }
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            cls.forget(gen_dir)  # damaged: from now on nothing is known
            return None
        return cls(docs, values)

    def add(
        self,
        section: str | None,
        tags: Iterable[str],
        people: Iterable[str],
        author: str | None,
    ) -> None:
        """One document written (its values as the facet fields hold them)."""
        self.docs += 1
        values = self.values
        if section:
            values["section"][section] += 1
        # every occurrence: a value a document carries twice may count twice in the facet
        values["tags"].update(tags)
        values["people"].update(people)
        if author:
            values["author"][author] += 1
        self.dirty = True

    def save(self, gen_dir: Path) -> None:
        """Write the counts, then the summary made of them (call before the commit)."""
        values = {n: dict(self.values[n]) for n in FACETS}
        write_text_atomic(gen_dir / VALUES_NAME, json_text({"docs": self.docs, "values": values}))
        summary = {
            "docs": self.docs,
            "distinct": {n: len(self.values[n]) for n in FACETS},
            "top": {n: max(self.values[n].values(), default=0) for n in FACETS},
        }
        write_text_atomic(gen_dir / SUMMARY_NAME, json_text(summary))
        self.dirty = False
