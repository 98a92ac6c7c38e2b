"""The cerca benchmark (SPEC §8): prints the figures the README records.

    python tests/bench/bench.py CORPUS [--work DIR] [--only build,query,cli,update,tui]
    python tests/bench/bench.py C10K C100K C1M --only build,query,cli,update   # scale table

Make a corpus first: `python ../shared/bench/make_corpus.py --out /tmp/c100k --n 100000`.
Everything runs in one process tree, side by side, so a noisy machine slows both sides:

1. build: bare tantivy (`bare.py`) and cerca's full build (`update_index(rebuild=True)`)
   in fresh child processes, alternating when `--repeat` > 1; articles/s, MB/s, ratio,
   peak memory (PSS of the whole process tree, sampled, split into anonymous and
   file-backed) and ru_maxrss, index size, the segments each build leaves;
2. query: the fixed set of `queries.py`, in-process, facets on, top-10 snippets:
   p50 / p95 / max over every run of every query, with facets estimated over a sample
   where a query matches very many articles (the table and the TUI) and exact (json),
   alternating;
3. cli: `cerca query` as a whole process, startup included (median of `--cli-runs`);
   also checks that the query command does not import Textual;
4. update: incremental `cerca index` after touching 10 files (mtime only), after editing
   10 files, after restoring them, and with nothing changed;
   with `query` too, the query set again on the updated index (several segments, as an
   index kept up to date by `cerca index` has);
5. tui: keystroke -> result list updated, through Textual's Pilot (`tui_latency.py`).

Given several corpora (10k, 100k, 1M), it runs the sections on each in turn and ends
with a scale table: build rate and ratio, build peak, no-op and 10-edit update with
their peak, query p50 / p95, `cerca query` process time, one row per corpus.

Not collected by pytest (pyproject `norecursedirs`). Generated corpora and indexes stay
outside the repository (`--work` defaults to /tmp/cerca-bench-<corpus name>).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from procmem import PeakSampler  # noqa: E402
from queries import CLI_QUERIES, QUERIES  # noqa: E402

SECTIONS = ("build", "query", "cli", "update", "tui")
CERCA = shutil.which("cerca") or str(Path(sys.executable).with_name("cerca"))
# `cerca query` / `cerca index` run as from a user's shell: with Python's bytecode cache
# (some sandboxes set PYTHONDONTWRITEBYTECODE, which makes every run recompile cerca's
# own modules, ~0.07 s); the first, unmeasured run of each command writes the cache.
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
EDIT_MARK = "zanzibarbenchmark"  # a word no article contains: proves the edits got indexed

CERCA_BUILD = """
import json, sys, time
t0 = time.perf_counter()
from search.index import update_index
t1 = time.perf_counter()
summary = update_index(sys.argv[1], sys.argv[2], rebuild=True)
t2 = time.perf_counter()
d = summary.to_dict()
reasons = sorted({r["reason"].split(":")[0] for r in d.pop("skipped")})
d["skipped"] = len(summary.skipped)
brief = " ".join(f"{k}={v}" for k, v in d.items() if k != "seconds")
if reasons:
    brief += " (skip reasons: " + "; ".join(reasons)[:200] + ")"
print(json.dumps({"seconds": t2 - t1, "import_seconds": t1 - t0, "summary": brief}))
"""


# ----------------------------------------------------------------------------- helpers


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(q / 100 * len(s) + 0.5) - 1))
    return s[k]


def segment_sizes(index: Path) -> list[int]:
    """Documents per segment of the index at `index` (cerca's: its CURRENT generation)."""
    pointer = index / "CURRENT"
    folder = index / pointer.read_text().strip() if pointer.exists() else index
    meta = json.loads((folder / "meta.json").read_text())
    return [seg["max_doc"] for seg in meta["segments"]]


def dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def corpus_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.txt"))


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}"


def timed_rusage_child(
    cmd: list[str], env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess, float, int]:
    """Run `cmd` to completion; wall seconds and ru_maxrss (bytes) from wait4.

    Output goes to temporary files, not pipes: a child that writes a lot to stderr
    while we read stdout would otherwise block forever on a full pipe.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        with PeakSampler(proc.pid) as sampler:
            _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        done = subprocess.CompletedProcess(
            cmd,
            proc.returncode,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
        )
    done.peak_pss = sampler.peak_bytes  # type: ignore[attr-defined]
    done.peak_anon = sampler.peak_anon_bytes  # type: ignore[attr-defined]
    done.max_anon = sampler.max_anon_bytes  # type: ignore[attr-defined]
    # the tree's CPU as sampled, or the child's own rusage if that is larger (a short child)
    own = usage.ru_utime + usage.ru_stime
    done.cpu = max(sampler.cpu_seconds, own)  # type: ignore[attr-defined]
    done.cpu_split = sampler.cpu_split()  # type: ignore[attr-defined]
    return done, wall, usage.ru_maxrss * 1024


def mb(n: float) -> str:
    return f"{n / 1e6:,.0f} MB"


# ----------------------------------------------------------------------------- sections


def cpu_split_text(split: dict[str, float], n: int) -> str:
    """Where the build's CPU went: the workers (every other process of the tree), the
    indexing process's own threads (tantivy's by their names), largest first."""
    parts = sorted(split.items(), key=lambda kv: -kv[1])
    names = {
        "other processes": "workers",
        "python": "Python threads",
        "thrd-tantivy-in": "tantivy indexing",
        "docstore-compre": "tantivy doc store",
    }
    return ", ".join(
        f"{names.get(k, k)} {v * 1000 / n:.2f}" for k, v in parts if v * 1000 / n >= 0.005
    )


def bench_build(corpus: Path, work: Path, repeat: int, report: dict) -> None:
    files = corpus_files(corpus)
    nbytes = sum(f.stat().st_size for f in files)
    print(f"## build  ({len(files):,} files, {nbytes / 1e6:,.1f} MB of raw text)")
    runs: dict[str, list[dict]] = {"bare": [], "cerca": []}
    for _ in range(repeat):
        for side in ("bare", "cerca"):
            out = work / f"index-{side}"
            if side == "bare":
                cmd = [sys.executable, str(HERE / "bare.py"), str(corpus), str(out)]
            else:
                shutil.rmtree(out, ignore_errors=True)
                cmd = [sys.executable, "-c", CERCA_BUILD, str(corpus), str(out)]
            done, wall, maxrss = timed_rusage_child(cmd)
            if done.returncode != 0:
                sys.exit(f"{side} build failed ({done.returncode}):\n{done.stderr[-3000:]}")
            data = json.loads(done.stdout.strip().splitlines()[-1])
            row = {
                "seconds": data["seconds"],
                "wall": wall,
                "peak_pss": done.peak_pss,  # type: ignore[attr-defined]
                "peak_anon": done.peak_anon,  # type: ignore[attr-defined]
                "max_anon": done.max_anon,  # type: ignore[attr-defined]
                "segments": segment_sizes(out),
                "cpu": done.cpu,  # type: ignore[attr-defined]
                "cpu_split": done.cpu_split,  # type: ignore[attr-defined]
                "maxrss": maxrss,
                "index_bytes": dir_bytes(out),
                "summary": data.get("summary"),
            }
            runs[side].append(row)
            print(
                f"  {side:5}  {len(files) / row['seconds']:8,.0f} articles/s"
                f"  {nbytes / 1e6 / row['seconds']:6.1f} MB/s  ({row['seconds']:.1f} s;"
                f" process {wall:.1f} s; CPU {row['cpu']:.1f} s ="
                f" {row['cpu'] * 1000 / len(files):.2f} ms/article)"
                f"  peak tree PSS {mb(row['peak_pss'])} (anonymous {mb(row['peak_anon'])},"
                f" file-backed {mb(row['peak_pss'] - row['peak_anon'])}; largest anonymous"
                f" {mb(row['max_anon'])})  ru_maxrss {mb(maxrss)}  index {mb(row['index_bytes'])}"
                f"  {len(row['segments'])} segment(s)"
            )
            if row["summary"]:
                print(f"         {row['summary']}")
            print(f"         CPU ms/article: {cpu_split_text(row['cpu_split'], len(files))}")
    bare = statistics.median(r["seconds"] for r in runs["bare"])
    cerca = statistics.median(r["seconds"] for r in runs["cerca"])
    ratio = bare / cerca
    cpu_ratio = statistics.median(r["cpu"] for r in runs["bare"]) / statistics.median(
        r["cpu"] for r in runs["cerca"]
    )
    peak = max(r["peak_pss"] for r in runs["cerca"])
    bare_peak = max(r["peak_pss"] for r in runs["bare"])
    print(
        f"  => cerca {len(files) / cerca:,.0f} articles/s vs bare {len(files) / bare:,.0f}:"
        f" ratio {ratio:.2f}x (target >= 0.5)   peak memory {mb(peak)}, bare {mb(bare_peak)}"
        " (SPEC: < 1,500 MB at 100k, < 2,500 MB at 1M)"
    )
    print(f"     CPU per article: bare/cerca {cpu_ratio:.2f}x (less sensitive to other load)")
    report["build"] = {
        "files": len(files),
        "bytes": nbytes,
        "runs": runs,
        "ratio": ratio,
        "cpu_ratio": cpu_ratio,
        "cerca_articles_per_s": len(files) / cerca,
        "bare_articles_per_s": len(files) / bare,
        "peak_pss": peak,
        "bare_peak_pss": bare_peak,
        "segments": len(runs["cerca"][-1]["segments"]),
    }


def _query_stats(per_query: dict[str, list[float]]) -> tuple[float, float, float]:
    every = [ms for runs in per_query.values() for ms in runs]
    return pct(every, 50), pct(every, 95), max(every)


def bench_query(index: Path, rounds: int, report: dict, key: str = "query") -> None:
    """The query set twice per round, alternating which goes first: facets estimated over
    a sample where a query matches very many articles (what the table and the TUI show)
    and exact (`--format json`'s default). Wall time and the process's CPU time (all
    threads: less sensitive to a busy machine)."""
    from search.query import Searcher

    where = " after the updates" if key != "query" else ""
    print(
        f"## {key}  ({len(QUERIES)} queries x {rounds} rounds, in-process, facets + top-10"
        f"{where}; facets estimated / exact, alternating)"
    )
    t0 = time.perf_counter()
    searcher = Searcher(index)
    open_ms = (time.perf_counter() - t0) * 1000
    modes = {"estimated": True, "exact": False}
    per_query = {m: {q: [] for _, q in QUERIES} for m in modes}
    cpu: dict[str, list[float]] = {m: [] for m in modes}
    totals: dict[str, int] = {}
    for q in per_query["exact"]:  # warm-up: first touch of each posting list and fast field
        totals[q] = searcher.search(q, limit=10, facets=True).total
        searcher.search(q, limit=10, facets=True, estimate=True)
    for r in range(rounds):
        for _, q in QUERIES:
            for mode in list(modes) if r % 2 == 0 else list(modes)[::-1]:
                c, t = time.process_time(), time.perf_counter()
                searcher.search(q, limit=10, facets=True, estimate=modes[mode])
                per_query[mode][q].append((time.perf_counter() - t) * 1000)
                cpu[mode].append((time.process_time() - c) * 1000)
    print(f"  open Searcher {open_ms:.0f} ms, {searcher._searcher.num_segments} segment(s)")
    est, exact = per_query["estimated"], per_query["exact"]
    by_kind: dict[str, list[float]] = {}
    for kind, q in QUERIES:
        by_kind.setdefault(kind, []).extend(est[q])
    for kind, values in by_kind.items():
        print(f"  {kind:11} p50 {pct(values, 50):6.1f} ms  max {max(values):6.1f} ms (estimated)")
    print("  slowest (median ms estimated / exact, hits):")
    slow = sorted(est, key=lambda q: -statistics.median(est[q]))
    for q in slow[:6]:
        e, x = statistics.median(est[q]), statistics.median(exact[q])
        print(f"    {e:7.1f} / {x:7.1f}  {totals[q]:>9,}  {q}")
    figures = {}
    for mode in modes:
        p50, p95, worst = _query_stats(per_query[mode])
        figures[mode] = {
            "p50_ms": p50,
            "p95_ms": p95,
            "max_ms": worst,
            "cpu_p50_ms": pct(cpu[mode], 50),
            "cpu_p95_ms": pct(cpu[mode], 95),
            "per_query_median_ms": {q: statistics.median(v) for q, v in per_query[mode].items()},
        }
        print(
            f"  => {mode:9}: p50 {p50:.1f} ms  p95 {p95:.1f} ms  max {worst:.1f} ms"
            f"  (CPU p50 {pct(cpu[mode], 50):.1f}  p95 {pct(cpu[mode], 95):.1f} ms)"
        )
    print("     targets: p50 <= 5 / p95 <= 20 ms at 100k; p50 <= 10 / p95 <= 50 ms at 1M")
    report[key] = {
        "segments": searcher._searcher.num_segments,
        **figures["estimated"],
        "exact": figures["exact"],
        "open_ms": open_ms,
        "totals": totals,
    }


TEXTUAL_CHECK = """
import sys
from search.cli import app
sys.argv = ["cerca", "query", sys.argv[1], "--index", sys.argv[2], "--format", "json"]
try:
    app()
except SystemExit:
    pass
loaded = sorted({m.split(".")[0] for m in sys.modules} & {"textual", "tui"})
print("LOADED=" + ",".join(loaded), file=sys.stderr)
"""


def bench_cli(index: Path, runs: int, report: dict) -> None:
    print(f"## cli  (`cerca query ... --format json`, whole process, {runs} runs per query)")
    walls: dict[str, list[float]] = {}
    for q in CLI_QUERIES:
        cmd = [CERCA, "query", q, "--index", str(index), "--format", "json"]
        subprocess.run(cmd, capture_output=True, env=USER_ENV)  # page and bytecode caches
        for _ in range(runs):
            t0 = time.perf_counter()
            done = subprocess.run(cmd, capture_output=True, env=USER_ENV)
            walls.setdefault(q, []).append(time.perf_counter() - t0)
            if done.returncode != 0:
                sys.exit(f"cerca query failed ({done.returncode}): {done.stderr.decode()[-500:]}")
        print(f"  {statistics.median(walls[q]):.3f} s median  {q}")
    every = [w for v in walls.values() for w in v]
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], capture_output=True)
    bare_python = time.perf_counter() - t0
    check = subprocess.run(
        [sys.executable, "-c", TEXTUAL_CHECK, CLI_QUERIES[0], str(index)],
        capture_output=True,
        text=True,
    )
    loaded = [x for x in check.stderr.split("LOADED=")[-1].strip().split(",") if x]
    print(f"  bare `python -c pass` {bare_python:.3f} s; imports Textual/tui: {loaded or 'no'}")
    if "PYTHONDONTWRITEBYTECODE" in os.environ:
        print("  (PYTHONDONTWRITEBYTECODE was set here: lifted for cerca's runs, as in a shell)")
    print(f"  => median {statistics.median(every):.3f} s (target <= 0.4)")
    report["cli"] = {
        "median_s": statistics.median(every),
        "per_query": {q: statistics.median(v) for q, v in walls.items()},
        "imports_textual": bool(loaded),
    }


def cerca_index_cmd(corpus: Path, index: Path) -> list[str]:
    return [CERCA, "index", str(corpus), "--index", str(index)]


def edited(corpus: Path, path: Path, raw: bytes, truth: dict[str, dict]) -> bytes:
    """`raw` with EDIT_MARK put at the start of the article body (the end of a page is
    boilerplate the parser rightly drops); appended when the truth file cannot say where."""
    t = truth.get(path.relative_to(corpus).as_posix())
    if t and t.get("body_head"):
        encoding = t.get("encoding") or "utf-8"
        text = raw.decode(encoding, errors="replace")
        head = t["body_head"][:30]
        if head in text:
            return text.replace(head, f"{EDIT_MARK} {head}", 1).encode(encoding, errors="replace")
    return raw + f"\n\nAggiornamento {EDIT_MARK}.\n".encode()


def read_truth(corpus: Path, wanted: set[str]) -> dict[str, dict]:
    """Entries of make_corpus.py's truth.jsonl for the `wanted` relative paths."""
    found: dict[str, dict] = {}
    path = corpus / "truth.jsonl"
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if any(w in line for w in wanted):
                    entry = json.loads(line)
                    found[entry["path"]] = entry
    return found


def bench_update(corpus: Path, index: Path, report: dict) -> None:
    from search.query import Searcher

    files = corpus_files(corpus)
    chosen = files[:: max(1, len(files) // 10)][:10]
    print(f"## update  (incremental `cerca index`, {len(chosen)} of {len(files):,} files)")
    originals = {p: (p.read_bytes(), p.stat()) for p in chosen}
    figures: dict[str, float] = {}
    peaks: dict[str, int] = {}
    cpu: dict[str, float] = {}

    def update(label: str) -> None:
        done, wall, maxrss = timed_rusage_child(cerca_index_cmd(corpus, index), env=USER_ENV)
        if done.returncode != 0:
            sys.exit(f"cerca index failed ({done.returncode}): {done.stderr[-1000:]}")
        lines = (done.stdout + "\n" + done.stderr).splitlines()
        last = [line for line in lines if "added" in line][-1:] or lines[-1:] or [""]
        figures[label] = wall
        peaks[label] = done.peak_pss  # type: ignore[attr-defined]
        cpu[label] = done.cpu  # type: ignore[attr-defined]
        # other processes: the walking child of a large corpus (search/index/split_walk.py)
        others = done.cpu_split.get("other processes", 0.0)  # type: ignore[attr-defined]
        print(
            f"  {wall:6.2f} s  {label:28}  CPU {cpu[label]:5.2f} s (other processes"
            f" {others:4.2f} s)  peak {mb(peaks[label])}  | {last[0][:70]}"
        )

    try:
        update("nothing changed")
        now = time.time()
        for p in chosen:
            os.utime(p, (now, now))
        update("10 touched (mtime only)")
        truth = read_truth(corpus, {p.relative_to(corpus).as_posix() for p in chosen})
        for p, (raw, _) in originals.items():
            p.write_bytes(edited(corpus, p, raw, truth))
        update("10 edited")
        found = Searcher(index).search(EDIT_MARK, limit=10, facets=False).total
        print(f"         edited articles found by their new word: {found} of {len(chosen)}")
    finally:
        for p, (raw, st) in originals.items():
            p.write_bytes(raw)
            os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
    update("10 restored")
    print(
        f"  => nothing changed {figures['nothing changed']:.2f} s (target <= 5 at 1M),"
        f" 10 edited files {figures['10 edited']:.2f} s (target <= 6 at 1M),"
        f" peak {mb(max(peaks.values()))} (target <= 1 GB)"
    )
    report["update"] = {"seconds": figures, "cpu": cpu, "peak_pss": peaks, "edited_found": found}


def bench_tui(index: Path, corpus: Path, keystrokes: int, report: dict) -> None:
    from tui_latency import FACETS_MS, SEARCH_MS, measure

    print(f"## tui  (keystroke -> results list updated, Pilot, {keystrokes} keystrokes)")
    lat = measure(index, corpus, keystrokes)
    med = statistics.median(lat)
    print(f"  p50 {med:.0f} ms  p95 {pct(lat, 95):.0f} ms  max {max(lat):.0f} ms")
    if SEARCH_MS:
        print(
            f"  of which Searcher.search: median {statistics.median(SEARCH_MS):.0f} ms"
            f" ({len(SEARCH_MS)} searches); the search box debounce is in the rest"
        )
    if FACETS_MS:
        print(
            f"  facet passes, after the results: median {statistics.median(FACETS_MS):.0f} ms,"
            f" max {max(FACETS_MS):.0f} ms ({len(FACETS_MS)})"
        )
    print(f"  => median {med:.0f} ms (target <= 100)")
    report["tui"] = {"median_ms": med, "p95_ms": pct(lat, 95), "all_ms": lat}


# ----------------------------------------------------------------------------- main


SCALE_COLUMNS = (
    "articles",
    "build art/s (x bare)",
    "build peak (bare)",
    "segments",
    "no-op update",
    "10 edited",
    "update peak",
    "query p50 / p95 ms (exact facets)",
    "`cerca query` s",
)


def scale_row(report: dict) -> list[str]:
    """One corpus's figures for the scale table ('' where a section did not run)."""
    build, update = report.get("build"), report.get("update")
    query, cli = report.get("query"), report.get("cli")
    files = build["files"] if build else report.get("files", 0)
    row = [f"{files:,}" if files else ""]
    if build:
        row += [
            f"{build['cerca_articles_per_s']:,.0f} ({build['ratio']:.2f}x)",
            f"{mb(build['peak_pss'])} ({mb(build['bare_peak_pss'])})",
            str(build["segments"]),
        ]
    else:
        row += ["", "", ""]
    if update:
        secs, peaks = update["seconds"], update["peak_pss"]
        row += [
            f"{secs['nothing changed']:.2f} s",
            f"{secs['10 edited']:.2f} s",
            mb(max(peaks.values())),
        ]
    else:
        row += ["", "", ""]
    if query:
        exact = query.get("exact", query)
        row.append(
            f"{query['p50_ms']:.1f} / {query['p95_ms']:.1f}"
            f" ({exact['p50_ms']:.1f} / {exact['p95_ms']:.1f})"
        )
    else:
        row.append("")
    row.append(f"{cli['median_s']:.3f}" if cli else "")
    return row


def print_scale_table(reports: list[dict]) -> None:
    """The growth table: one row per corpus, smallest first (docs/performance.md)."""
    print("## scale")
    print("| " + " | ".join(SCALE_COLUMNS) + " |")
    print("|" + "---|" * len(SCALE_COLUMNS))
    for report in reports:
        print("| " + " | ".join(scale_row(report)) + " |")


def bench_corpus(corpus: Path, args: argparse.Namespace, only: list[str]) -> dict:
    """Every chosen section on one corpus; returns its figures."""
    corpus = corpus.resolve()
    if args.work and len(args.corpus) == 1:
        work = args.work.resolve()
    else:
        work = (args.work or Path("/tmp")).resolve() / f"cerca-bench-{corpus.name}"
    work.mkdir(parents=True, exist_ok=True)
    index = work / "index-cerca"
    print(f"# corpus {corpus}  work {work}")
    report: dict = {"corpus": str(corpus), "files": len(corpus_files(corpus))}
    if "build" in only:
        bench_build(corpus, work, args.repeat, report)
    elif not index.exists():
        sys.exit(f"no index at {index}: run the build section first")
    if "query" in only:
        bench_query(index, args.rounds, report)
    if "cli" in only:
        bench_cli(index, args.cli_runs, report)
    if "update" in only:
        bench_update(corpus, index, report)
        if "query" in only:  # the index now has the updates' segments, as users' indexes do
            bench_query(index, args.rounds, report, key="query_updated")
    if "tui" in only:
        bench_tui(index, corpus, args.keystrokes, report)
    return report


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, nargs="+", help="one corpus, or several: a scale table")
    ap.add_argument(
        "--work",
        type=Path,
        help="where indexes go (default /tmp/cerca-bench-NAME; several corpora: "
        "DIR/cerca-bench-NAME)",
    )
    ap.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    ap.add_argument("--repeat", type=int, default=1, help="build runs per side")
    ap.add_argument("--rounds", type=int, default=5, help="query rounds")
    ap.add_argument("--cli-runs", type=int, default=10)
    ap.add_argument("--keystrokes", type=int, default=20)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)

    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(only) - set(SECTIONS)
    if unknown:
        ap.error(f"unknown sections: {', '.join(sorted(unknown))}")

    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"# cerca benchmark  {started}  {machine()}")
    print("# load average at start: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    reports = [bench_corpus(corpus, args, only) for corpus in args.corpus]
    if len(reports) > 1:
        print_scale_table(reports)
    print("# load average at end: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    report: dict = {"date": started, "machine": machine(), "loadavg_end": os.getloadavg()}
    report.update(reports[0] if len(reports) == 1 else {"corpora": reports})
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str))


if __name__ == "__main__":
    main()
