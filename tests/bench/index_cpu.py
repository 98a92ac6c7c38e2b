"""CPU of the indexing process alone in a full build (its threads, tantivy's included;
not the workers): what the build spends outside the parsing.

    python tests/bench/index_cpu.py CORPUS INDEX_DIR [--label NAME]

Prints user and system CPU per article from getrusage(RUSAGE_SELF). Alternate two
checkouts (two virtualenvs) on one corpus to compare them on a busy machine: the
indexing process's CPU moves far less with the load than the build's wall time does.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import time

from search.index import update_index


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("index")
    ap.add_argument("--label", default="")
    args = ap.parse_args()
    shutil.rmtree(args.index, ignore_errors=True)
    started = time.monotonic()
    summary = update_index(args.corpus, args.index, rebuild=True)
    used = resource.getrusage(resource.RUSAGE_SELF)
    n = max(1, summary.added)
    print(
        f"{args.label:8} indexing process: user {used.ru_utime * 1000 / n:.4f}"
        f" + system {used.ru_stime * 1000 / n:.4f}"
        f" = {(used.ru_utime + used.ru_stime) * 1000 / n:.4f} ms/article"
        f"  ({n} articles, {time.monotonic() - started:.1f} s, relinked {summary.relinked})"
    )


if __name__ == "__main__":
    main()
