"""One formatting module: every byte the CLI prints on stdout is shaped here.

JSON is printed with ensure_ascii=False. Article text is never interpreted as rich markup.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

from search.models import Article


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def print_articles(articles: Sequence[Article], fmt: str) -> None:
    """`cerca parse` / `cerca show` output: a JSON array, or readable text."""
    if fmt == "json":
        _write(json.dumps([a.to_dict() for a in articles], ensure_ascii=False, indent=2) + "\n")
        return
    for a in articles:
        _write(article_text(a) + "\n")


def article_text(a: Article) -> str:
    head = [a.title, ""]
    for label, value in (
        ("id", a.id),
        ("format", a.format),
        ("subtitle", a.subtitle),
        ("author", a.author),
        ("date", a.date),
        ("section", a.section),
        ("source", a.source),
        ("tags", ", ".join(a.tags) or None),
        ("people", ", ".join(a.people) or None),
    ):
        if value:
            head.append(f"{label}: {value}")
    return "\n".join(head) + "\n\n" + a.body + "\n"
