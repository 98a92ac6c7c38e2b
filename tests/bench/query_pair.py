"""The query set on two indexes at once, alternated query by query: p50 / p95 each.

    python tests/bench/query_pair.py NAME INDEX NAME INDEX [--rounds 5]

On a shared machine the load swings between two separate runs; alternating each query
between the indexes (the order flipped every round) gives both the same load. Facets
on, top-10 snippets, as bench.py's query section; each index's segment count printed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import pct  # noqa: E402
from queries import QUERIES  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    from search.query import Searcher

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pairs", nargs=4, metavar="NAME INDEX")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    names, searchers = args.pairs[0::2], [Searcher(Path(p)) for p in args.pairs[1::2]]
    for searcher in searchers:  # warm-up: first touch of each posting list and fast field
        for _, q in QUERIES:
            searcher.search(q, limit=10, facets=True)
    times: list[list[float]] = [[], []]
    print("load average at start: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    for r in range(args.rounds):
        for _, q in QUERIES:
            for i in (0, 1) if r % 2 == 0 else (1, 0):
                t = time.perf_counter()
                searchers[i].search(q, limit=10, facets=True)
                times[i].append((time.perf_counter() - t) * 1000)
    for name, searcher, ms in zip(names, searchers, times, strict=True):
        print(
            f"{name}: {searcher._searcher.num_segments} segment(s)"
            f"  p50 {pct(ms, 50):.1f} ms  p95 {pct(ms, 95):.1f} ms"
        )
    print("load average at end: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
