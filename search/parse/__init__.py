"""Article understanding: files -> `Article`.

The public names the indexer, the CLI and the TUI rely on: `read_text`, `parse_text`
(pure, safe in worker processes), `parse_file`, `parse_files` and `iter_files`. The
layout of a file is detected from its content (`layouts.detect_format`); each layout
module turns lines into `Fields`. See docs/internals/parsing.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from search.models import Article
from search.parse.decode import MAX_BYTES, SkipFile, clean_text, decode_bytes, read_text
from search.parse.layouts import detect_format, parse_layout
from search.paths import ARTICLE_SUFFIXES
from search.people import PeopleCanon, extract_people, where_of

__all__ = [
    "MAX_BYTES",
    "SkipFile",
    "clean_text",
    "decode_bytes",
    "detect_format",
    "article_id",
    "display_path",
    "iter_files",
    "parse_file",
    "parse_files",
    "parse_text",
    "read_text",
]

SUFFIXES = ARTICLE_SUFFIXES


def parse_text(text: str, id: str, path: str) -> Article:
    """Understand one text as `read_text` / `decode_bytes` return it (LF line ends, NFC,
    no stray characters); text from elsewhere gets CR and U+FFFD cleaned here too."""
    if "\r" in text or "\ufffd" in text:
        text = clean_text(text)
    fields = parse_layout(text)
    if not fields.title and not fields.body:
        raise SkipFile("no article text")
    tags = tuple(fields.tags)
    evidence: dict[str, list[int]] = {}
    people = extract_people(fields.title, fields.subtitle, fields.body, tags, evidence)
    return Article(
        id=id,
        path=path,
        format=fields.format,
        title=fields.title,
        subtitle=fields.subtitle,
        author=fields.author,
        date=fields.date,
        section=fields.section,
        tags=tags,
        people=tuple(dict.fromkeys(people)),
        source=fields.source,
        body=fields.body,
        evidence=tuple((name, *row) for name, row in evidence.items()),
    )


def article_id(path: Path, root: Path | None = None) -> str:
    """Path under ``root`` without extension, "/" separated; the file stem otherwise."""
    if root is not None:
        try:
            rel = Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
        except ValueError:
            rel = None
        if rel is not None and rel.parts:
            return rel.with_suffix("").as_posix()
    return path.stem


def display_path(path: Path) -> str:
    """The path as given, relative to the working directory when it lies under it."""
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path.as_posix()
    return path.as_posix()


def parse_file(path: Path, root: Path | None = None) -> Article:
    """Read and understand one file; `SkipFile` when it cannot be an article."""
    path = Path(path)
    return parse_text(read_text(path), article_id(path, root), display_path(path))


def iter_files(paths: Sequence[Path]) -> Iterator[tuple[Path, Path | None]]:
    """(file, the folder it was found in or None) for every file given or found under a
    given folder (``*.txt``, recursively, sorted, hidden entries skipped)."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = []
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                found += [
                    Path(dirpath, f)
                    for f in filenames
                    if f.endswith(SUFFIXES) and not f.startswith(".")
                ]
            for f in sorted(found):
                yield f, p
        else:
            yield p, None


def parse_files(
    paths: Sequence[Path], root: Path | None = None
) -> tuple[list[Article], list[tuple[str, str]]]:
    """Parse files and folders; people are made canonical across all the articles.

    Returns the articles and the (path, reason) list of files skipped.
    """
    articles: list[Article] = []
    skipped: list[tuple[str, str]] = []
    for path, folder in iter_files(paths):
        try:
            articles.append(parse_file(path, root if root is not None else folder))
        except SkipFile as e:
            skipped.append((display_path(path), str(e)))
    canon = PeopleCanon()
    for a in articles:
        canon.add(a.people, where_of(a.section, a.date))
        canon.weigh(a.evidence)
    out = []
    for a in articles:
        place = where_of(a.section, a.date)
        values = (canon.value(n, place) for n in a.people)
        people = tuple(dict.fromkeys(v for v in values if v is not None))
        out.append(a if people == a.people else replace(a, people=people))
    return out, skipped
