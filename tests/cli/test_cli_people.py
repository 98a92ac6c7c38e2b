"""`cerca people list|ignore|alias|split|forget` through Typer's CliRunner: output
formats, the user's file they change, messages and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from search.cli import app

runner = CliRunner()


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cerca.toml"
    monkeypatch.setenv("CERCA_CONFIG", str(path))
    return path


def cerca(*args: str):
    return runner.invoke(app, list(args))


def test_list_gives_values_counts_and_merged_spellings(seed_index: Path) -> None:
    result = cerca("people", "list", "--index", str(seed_index), "--format", "json")
    assert result.exit_code == 0, result.output
    values = json.loads(result.stdout)
    assert values[0] == {"value": "Vladimir Putin", "count": values[0]["count"], "spellings": []}
    assert [v["count"] for v in values] == sorted((v["count"] for v in values), reverse=True)
    lavrov = next(v for v in values if v["value"].endswith("Lavrov"))
    assert {"Serghei Lavrov", "Sergej Lavrov"} & set(lavrov["spellings"])
    assert all(set(v) == {"value", "count", "spellings"} for v in values)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "table"])
def test_list_top_n_in_every_format(seed_index: Path, fmt: str) -> None:
    result = cerca("people", "list", "--index", str(seed_index), "--top", "3", "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.stdout
    if fmt == "json":
        names = [v["value"] for v in json.loads(out)]
    elif fmt == "jsonl":
        names = [json.loads(line)["value"] for line in out.splitlines()]
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[0] == ["value", "count", "spellings"]
        names = [r[0] for r in rows[1:]]
    else:
        assert out.startswith("3 persons\n") and "also written" in out
        names = [line.split("  ")[0] for line in out.splitlines()[2:]]
    assert len(names) == 3 and names[0] == "Vladimir Putin"


def test_list_without_an_index_says_what_to_run(tmp_path: Path) -> None:
    result = cerca("people", "list", "--index", str(tmp_path / "none"))
    assert result.exit_code == 1
    assert "cerca index" in result.stderr and len(result.stderr.splitlines()) == 1


def test_ignore_alias_split_forget_write_the_users_file(config: Path) -> None:
    result = cerca("people", "ignore", "Hera")
    assert result.exit_code == 0 and result.stdout == ""
    assert (
        result.stderr == f"cerca: {config}: Hera is not a person (run `cerca index` to apply it)\n"
    )
    assert "already says" in cerca("people", "ignore", "hera").stderr
    assert cerca("people", "alias", "Muzzarelli", "Gian Carlo Muzzarelli").exit_code == 0
    assert cerca("people", "split", "Giuseppe Di Giorgio").exit_code == 0
    import tomllib

    data = tomllib.loads(config.read_text(encoding="utf-8"))
    assert data == {
        "people": {
            "ignore": ["Hera"],
            "split": ["Giuseppe Di Giorgio"],
            "alias": {"Muzzarelli": "Gian Carlo Muzzarelli"},
        }
    }
    assert cerca("people", "forget", "HERA").exit_code == 0
    assert tomllib.loads(config.read_text(encoding="utf-8"))["people"]["ignore"] == []


@pytest.mark.parametrize(
    ("args", "text", "message"),
    [
        (("alias", "Putin", "putin"), "", "'Putin' cannot be an alias of itself"),
        (("ignore", "Hera"), "[people\n", "line 1: "),
        (("ignore", " "), "", "a name cannot be empty"),
    ],
)
def test_bad_corrections_exit_2_with_one_line(
    config: Path, args: tuple[str, ...], text: str, message: str
) -> None:
    if text:
        config.write_text(text, encoding="utf-8")
    result = cerca("people", *args)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output
    assert (config.read_text(encoding="utf-8") if config.exists() else "") == text
