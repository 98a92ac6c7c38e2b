"""One build under the memory sampler: its peak, the shape of its memory, its segments.

    python tests/bench/build_memory.py CORPUS INDEX_DIR [--bare] [--set NAME=VALUE ...]

Runs `update_index(CORPUS, INDEX_DIR, rebuild=True)` (or `bare.py` with `--bare`) in a
child process under `procmem.PeakSampler`, the generation's constants overridden by
`--set` (`BUILD_COMMIT_DOCS=25000`, `WRITER_HEAP=150000000`, `WRITER_THREADS=2`), and
prints one JSON line: seconds, CPU of the tree, peak PSS with its anonymous and
file-backed parts, the largest anonymous sample, the segments left (documents each),
and the tree's PSS / anonymous memory once a minute (`shape`). INDEX_DIR is replaced.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import segment_sizes  # noqa: E402
from procmem import PeakSampler  # noqa: E402

CHILD = """
import json, sys, time
from search.index import generation
for item in sys.argv[3:]:
    name, value = item.split("=", 1)
    if not hasattr(generation, name):
        sys.exit(f"search.index.generation has no {name}")
    setattr(generation, name, int(value))
from search.index import update_index
t = time.perf_counter()
update_index(sys.argv[1], sys.argv[2], rebuild=True)
print(json.dumps({"seconds": time.perf_counter() - t}))
"""


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("index", type=Path)
    ap.add_argument("--bare", action="store_true", help="bare tantivy (bare.py) instead")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    args = ap.parse_args(argv)
    shutil.rmtree(args.index, ignore_errors=True)
    if args.bare:
        cmd = [sys.executable, str(HERE / "bare.py"), str(args.corpus), str(args.index)]
    else:
        cmd = [sys.executable, "-c", CHILD, str(args.corpus), str(args.index), *args.set]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    with PeakSampler(proc.pid, interval=0.2, trace=True) as sampler:
        out, _ = proc.communicate()
    if proc.returncode != 0:
        sys.exit(f"the build failed ({proc.returncode})")
    assert sampler.trace is not None
    shape, last = [], -60.0
    for t, pss, anon in sampler.trace:
        if t - last >= 60:
            shape.append((round(t), pss // 1_000_000, anon // 1_000_000))
            last = t
    result = {
        "seconds": round(json.loads(out.strip().splitlines()[-1])["seconds"], 1),
        "cpu_seconds": round(sampler.cpu_seconds, 1),
        "peak_mb": sampler.peak_bytes // 1_000_000,
        "peak_anonymous_mb": sampler.peak_anon_bytes // 1_000_000,
        "peak_file_backed_mb": sampler.peak_file_bytes // 1_000_000,
        "largest_anonymous_mb": sampler.max_anon_bytes // 1_000_000,
        "segments": segment_sizes(args.index),
        "settings": args.set,
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "shape": shape,  # (seconds, PSS MB, anonymous MB) once a minute
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
