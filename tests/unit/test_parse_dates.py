"""Italian dates (search.parse.dates)."""

import pytest

from search.parse.dates import MONTHS, find_date, parse_date_line, parse_iso


@pytest.mark.parametrize(("month", "number"), list(MONTHS.items()))
@pytest.mark.parametrize("case", [str.lower, str.capitalize, str.upper])
def test_all_months_any_case(month: str, number: int, case) -> None:
    assert find_date(f"Roma, 7 {case(month)} 2024 – Il fatto.") == f"2024-{number:02d}-07"
    assert parse_date_line(f"7 {case(month)} 2024") == f"2024-{number:02d}-07"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Il 27 settembre 2025, il presidente", "2025-09-27"),
        ("Nella giornata del 1º marzo 2024, maxi furto", "2024-03-01"),
        ("Il 1° marzo 2024, la polizia", "2024-03-01"),
        ("L’8 marzo 2024, la festa", "2024-03-08"),
        ("dell'11 marzo 2024 alle 10", "2024-03-11"),
        ("Carpi, 3 marzo 2024 – Sono", "2024-03-03"),
        ("il 12 sett. 2023 in aula", "2023-09-12"),
        ("firmato il 03/04/2021 a Roma", "2021-04-03"),
        ("il 31 febbraio 2024 non esiste, il 2 marzo 2024 sì", "2024-03-02"),
        ("nessuna data qui, solo 2024 e 15 marzo", None),
        ("nel marzo 2024 la giunta, poi il 2 aprile 2024", "2024-04-02"),  # full date first
        ("Nel Marzo 2024 la giunta ha deciso", "2024-03"),  # else month precision
    ],
)
def test_find_date(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


def test_find_date_without_month_precision() -> None:
    assert find_date("Nel Marzo 2024 la giunta", month_precision=False) is None


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("31 Dicembre 2025", "2025-12-31"),
        ("mercoledì 31 Dicembre 2025", "2025-12-31"),  # a crawl-date line is a date line
        ("  1º Gennaio 2026 ", "2026-01-01"),
        ("31 Dicembre 2025 - 10:30", "2025-12-31"),
        ("31/12/2025 ore 10.30", "2025-12-31"),
        ("Mosca, 31 dicembre 2025 – Nel corso", None),  # a dateline is not a date line
        ("31 Dicembre", None),
    ],
)
def test_parse_date_line(line: str, iso: str | None) -> None:
    assert parse_date_line(line) == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2022-12", "2022-12"),
        ("2025", "2025"),
        ("2025-12-31", "2025-12-31"),
        ("2025-13", None),
        ("2025-02-30", None),
        ("12-2022", None),
    ],
)
def test_parse_iso(text: str, iso: str | None) -> None:
    assert parse_iso(text) == iso
