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
`--groups` sets the two side by side per kind of work (regex engine, interpreter loop,
look-ups, allocation): callgrind's instructions and the time `perf record -e cpu-clock`
samples in the same C functions over warm passes (no hardware counters needed).
Instructions weigh the kinds of work unequally: see docs/performance.md, "Where the CPU
time goes". `--mypyc` adds this checkout's extractor compiled by mypyc (a copy of the
package, ``extract.py`` and ``contexts.py`` compiled; needs a C compiler), first
checking that it gives the same ``(people, evidence)`` on the articles.
"""

from __future__ import annotations

import argparse
import collections
import os
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


# Warm passes with perf sampling only them: perf starts disabled and the script enables it
# through a control FIFO (``perf record --control``) once its first pass is done.
PERF = (
    _CALL
    + """
import os
for title, subtitle, body, tags in arts:
    extract(title, subtitle, body, tags)
ctl, ack = os.open("ctl", os.O_WRONLY), os.open("ack", os.O_RDONLY)
def tell(command):
    os.write(ctl, command)
    os.read(ack, 5)
tell(b"enable\\n")
for _ in range(int(sys.argv[2])):
    for title, subtitle, body, tags in arts:
        extract(title, subtitle, body, tags)
tell(b"disable\\n")
"""
)


def group(symbol: str) -> str:
    """The kind of work done in a C function of CPython 3.11."""
    name = symbol.split("'")[0]
    if name.startswith(("sre_", "_sre_", "pattern_")):
        return "regex engine"
    if name == "_PyEval_EvalFrameDefault":
        return "interpreter loop"
    if name.startswith(("unicodekeys_lookup", "_Py_dict_lookup", "set_lookkey", "siphash")):
        return "look-ups and hashing"
    if name.endswith("dealloc") or name.startswith(
        ("_PyObject_Malloc", "_PyObject_Free", "PyObject_GC_", "gc_", "visit_", "_int_", "malloc")
    ):
        return "allocation, freeing, GC"
    return "everything else"


def _tally(command: list[str], line: str) -> collections.Counter[str]:
    """Run a report ``command`` and add up per kind of work the counts of the lines that
    match ``line`` (its groups: the count, the C function)."""
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    found: collections.Counter[str] = collections.Counter()
    for m in re.finditer(line, text, re.MULTILINE):
        found[group(m.group(2))] += int(m.group(1).replace(",", ""))
    return found


def callgrind_groups(out: Path) -> collections.Counter[str]:
    """Instructions per kind of work in a callgrind output."""
    command = ["callgrind_annotate", "--inclusive=no", "--threshold=100", str(out)]
    return _tally(command, r"^\s*([\d,]+) \([^)]*\)\s+\S*:(\S+)")


def perf_groups(python: str, articles: Path, passes: int, work: Path) -> collections.Counter[str]:
    """Samples of CPU time (4,000 a second) per kind of work over ``passes`` warm passes."""
    for fifo in ("ctl", "ack"):
        if not (work / fifo).exists():
            os.mkfifo(work / fifo)
    data = work / "perf.data"
    subprocess.run(
        ["perf", "record", "-q", "-e", "cpu-clock", "-F", "4000", "-D", "-1"]
        + ["--control", "fifo:ctl,ack", "-o", str(data)]
        + [python, "-c", PERF, str(articles), str(passes)],
        capture_output=True,
        check=True,
        cwd=work,
    )
    command = ["perf", "report", "-i", str(data), "--no-children", "--sort", "sym", "-q"]
    return _tally(command + ["-F", "sample,sym"], r"^\s*(\d+)\s+\[.\]\s+(\S+)")


def groups(python: str, articles: Path, n: int, work: Path) -> None:
    """Print per kind of work: microseconds and thousands of instructions per warm
    article, and nanoseconds per thousand instructions."""
    instructions(python, articles, 1, work)
    instructions(python, articles, 3, work)
    ins = callgrind_groups(work / "callgrind.3.out")
    ins.subtract(callgrind_groups(work / "callgrind.1.out"))
    passes = max(4, 8000 // n)  # a second or so: enough samples
    samples = perf_groups(python, articles, passes, work)
    print(python)
    for label in sorted(set(ins) | set(samples), key=lambda g: -samples[g]):
        us = samples[label] / 4000 / (passes * n) * 1e6
        ki = ins[label] / (2 * n) / 1000
        ratio = f"{1000 * us / ki:6.0f} ns/kI" if ki > 0 else ""
        print(f"  {label:26s} {us:8.1f} us {ki:8.1f} kI {ratio}")
    us = sum(samples.values()) / 4000 / (passes * n) * 1e6
    print(f"  {'total':26s} {us:8.1f} us {sum(ins.values()) / (2 * n) / 1000:8.1f} kI")


def cpu_seconds(python: str, articles: Path, work: Path) -> float:
    done = subprocess.run(
        [python, "-c", TIME, str(articles)], capture_output=True, text=True, check=True, cwd=work
    )
    return float(done.stdout)


# Both extractors over the articles, the compiled one imported from the working directory
SAME = """
import pickle, sys
arts = pickle.load(open(sys.argv[1], "rb"))
from search.people import extract_people as compiled
from search.people import extract as module
assert module.__file__.endswith(".so"), module.__file__
sys.path.remove(sys.path[0])
for name in [m for m in sys.modules if m == "search" or m.startswith("search.")]:
    del sys.modules[name]
from search.people import extract_people as plain
for title, subtitle, body, tags in arts:
    a, b = {}, {}
    one = compiled(title, subtitle, body, tags, evidence=a)
    if one != plain(title, subtitle, body, tags, evidence=b) or a != b:
        sys.exit(f"the compiled extractor differs on {title!r}")
"""


def compiled(articles: Path, work: Path) -> Path:
    """A copy of this checkout's ``search`` package with the extractor compiled by
    mypyc, checked against the plain one; its directory, to run from."""
    root = work / "mypyc"
    shutil.copytree(Path(__file__).resolve().parents[2] / "search", root / "search")
    modules = ["search/people/extract.py", "search/people/contexts.py"]
    subprocess.run(
        [sys.executable, "-m", "mypyc", *modules], cwd=root, check=True, capture_output=True
    )
    for module in modules:  # the compiled module only, so nothing falls back to Python
        (root / module).unlink()
    subprocess.run([sys.executable, "-c", SAME, str(articles)], cwd=root, check=True)
    return root


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--python", action="append", default=[], help="another interpreter")
    ap.add_argument("--time", type=int, default=0, metavar="ROUNDS", help="CPU time instead")
    ap.add_argument("--groups", action="store_true", help="time and instructions by kind")
    ap.add_argument("--mypyc", action="store_true", help="also this extractor compiled")
    args = ap.parse_args()
    if not args.time and shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    if args.groups and shutil.which("perf") is None:
        sys.exit("perf is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        arts = parsed(args.corpus, args.articles)
        articles = work / "articles.pkl"
        articles.write_bytes(pickle.dumps(arts))
        pythons = [sys.executable, *args.python]
        # where each runs from: the compiled copy from its own directory
        where = dict.fromkeys(pythons, work)
        if args.mypyc:
            label = f"{sys.executable} (mypyc)"
            pythons.append(label)
            where[label] = compiled(articles, work)
        if args.groups:
            for python in pythons:
                groups(python.removesuffix(" (mypyc)"), articles, len(arts), where[python])
            return
        if args.time:
            rounds: dict[str, list[float]] = {python: [] for python in pythons}
            for _ in range(args.time):
                for python in pythons:
                    interpreter = python.removesuffix(" (mypyc)")
                    rounds[python].append(cpu_seconds(interpreter, articles, where[python]))
            for python, seconds in rounds.items():
                ms = 1000 * statistics.median(seconds) / len(arts)
                print(f"{ms:>12.4f} CPU ms per article (median of {args.time})  {python}")
            return
        for python in pythons:
            interpreter = python.removesuffix(" (mypyc)")
            once = instructions(interpreter, articles, 1, where[python])
            thrice = instructions(interpreter, articles, 3, where[python])
            per_article = (thrice - once) / (2 * len(arts))
            print(f"{per_article:>12,.0f} instructions per article  {python}")


if __name__ == "__main__":
    main()
