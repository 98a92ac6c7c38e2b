"""A small in-memory index of hand-written articles, built with the real document builder.

Metadata (sections, tags, people, authors, dates) is chosen so facet counts, filters and
sort orders have exact expected values, independently of the parser.
"""

from __future__ import annotations

from dataclasses import dataclass

import tantivy

from search.index import schema as f
from search.index.documents import article_document
from search.models import Article
from search.people import PeopleCanon
from search.query import Searcher


def article(
    id: str,
    date: str | None,
    section: str | None,
    tags: tuple[str, ...],
    people: tuple[str, ...],
    author: str | None,
    title: str,
    body: str,
) -> Article:
    return Article(
        id,
        f"corpus/{id}.txt",
        "plain",
        title,
        None,
        author,
        date,
        section,
        tags,
        people,
        None,
        body,
    )


ARTICLES = (
    article(
        "a01",
        "2025-12-10",
        "Esteri",
        ("Russia", "Ucraina", "Ultim'ora"),
        ("Vladimir Putin", "Sergei Lavrov"),
        "Mario Rossi",
        "Putin riceve Lavrov al Cremlino",
        "Il presidente russo ha incontrato il ministro degli Esteri nella residenza "
        "presidenziale. I colloqui sono durati tre ore.\n\nNessun commento dal governo.",
    ),
    article(
        "a02",
        "2025-12-20",
        "Esteri",
        ("Ucraina",),
        ("Volodymyr Zelensky",),
        "Anna Bianchi",
        "Zelensky: nuovi attacchi con droni",
        "Nella notte i droni russi hanno colpito Kiev. Un drone è caduto vicino alla "
        "centrale, secondo le autorità.",
    ),
    article(
        "a03",
        "2026-01-05",
        "Esteri",
        ("Russia", "USA"),
        ("Sergei Lavrov", "Marco Rubio"),
        "Mario Rossi",
        "Lavrov e Rubio, colloquio a Ginevra",
        "Il colloquio tra i due ministri è stato accolto con favore. Lavrov incontra "
        "Rubio di nuovo a febbraio.",
    ),
    article(
        "a04",
        "2026-01-15",
        "Sport/Calcio",
        ("Serie A",),
        (),
        "Luca Verdi",
        "Derby di Milano, l'Inter vince",
        "La partita è finita due a zero. Perché l'allenatore ha cambiato modulo? "
        "Lo spiega lui stesso.",
    ),
    article(
        "a05",
        "2025-11-30",
        "Sport",
        ("Tennis",),
        ("Jannik Sinner",),
        "Luca Verdi",
        "Sinner vince a Torino",
        "Il campione ha battuto l'avversario in due set davanti al pubblico di casa.",
    ),
    article(
        "a06",
        "2024",
        "Cronaca",
        (),
        (),
        None,
        "Furto in centro",
        "I carabinieri hanno arrestato due ladri dopo un inseguimento. Uno dei due è nato "
        "in Francia, l'altro lavora per la NATO.",
    ),
    article(
        "a07",
        None,
        None,
        ("Ultim'ora",),
        (),
        "Anna Bianchi",
        "Nota [red]senza[/] data",
        "Testo con [bold]markup[/bold] e una sequenza \x1b[2J di escape.",
    ),
)
IDS = tuple(a.id for a in ARTICLES)
NEWEST_FIRST = ("a04", "a03", "a02", "a01", "a05", "a06", "a07")  # undated last


@dataclass
class FakeManifest:
    people: PeopleCanon
    updated: str = "2026-01-20T10:00:00+00:00"
    corpus: str = "corpus"


def build_searcher(articles: tuple[Article, ...] = ARTICLES) -> Searcher:
    index = tantivy.Index(f.build_schema())
    f.register_tokenizers(index)
    writer = index.writer(heap_size=15_000_000, num_threads=1)
    canon = PeopleCanon()
    for a in articles:
        canon.add(a.people)
        writer.add_document(article_document(a))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return Searcher.from_index(index, FakeManifest(canon))
