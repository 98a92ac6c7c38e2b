"""The wheel of ``pip install .`` carries the people pass compiled by mypyc (setup.py),
which finds the same people and evidence as the plain one; with no C compiler the
wheel is pure Python and still builds; an editable install is never compiled."""

from __future__ import annotations

import ast
import importlib.util
import os
import pickle
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from search.parse import parse_file
from search.people import extract_people

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("mypyc") is None or importlib.util.find_spec("setuptools") is None,
        reason="setuptools and mypyc build the wheel",
    ),
]
needs_cc = pytest.mark.skipif(
    shutil.which("cc") is None or not Path(sysconfig.get_paths()["include"], "Python.h").exists(),
    reason="a C compiler and Python's headers build the modules",
)

ROOT = Path(__file__).resolve().parents[2]
# The modules setup.py compiles, read from it (importing it would run the build)
COMPILED = next(
    ast.literal_eval(node.value)
    for node in ast.parse((ROOT / "setup.py").read_text()).body
    if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "COMPILED"
)

# Run from the unpacked wheel: ``python -c`` puts the working directory first on sys.path
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


@needs_cc
def test_wheel_carries_the_compiled_extractor(tmp_path: Path) -> None:
    articles = [(a.title, a.subtitle, a.body, tuple(a.tags)) for a in _seeds()]
    articles += [("Cronaca", None, text, ()) for text in TEXTS]
    plain = []
    for title, subtitle, body, tags in articles:
        evidence: dict[str, list[int]] = {}
        plain.append((extract_people(title, subtitle, body, tags, evidence=evidence), evidence))
    assert any(people for people, _ in plain) and any(ev for _, ev in plain)

    wheel, _ = _wheel(tmp_path)
    names = zipfile.ZipFile(wheel).namelist()
    for module in COMPILED:
        assert any(n.startswith(module[: -len(".py")] + ".") and n.endswith(".so") for n in names)
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    for module in COMPILED:
        (site / module).unlink()  # nothing may fall back to the Python source
    (site / "in.pkl").write_bytes(pickle.dumps(articles))
    subprocess.run([sys.executable, "-c", EXTRACT, "in.pkl", "out.pkl"], cwd=site, check=True)
    assert pickle.loads((site / "out.pkl").read_bytes()) == plain

    # a pure wheel built next in the same tree leaves out the compiled modules in build/
    shutil.rmtree(tmp_path / "dist")
    wheel, _ = _wheel(tmp_path, CERCA_MYPYC="0")
    assert not [n for n in zipfile.ZipFile(wheel).namelist() if n.endswith(".so")]


def test_without_a_compiler_the_wheel_is_pure_python(tmp_path: Path) -> None:
    wheel, log = _wheel(tmp_path, CC="false")
    assert not [n for n in zipfile.ZipFile(wheel).namelist() if n.endswith(".so")]
    assert "the people pass is left pure Python" in log
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    run = subprocess.run(
        [sys.executable, "-c", "from search.people import extract; print(extract.__file__)"],
        cwd=site,
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.strip().endswith("extract.py")


def test_editable_install_is_not_compiled(tmp_path: Path) -> None:
    project = _project(tmp_path)
    build = (
        "from setuptools import build_meta as b; import sys; print(b.build_editable(sys.argv[1]))"
    )
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-c", build, str(out)],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    wheel = out / run.stdout.strip().splitlines()[-1]
    assert not [n for n in zipfile.ZipFile(wheel).namelist() if n.endswith(".so")]
    assert not list(project.rglob("*.so"))


def _project(tmp_path: Path) -> Path:
    """A copy of what a wheel is built from (not the repository: builds write in it)."""
    project = tmp_path / "project"
    for name in ("search", "tui"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("*.so"))
    for name in ("pyproject.toml", "setup.py", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, project / name)
    return project


def _wheel(tmp_path: Path, **env: str) -> tuple[Path, str]:
    """Builds the wheel as ``pip install .`` does (offline, with this environment's
    setuptools and mypy); the wheel and pip's log."""
    project = tmp_path / "project" if (tmp_path / "project").exists() else _project(tmp_path)
    environ = {k: v for k, v in os.environ.items() if k != "CERCA_MYPYC"} | env
    command = [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "--no-build-isolation"]
    run = subprocess.run(
        [*command, "-w", str(tmp_path / "dist"), str(project)],
        capture_output=True,
        text=True,
        env=environ,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("cerca-*.whl")
    return wheel, run.stdout + run.stderr


def _seeds() -> list:
    root = ROOT / "corpus"
    return [parse_file(path, root) for path in sorted(root.glob("*.txt"))]
