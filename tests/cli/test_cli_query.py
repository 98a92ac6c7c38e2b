"""`cerca query`, `cerca show`, `cerca stats` through Typer's CliRunner: output shapes,
exit codes, and article text shown literally."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from search.cli import app

runner = CliRunner()

HIT_KEYS = {
    "id", "path", "title", "date", "section", "tags", "people", "author", "score", "snippet",
    "highlights",
}  # fmt: skip
LAVROV = "901_lavrov_colloqui"  # a fixture article of tests/data (Sergej Lavrov)
FACETS = {"section", "tags", "people", "author", "month"}


def write_dated(root: Path, name: str, title: str, body: str, date: str) -> None:
    """One article in the `dated` layout (` date YYYY-MM Title`, then the body)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(f" date {date} {title}\n\n{body}\n", encoding="utf-8")


def cerca(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def odd_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of articles whose text looks like rich markup and escape sequences."""
    from search.index import update_index

    root = tmp_path_factory.mktemp("odd")
    corpus = root / "corpus"
    write_dated(
        corpus,
        "markup.txt",
        "Droni [red]rossi[/] su Kiev",
        "Il testo parla di droni [bold]grassetto[/bold] e [/] chiusure.",
        "2025-12",
    )
    write_dated(
        corpus,
        "escape.txt",
        "Sequenze di controllo",
        "Un drone \x1b[2J cancella lo schermo \x1b[31m rosso.",
        "2025-11",
    )
    write_dated(corpus, "nome\x1b[31m\x07.txt", "Un file dal nome ostile",
                "Un drone anche qui.", "2025-10")  # fmt: skip
    update_index(corpus, root / "index")
    return root / "index"


def test_json_is_the_documented_object(seed_index: Path) -> None:
    r = cerca("query", "colloquio", "--index", str(seed_index), "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert set(data) == {"query", "total", "took_ms", "hits", "facets"}
    assert data["query"] == "colloquio"
    assert data["total"] == len(data["hits"]) >= 4
    assert all(set(h) == HIT_KEYS for h in data["hits"])
    assert set(data["facets"]) == FACETS
    for values in data["facets"].values():
        assert all(list(v) == ["value", "count", "selected"] for v in values)
    for h in data["hits"]:
        assert all(0 <= s < e <= len(h["snippet"]) for s, e in h["highlights"])


def test_jsonl_is_the_default_in_a_pipe(seed_index: Path) -> None:
    r = cerca("query", "colloquio", "--index", str(seed_index), "-n", "2")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert len(lines) == 2
    assert all(set(json.loads(line)) == HIT_KEYS for line in lines)


def test_csv_has_a_header_and_one_row_per_hit(seed_index: Path) -> None:
    r = cerca("query", "sezione:Esteri", "--index", str(seed_index), "--format", "csv")
    assert r.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == 3
    assert set(rows[0]) == HIT_KEYS - {"highlights"}
    assert all(row["section"] == "Esteri" for row in rows)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["persona:Lavrov"], {"002_c011ba515ee5af6f", "003_236b9d47b589822e", LAVROV}),
        (["", "--person", "Serghei Lavrov"],
         {"002_c011ba515ee5af6f", "003_236b9d47b589822e", LAVROV}),
        (["", "--person", "lavrov", "--person", "peskov"],
         {"002_c011ba515ee5af6f", "003_236b9d47b589822e", "004_18e344da8dfa91d1", LAVROV}),
        (["", "--section", "esteri", "--tag", "ultim'ora"],
         {"002_c011ba515ee5af6f", "004_18e344da8dfa91d1"}),
        (["", "--since", "2025-12", "--until", "2025-12"],
         {"000_31d5293b3b1cb876", "002_c011ba515ee5af6f"}),
        (["atteggiamento"], {"004_18e344da8dfa91d1"}),
    ],
)  # fmt: skip
def test_filters_and_queries(seed_index: Path, args: list[str], expected: set[str]) -> None:
    r = cerca("query", *args, "--index", str(seed_index), "--format", "json", "-n", "50")
    assert r.exit_code == 0, r.output
    assert {h["id"] for h in json.loads(r.stdout)["hits"]} == expected


def test_no_text_lists_everything_newest_first(seed_index: Path) -> None:
    r = cerca("query", "--index", str(seed_index), "--format", "json", "-n", "50")
    data = json.loads(r.stdout)
    dates = [h["date"] for h in data["hits"] if h["date"]]
    assert dates == sorted(dates, reverse=True)
    assert data["total"] == len(data["hits"])


def test_sort_and_pagination(seed_index: Path) -> None:
    def page(*extra: str) -> list[str]:
        r = cerca("query", "", "--index", str(seed_index), "--format", "jsonl", *extra)
        return [json.loads(line)["id"] for line in r.stdout.splitlines()]

    oldest = page("--sort", "oldest", "-n", "50")
    assert page("--sort", "oldest", "-n", "2") + page("--sort", "oldest", "-n", "2",
                                                      "--offset", "2") == oldest[:4]  # fmt: skip


def test_no_facets(seed_index: Path) -> None:
    r = cerca("query", "colloquio", "--index", str(seed_index), "--format", "json", "--no-facets")
    assert json.loads(r.stdout)["facets"] == {}


def test_json_counts_exactly_unless_told(seed_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from search.query import facets

    # every query estimated, if allowed, over a "sample" of every article (a handful of
    # articles has no half to count)
    monkeypatch.setattr(facets, "SAMPLE_FROM", 1)
    monkeypatch.setattr(facets, "sample_level", lambda hits: 1)
    monkeypatch.setattr(facets, "_sampled", lambda schema, query, level: query)
    args = ("query", "colloquio", "--index", str(seed_index))
    exact = json.loads(cerca(*args, "--format", "json").stdout)
    assert all("estimated" not in v for vs in exact["facets"].values() for v in vs)
    r = cerca(*args, "--format", "json", "--estimated-facets")
    assert r.exit_code == 0, r.output
    flags = [v.get("estimated") for vs in json.loads(r.stdout)["facets"].values() for v in vs]
    assert flags and all(flags)
    table = cerca(*args, "--format", "table")
    assert "(~" in table.stdout and "estimated from a sample" in table.stdout
    table = cerca(*args, "--format", "table", "--exact-facets")
    assert "(~" not in table.stdout and "estimated" not in table.stdout


@pytest.mark.parametrize("bad", ['"unclosed', "(a OR b", "persona:", "data:2025-13", "a OR"])
def test_bad_query_exits_2_with_one_line(seed_index: Path, bad: str) -> None:
    r = cerca("query", bad, "--index", str(seed_index))
    assert r.exit_code == 2
    assert r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and r.stderr.startswith("cerca: ")


@pytest.mark.parametrize(
    "args",
    [["--since", "ieri"], ["--until", "2025-02-30"], ["--sort", "random"], ["-n", "-1"]],
)
def test_bad_options_exit_2(seed_index: Path, args: list[str]) -> None:
    r = cerca("query", "x", "--index", str(seed_index), *args)
    assert r.exit_code == 2
    assert "Traceback" not in r.output


@pytest.mark.parametrize("command", [["query", "x"], ["show", "x"], ["stats"]])
def test_missing_index_says_what_to_run(tmp_path: Path, command: list[str]) -> None:
    r = cerca(*command, "--index", str(tmp_path / "nothing"))
    assert r.exit_code == 1
    assert "cerca index" in r.stderr
    assert "Traceback" not in r.output


def test_table_shows_markup_and_escapes_literally(odd_index: Path) -> None:
    r = cerca("query", "droni [red]", "--index", str(odd_index), "--format", "table")
    assert r.exit_code == 0, r.output
    assert "[red]rossi[/]" in r.stdout
    assert "[bold]grassetto[/bold]" in r.stdout
    assert "\x1b" not in r.stdout


def test_table_neutralises_escapes_in_ids(odd_index: Path) -> None:
    r = cerca("query", "", "--index", str(odd_index), "--format", "table", "-n", "50")
    assert r.exit_code == 0, r.output
    assert "nome" in r.stdout and "Un file dal nome ostile" in r.stdout
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout


def test_table_without_results(odd_index: Path) -> None:
    r = cerca("query", "garlasco", "--index", str(odd_index), "--format", "table")
    assert r.exit_code == 0 and "0 results" in r.stdout


def test_csv_strips_control_characters(odd_index: Path) -> None:
    r = cerca("query", "drone", "--index", str(odd_index), "--format", "csv")
    assert r.exit_code == 0 and "\x1b" not in r.stdout


def test_show_text_and_json(seed_index: Path) -> None:
    r = cerca("show", "003_236b9d47b589822e", "--index", str(seed_index))
    assert r.exit_code == 0
    assert "Lukashenko" in r.stdout.splitlines()[0]
    r = cerca("show", "003_236b9d47b589822e", "--index", str(seed_index), "--format", "json")
    article = json.loads(r.stdout)
    assert article["id"] == "003_236b9d47b589822e" and article["date"] == "2022-12"
    assert "highlights" not in article


def test_show_highlight_marks_inflected_forms(seed_index: Path) -> None:
    r = cerca("show", "003_236b9d47b589822e", "--index", str(seed_index), "--format", "json",
              "--highlight", "colloquio")  # fmt: skip
    article = json.loads(r.stdout)
    marked = [article["body"][s:e] for s, e in article["highlights"]["body"]]
    assert marked and all(m.lower().startswith("colloq") for m in marked)


def test_show_unknown_id(seed_index: Path) -> None:
    r = cerca("show", "nope", "--index", str(seed_index))
    assert r.exit_code == 1 and "no article" in r.stderr


def test_show_never_prints_escape_sequences(odd_index: Path) -> None:
    r = cerca("show", "escape", "--index", str(odd_index))
    assert r.exit_code == 0 and "\x1b" not in r.stdout and "cancella" in r.stdout


def test_stats_json_shape(seed_index: Path) -> None:
    r = cerca("stats", "--index", str(seed_index), "--format", "json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert set(data) == {
        "documents", "first_date", "last_date", "sections", "tags", "people", "index_bytes",
        "updated", "corpus",
    }  # fmt: skip
    assert data["documents"] >= 5
    assert data["first_date"] <= data["last_date"]
    assert data["index_bytes"] > 0 and data["updated"]
    assert {"value": "Esteri", "count": 3} in data["sections"]


def test_stats_text(seed_index: Path) -> None:
    r = cerca("stats", "--index", str(seed_index), "--format", "text")
    assert r.exit_code == 0 and r.stdout.startswith("documents:")
