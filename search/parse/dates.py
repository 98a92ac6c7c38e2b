"""Italian dates in running text and on date lines, as ISO strings.

``31 Dicembre 2025``, ``mercoledì 31 dicembre 2025``, ``1º marzo 2024``, ``1° MARZO 2024``,
``L’8 marzo 2024``, ``3 mar. 2024`` and ``03/03/2024`` (day first, as Italians write it) all
parse; the result keeps the precision the text gives (``2025-12-31``, ``2022-12``, ``2025``).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

MONTHS = {
    "gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6,
    "luglio": 7, "agosto": 8, "settembre": 9, "ottobre": 10, "novembre": 11, "dicembre": 12,
}  # fmt: skip
# Abbreviations newspapers use in datelines ("3 mar. 2024", "12 sett 2023").
ABBREVIATIONS = {
    "gen": 1, "feb": 2, "mar": 3, "apr": 4, "mag": 5, "giu": 6,
    "lug": 7, "ago": 8, "set": 9, "sett": 9, "ott": 10, "nov": 11, "dic": 12,
}  # fmt: skip
_MONTH_NUMBER = {**MONTHS, **ABBREVIATIONS}
WEEKDAYS = ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica")

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_ABBR_RE = "|".join(sorted(ABBREVIATIONS, key=len, reverse=True))
# Day: 1-31, optionally with the ordinal mark of "1º" / "1°" (also "1 º").
_DAY = r"(?P<day>[0-3]?\d)\s?[º°ª]?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WORD_DATE = rf"(?<![\d/.]){_DAY}\s+(?P<month>{_MONTH_RE}|(?:{_ABBR_RE})\.?)\s+{_YEAR}(?!\d)"
_NUMERIC_DATE = (
    r"(?<![\d/.])(?P<nday>[0-3]?\d)[/.](?P<nmonth>[01]?\d)[/.](?P<nyear>(?:19|20)\d\d)(?!\d)"
)
_DATE_IN_TEXT = re.compile(f"{_WORD_DATE}|{_NUMERIC_DATE}", re.IGNORECASE)
_WEEKDAY_RE = "|".join(WEEKDAYS) + "|lunedi|martedi|mercoledi|giovedi|venerdi"
# A date line may carry a time ("31 Dicembre 2025 - 10:30", "31/12/2025 ore 10.30").
_TIME = r"(?:\s*[-–,|]?\s*(?:ore\s+|alle\s+)?[0-2]?\d[:.][0-5]\d)?"
_DATE_LINE = re.compile(
    rf"\s*(?:(?:{_WEEKDAY_RE}),?\s+)?(?:{_WORD_DATE}|{_NUMERIC_DATE}){_TIME}\s*", re.IGNORECASE
)
_MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH_RE})\s+{_YEAR}(?!\d)", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_ISO = re.compile(r"(?P<y>(?:19|20)\d\d)(?:-(?P<m>[01]\d)(?:-(?P<d>[0-3]\d))?)?")


def _iso(year: int, month: int, day: int | None) -> str | None:
    try:
        d = dt.date(year, month, day or 1)
    except ValueError:
        return None
    return d.isoformat() if day else d.isoformat()[:7]


def _from_match(m: re.Match[str]) -> str | None:
    if m.group("year"):
        month = _MONTH_NUMBER[m.group("month").lower().rstrip(".")]
        return _iso(int(m.group("year")), month, int(m.group("day")))
    return _iso(int(m.group("nyear")), int(m.group("nmonth")), int(m.group("nday")))


def find_date(text: str, month_precision: bool = True) -> str | None:
    """The first valid date written in ``text`` (``YYYY-MM-DD``); failing that, with
    ``month_precision``, the first month and year (``nel marzo 2024`` -> ``2024-03``)."""
    if not _DIGIT.search(text):  # every date written in text has digits; `re` finds one fast
        return None
    for m in _DATE_IN_TEXT.finditer(text):
        iso = _from_match(m)
        if iso:
            return iso
    month = _MONTH_YEAR.search(text) if month_precision else None
    if month:
        return f"{month.group('year')}-{MONTHS[month.group('month').lower()]:02d}"
    return None


def parse_date_line(line: str) -> str | None:
    """``YYYY-MM-DD`` when the whole line is a date (``31 Dicembre 2025``, ``31/12/2025``,
    with an optional weekday and time), else None."""
    if len(line) > 50:
        return None
    return _date_line(line)


@lru_cache(maxsize=4096)  # the date lines of an archive repeat: a few thousand days
def _date_line(line: str) -> str | None:
    m = _DATE_LINE.fullmatch(line)
    return _from_match(m) if m else None


def parse_iso(text: str) -> str | None:
    """A validated ISO date at its own precision (``2022-12``), or None."""
    m = _ISO.fullmatch(text.strip())
    if not m:
        return None
    if not m.group("m"):
        return m.group("y")
    return _iso(int(m.group("y")), int(m.group("m")), int(m.group("d")) if m.group("d") else None)
