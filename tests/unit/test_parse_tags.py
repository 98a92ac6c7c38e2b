"""Splitting the glued ``Tags:`` line (search.parse.tags)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.parse.tags import split_glued, split_tags


@pytest.mark.parametrize(
    ("line", "tags"),
    [
        # seeds
        ("RussiaUcrainaUltim'oraUSA", ["Russia", "Ucraina", "Ultim'ora", "USA"]),
        (
            "Alexander LukashenkoGuerra in UcrainaUSAVladimir PutinVolodymyr Zelensky",
            [
                "Alexander Lukashenko",
                "Guerra in Ucraina",
                "USA",
                "Vladimir Putin",
                "Volodymyr Zelensky",
            ],
        ),
        # acronym followed by a capitalised word
        ("USAVladimir Putin", ["USA", "Vladimir Putin"]),
        ("PDSenato", ["PD", "Senato"]),
        # runs of acronyms
        ("UEUSA", ["UE", "USA"]),
        ("NATOONUUEUSA", ["NATO", "ONU", "UE", "USA"]),
        ("Serie AUEFA", ["Serie A", "UEFA"]),
        ("IRPEFPILPNRR", ["IRPEF", "PIL", "PNRR"]),
        # an unknown acronym stays whole
        ("ABCDXYZ", ["ABCDXYZ"]),
        # digits
        ("Formula 1Francesco Bagnaia", ["Formula 1", "Francesco Bagnaia"]),
        ("G7ONU", ["G7", "ONU"]),
        ("5GAgcomApple", ["5G", "Agcom", "Apple"]),
        ("M5SPD", ["M5S", "PD"]),
        ("Covid-19OMS", ["Covid-19", "OMS"]),
        ("Euro 2024FIGCMondiali 2026", ["Euro 2024", "FIGC", "Mondiali 2026"]),
        ("COP30Emilia-Romagna", ["COP30", "Emilia-Romagna"]),
        ("'Ndrangheta5GForza Italia", ["'Ndrangheta", "5G", "Forza Italia"]),
        ("Covid19", ["Covid19"]),
        # apostrophes
        ("'NdranghetaCamorraMafia", ["'Ndrangheta", "Camorra", "Mafia"]),
        ("Fratelli d'ItaliaGiorgia Meloni", ["Fratelli d'Italia", "Giorgia Meloni"]),
        ("Giro d'ItaliaTour de France", ["Giro d'Italia", "Tour de France"]),
        # multi-word tags and particles
        ("Guerra in UcrainaRussia", ["Guerra in Ucraina", "Russia"]),
        ("Ursula von der LeyenUSA", ["Ursula von der Leyen", "USA"]),
        ("Kim Jong-unMedio Oriente", ["Kim Jong-un", "Medio Oriente"]),
        ("Maria De FilippiMåneskinX Factor", ["Maria De Filippi", "Måneskin", "X Factor"]),
        # camel case: kept whole (by the sorted order, or as known words)
        ("ChatGPTOpenAITikTokUSA", ["ChatGPT", "OpenAI", "TikTok", "USA"]),
        ("AgcomOpenAI", ["Agcom", "OpenAI"]),
        ("GoogleYouTube", ["Google", "YouTube"]),
        ("MotoGPTennis", ["MotoGP", "Tennis"]),
        ("WhatsAppYouTube", ["WhatsApp", "YouTube"]),
        # a single tag
        ("Cremlino", ["Cremlino"]),
    ],
)
def test_split_tags(line: str, tags: list[str]) -> None:
    assert split_tags(line) == tags


def test_camel_case_word_from_the_article_stays_whole() -> None:
    # "BarFoo" is no known word and "bar" < "foo" keeps the order: only the article
    # writing it as one word says it is one tag
    assert split_tags("BarFooUSA") == ["Bar", "Foo", "USA"]
    assert split_tags("BarFooUSA", ["Parla BarFoo, la nuova app."]) == ["BarFoo", "USA"]
    assert split_tags("BarFooUSA", ["Un BarFooX non conta."]) == ["Bar", "Foo", "USA"]


def test_order_keeps_unsorted_camel_case_whole_without_a_lexicon() -> None:
    # "Open" > "AI" case-insensitively: the sorted tag line cannot have them as two tags
    assert split_glued("OpenAI", known=frozenset()) == ["OpenAI"]
    assert split_glued("PutinZelensky", known=frozenset()) == ["Putin", "Zelensky"]
    # and an acronym before a word that sorts before it is not cut off ("pd" > "parlamento")
    assert split_glued("PDParlamento") == ["PDParlamento"]


@pytest.mark.parametrize(
    ("line", "tags"),
    [
        ("Russia, Ucraina, USA", ["Russia", "Ucraina", "USA"]),
        ("Russia; Ucraina", ["Russia", "Ucraina"]),
        ("#Russia #Ucraina", ["Russia", "Ucraina"]),
        ("Russia | Russia | NATO", ["Russia", "NATO"]),
    ],
)
def test_separated_tags(line: str, tags: list[str]) -> None:
    assert split_tags(line) == tags


def test_empty_line_has_no_tags() -> None:
    assert split_tags("   ") == []


# Tags of the kinds news sites use: people, places, multi-word topics, acronyms, digits,
# apostrophes, camel-case brands. Any sorted selection, glued, must split back.
VOCABULARY = sorted(
    {
        "Giorgia Meloni",
        "Sergio Mattarella",
        "Ursula von der Leyen",
        "Kim Jong-un",
        "Xi Jinping",
        "Marc Márquez",
        "Maria De Filippi",
        "Gilberto Pichetto Fratin",
        "Roma",
        "Milano",
        "Napoli",
        "Emilia-Romagna",
        "Medio Oriente",
        "Casa Bianca",
        "Guerra in Ucraina",
        "Legge di Bilancio",
        "Intelligenza artificiale",
        "Vigili del fuoco",
        "Ultim'ora",
        "'Ndrangheta",
        "Fratelli d'Italia",
        "Giro d'Italia",
        "UE",
        "USA",
        "NATO",
        "ONU",
        "BCE",
        "PIL",
        "PNRR",
        "IRPEF",
        "PD",
        "M5S",
        "FIGC",
        "UEFA",
        "VAR",
        "OMS",
        "ISS",
        "UNESCO",
        "G7",
        "5G",
        "COP30",
        "Covid-19",
        "Formula 1",
        "Euro 2024",
        "Mondiali 2026",
        "Milano Cortina 2026",
        "Serie A",
        "TikTok",
        "ChatGPT",
        "OpenAI",
        "YouTube",
        "WhatsApp",
        "MotoGP",
        "Apple",
        "Meta",
        "Tesla",
        "Måneskin",
        "Sanità",
        "Università",
        "Carabinieri",
        "Cremlino",
        "Russia",
        "Ucraina",
    },
    key=str.casefold,
)


@settings(max_examples=400, deadline=None)
@given(st.sets(st.sampled_from(VOCABULARY), min_size=1, max_size=7))
def test_any_sorted_selection_splits_back(tags: set[str]) -> None:
    ordered = sorted(tags, key=str.casefold)
    assert split_tags("".join(ordered)) == ordered
