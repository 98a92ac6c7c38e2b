"""`cerca batch` speed: 1,000 queries on one Searcher, each with counts per month, its
first and last date and the top 10 people (search.batch.run_rows, in process).

    python tests/bench/batch.py INDEX [--queries 1000] [--csv OUT.csv] [--hits]

The queries come from the index itself, so any corpus works: the 36 of the query
benchmark (queries.py), `persona:` for the most frequent people and their names as
phrases, `tag:` and `sezione:` for every tag and section, and a long word from the titles
of articles spread over the index. `--csv` also writes them as a batch file for
`cerca batch`. Prints the total, median, 90th percentile and slowest per query (ms).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def query_set(searcher, n: int) -> list[tuple[str, str]]:
    """(kind, query) pairs, `n` of them, deterministic for one index."""
    import re

    from search.index import schema as f
    from tests.bench.queries import QUERIES

    people = [p.value for p in searcher.people(300)]
    tags = [v.value for v in searcher.facet_values("tags")][:150]
    sections = [v.value for v in searcher.facet_values("section")]
    out: list[tuple[str, str]] = list(QUERIES)
    out += [("person", f'persona:"{p}"') for p in people]
    out += [("name", f'"{p}"') for p in people]
    out += [("tag", f'tag:"{t}"') for t in tags]
    out += [("section", f'sezione:"{s}"') for s in sections]
    docs = searcher._searcher.num_docs  # noqa: SLF001  (a bench may look inside)
    step = max(1, docs // max(1, n - len(out)))
    inner = searcher._searcher
    for addr in range(0, docs, step):
        if len(out) >= n:
            break
        hits = inner.search(searcher.index.parse_query("*"), limit=1, offset=addr).hits
        if not hits:
            break
        title = inner.doc(hits[0][1]).to_dict().get(f.TITLE, [""])[0]
        words = sorted(re.findall(r"[^\W\d_]{5,}", title), key=len, reverse=True)
        if words:
            out.append(("title word", words[0].lower()))
    return out[:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--csv", type=Path, help="also write the queries as a batch file")
    ap.add_argument("--hits", action="store_true", help="also fetch every hit (--hits)")
    args = ap.parse_args()

    from search.batch import BatchRow, run_rows
    from search.models import Filters
    from search.query import Searcher

    t0 = time.perf_counter()
    searcher = Searcher(args.index)
    queries = query_set(searcher, args.queries)
    if args.csv:
        with open(args.csv, "w", encoding="utf-8", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(["name", "query"])
            out.writerows((f"{kind} {i}", q) for i, (kind, q) in enumerate(queries))
    rows = [BatchRow(i + 2, kind, q, Filters()) for i, (kind, q) in enumerate(queries)]
    searcher.profile("persona:putin")  # the people table loads on first use: not a query's
    print(f"setup (open, query set, people table): {time.perf_counter() - t0:.2f} s")

    took: list[tuple[float, str]] = []
    last = [time.perf_counter()]

    def done(result) -> None:
        now = time.perf_counter()
        took.append(((now - last[0]) * 1000, result.row.query))
        if result.error:
            print(f"error line {result.row.line}: {result.error}")
        last[0] = now

    start = time.perf_counter()
    for _ in run_rows(searcher, rows, hits=10_000 if args.hits else 0, done=done):
        pass
    total = time.perf_counter() - start
    ms = sorted(t for t, _ in took)
    print(f"queries: {len(ms)}  total: {total:.2f} s")
    print(
        f"per query ms: median {statistics.median(ms):.2f}  "
        f"p90 {ms[int(len(ms) * 0.9)]:.2f}  max {ms[-1]:.1f}"
    )
    kinds: dict[str, list[float]] = {}
    for (kind, _), (t, _) in zip(queries, took, strict=True):
        kinds.setdefault(kind, []).append(t)
    for kind, values in sorted(kinds.items()):
        print(f"  {kind:12} n={len(values):4}  median {statistics.median(values):6.2f} ms")
    print("slowest:", ", ".join(f"{q} ({t:.0f} ms)" for t, q in sorted(took)[-3:]))


if __name__ == "__main__":
    main()
