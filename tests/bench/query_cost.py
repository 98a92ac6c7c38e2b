"""Instructions of queries, counted by valgrind (callgrind), for two checkouts side by side.

    python tests/bench/query_cost.py --before PYTHON INDEX --after PYTHON INDEX

Each side is an interpreter with its checkout installed and an index that checkout
built of the same corpus. Timings on a shared 2-core machine swing with the load; an
instruction count does not. Printed per side:

- in-process: the benchmark's 36 queries (tests/bench/queries.py; facets on, top-10
  snippets) run once and three times in one process: the difference over two is the
  cost of one warm pass, whatever the interpreter spends starting and opening;
- cli: `cerca query ... --format json` as a whole process, for the benchmark's CLI
  queries and a few of issue 19's words.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.queries import CLI_QUERIES, QUERIES  # noqa: E402

RUN = """
import sys
from search.query import Searcher
queries = sys.argv[2].split("\\n")
searcher = Searcher(sys.argv[1])
for _ in range(int(sys.argv[3])):
    for q in queries:
        searcher.search(q, limit=10, facets=True)
"""
CLI = """
import sys
from search.cli import main
sys.argv = ["cerca", "query", *sys.argv[1:], "--format", "json"]
try:
    main()
except SystemExit:
    pass
"""
WORDS = ("è", "porta", "farlo", "dati")


# as a user's shell has it: with Python's bytecode cache (else a module changed since its
# last import is compiled again in every counted run)
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def instructions(python: str, args: list[str], work: Path) -> int:
    subprocess.run([python, *args], capture_output=True, cwd=work, env=USER_ENV)  # caches
    out = work / "callgrind.out"
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", python, *args],
        capture_output=True,
        text=True,
        cwd=work,
        env=USER_ENV,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        sys.exit(f"no instruction count from valgrind:\n{done.stderr[-500:]}")
    return int(found.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", nargs=2, metavar=("PYTHON", "INDEX"), required=True)
    ap.add_argument("--after", nargs=2, metavar=("PYTHON", "INDEX"), required=True)
    ap.add_argument("--skip-cli", action="store_true", help="in-process figures only")
    ap.add_argument("--skip-in-process", action="store_true", help="cli figures only")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    sides = {"before": args.before, "after": args.after}
    queries = "\n".join(q for _, q in QUERIES)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print("in-process, one warm pass of the 36 queries (instructions per query):")
        for name, (python, index) in () if args.skip_in_process else sides.items():
            once, three = (
                instructions(python, ["-c", RUN, index, queries, str(n)], work) for n in (1, 3)
            )
            print(f"  {name:6} {(three - once) / 2 / len(QUERIES):14,.0f}")
        if args.skip_cli:
            return
        print("cli, whole process (instructions):")
        for query in (*CLI_QUERIES, *WORDS):
            row = []
            for python, index in sides.values():
                row.append(instructions(python, ["-c", CLI, query, "--index", index], work))
            change = (row[1] - row[0]) / row[0]
            print(f"  {query:24} {row[0]:14,} {row[1]:14,} {change:+.1%}")


if __name__ == "__main__":
    main()
