"""`cerca parse`: JSON array of Article objects, skipped files on stderr, exit codes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from search.cli import app
from search.models import ARTICLE_KEYS

ARTICLE = "Un titolo\n\nIl 3 marzo 2024, il fatto. Poi il resto.\n"


@pytest.fixture(autouse=True)
def _no_people(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("search.parse.extract_people", lambda *a, **k: [])


@pytest.fixture
def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # older Click
    except TypeError:
        return CliRunner()


def test_json_output(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    r = runner.invoke(app, ["parse", str(tmp_path / "a.txt"), "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert [list(d) for d in data] == [list(ARTICLE_KEYS)]
    assert data[0]["title"] == "Un titolo" and data[0]["date"] == "2024-03-03"


def test_text_output(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    r = runner.invoke(app, ["parse", str(tmp_path / "a.txt"), "--format", "text"])
    assert r.exit_code == 0
    assert r.stdout.startswith("Un titolo\n") and "date: 2024-03-03" in r.stdout


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("img.txt", b"\x89PNG\r\n\x1a\n\x00", "binary file (PNG image)"),
        ("nul.txt", b"a\x00b", "binary file (contains NUL bytes)"),
    ],
)
def test_bad_files_are_reported_and_the_run_goes_on(
    runner: CliRunner, tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    (tmp_path / name).write_bytes(data)
    (tmp_path / "ok.txt").write_bytes(ARTICLE.encode("cp1252"))
    r = runner.invoke(app, ["parse", str(tmp_path / name), str(tmp_path / "ok.txt")])
    assert r.exit_code == 0
    assert [a["id"] for a in json.loads(r.stdout)] == ["ok"]
    assert f"skipped {tmp_path / name}: {reason}" in r.stderr
    assert "Traceback" not in r.stderr + r.stdout


def test_nothing_parsed_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(app, ["parse", str(tmp_path / "missing.txt"), str(tmp_path)])
    assert r.exit_code == 1
    assert json.loads(r.stdout) == []
    assert "missing.txt: no such file" in r.stderr
    assert "no article could be parsed" in r.stderr
    assert "Traceback" not in r.stderr


def test_folder_is_walked(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(ARTICLE)
    r = runner.invoke(app, ["parse", str(tmp_path)])
    assert r.exit_code == 0
    assert [a["id"] for a in json.loads(r.stdout)] == ["sub/a"]


def test_no_files_is_a_usage_error(runner: CliRunner) -> None:
    assert runner.invoke(app, ["parse"]).exit_code == 2


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads all")
def test_unreadable_file_is_skipped_not_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(ARTICLE)
    secret.chmod(0)
    (tmp_path / "ok.txt").write_text(ARTICLE)
    r = runner.invoke(app, ["parse", str(secret), str(tmp_path / "ok.txt")])
    assert r.exit_code == 0
    assert "secret.txt: permission denied" in r.stderr
