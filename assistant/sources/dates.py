"""Dates and clock times as spreadsheets write them: '2027-03-18', '18/03/2027', '3/18/2027',
'Thursday 18 March 2027', 'March 18, 2027'; '09:00', '9.30', '2pm', '2:15 PM'. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})")
_ISO = re.compile(r"(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})")
# '18 March 2027', '18-Mar-2027' and '18-Mar-27' (Excel's own way of writing a date)
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\.?[ -]([a-z]+)\.?,?[ -](\d{4}|\d{2})")
_MONTH_DAY = re.compile(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})")
_WEEKDAY = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+")
_CLOCK_12 = re.compile(r"(\d{1,2})(?:[:.h](\d{2})(?::\d{2})?)?\s*([ap])\.?\s*m\.?")
_CLOCK_24 = re.compile(r"(\d{1,2})(?:[:.h](\d{2})(?::\d{2})?|h)")
_CLOCK_SUFFIX = re.compile(r"\s*(?:uhr|hrs)$")


def day_first(cells: Iterable[str], *, twelve_hour: bool = False) -> bool:
    """Whether a file's numeric dates put the day first (18/03/2027) or the month (3/18/2027):
    settled by any first number above 12, else any second one; when nothing tells, day first,
    unless the file writes twelve-hour clocks ('1:30 PM'), as the US, which puts the month first."""
    seconds_above = twelve_hour
    for cell in cells:
        match = _NUMERIC.match(cell.strip())  # '18/03/2027' or '18/03/2027 13:30'
        if match:
            if int(match[1]) > 12:
                return True
            seconds_above = seconds_above or int(match[2]) > 12
    return not seconds_above


def read_date(text: str, *, days_first: bool = True) -> date:
    """The date a cell writes; ValueError when it is not one."""
    cell = _WEEKDAY.sub("", " ".join(text.strip().lower().split()))
    if match := _ISO.fullmatch(cell):
        return date(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.fullmatch(cell):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        year += 2000 if year < 100 else 0
        day, month = (first, second) if days_first else (second, first)
        return date(year, month, day)
    if (match := _DAY_MONTH.fullmatch(cell)) and match[2] in MONTHS:
        year = int(match[3])
        return date(year + (2000 if year < 100 else 0), MONTHS[match[2]], int(match[1]))
    if (match := _MONTH_DAY.fullmatch(cell)) and match[1] in MONTHS:
        return date(int(match[3]), MONTHS[match[1]], int(match[2]))
    raise ValueError(f"not a date: {text!r}")


def twelve_hour(cells: Iterable[str]) -> bool:
    """Whether any cell writes a clock time with am or pm."""
    return any(_AM_PM.search(cell) for cell in cells)


_AM_PM = re.compile(r"\d\s*[ap]\.?\s*m\b\.?", re.IGNORECASE)


def read_clock(text: str) -> time | None:
    """'09:00', '9.30', '14h15', '16h', '9:00 Uhr', '2pm', '2:15 PM' as a time of day; None when
    it is not one."""
    cell = _CLOCK_SUFFIX.sub("", text.strip().lower())
    if match := _CLOCK_12.fullmatch(cell):
        hour, minute = int(match[1]), int(match[2] or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        return time(hour % 12 + (12 if match[3] == "p" else 0), minute)
    if match := _CLOCK_24.fullmatch(cell):
        hour, minute = int(match[1]), int(match[2] or 0)
        return time(hour, minute) if hour < 24 and minute < 60 else None
    return None


@dataclass(frozen=True, slots=True)
class Written:
    """A date as a line of text writes it: the year may be left out ('Thu 11 March')."""

    year: int | None
    month: int
    day: int
    stamp: bool  # an edit stamp ('updated 19/02/2027'), not a day of the programme

    def on(self, year: int | None = None) -> date | None:
        """The date, with the year given where the text leaves it out; None if not a date."""
        try:
            return date(self.year or year or 0, self.month, self.day)
        except ValueError:
            return None


_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_ORDINAL = r"(?:st|nd|rd|th)?\.?"
# in a line of text: a range of days ('11–12 March': no one day), then ISO, numeric, '11 March
# 2027' and 'March 11, 2027'; a clock after the month ('March 08.00') is no day
_DATE_IN_TEXT = re.compile(
    rf"\b(?P<range>\d{{1,2}}{_ORDINAL}\s*[-–—]\s*\d{{1,2}}{_ORDINAL}\s+(?:{_MONTH_NAMES})\b)"
    r"|\b(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})\b"
    r"|\b(?P<n1>\d{1,2})[/.](?P<n2>\d{1,2})[/.](?P<ny>\d{4}|\d{2})\b"
    rf"|\b(?P<dd>\d{{1,2}}){_ORDINAL}\s+(?P<dm>{_MONTH_NAMES})\b\.?(?:,?\s+(?P<dy>\d{{4}})\b)?"
    rf"|\b(?P<mm>{_MONTH_NAMES})\.?\s+(?P<md>\d{{1,2}}){_ORDINAL}(?![.:]\d)\b(?:,?\s+(?P<my>\d{{4}})\b)?",
    re.IGNORECASE,
)
# month names that are words too, in lower case: no date without a year
_WORDS = frozenset({"may", "march"})
# words before a date that make it the file's edit stamp, not a day of the programme
_STAMP = re.compile(
    r"\b(?:updated|revised|amended|edited|saved|printed|generated|exported|modified|changed"
    r"|as (?:of|at))\b[^–—|;()]*$",
    re.IGNORECASE,
)


def dates_in(text: str) -> list[Written]:
    """The dates a line of text writes ('DAY 1 – Thursday 11 March 2027 – Belfast', 'updated
    19/02/2027'), in order; a range of days gives none. Numeric dates are read day first,
    unless the first number cannot be a month's day."""
    found: list[Written] = []
    for match in _DATE_IN_TEXT.finditer(text):
        if match["range"]:
            continue
        stamp = bool(_STAMP.search(text[: match.start()]))
        if match["iy"]:
            year, month, day = int(match["iy"]), int(match["im"]), int(match["id"])
        elif match["ny"]:
            first, second = int(match["n1"]), int(match["n2"])
            day, month = (second, first) if second > 12 else (first, second)
            year = int(match["ny"]) + (2000 if len(match["ny"]) == 2 else 0)
        elif match["dd"]:
            day, month = int(match["dd"]), MONTHS[match["dm"].lower()]
            year = int(match["dy"]) if match["dy"] else 0
        else:
            day, month = int(match["md"]), MONTHS[match["mm"].lower()]
            year = int(match["my"]) if match["my"] else 0
        if not year and (match["dm"] or match["mm"] or "") in _WORDS:
            continue  # 'session 12 may change'
        written = Written(year or None, month, day, stamp)
        if written.on(2000) is not None:  # 2000 is a leap year: 29 February is a day
            found.append(written)
    return found
