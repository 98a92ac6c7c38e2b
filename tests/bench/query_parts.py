"""Where a query's CPU goes, part by part, over the bench query set.

    python tests/bench/query_parts.py INDEX

Thread CPU milliseconds (median of 3 per query), then p50 / p95 / sum over the set:
parse + compile (lemma expansion), the hit estimate, top 10 + exact total, snippets
(documents read and marked), facets exact and estimated, each in this thread (no
whole-archive counts kept: a filter alone counts its facet over every document).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from queries import QUERIES  # noqa: E402

PARTS = ("compile", "estimate", "top+count", "snippets", "facets exact", "facets est")


def cpu_ms(fn: Callable[[], Any], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.thread_time()
        fn()
        times.append((time.thread_time() - t) * 1000)
    return statistics.median(times)


def parts(s: Any, q: str) -> tuple[int, list[float]]:
    """The hits of query `q` on Searcher `s`, and the CPU of each of PARTS."""
    from search.models import Filters
    from search.query import facets as fc
    from search.query import language as ql
    from search.query.compile import Compiler
    from search.query.estimate import estimate_size
    from search.query.highlight import Highlighter
    from search.query.records import hit_of

    st = s._searcher
    filters = Filters()
    ast = ql.parse(q)
    compiler = Compiler(s.schema, s._lookup, s.vocab)
    compiled = compiler.compile(ast, filters)
    query = compiled.query()
    kinds = [k for k, v in compiled.filters.items() if v]
    res = st.search(query, limit=10, count=True)
    marks = Highlighter.from_ast(ast, compiled.people, s.vocab)

    def hits(without: str | None) -> float:
        return estimate_size(st, compiler, ast, filters, s._span, without).hits

    def compile_again() -> Any:
        return Compiler(s.schema, s._lookup, s.vocab).compile(ql.parse(q), filters).query()

    return res.count, [
        cpu_ms(compile_again),
        cpu_ms(lambda: hits(None)),
        cpu_ms(lambda: st.search(query, limit=10, count=True)),
        cpu_ms(lambda: [hit_of(st.doc(a).to_dict(), k, marks) for k, a in res.hits[:10]]),
        cpu_ms(lambda: fc.compute(st, compiled.query, kinds, {})),
        cpu_ms(lambda: fc.compute(st, compiled.query, kinds, {}, hits=hits, estimate=s.schema)),
    ]


def main(index: str) -> None:
    from search.query import Searcher

    s = Searcher(index)
    st = s._searcher
    print(f"{st.num_docs:,} documents, {st.num_segments} segment(s); thread CPU ms")
    print(f"{'query':30} {'hits':>9} " + " ".join(f"{p:>12}" for p in PARTS))
    rows = []
    for _, q in QUERIES:
        count, row = parts(s, q)
        rows.append(row)
        print(f"{q[:30]:30} {count:>9,} " + " ".join(f"{x:12.1f}" for x in row), flush=True)
    for i, part in enumerate(PARTS):
        v = sorted(r[i] for r in rows)
        p95 = v[round(0.95 * (len(v) - 1))]
        print(f"{part:14} p50 {statistics.median(v):7.1f}  p95 {p95:7.1f}  sum {sum(v):8.1f}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.split("\n\n")[1].strip())
    main(sys.argv[1])
