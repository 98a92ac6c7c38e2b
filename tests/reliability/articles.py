"""Realistic generated Italian news files for the reliability tests (no ../shared in CI).

Three layouts, as in the seed corpus: `alanews` full-page scrapes (menus, breadcrumb,
caption, photo credit, glued tags, Related Posts, footer, login box), `plain` article
text (the date in the first sentence, the second line a heading) and `dated`
(` date YYYY-MM Title`). Every article carries a made-up marker word that occurs
nowhere else, so a test can ask the index for exactly that article.

Everything is a pure function of its arguments (seeded `random.Random`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

MONTHS = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
]
WEEKDAYS = ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"]
SECTIONS = ["Cronaca", "Politica", "Economia", "Esteri", "Cultura", "Ambiente"]
AUTHORS = ["Marco Viscomi", "Giulia Ferretti", "Luca Marchetti", "Francesca Romano"]
PEOPLE = [
    "Vladimir Putin",
    "Alexander Lukashenko",
    "Volodymyr Zelensky",
    "Giorgia Meloni",
    "Sergio Mattarella",
    "Antonio Tajani",
]
CITIES = ["Roma", "Milano", "Napoli", "Torino", "Bologna", "Firenze", "Palermo", "Bari"]
TOPICS = [
    "la riforma delle pensioni",
    "il bilancio comunale",
    "la nuova linea ferroviaria",
    "la crisi energetica",
    "il piano per le scuole",
    "la sicurezza stradale",
    "i negoziati di pace",
    "la tutela dei boschi",
]
SENTENCES = [
    "{city}, {day} {month} {year} – Nel corso di un incontro avvenuto nella serata di ieri, "
    "{person} ha discusso con i rappresentanti locali de{topic}.",
    "Secondo quanto riferito dall’agenzia, le parti hanno concordato nuovi incontri "
    "nelle prossime settimane.",
    "L’opposizione ha criticato duramente la proposta, definendola insufficiente e tardiva.",
    "I sindacati hanno annunciato una mobilitazione perché le risorse stanziate non bastano.",
    "Il ministero ha confermato che i fondi saranno distribuiti entro la fine dell’anno.",
    "Nelle ultime settimane si sono intensificati i contatti tra il governo e le regioni.",
    "Gli esperti sottolineano la necessità di un coordinamento più stretto tra gli enti.",
    "La decisione è stata accolta con favore dalle associazioni dei consumatori.",
    "Durante la conferenza stampa {person} ha ribadito l’importanza del dialogo.",
    "Le stime indicano una crescita dell’occupazione nel secondo semestre.",
    "Il sindaco di {city} ha chiesto tempi certi per l’avvio dei cantieri.",
    "Non sono mancate le polemiche sull’attribuzione degli incarichi.",
]


def marker(i: int, prefix: str = "zorv") -> str:
    """A pronounceable word that occurs only in article `i` (letters only)."""
    letters = "bcdfglmnprstv"
    vowels = "aeiou"
    s = ""
    n = i
    for _ in range(4):
        s += letters[n % len(letters)] + vowels[(n // len(letters)) % len(vowels)]
        n //= len(letters) * len(vowels)
    return prefix + s


@dataclass(frozen=True)
class Spec:
    """What a generated file is about: enough to check what the index holds."""

    layout: str  # alanews | plain | dated
    title: str
    marker: str
    date: str  # ISO, at the precision the layout gives
    section: str | None


def _paragraphs(rng: random.Random, mark: str, ctx: dict[str, str], n: int) -> list[str]:
    paras = []
    first = SENTENCES[0].format(**ctx)
    for p in range(n):
        sents = [first] if p == 0 else []
        sents += [rng.choice(SENTENCES[1:]).format(**ctx) for _ in range(rng.randint(2, 4))]
        if p == n // 2:
            sents.append(f"La vicenda di {mark.capitalize()} resta al centro del dibattito.")
        paras.append(" ".join(sents))
    return paras


def _ctx(rng: random.Random, year: int, month: int, day: int) -> dict[str, str]:
    topic = rng.choice(TOPICS)
    # "de" + "la riforma" -> "della riforma": keep the Italian grammatical
    article, rest = topic.split(" ", 1)
    glued = {"la": "lla ", "il": "l ", "i": "i "}[article] + rest
    return {
        "city": rng.choice(CITIES),
        "person": rng.choice(PEOPLE),
        "topic": glued,
        "day": str(day),
        "month": MONTHS[month - 1],
        "year": str(year),
    }


MENU = "\n".join(
    f"  • {s}"
    for s in [
        "Cronaca",
        "Politica",
        "Economia",
        "Esteri",
        "Sport",
        "  • Calcio",
        "Spettacoli",
        "Cultura",
        "Ambiente",
        "Video",
    ]
)
FOOTER = (
    "© 2025 Alanews – Smart Media Solutions - Testata giornalistica registrata al tribunale "
    "di Roma n° 243/2012 | Gestione editoriale e multimediale Editorially Srl - Via Assisi 21 "
    "- 00181 Roma | Visiona le nostre condizioni d'uso e la nostra politica sulla privacy & "
    "cookies."
)
LOGIN = (
    "Welcome Back!\n\nLogin to your account below\n\nForgotten Password?\n\n"
    "Retrieve your password\n\nPlease enter your username or email address to reset your "
    "password.\n\nLog In\n×\nNo Result\nView All Result"
)


def boilerplate_page(weekday: str = "mercoledì", date: str = "31 Dicembre 2025") -> str:
    """An alanews page with every frame part and no article at all."""
    return (
        f"Chi siamo\nRedazione\n{weekday} {date}\n  • Login\n{MENU}\nNo Result\n"
        f"View All Result\n{MENU}\nNo Result\nView All Result\n  • Login\n"
        f"\nArticoli recenti\n\n  • Ponti 2026, ecco il calendario\n  • Papa: “Il Giubileo "
        f"sia segno di speranza”\n\n{FOOTER}\n\n{LOGIN}\n{MENU}\n\n{FOOTER}\n"
    )


def alanews(rng: random.Random, i: int, mark: str) -> tuple[str, Spec]:
    year, month, day = 2025, rng.randint(1, 12), rng.randint(1, 28)
    ctx = _ctx(rng, year, month, day)
    section = rng.choice(SECTIONS)
    title = f"{ctx['person']} e il caso {mark.capitalize()}: {rng.choice(TOPICS)} a {ctx['city']}"
    subtitle = f"Le reazioni a {ctx['city']} dopo l’annuncio: {rng.choice(TOPICS)} divide"
    author = rng.choice(AUTHORS)
    date_line = f"{day} {MONTHS[month - 1].capitalize()} {year}"
    paras = _paragraphs(rng, mark, ctx, rng.randint(3, 6))
    paras.insert(2, "Le prossime tappe del confronto")  # an in-body subheading
    tags = "".join(sorted({ctx["person"], ctx["city"], "Italia"}))
    related = "\n".join(
        f"Foto di repertorio\n{s}\n\n{t}\n\n30 Dicembre 2025"
        for s, t in [
            ("Politica", "Crosetto: “Accordo unanime sul decreto, aiuti anche ai civili”"),
            ("Esteri", "Zelensky agli ucraini: “Guardiamo al futuro con speranza”"),
        ]
    )
    text = (
        f"Chi siamo\nRedazione\n{WEEKDAYS[i % 7]} {date_line}\n  • Login\n{MENU}\n"
        f"No Result\nView All Result\n  • Login\nNo Result\nView All Result\n"
        f"Home {section}\n\n{title}\n\n{subtitle}\n\nby {author}\n{date_line}\n"
        f"Una veduta di {ctx['city']}\n\nEPA/RAMIL SITDIKOV / POOL\n\n"
        + "\n\n".join(paras)
        + f"\n\nTags: {tags}\n\nRelated Posts\n\n{related}\n\nArticoli recenti\n\n"
        "  • Ponti 2026, ecco il calendario: tutte le date dei weekend lunghi\n"
        f"  • Papa: “Il Giubileo sia segno di speranza”\n\n{FOOTER}\n\n{LOGIN}\n"
    )
    return text, Spec("alanews", title, mark, f"{year}-{month:02d}-{day:02d}", section)


def plain(rng: random.Random, i: int, mark: str) -> tuple[str, Spec]:
    year, month, day = 2024, rng.randint(1, 12), rng.randint(1, 28)
    ctx = _ctx(rng, year, month, day)
    paras = _paragraphs(rng, mark, ctx, rng.randint(3, 5))
    paras[0] = (
        f"Il {day} {MONTHS[month - 1]} {year}, a {ctx['city']}, {ctx['person']} ha presentato "
        f"i dati su{ctx['topic']}. "
        + " ".join(rng.choice(SENTENCES[1:]).format(**ctx) for _ in range(3))
    )
    title = f"Il caso {mark.capitalize()}: cosa cambia per {rng.choice(CITIES)}"
    text = paras[0] + "\n" + title + "\n" + "\n".join(paras[1:]) + "\n"
    return text, Spec("plain", title, mark, f"{year}-{month:02d}-{day:02d}", None)


def dated(rng: random.Random, i: int, mark: str) -> tuple[str, Spec]:
    year, month = 2023, rng.randint(1, 12)
    ctx = _ctx(rng, year, month, rng.randint(1, 28))
    title = f"{ctx['person']} a {ctx['city']}: “Il caso {mark.capitalize()} non è chiuso”"
    paras = _paragraphs(rng, mark, ctx, rng.randint(2, 5))
    text = f" date {year}-{month:02d} {title}\n\n" + "\n\n".join(paras) + "\n"
    return text, Spec("dated", title, mark, f"{year}-{month:02d}", None)


LAYOUTS = {"alanews": alanews, "plain": plain, "dated": dated}


def article(i: int, seed: int = 0, layout: str | None = None, mark: str | None = None):
    """Text and Spec of generated article number `i` (layout cycles if not given)."""
    rng = random.Random(f"{seed}:{i}")
    name = layout or ("alanews", "alanews", "plain", "dated")[i % 4]
    return LAYOUTS[name](rng, i, mark or marker(i))


def write_corpus(
    root: Path, n: int, seed: int = 0, start: int = 0, shard: int = 100
) -> dict[str, Spec]:
    """Write n articles under root (sharded folders); returns {id: Spec}."""
    specs: dict[str, Spec] = {}
    for i in range(start, start + n):
        text, spec = article(i, seed)
        rel = f"{i // shard:03d}/{i:05d}_{spec.layout}"
        path = root / f"{rel}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        specs[rel] = spec
    return specs
