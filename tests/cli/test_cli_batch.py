"""`cerca batch` (every format, bad rows by line number, stdin, --hits) and
`cerca query --by` (counts per period, every format), checked against `cerca query`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from search.cli import app

BATCH = (
    "name,query,section,since\n"
    "droni,droni,,\n"
    "rotta,putin (,,\n"  # line 3: does not parse
    "esteri,,Esteri,\n"
    ",lavrov,,2025-02-30\n"  # line 5: no such day
    "troppe,a,b,c,d\n"  # line 6: more cells than columns
    "\n"
    "tutto,,,2000\n"
)


@pytest.fixture
def cerca(seed_index: Path):
    def run(*args: str, input: str | None = None):
        return CliRunner().invoke(
            app, list(args), env={"CERCA_INDEX": str(seed_index)}, input=input
        )

    return run


@pytest.fixture
def batch_file(tmp_path: Path) -> Path:
    path = tmp_path / "q.csv"
    path.write_text(BATCH, encoding="utf-8")
    return path


def total(cerca, *args: str) -> int:
    return json.loads(cerca("query", *args, "--format", "json", "--no-facets").stdout)["total"]


def test_batch_jsonl_reports_bad_rows_and_runs_the_rest(cerca, batch_file: Path) -> None:
    result = cerca("batch", str(batch_file), "--format", "jsonl")
    assert result.exit_code == 1
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert [r["line"] for r in rows] == [2, 3, 4, 5, 6, 8]
    errors = {r["line"]: r["error"] for r in rows if "error" in r}
    assert set(errors) == {3, 5, 6}
    assert "missing ')'" in errors[3] and "2025-02-30" in errors[5] and "cells" in errors[6]
    stderr = result.stderr.splitlines()
    assert [s.split(": ")[1] for s in stderr] == [f"{batch_file}, line {n}" for n in (3, 5, 6)]
    ok = {r["name"]: r for r in rows if "error" not in r}
    assert ok["droni"]["total"] == total(cerca, "droni") > 0
    assert ok["esteri"]["total"] == total(cerca, "--section", "Esteri") > 0
    assert ok["tutto"]["total"] == total(cerca, "--since", "2000")
    months = ok["tutto"]["counts"]
    assert sum(m["count"] for m in months) <= ok["tutto"]["total"]  # undated: total only
    assert [m["period"] for m in months] == sorted(m["period"] for m in months)
    assert ok["tutto"]["first_date"] <= ok["tutto"]["last_date"]
    people = ok["tutto"]["people"]
    assert people == sorted(people, key=lambda p: -p["count"]) and len(people) <= 10


def test_batch_csv_json_and_hits(cerca, batch_file: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(cerca("batch", str(batch_file)).stdout)))
    assert [r["name"] for r in rows] == ["droni", "rotta", "esteri", "line 5", "line 6", "tutto"]
    assert rows[0]["total"] == str(total(cerca, "droni")) and rows[1]["error"]
    assert rows[0]["counts"].count(": ") >= 1
    data = json.loads(cerca("batch", str(batch_file), "--format", "json", "--hits").stdout)
    droni = data[0]
    assert len(droni["hits"]) == droni["total"]
    assert [h["date"] for h in droni["hits"]] == sorted(
        (h["date"] for h in droni["hits"]), reverse=True
    )
    with_ids = list(csv.DictReader(io.StringIO(cerca("batch", str(batch_file), "--hits").stdout)))
    assert with_ids[0]["ids"].split("; ") == [h["id"] for h in droni["hits"]]


def test_batch_reads_stdin(cerca) -> None:
    result = cerca("batch", "-", "--format", "jsonl", input="query\ndroni\n")
    assert result.exit_code == 0
    (row,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert (row["name"], row["total"]) == ("line 2", total(cerca, "droni"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("name,domanda\nx,y\n", "no `query` column"),
        ("query,persona\nx,y\n", "unknown column 'persona'"),
    ],
)
def test_batch_refuses_a_file_it_cannot_read(cerca, tmp_path: Path, text, message) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    result = cerca("batch", str(path))
    assert result.exit_code == 2 and message in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_batch_missing_file(cerca, tmp_path: Path) -> None:
    result = cerca("batch", str(tmp_path / "nope.csv"))
    assert result.exit_code == 2 and "cannot read it" in result.stderr


@pytest.mark.parametrize("by", ["month", "week", "year"])
def test_query_by_period_in_every_format(cerca, by: str) -> None:
    data = json.loads(cerca("query", "--since", "2000", "--by", by, "--format", "json").stdout)
    counts = data["counts"]
    assert data["by"] == by and data["total"] == total(cerca, "--since", "2000")
    assert sum(c["count"] for c in counts) <= data["total"]
    periods = [c["period"] for c in counts]
    assert periods == sorted(periods) and len(set(periods)) == len(periods)
    assert counts[0]["count"] > 0 and counts[-1]["count"] > 0
    lines = cerca("query", "--since", "2000", "--by", by, "--format", "jsonl").stdout
    assert [json.loads(x) for x in lines.splitlines()] == counts
    rows = list(
        csv.reader(
            io.StringIO(cerca("query", "--since", "2000", "--by", by, "--format", "csv").stdout)
        )
    )
    assert rows[0] == ["period", "count"]
    assert [(p, int(c)) for p, c in rows[1:]] == [(c["period"], c["count"]) for c in counts]
    table = cerca("query", "--since", "2000", "--by", by, "--format", "table").stdout
    assert counts[0]["period"] in table and "█" in table


def test_query_by_month_matches_the_month_facet(cerca) -> None:
    data = json.loads(cerca("query", "--by", "month", "--format", "json").stdout)
    facet = json.loads(cerca("query", "--format", "json").stdout)["facets"]["month"]
    nonzero = {c["period"]: c["count"] for c in data["counts"] if c["count"]}
    assert nonzero == {m["value"]: m["count"] for m in facet}


def test_query_by_week_fills_the_gaps(cerca) -> None:
    counts = json.loads(cerca("query", "--by", "week", "--format", "json").stdout)["counts"]
    import datetime as dt

    assert len(counts) > 1  # every week from the first to the last, one apart
    weeks = [dt.datetime.strptime(c["period"] + "-1", "%G-W%V-%u").date() for c in counts]
    assert all((b - a).days == 7 for a, b in zip(weeks, weeks[1:], strict=False))


def test_query_by_with_a_bad_query(cerca) -> None:
    result = cerca("query", "putin", "(", "--by", "month")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1


def test_the_progress_bar_counts_the_queries() -> None:
    from rich.console import Console

    from search.cli.progress import count_bar

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=80)
    with count_bar("queries", 3, enabled=True, console=console) as advance:
        assert advance is not None
        for _ in range(3):
            advance(None)
    assert "3/3" in out.getvalue()
    with count_bar("queries", 3, enabled=False) as nothing:
        assert nothing is None
