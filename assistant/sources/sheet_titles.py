"""What a workbook sheet's title rows and name say of the rows below its header: their day
('DAY 1 – Thursday 11 March 2027 – Belfast' above the header, or a sheet named 'Thu 11 March'
with the year the workbook's other dates give) and their format (a sheet named 'Posters'). Pure."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from assistant.sources.dates import dates_in
from assistant.sources.spreadsheet import format_of

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def workbook_year(lines: Iterable[str]) -> int | None:
    """The year a workbook's title lines and sheet names write most: in dates of the
    programme first, then in edit stamps ('updated 19/02/2027'), then alone ('NMQS 2027')."""
    days: Counter[int] = Counter()
    stamps: Counter[int] = Counter()
    bare: Counter[int] = Counter()
    for line in lines:
        for written in dates_in(line):
            if written.year is not None:
                (stamps if written.stamp else days)[written.year] += 1
        bare.update(int(y) for y in _YEAR.findall(line))
    for counted in (days, stamps, bare):
        if counted:
            return counted.most_common(1)[0][0]
    return None


def sheet_day(name: str, title_lines: Sequence[str], year: int | None) -> date | None:
    """The day a sheet's rows are on where a row gives none: the first date its title lines
    write (not an edit stamp), else the date its name writes; None when neither names one."""
    for line in (*title_lines, name):
        written = next((w for w in dates_in(line) if not w.stamp), None)
        if written is not None:
            return written.on(year)
    return None


def sheet_format(name: str) -> str:
    """The format a sheet's name gives its rows ('Posters' -> 'Poster'); '' for any name that
    names no format ('Thu 11 March', 'Programme')."""
    named = format_of(name)
    return "" if named == "Talk" else named
