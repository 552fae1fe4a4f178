"""People written the way academic submission systems export them (ConfTool, EasyChair, Oxford
Abstracts): family name first ('Reilly, Siobhan (1); McKenna, Paul (1,2)'), with numbered
organisations in a column of their own ('1: NHS Greater Glasgow and Clyde, United Kingdom;
2: Uppsala University, Sweden'). Read into names as delegates say them and real organisations."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from assistant.sources.text import (
    is_not_given,
    name_and_affiliation,
    names_organisation,
    split_outside_parentheses,
)

_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")
_NUMBERED = re.compile(r"^\s*(\d+)\s*[:.)]\s*(.+?)\s*$", re.DOTALL)
MARKERS = re.compile(r"^\d+(?:\s*,\s*\d+)*$")


def _name_words(text: str, most: int) -> bool:
    words = text.split()
    return 1 <= len(words) <= most and all(_NAME_WORD.match(w) for w in words)


def family_first_entry(entry: str) -> bool:
    """'Ramírez, Sofía (1)', 'Tan, Mei Lin', 'Ó Súilleabháin, Ciarán': a family name, a comma,
    given names (one side a single word), then perhaps an organisation or marker in parentheses."""
    name, _ = name_and_affiliation(entry)
    parts = [p.strip() for p in name.split(",")]
    if len(parts) != 2 or names_organisation(name):
        return False
    family, given = parts
    one_word = len(family.split()) == 1 or len(given.split()) == 1
    return one_word and _name_words(family, 3) and _name_words(given, 3)


def family_first(cells: Iterable[str]) -> bool:
    """Whether a column writes its people family name first, told by the column as a whole:
    most entries look so ('Ann Lee, Bob Roe' lists two people and does not)."""
    entries = [
        entry
        for cell in cells
        if not is_not_given(cell)
        for entry in split_outside_parentheses(cell, ";")
    ]
    return bool(entries) and sum(family_first_entry(e) for e in entries) * 3 >= len(entries) * 2


def given_first(entry: str) -> str:
    """'Ramírez, Sofía (1)' -> 'Sofía Ramírez (1)'."""
    name, affiliation = name_and_affiliation(entry)
    family, _, given = name.partition(",")
    turned = f"{given.strip()} {family.strip()}"
    return f"{turned} ({affiliation})" if affiliation else turned


def numbered_organisations(cell: str) -> Mapping[str, str]:
    """'1: Karolinska University Hospital, Sweden; 2: Uppsala University' -> {'1': ..., '2': ...};
    empty when the cell is not written so."""
    found: dict[str, str] = {}
    for item in split_outside_parentheses(cell, ";"):
        match = _NUMBERED.match(item)
        if match is None:
            return {}
        found[match[1]] = " ".join(match[2].split())
    return found


def organisation_and_country(text: str, country: str) -> tuple[str, str]:
    """'Oslo University Hospital, Norway' with the row's country 'Norway' -> ('Oslo University
    Hospital', 'Norway'); a tail that is not the row's country stays part of the organisation."""
    head, comma, tail = text.rpartition(",")
    if comma and country and tail.strip().casefold() == country.strip().casefold():
        return head.strip(), tail.strip()
    return text, ""
