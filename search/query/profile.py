"""A query's profile: how many articles, from when to when, per period, about whom.

What `cerca batch` writes per query and `cerca query --by` prints: one search for the
count and the first date, one for the last date, and one aggregation request for the
months (or weeks) and the top people, with no snippet and no other facet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import tantivy

from search.index import schema as f
from search.models import FacetValue
from search.query.facets import MONTHS, NO_CUT
from search.query.records import first

PERIODS = ("month", "week", "year")
_WEEKS = 5300  # a hundred years of them
_DAY_MS = 86_400_000
# tantivy's 7-day buckets start on the epoch, a Thursday; shifted by 4 days they start on
# Mondays (ISO weeks)
_MONDAY_OFFSET = "4d"


@dataclass(frozen=True, slots=True)
class Profile:
    """`periods`: (period, count), oldest first, every period from the first to the last
    (zeros included, so two profiles line up in a spreadsheet); undated articles are in
    `total`, not in a period. `people`: the most frequent, with their counts."""

    total: int
    first_date: str | None
    last_date: str | None
    by: str
    periods: tuple[tuple[str, int], ...]
    people: tuple[FacetValue, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "by": self.by,
            "counts": [{"period": p, "count": c} for p, c in self.periods],
            "people": [{"value": v.value, "count": v.count} for v in self.people],
        }


def profile(
    searcher: tantivy.Searcher, query: tantivy.Query, by: str = "month", people: int = 10
) -> Profile:
    """The profile of the documents `query` matches (`people`: how many to name, 0 none)."""
    oldest = searcher.search(
        query, limit=1, count=True, order_by_field=f.DATE_TS, order=tantivy.Order.Asc
    )
    total = oldest.count  # type: ignore[attr-defined]  # in tantivy, not in its stub
    if total == 0:
        return Profile(0, None, None, by, ())
    newest = searcher.search(query, limit=1, order_by_field=f.DATE_TS, order=tantivy.Order.Desc)
    request: dict[str, Any] = {}
    if by == "week":
        request["period"] = {
            "date_histogram": {
                "field": f.DATE_TS,
                "fixed_interval": "7d",
                "offset": _MONDAY_OFFSET,
                "min_doc_count": 1,
            }
        }
    else:
        months = {"field": f.MONTH, "size": MONTHS, "segment_size": NO_CUT}
        request["period"] = {"terms": {**months, "order": {"_key": "asc"}}}
    if people:
        request["people"] = {"terms": {"field": f.PEOPLE, "size": people, "segment_size": NO_CUT}}
    agg = searcher.aggregate(query, request)
    buckets = agg.get("period", {}).get("buckets", [])
    if by == "week":
        counts = {_week(int(b["key"])): int(b["doc_count"]) for b in buckets}
    else:
        counts = {}
        for b in buckets:
            key = str(b["key"])[:4] if by == "year" else str(b["key"])
            counts[key] = counts.get(key, 0) + int(b["doc_count"])
    top = tuple(
        FacetValue(str(b["key"]), int(b["doc_count"]))
        for b in agg.get("people", {}).get("buckets", [])
    )
    return Profile(
        total,
        _date(searcher, oldest),
        _date(searcher, newest),
        by,
        tuple((p, counts.get(p, 0)) for p in _span(sorted(counts), by)),
        top,
    )


def _date(searcher: tantivy.Searcher, result: Any) -> str | None:
    if not result.hits:
        return None
    return first(searcher.doc(result.hits[0][1]).to_dict(), f.DATE)


def _week(key_ms: int) -> str:
    """An ISO week, `2025-W07`, from a bucket's start (milliseconds since the epoch)."""
    day = dt.date(1970, 1, 1) + dt.timedelta(days=key_ms // _DAY_MS)
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _span(keys: list[str], by: str) -> Iterator[str]:
    """Every period from the first of `keys` to the last."""
    if not keys:
        return
    if by == "year":
        yield from (str(y) for y in range(int(keys[0]), int(keys[-1]) + 1))
    elif by == "month":
        y, m = int(keys[0][:4]), int(keys[0][5:7])
        while (key := f"{y:04d}-{m:02d}") <= keys[-1]:
            yield key
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        day = dt.date.fromisocalendar(int(keys[0][:4]), int(keys[0][6:]), 1)
        end = dt.date.fromisocalendar(int(keys[-1][:4]), int(keys[-1][6:]), 1)
        while day <= end:
            year, week, _ = day.isocalendar()
            yield f"{year}-W{week:02d}"
            day += dt.timedelta(days=7)
