"""Layouts (search.parse.layouts / alanews / plain / dated): detection and fields."""

from __future__ import annotations

import pytest

from search.parse import SkipFile, detect_format, parse_text
from search.parse.body import is_credit, strip_captions

MENU = [
    "  • Login", "  • Cronaca", "  • Esteri", "  • Sport", "    • Calcio", "  • Cultura",
    "No Result", "View All Result",
]  # fmt: skip


def page(
    *,
    crumb: str = "Home Esteri",
    title: str = "Il titolo dell’articolo",
    subtitle: str | None = "Il sommario che spiega",
    author: str | None = "Marco Rossi",
    date: str = "11 Dicembre 2025",
    crawl: str = "giovedì 29 Gennaio 2026",
    body: list[str] | None = None,
    tags: str | None = "RussiaUSA",
    menu: list[str] | None = None,
) -> str:
    lines = ["Chi siamo", "Redazione", crawl, *(MENU if menu is None else menu), crumb, ""]
    lines += [title, ""]
    if subtitle:
        lines += [subtitle, ""]
    if author:
        lines.append(f"by {author}")
    lines.append(date)
    lines += ["Una foto della piazza", "", "EPA/RAMIL SITDIKOV / POOL", ""]
    for p in body or ["Primo paragrafo del testo. Con due frasi.", "Ultimo paragrafo."]:
        lines += [p, ""]
    if tags:
        lines += [f"Tags: {tags}", ""]
    lines += [
        "Related Posts", "", "Didascalia altrui", "Esteri", "", "Titolo di un altro articolo",
        "", "10 Dicembre 2025", "", "Articoli recenti", "", "  • Un titolo recente", "",
        "© 2026 Alanews – Smart Media Solutions - Testata giornalistica", "", "Welcome Back!",
        "", "Login to your account below", *MENU,
    ]  # fmt: skip
    return "\n".join(lines)


def parse(text: str):
    return parse_text(text, "x", "x.txt")


@pytest.fixture(autouse=True)
def _no_people(monkeypatch: pytest.MonkeyPatch) -> None:
    # people extraction is search.people's job and tested there
    monkeypatch.setattr("search.parse.extract_people", lambda *a, **k: [])


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        (page(), "alanews"),
        (" date 2022-12 Il titolo\n\nIl testo.\n", "dated"),
        ("date 2022-12-05 Il titolo\n\nIl testo.\n", "dated"),
        ("Il 3 marzo 2024, il testo comincia. E continua.\nUn titolo\nAltro testo.", "plain"),
        ("Titolo\n\nTesto.", "plain"),
        # a "Home" line without a menu above is no breadcrumb
        ("Home Esteri\n\nTitolo\n\nTesto.", "plain"),
        # unknown layouts fall back to plain
        ("# Markdown?\n\n- uno\n- due\n", "plain"),
        (" date 2022-13 Mese sbagliato\n\nTesto.", "plain"),
    ],
)
def test_detect_format(text: str, fmt: str) -> None:
    assert detect_format(text) == fmt
    assert parse(text).format == fmt


def test_alanews_fields() -> None:
    a = parse(page())
    assert (a.title, a.subtitle, a.author) == (
        "Il titolo dell’articolo", "Il sommario che spiega", "Marco Rossi"
    )  # fmt: skip
    assert a.date == "2025-12-11"  # the article's date, not the crawl date above the menu
    assert a.section == "Esteri"
    assert a.tags == ("Russia", "USA")
    assert a.source == "Alanews"
    assert a.body == "Primo paragrafo del testo. Con due frasi.\n\nUltimo paragrafo."


@pytest.mark.parametrize(
    ("crumb", "section"),
    [
        ("Home Calcio", "Sport/Calcio"),  # the menu nests Calcio under Sport
        ("Home Sport Calcio", "Sport/Calcio"),
        ("Home Sport", "Sport"),
        ("Home Cronaca", "Cronaca"),
        ("Home Cronaca Nera", "Cronaca/Nera"),
        ("Home Prima Pagina", "Prima Pagina"),  # unknown words make one level
        ("Home » Esteri", "Esteri"),
        ("Home > Sport > Calcio", "Sport/Calcio"),
        ("Home", None),
    ],
)
def test_section_from_breadcrumb_and_menu(crumb: str, section: str | None) -> None:
    assert parse(page(crumb=crumb)).section == section


def test_section_without_nesting_in_the_menu() -> None:
    flat = [m.strip().replace("• ", "  • ") if "Calcio" in m else m for m in MENU]
    flat = ["  • Calcio" if m.endswith("Calcio") else m for m in flat]
    assert parse(page(crumb="Home Calcio", menu=flat)).section == "Calcio"


@pytest.mark.parametrize(
    ("subtitle", "author"), [(None, None), (None, "Anna Maria D'Amico"), ("Sommario", None)]
)
def test_optional_header_lines(subtitle: str | None, author: str | None) -> None:
    a = parse(page(subtitle=subtitle, author=author))
    assert (a.subtitle, a.author, a.date) == (subtitle, author, "2025-12-11")
    assert a.body.startswith("Primo paragrafo")


def test_body_keeps_subheadings_and_drops_captions_credits_trailers() -> None:
    body = [
        "Mosca, 11 dicembre 2025 – Il primo paragrafo.",
        "Un sottotitolo interno",
        "Secondo paragrafo, con testo.",
        "La foto di una piazza\nLa foto di una piazza | Shutterstock – alanews",
        "\u00a0",
        "Terzo paragrafo.",
        "Una didascalia di Pixabay\nUna didascalia di Pixabay | Pixabay @Iuliia_Leonteva - alanews",
        "Ultimo paragrafo.",
    ]
    a = parse(page(body=body))
    assert a.body.split("\n\n") == [
        "Mosca, 11 dicembre 2025 – Il primo paragrafo.",
        "Un sottotitolo interno",
        "Secondo paragrafo, con testo.",
        "Terzo paragrafo.",
        "Ultimo paragrafo.",
    ]
    gone = ["Una foto della piazza", "EPA/", "Titolo di un altro articolo", "Tags:"]
    gone += ["Articoli recenti", "Related Posts", "Un titolo recente", "Welcome", "©"]
    assert [g for g in gone if g in a.body] == []


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_top_caption_over_a_photo_label_credit_leaves_the_body(gap: str) -> None:
    # "Foto X | Y - alanews": a credit throughout, and the line above is its caption
    text = page().replace(
        "Una foto della piazza\n\nEPA/RAMIL SITDIKOV / POOL",
        f"Gianni Morandi sul palco{gap}Foto Mario Bianchi | Ansa - alanews",
    )
    a = parse_text(text, "x", "x.txt")
    assert "Morandi" not in a.body and "Bianchi" not in a.body
    assert a.people == ()
    # a caption that is no photo label stays the caption of its own line only
    text = page(body=["Foto di gruppo dei ragazzi", "Foto di gruppo | Ansa - alanews"])
    assert parse_text(text, "x", "x.txt").body == "Foto di gruppo dei ragazzi"


def test_no_tags_line() -> None:
    assert parse(page(tags=None)).tags == ()


@pytest.mark.parametrize(
    "line",
    ["EPA/RAMIL SITDIKOV / POOL", "EPA/ALEXANDER NEMENOV/AFP / POOL - alanews", "ANSA",
     "ANSA/CIRO FUSCO", "Shutterstock – alanews", "Pixabay @Iuliia_Leonteva - alanews",
     "Getty Images", "Foto: Mario Rossi", "LaPresse", "LAPRESSE/MARIO ROSSI"],
)  # fmt: skip
def test_credit_lines(line: str) -> None:
    assert is_credit(line)


@pytest.mark.parametrize(
    "line",
    ["Tass: la Russia risponde alle accuse", "Ansa, la notizia del giorno",
     "Il sindaco di Modena ha parlato.", "Un sottotitolo interno", "La Nato/Ue",
     "USA/Cina", "Fonte: Istat"],
)  # fmt: skip
def test_not_credit_lines(line: str) -> None:
    assert not is_credit(line)


def test_long_paragraph_above_a_credit_is_not_a_caption() -> None:
    long = "Un paragrafo molto lungo. " * 20
    assert strip_captions([long, "", "EPA/X / POOL"]) == [long, ""]


@pytest.mark.parametrize(
    ("text", "title", "date", "head"),
    [
        (  # seed 001: first paragraph first, headline second
            "Il 27 settembre 2025, il presidente ha accolto il suo alleato. Poi è ripartito.\n"
            "Incontro tra i due: un’alleanza strategica\nAltro paragrafo.",
            "Incontro tra i due: un’alleanza strategica",
            "2025-09-27",
            "Il 27 settembre",
        ),
        (  # the headline first, as most text files
            "Un titolo qualunque\n\nCarpi, 1º marzo 2024 – Il fatto. E poi il resto.\n",
            "Un titolo qualunque",
            "2024-03-01",
            "Carpi, 1º marzo",
        ),
        (  # a headline with initials and an inner quote is still the headline
            "L’8 marzo 2024, tutto era pronto. I due sono arrivati.\n"
            "Si tratta di D. B., 22 anni: “Ho finito. È tutto a posto”\nAltro.",
            "Si tratta di D. B., 22 anni: “Ho finito. È tutto a posto”",
            "2024-03-08",
            "L’8 marzo",
        ),
        (  # a month and year in the headline is no dateline
            "Il 7 marzo 2023, la zona industriale. Poi il resto.\n"
            "Nel dicembre 2019 entrò alla Profumeria di largo Garibaldi\nAltro.",
            "Nel dicembre 2019 entrò alla Profumeria di largo Garibaldi",
            "2023-03-07",
            "Il 7",
        ),
        (  # no headline anywhere: the first sentence, kept in the body too
            "Il testo comincia qui. E continua a lungo, senza titolo.\nSecondo paragrafo.",
            "Il testo comincia qui.",
            None,
            "Il testo comincia qui.",
        ),
    ],
)
def test_plain(text: str, title: str, date: str | None, head: str) -> None:
    a = parse(text)
    assert (a.format, a.title, a.date) == ("plain", title, date)
    assert a.body.startswith(head)
    assert (a.subtitle, a.author, a.section, a.source) == (None, None, None, None)


def test_dated() -> None:
    a = parse(' date 2022-12 Il capo: "Non vogliamo"\n\nPrimo. Mosca, 3 marzo 2024.\n\nFine.\n')
    assert (a.format, a.title, a.date) == ("dated", 'Il capo: "Non vogliamo"', "2022-12")
    assert a.body == "Primo. Mosca, 3 marzo 2024.\n\nFine."


def test_hard_wrapped_plain_text_is_joined() -> None:
    text = (
        "Titolo breve\n\n"
        "Questo paragrafo e' stato spezzato a settanta colonne come fanno certi\n"
        "programmi di posta elettronica, e va ricomposto in una sola riga per\n"
        "essere letto bene.\n\nSecondo paragrafo."
    )
    a = parse(text)
    assert a.body.split("\n\n")[0].count("\n") == 0
    assert a.body.endswith("Secondo paragrafo.")


def test_page_frame_without_an_article_is_skipped() -> None:
    frame = "\n".join(["Chi siamo", "Redazione", "mercoledì 31 Dicembre 2025", *MENU])
    frame += "\n\nArticoli recenti\n\n  • Un titolo\n\n© 2025 Alanews – Testata\n"
    with pytest.raises(SkipFile, match="^page frame without an article$"):
        parse(frame)


def test_page_frame_without_breadcrumb_keeps_its_prose() -> None:
    text = "\n".join(["Chi siamo", *MENU, "", "Il titolo", "", ARTICLE_PROSE, "", *MENU])
    a = parse(text)
    assert (a.format, a.title, a.body) == ("plain", "Il titolo", ARTICLE_PROSE)


ARTICLE_PROSE = "Il consiglio comunale ha approvato ieri sera il bilancio. La seduta è durata poco."
