"""How `cerca` reads its command line and explains itself: several words as one query,
a query word that starts with "-", help texts, one-line messages for impossible dates,
notes on options that have no effect."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from search.cli import app, main

runner = CliRunner()


def cerca(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), prog_name="cerca", env=env)


def run_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    """The real entry point, as a user's shell runs it: (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["cerca", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    out = capsys.readouterr()
    return int(exit_.value.code or 0), out.out, out.err


def query_json(index: Path, *args: str) -> dict:
    r = cerca("query", "--index", str(index), "--format", "json", "-n", "50", *args)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


# ---------------------------------------------------------------- several words, -word


@pytest.mark.parametrize(
    ("args", "same_as"),
    [
        (["vladimir", "putin"], "vladimir putin"),
        (["lavrov", "--sort", "relevance", "colloquio"], "lavrov colloquio"),
        (["--", "-mosca", "putin"], "-mosca putin"),
        (["putin", "--", "-mosca"], "putin -mosca"),
        (["persona:lavrov", "data:2025-12..2026-01"], "persona:lavrov data:2025-12..2026-01"),
    ],
)
def test_several_words_are_one_query(seed_index: Path, args: list[str], same_as: str) -> None:
    joined = query_json(seed_index, *args)
    assert joined["query"] == same_as
    assert joined["hits"] == query_json(seed_index, "--", same_as)["hits"]


@pytest.mark.parametrize(
    ("args", "word", "instead"),
    [
        (["-mosca"], "-mosca", "cerca query -- -mosca"),
        (["-mosca", "putin"], "-mosca", "cerca query -- -mosca putin"),
        (["putin", "-mosca"], "-mosca", "cerca query -- putin -mosca"),
        (["-nato"], "-nato", "cerca query -- -nato"),  # -n takes a number: "ato" is not one
        (["-x", "a b", "--sort", "newest"], "-x", "cerca query --sort newest -- -x 'a b'"),
        (["-é"], "-é", "cerca query -- -é"),
    ],
)
def test_a_word_with_a_dash_asks_for_double_dash(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    word: str,
    instead: str,
) -> None:
    code, out, err = run_main(monkeypatch, capsys, "query", *args)
    message = f"cerca: {word} is not an option: put the query after --, as in {instead}\n"
    assert (code, out, err) == (2, "", message)


@pytest.mark.parametrize(
    "args",
    [
        ["-n", "1", "lavrov"],
        ["-n1", "lavrov"],
        ["--limit=1", "lavrov"],
        ["--person", "-lavrov", "lavrov"],  # an option's value may start with "-"
        ["--tag=-x", "lavrov"],
    ],
)
def test_options_that_look_like_words_still_work(seed_index: Path, args: list[str]) -> None:
    r = cerca("query", *args, "--index", str(seed_index), "--format", "json")
    assert r.exit_code == 0, r.output


def test_tui_takes_several_words_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_main(monkeypatch, capsys, "tui", "-mosca")
    assert code == 2 and err.endswith("as in cerca tui -- -mosca\n")


# ---------------------------------------------------------------- help

COMMANDS_IN_ORDER = ["index", "query", "show", "tui", "stats", "parse"]


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("index", "cerca index [OPTIONS] [CORPUS]"),
        ("query", "cerca query [OPTIONS] [QUERY]..."),
        ("show", "cerca show [OPTIONS] ID"),
        ("tui", "cerca tui [OPTIONS] [QUERY]..."),
        ("stats", "cerca stats [OPTIONS]"),
        ("parse", "cerca parse [OPTIONS] FILE..."),
    ],
)
def test_help_placeholders_are_uniform(command: str, usage: str) -> None:
    r = cerca(command, "--help", env={"COLUMNS": "100"})
    assert r.exit_code == 0
    assert f"Usage: {usage}\n" in re.sub(r" +\n", "\n", r.stdout)
    # options name what they take, as the usage line does (Typer's default is <str>)
    assert "{" not in r.stdout and not re.search(r"<(str|path|int)", r.stdout.split("Options")[-1])


def test_query_help_gives_examples_not_the_spec() -> None:
    r = cerca("query", "--help", env={"COLUMNS": "100"})
    assert "SPEC" not in r.stdout
    for example in (
        "cerca query 'persona:lavrov data:2025-12..2026-01'",
        "cerca query putin zelensky --sort newest",
        "cerca query -- -mosca putin",
    ):
        assert example in r.stdout


def test_commands_are_listed_as_a_user_meets_them() -> None:
    r = cerca("--help", env={"COLUMNS": "100"})
    listed = re.findall(r"^│ (\w+) ", r.stdout, flags=re.M)
    assert listed[: len(COMMANDS_IN_ORDER)] == COMMANDS_IN_ORDER


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--until", "2025-02-30"], "--until: 2025-02-30 %s (February 2025 has 28 days)"),
        (["--since", "2024-02-30"], "--since: 2024-02-30 %s (February 2024 has 29 days)"),
        (["--since", "2025-04-31"], "--since: 2025-04-31 %s (April 2025 has 30 days)"),
        (["--since", "2025-13"], "--since: 2025-13 %s (months go from 01 to 12)"),
        (["--until", "2025-00-10"], "--until: 2025-00-10 %s (months go from 01 to 12)"),
        (["--since", "ieri"], "--since: cannot read date 'ieri': use YYYY, YYYY-MM or YYYY-MM-DD"),
        (["data:2025-02-30"], "2025-02-30 %s (February 2025 has 28 days)"),
        (["data:2025-12-01..2026-02-29"], "2026-02-29 %s (February 2026 has 28 days)"),
        (["data:>=2025-13"], "2025-13 %s (months go from 01 to 12)"),
    ],
)
def test_impossible_dates_say_why(seed_index: Path, args: list[str], message: str) -> None:
    r = cerca("query", *args, "--index", str(seed_index))
    assert r.exit_code == 2
    assert r.stderr == "cerca: " + message.replace("%s", "is not a date") + "\n"


# ---------------------------------------------------------------- facets


@pytest.mark.parametrize(
    ("args", "note"),
    [
        (["--format", "csv", "--facets"], True),
        (["--format", "jsonl", "--facets"], True),
        (["--facets"], True),  # CliRunner is not a terminal: jsonl
        (["--format", "csv"], False),  # facets by default: nothing to say
        (["--format", "jsonl", "--no-facets"], False),
        (["--format", "json", "--facets"], False),
        (["--format", "table", "--facets"], False),
    ],
)
def test_facets_without_a_place_to_go_are_noted(
    seed_index: Path, args: list[str], note: bool
) -> None:
    r = cerca("query", "colloquio", "--index", str(seed_index), *args)
    assert r.exit_code == 0, r.output
    if note:
        assert r.stderr.startswith("cerca: --facets: facets are printed only with --format")
        assert len(r.stderr.splitlines()) == 1
    else:
        assert r.stderr == ""


def test_json_facets_say_which_values_are_selected(seed_index: Path) -> None:
    data = query_json(seed_index, "", "--section", "Esteri")
    for values in data["facets"].values():
        assert all(list(v) == ["value", "count", "selected"] for v in values)
    selected = {
        (name, v["value"]) for name, vs in data["facets"].items() for v in vs if v["selected"]
    }
    assert selected == {("section", "Esteri")}


# ---------------------------------------------------------------- counts and layout


@pytest.mark.parametrize(
    ("args", "head"),
    [
        (["atteggiamento"], "1 result ("),
        (["garlasco"], "0 results ("),
        (["colloquio", "-n", "1"], "results, 1 shown ("),
    ],
)
def test_table_counts_agree_with_their_noun(seed_index: Path, args: list[str], head: str) -> None:
    r = cerca("query", *args, "--index", str(seed_index), "--format", "table")
    assert r.exit_code == 0
    assert head in r.stdout.splitlines()[0]


@pytest.mark.parametrize("width", [12, 40, 60, 80, 120])
def test_stats_text_fits_the_terminal_without_breaking_names(seed_index: Path, width: int) -> None:
    data = json.loads(cerca("stats", "--index", str(seed_index), "--format", "json").stdout)
    r = cerca("stats", "--index", str(seed_index), "--format", "text", env={"COLUMNS": str(width)})
    assert r.exit_code == 0 and r.stdout.startswith("documents")
    figures, _, lists = r.stdout.partition("\n\n")
    assert len(figures.splitlines()) == 4  # documents, dates, index, corpus: one line each
    assert all(len(line) <= width for line in lists.splitlines()), r.stdout
    for name in ("sections", "tags", "people"):
        for v in data[name]:
            whole = re.search(rf"{re.escape(v['value'])}\s+{v['count']}\b", r.stdout)
            cut = v["value"][:6] in r.stdout and "…" in r.stdout
            assert whole or cut, (v, r.stdout)


@pytest.mark.parametrize("width", [40, 60, 100])
def test_table_facets_wrap_between_values(seed_index: Path, width: int) -> None:
    data = query_json(seed_index, "")
    r = cerca("query", "", "--index", str(seed_index), "--format", "table", "-n", "1",
              env={"COLUMNS": str(width)})  # fmt: skip
    facet_lines = r.stdout.split("└")[-1]
    assert all(len(line) <= width for line in facet_lines.splitlines())
    for name, values in data["facets"].items():
        for v in values[-8:] if name == "month" else values[:8]:
            entry = f"{v['value']} ({v['count']})"
            assert entry in facet_lines or len(entry) > width - len(name) - 3, (entry, r.stdout)


def test_version_names_the_installed_release() -> None:
    from importlib.metadata import version

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"cerca {version('cerca')}"
