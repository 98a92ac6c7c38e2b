"""Bad options and arguments: exit 2 with a one-line message, never a traceback or a
box of text (SPEC §2: "Usage errors exit 2 with a one-line message").

Run as real processes: that is what a user or a script sees (Typer's CliRunner skips
the entry point, `search.cli.main`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .articles import write_corpus
from .conftest import invoke_cerca, run_cerca

BAD_USAGE = [
    ("query", "--limit", "abc"),
    ("query", "--limit", "-5"),
    ("query", "--offset", "x"),
    ("query", "--sort", "sideways"),
    ("query", "--format", "xml"),
    ("query", "--since", "2025-99"),
    ("query", "--until", "ieri"),
    ("query", "-putin"),  # a query that starts with "-" needs `--` first
    ("query", "putin", "-mosca"),
    ("query", "-nato"),  # not -n with the value "ato"
    ("tui", "-mosca"),
    ("query", "--bogus"),
    ("show",),
    ("show", "x", "--format", "pdf"),
    ("stats", "--format", "yaml"),
    ("index", "--bogus"),
    ("parse",),
    ("parse", "--format", "xml", "x.txt"),
    ("nosuchcommand",),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("usage")
    write_corpus(base / "corpus", 3)
    r = invoke_cerca("index", base / "corpus", "--index", base / "index", "--quiet")
    assert r.returncode == 0, r.stderr
    return base / "index"


@pytest.mark.parametrize("args", BAD_USAGE, ids=" ".join)
def test_bad_usage_is_one_line_exit_2(args: tuple[str, ...], index: Path, tmp_path: Path) -> None:
    r = run_cerca(*args, cwd=tmp_path, env={"CERCA_INDEX": str(index)})
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert r.returncode == 2, (args, r.returncode, r.stderr)
    assert len(lines) == 1, (args, r.stderr)
    assert r.stdout == ""


def test_a_word_with_a_dash_says_to_put_the_query_after_double_dash(
    index: Path, tmp_path: Path
) -> None:
    r = run_cerca("query", "putin", "-mosca", cwd=tmp_path, env={"CERCA_INDEX": str(index)})
    assert r.returncode == 2
    assert r.stderr.endswith("put the query after --, as in cerca query -- putin -mosca\n")


@pytest.mark.parametrize(
    "args",
    [("--", "-putin"), ("--", "-mosca", "putin"), ("vladimir", "putin"), ("putin", "--", "-mosca")],
    ids=" ".join,
)
def test_several_words_are_one_query(args: tuple[str, ...], index: Path, tmp_path: Path) -> None:
    r = run_cerca("query", "--format", "json", *args, cwd=tmp_path, env={"CERCA_INDEX": str(index)})
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["query"] == " ".join(a for a in args if a != "--")
