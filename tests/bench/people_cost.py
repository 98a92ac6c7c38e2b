"""Instructions per article of the people extractor, counted by valgrind (callgrind).

    python tests/bench/people_cost.py CORPUS [--articles 300] [--python OTHER_PYTHON]
        [--time ROUNDS]

Timing the extractor on a shared 2-core machine swings by 20% and more from run to run;
an instruction count does not depend on the load. The articles are parsed once (by this
checkout), then each interpreter runs `extract_people` over them once and three times
under callgrind: the difference is the cost of two warm passes, whatever the interpreter
spends starting and importing. `--python` names another checkout's interpreter (a
virtualenv with that checkout installed) to compare side by side. `--time ROUNDS`
measures CPU time instead, the interpreters taking turns round after round (a change
of load hits both alike): the median over the rounds of a warm pass's process time.
"""

from __future__ import annotations

import argparse
import pickle
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

# As the indexer calls it: with the per-name evidence where the checkout reports it.
_CALL = """
import inspect, pickle, sys
from search.people import extract_people
if "evidence" in inspect.signature(extract_people).parameters:
    def extract(title, subtitle, body, tags):
        return extract_people(title, subtitle, body, tags, evidence={})
else:
    extract = extract_people
arts = pickle.load(open(sys.argv[1], "rb"))
"""

RUN = (
    _CALL
    + """
for _ in range(int(sys.argv[2])):
    for title, subtitle, body, tags in arts:
        extract(title, subtitle, body, tags)
"""
)

TIME = (
    _CALL
    + """
import time
for title, subtitle, body, tags in arts:
    extract(title, subtitle, body, tags)
t0 = time.process_time()
for title, subtitle, body, tags in arts:
    extract(title, subtitle, body, tags)
print(time.process_time() - t0)
"""
)


def parsed(corpus: Path, n: int) -> list[tuple]:
    from search.parse import SkipFile, decode_bytes, parse_text

    out = []
    for path in sorted(corpus.rglob("*.txt")):
        try:
            a = parse_text(decode_bytes(path.read_bytes()), path.stem, str(path))
        except SkipFile:
            continue
        out.append((a.title, a.subtitle, a.body, tuple(a.tags)))
        if len(out) == n:
            break
    return out


def instructions(python: str, articles: Path, passes: int, work: Path) -> int:
    out = work / f"callgrind.{passes}.out"
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"]
        + [python, "-c", RUN, str(articles), str(passes)],
        capture_output=True,
        text=True,
        check=True,
        cwd=work,  # `python -c` puts the working directory first on sys.path
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        sys.exit(f"no instruction count from valgrind:\n{done.stderr[-500:]}")
    return int(found.group(1))


def cpu_seconds(python: str, articles: Path, work: Path) -> float:
    done = subprocess.run(
        [python, "-c", TIME, str(articles)], capture_output=True, text=True, check=True, cwd=work
    )
    return float(done.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--python", action="append", default=[], help="another interpreter")
    ap.add_argument("--time", type=int, default=0, metavar="ROUNDS", help="CPU time instead")
    args = ap.parse_args()
    if not args.time and shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        arts = parsed(args.corpus, args.articles)
        articles = work / "articles.pkl"
        articles.write_bytes(pickle.dumps(arts))
        pythons = [sys.executable, *args.python]
        if args.time:
            rounds: dict[str, list[float]] = {python: [] for python in pythons}
            for _ in range(args.time):
                for python in pythons:
                    rounds[python].append(cpu_seconds(python, articles, work))
            for python, seconds in rounds.items():
                ms = 1000 * statistics.median(seconds) / len(arts)
                print(f"{ms:>12.4f} CPU ms per article (median of {args.time})  {python}")
            return
        for python in pythons:
            once = instructions(python, articles, 1, work)
            thrice = instructions(python, articles, 3, work)
            per_article = (thrice - once) / (2 * len(arts))
            print(f"{per_article:>12,.0f} instructions per article  {python}")


if __name__ == "__main__":
    main()
