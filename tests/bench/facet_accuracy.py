"""How close estimated facet counts come to exact ones over the bench query set.

    python tests/bench/facet_accuracy.py INDEX

Each query is counted both ways. Per facet: the share of the exact top 10 found in the
estimated top 10, and the relative error of the exact top 5 values' estimates; for the
months, the relative error of months with 1,000 hits or more.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from queries import QUERIES  # noqa: E402


def main(index: str) -> None:
    from search.query import Searcher

    searcher = Searcher(index)
    overlap: dict[str, list[float]] = {}
    errors: dict[str, list[float]] = {}
    estimated = 0
    for _, q in QUERIES:
        exact = searcher.search(q, limit=0)
        est = searcher.search(q, limit=0, estimate=True)
        if not any(v.estimated for values in est.facets.values() for v in values):
            continue
        estimated += 1
        for name, values in est.facets.items():
            if not values or not values[0].estimated:
                continue
            truth = exact.facets[name]
            if name == "month":
                counts = {v.value: v.count for v in truth}
                errors.setdefault(name, []).extend(
                    abs(v.count - counts[v.value]) / counts[v.value]
                    for v in values
                    if counts.get(v.value, 0) >= 1000
                )
                continue
            top = {v.value for v in truth[:10]}
            shown = {v.value for v in values[:10]}
            overlap.setdefault(name, []).append(len(top & shown) / max(1, len(top)))
            counts = {v.value: v.count for v in values}
            errors.setdefault(name, []).extend(
                abs(counts[v.value] - v.count) / v.count for v in truth[:5] if v.value in counts
            )
    print(f"{estimated} of {len(QUERIES)} queries estimated")
    for name, errs in errors.items():
        if not errs:
            continue
        line = f"{name:7}"
        if name in overlap:
            share = overlap[name]
            line += f" top-10 overlap mean {statistics.mean(share):.2f} min {min(share):.2f};"
        print(f"{line} relative error median {statistics.median(errs):.3f} max {max(errs):.3f}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.split("\n\n")[1].strip())
    main(sys.argv[1])
