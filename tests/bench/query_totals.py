"""Totals of single-word queries on two builds of cerca, side by side (issue 19's note).

Each side is a `cerca` executable (its own checkout and virtualenv) and an index it
built of the same corpus:

    python tests/bench/query_totals.py \\
        --before /work/venv-oldb/bin/cerca /tmp/b-idx/old \\
        --after /work/venv-b/bin/cerca /tmp/b-idx/new [WORD ...]

Prints, per query word, the total of each side and the change. Without words: the ten
of the issue.
"""

from __future__ import annotations

import argparse
import json
import subprocess

WORDS = ("è", "dati", "state", "casa", "comando", "farlo", "iscritti", "ridotta", "porta", "furto")


def total(cerca: str, index: str, word: str) -> int:
    """The total of `cerca query WORD` on `index` (json, no hits, no facets)."""
    args = [cerca, "query", "--index", index, "--format", "json", "--limit", "0"]
    out = subprocess.run(
        [*args, "--no-facets", "--", word], capture_output=True, text=True, check=True
    )
    return int(json.loads(out.stdout)["total"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", nargs=2, metavar=("CERCA", "INDEX"), required=True)
    ap.add_argument("--after", nargs=2, metavar=("CERCA", "INDEX"), required=True)
    ap.add_argument("words", nargs="*", default=list(WORDS))
    args = ap.parse_args()
    print("| query | before | after | change |\n|---|---:|---:|---:|")
    for word in args.words:
        a, b = total(*args.before, word), total(*args.after, word)
        change = f"{(b - a) / a:+.0%}" if a else "n/a"
        print(f"| `{word}` | {a:,} | {b:,} | {change} |")


if __name__ == "__main__":
    main()
