"""What a layout parser extracts from one page, before people and ids are added."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Fields:
    format: str
    title: str
    subtitle: str | None = None
    author: str | None = None
    date: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    source: str | None = None
    body: str = ""
