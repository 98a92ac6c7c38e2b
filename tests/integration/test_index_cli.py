"""`cerca index`: summary line, skipped files, --quiet, --strict, environment, errors."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from search.cli import app
from search.cli.progress import progress_bar
from search.models import IndexPhase
from tests.conftest import FIXTURE_IDS, SEED_IDS

N = len(SEED_IDS) + len(FIXTURE_IDS)


def cerca(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, list(args), env=env)


def summary(stderr: str) -> dict[str, int]:
    line = next(ln for ln in stderr.splitlines() if ln.startswith("cerca: index "))
    pairs = re.findall(r"(\d+) (added|updated|deleted|unchanged|skipped)", line)
    return {k: int(v) for v, k in pairs}


def counts(added: int = 0, updated: int = 0, unchanged: int = 0, skipped: int = 0) -> dict:
    return {
        "added": added,
        "updated": updated,
        "deleted": 0,
        "unchanged": unchanged,
        "skipped": skipped,
    }


def test_index_then_unchanged(corpus: Path, tmp_path: Path) -> None:
    ix = str(tmp_path / "ix")
    first = cerca("index", str(corpus), "--index", ix)
    assert first.exit_code == 0, first.output
    assert summary(first.stderr) == counts(added=N)
    assert "cerca: index built: " in first.stderr  # a first build is not a rebuild
    assert first.stdout == ""  # messages go to stderr
    second = cerca("index", str(corpus), "--index", ix)
    assert summary(second.stderr) == counts(unchanged=N)
    assert "cerca: index updated: " in second.stderr


def test_environment_gives_the_defaults(corpus: Path, tmp_path: Path) -> None:
    env = {"CERCA_CORPUS": str(corpus), "CERCA_INDEX": str(tmp_path / "ix")}
    out = cerca("index", env=env)
    assert out.exit_code == 0 and summary(out.stderr)["added"] == N
    assert (tmp_path / "ix" / "CURRENT").exists()


def test_bad_files_are_reported_once_and_strict_fails(corpus: Path, tmp_path: Path) -> None:
    (corpus / "immagine.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (corpus / "vuoto.txt").write_text("")
    ix = str(tmp_path / "ix")
    out = cerca("index", str(corpus), "--index", ix)
    assert out.exit_code == 0
    assert summary(out.stderr)["skipped"] == 2
    skipped = [ln for ln in out.stderr.splitlines() if ln.startswith("cerca: skipped")]
    assert len(skipped) == 2
    assert any("immagine.txt" in ln and "PNG" in ln for ln in skipped)
    assert any("vuoto.txt" in ln and "empty" in ln for ln in skipped)
    strict = cerca("index", str(corpus), "--index", ix, "--strict")
    assert strict.exit_code == 1  # still bad: reported again, and --strict fails
    assert summary(strict.stderr)["skipped"] == 2


def test_quiet_prints_only_warnings(corpus: Path, tmp_path: Path) -> None:
    out = cerca("index", str(corpus), "--index", str(tmp_path / "ix"), "--quiet")
    assert out.exit_code == 0 and out.stderr == "" and out.stdout == ""


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing_corpus", "corpus folder not found"),
        ("corrupt_index", "cerca index --rebuild"),
    ],
)
def test_errors_are_one_line(setup: str, message: str, corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    if setup == "corrupt_index":
        assert cerca("index", str(corpus), "--index", str(ix)).exit_code == 0
        (ix / "CURRENT").write_text("???")
    target = tmp_path / "nope" if setup == "missing_corpus" else corpus
    out = cerca("index", str(target), "--index", str(ix))
    assert out.exit_code == 1
    assert message in out.stderr and "Traceback" not in out.output
    assert len(out.stderr.strip().splitlines()) == 1


def test_rebuild_repairs_a_corrupt_index(corpus: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    cerca("index", str(corpus), "--index", str(ix))
    (ix / "CURRENT").write_text("???")
    out = cerca("index", str(corpus), "--index", str(ix), "--rebuild")
    assert out.exit_code == 0 and "index rebuilt" in out.stderr
    assert summary(out.stderr)["added"] == N


def test_the_progress_bar_has_a_row_per_phase_in_plain_words() -> None:
    from rich.console import Console

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100)
    with progress_bar(enabled=True, console=console) as progress:
        assert progress is not None
        progress(IndexPhase.LISTING, 0, 0)
        progress(IndexPhase.READING, 0, 10000)
        progress(IndexPhase.READING, 10000, 10000)
        progress(IndexPhase.PEOPLE, 393, 393)
        progress(IndexPhase.SAVING, 0, 0)
        console.print("last frame")  # printed above the bars: the next frame is whole
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.getvalue())
    frame = text[text.rindex("last frame") :]
    for row in (
        "Looking for articles",
        "Reading articles",
        "10,000 of 10,000",
        "Giving each person one name",
        "393 of 393",
        "Saving the index",
    ):
        assert row in frame
    assert "10393" not in text and "10,393" not in text  # no total grows past the files
