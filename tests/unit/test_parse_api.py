"""The public API of search.parse: ids, paths, folders, skipped files, people wiring."""

from __future__ import annotations

import json
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import search.parse as parse
from search.errors import CercaError
from search.models import ARTICLE_KEYS, Article
from search.parse import SkipFile, parse_file, parse_files, parse_text

ARTICLE = "Un titolo\n\nIl 3 marzo 2024, Mario Rossi ha parlato. Poi Rossi è andato via.\n"


class FakeCanon:
    """Stands in for search.people.PeopleCanon: "Rossi" -> "Mario Rossi"."""

    def __init__(self) -> None:
        self.added: list[list[str]] = []

    def add(self, names, where=()) -> None:
        self.added.append(list(names))

    def weigh(self, rows) -> None:
        self.weighed = list(rows)

    def canonical(self, name: str, where=()) -> str:
        return "Mario Rossi" if name in ("Rossi", "Mario Rossi") else name

    def value(self, name: str, where=()) -> str | None:
        return self.canonical(name)


@pytest.fixture
def people(monkeypatch: pytest.MonkeyPatch) -> list[FakeCanon]:
    canons: list[FakeCanon] = []

    def make() -> FakeCanon:
        canons.append(FakeCanon())
        return canons[-1]

    def extract(title, subtitle, body, tags=(), evidence=None):
        return [w for w in ("Mario Rossi", "Rossi", "Anna") if w in body or w in tags]

    monkeypatch.setattr(parse, "extract_people", extract)
    monkeypatch.setattr(parse, "PeopleCanon", make)
    return canons


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "2024" / "marzo").mkdir(parents=True)
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "2024" / "marzo" / "b.txt").write_text("Altro\n\nSolo Rossi e Anna.\n")
    (root / "2024" / "vuoto.txt").write_bytes(b"")
    (root / "2024" / "note.md").write_text("non un articolo")
    (root / ".hidden.txt").write_text("Nascosto\n\nTesto.")
    return root


def test_parse_files_walks_folders_and_reports_skips(corpus: Path, people) -> None:
    articles, skipped = parse_files([corpus])
    assert [a.id for a in articles] == ["2024/marzo/b", "a"]
    assert [(Path(p).name, why) for p, why in skipped] == [("vuoto.txt", "empty file")]


def test_people_are_canonical_across_files(corpus: Path, people) -> None:
    articles, _ = parse_files([corpus])
    by_id = {a.id: a for a in articles}
    assert by_id["a"].people == ("Mario Rossi",)  # "Rossi" folded into it, deduplicated
    assert by_id["2024/marzo/b"].people == ("Mario Rossi", "Anna")
    assert people[0].added == [["Rossi", "Anna"], ["Mario Rossi", "Rossi"]]


def test_ids_relative_to_root(corpus: Path, people) -> None:
    f = corpus / "2024" / "marzo" / "b.txt"
    assert parse_file(f, root=corpus).id == "2024/marzo/b"
    assert parse_file(f).id == "b"
    assert parse_file(f, root=corpus / "elsewhere").id == "b"
    articles, _ = parse_files([f, corpus / "a.txt"], root=corpus)
    assert [a.id for a in articles] == ["2024/marzo/b", "a"]


def test_path_is_relative_to_cwd_when_possible(
    corpus: Path, people, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(corpus.parent)
    assert parse_file(corpus / "a.txt").path == "corpus/a.txt"
    assert parse_file(Path("corpus/a.txt")).path == "corpus/a.txt"
    monkeypatch.chdir(corpus / "2024")
    assert parse_file(corpus / "a.txt").path == (corpus / "a.txt").as_posix()


def test_explicit_bad_paths_are_skipped_with_reasons(tmp_path: Path, people) -> None:
    png = tmp_path / "img.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    articles, skipped = parse_files([tmp_path / "nope.txt", png])
    assert articles == []
    assert [why for _, why in skipped] == ["no such file", "binary file (PNG image)"]


def test_parse_file_raises_skipfile(tmp_path: Path) -> None:
    with pytest.raises(SkipFile):
        parse_file(tmp_path / "nope.txt")
    assert issubclass(SkipFile, CercaError)  # the CLI turns it into a one-line message


def test_article_serializes_with_exactly_the_documented_keys(corpus: Path, people) -> None:
    a = parse_file(corpus / "a.txt")
    assert isinstance(a, Article)
    d = json.loads(json.dumps(a.to_dict(), ensure_ascii=False))
    assert list(d) == list(ARTICLE_KEYS)
    assert d["date"] == "2024-03-03" and d["format"] == "plain"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=80),
            st.sampled_from(
                [
                    "Home Esteri",
                    "  • Sport",
                    "    • Calcio",
                    "Tags: UEUSA",
                    "Related Posts",
                    " date 2022-12 T",
                    "31 Dicembre 2025",
                    "by Anna Rossi",
                    "EPA/X / POOL",
                    "a | ANSA",
                    "",
                    "\u00a0",
                    "©",
                    "Tags:",
                    "Home",
                ]  # fmt: skip
            ),
        ),
        max_size=40,
    )
)
def test_parse_text_is_total(lines: list[str]) -> None:
    """Any text gives an Article or a SkipFile, never another exception."""
    text = "\n".join(lines)
    try:
        with patch.object(parse, "extract_people", lambda *a, **k: []):
            a = parse_text(text, "x", "x.txt")
    except SkipFile:
        return
    assert a.body == a.body.strip()
    assert "\n\n\n" not in a.body
    assert isinstance(a.title, str)


def test_decoding_in_workers_uses_plain_functions() -> None:
    # the indexer pickles these across processes: module-level functions, plain data
    import pickle

    assert pickle.loads(pickle.dumps(parse.read_text)) is parse.read_text
    assert pickle.loads(pickle.dumps(parse.parse_text)) is parse.parse_text


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_an_article_or_a_reason(data: bytes) -> None:
    try:
        with patch.object(parse, "extract_people", lambda *a, **k: []):
            a = parse_text(parse.decode_bytes(data), "x", "x.txt")
    except SkipFile as e:
        assert str(e) and "\n" not in str(e)
        return
    for value in (a.title, a.subtitle or "", a.author or "", a.section or "", a.body):
        assert "\ufffd" not in value
        assert not any(c < " " and c != "\n" or "\x7f" <= c < "\xa0" for c in value)
