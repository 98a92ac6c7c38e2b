"""The people extractor compiled by mypyc (``CERCA_MYPYC=1``, setup.py) finds the same
people and evidence as the plain one."""

from __future__ import annotations

import ast
import importlib.util
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from search.parse import parse_file
from search.people import extract_people

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("mypyc") is None or shutil.which("cc") is None,
        reason="mypyc and a C compiler build the compiled extractor",
    ),
]

ROOT = Path(__file__).resolve().parents[2]
# The modules setup.py compiles, read from it (importing it would run the build)
COMPILED = next(
    ast.literal_eval(node.value)
    for node in ast.parse((ROOT / "setup.py").read_text()).body
    if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "COMPILED"
)

# Run from the compiled copy: ``python -c`` puts the working directory first on sys.path
EXTRACT = """
import pickle, sys
from search.people import extract
assert extract.__file__.endswith(".so"), extract.__file__
out = []
for title, subtitle, body, tags in pickle.load(open(sys.argv[1], "rb")):
    evidence = {}
    out.append((extract.extract_people(title, subtitle, body, tags, evidence=evidence), evidence))
pickle.dump(out, open(sys.argv[2], "wb"))
"""

TEXTS = [
    "Il sindaco di Serramazzoni, Mario Rossi, ha detto che la chiesa di San Giovanni "
    "Evangelista riapre in via Cialdini.",
    "Una Alfa Romeo della Liu Jo; il gruppo Hera spa. Gaber, Jannacci e Paolo Rossi.",
    "di Saverio Cioce\nIl governo Renzi e il ministro russo Sergej Lavrov (56) a Mosca.",
    'Papi 6, Semenzato 10, Fei 15, Cisolla 15. Gaetano "Manuzza" Marino, 45 anni.',
]


def test_compiled_extractor_matches_plain(tmp_path: Path) -> None:
    articles = [(a.title, a.subtitle, a.body, tuple(a.tags)) for a in _seeds()]
    articles += [("Cronaca", None, text, ()) for text in TEXTS]
    plain = []
    for title, subtitle, body, tags in articles:
        evidence: dict[str, list[int]] = {}
        plain.append((extract_people(title, subtitle, body, tags, evidence=evidence), evidence))
    assert any(people for people, _ in plain) and any(ev for _, ev in plain)

    shutil.copytree(ROOT / "search", tmp_path / "search")
    build = subprocess.run(
        [sys.executable, "-m", "mypyc", *COMPILED], cwd=tmp_path, capture_output=True, text=True
    )
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    for module in COMPILED:
        (tmp_path / module).unlink()  # nothing may fall back to the Python source
    (tmp_path / "in.pkl").write_bytes(pickle.dumps(articles))
    subprocess.run([sys.executable, "-c", EXTRACT, "in.pkl", "out.pkl"], cwd=tmp_path, check=True)
    assert pickle.loads((tmp_path / "out.pkl").read_bytes()) == plain


def _seeds() -> list:
    root = ROOT / "corpus"
    return [parse_file(path, root) for path in sorted(root.glob("*.txt"))]
