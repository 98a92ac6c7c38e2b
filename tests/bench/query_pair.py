"""The query set on several indexes at once, alternated query by query: p50 / p95 each.

    python tests/bench/query_pair.py NAME INDEX NAME INDEX [NAME INDEX ...] [--rounds 5]
        [--estimate]

On a shared machine the load swings between two separate runs; alternating each query
between the indexes (the order flipped every round) gives them the same load. Facets
on (exact, or estimated with `--estimate`), top-10 snippets, as bench.py's query
section; each index's segment count, wall time and the process's CPU time per query
(every thread) printed.
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
    ap.add_argument("pairs", nargs="+", metavar="NAME INDEX")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--estimate", action="store_true", help="facets estimated, as the TUI")
    args = ap.parse_args(argv)
    if len(args.pairs) < 4 or len(args.pairs) % 2:
        ap.error("give two NAME INDEX pairs or more")
    names, searchers = args.pairs[0::2], [Searcher(Path(p)) for p in args.pairs[1::2]]
    for searcher in searchers:  # warm-up: first touch of each posting list and fast field
        for _, q in QUERIES:
            searcher.search(q, limit=10, facets=True, estimate=args.estimate)
    wall: list[list[float]] = [[] for _ in searchers]
    cpu: list[list[float]] = [[] for _ in searchers]
    print("load average at start: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    order = list(range(len(searchers)))
    for r in range(args.rounds):
        for _, q in QUERIES:
            for i in order if r % 2 == 0 else order[::-1]:
                c, t = time.process_time(), time.perf_counter()
                searchers[i].search(q, limit=10, facets=True, estimate=args.estimate)
                wall[i].append((time.perf_counter() - t) * 1000)
                cpu[i].append((time.process_time() - c) * 1000)
    for name, searcher, ms, work in zip(names, searchers, wall, cpu, strict=True):
        print(
            f"{name}: {searcher._searcher.num_segments} segment(s)"
            f"  p50 {pct(ms, 50):.1f} ms  p95 {pct(ms, 95):.1f} ms"
            f"  (CPU p50 {pct(work, 50):.1f}  p95 {pct(work, 95):.1f} ms)"
        )
    print("load average at end: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
