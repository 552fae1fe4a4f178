"""A speaker's one-line tagline ('Head of Quality, Hamad Medical Corporation, Qatar', 'NLP
Engineer @ Kestrel Health', 'Clinical Pharmacist | Hospital Serra Verde, Campinas, Brazil')
read as role, organisation and country, so 'which hospital is she from?' and 'where is he
from?' find them where a profile has no fields for them (Sessionize, pretalx)."""

from __future__ import annotations

import re
from functools import cache

from babel import Locale

from assistant.sources.text import names_organisation, split_outside_parentheses

# 'Role @ Org', 'Role at Org', 'Role - Org', 'Role – Org': the first that splits the line
_SEPARATORS = (r"\s+@\s+|@", r"\s+at\s+(?=[A-Z])", r"\s+[-–—]\s+")
_ALIASES = {"uk": "United Kingdom", "usa": "United States", "us": "United States",
            "u.s.": "United States", "u.k.": "United Kingdom", "england": "England",
            "scotland": "Scotland", "wales": "Wales", "northern ireland": "Northern Ireland"}  # fmt: skip


@cache
def _countries() -> dict[str, str]:
    """Country names and two-letter codes (casefolded) -> the English name, from CLDR."""
    names: dict[str, str] = dict(_ALIASES)
    for code, name in Locale("en").territories.items():
        if code.isalpha() and len(code) == 2:
            names[name.casefold()] = name
            names[code.casefold()] = name
    return names


def country_named(text: str) -> str:
    """The country a place names ('Qatar', 'NL', 'Aotearoa New Zealand'), or ''."""
    place = " ".join(text.split()).strip(" .")
    if not place:
        return ""
    found = _countries().get(place.casefold())
    if found is not None and (len(place) > 3 or place.isupper()):  # 'NL', 'UK': not 'de'
        return place if len(place) > 3 else found
    last = next(
        (
            n
            for key, n in _countries().items()
            if len(key) > 3 and place.casefold().endswith(" " + key)
        ),
        "",
    )
    return place if last else ""


def tagline_parts(tagline: str) -> tuple[str, str, str]:
    """(role, organisation, country) of a tagline; (tagline, '', '') where no organisation
    reads out of it ('Independent consultant', 'Developer, speaker, author')."""
    text = " ".join(tagline.split())
    segments = [s.strip() for s in text.split("|") if s.strip()]
    if not segments:
        return "", "", ""
    role, rest = _split(segments[0])
    if not rest and len(segments) > 1:  # 'Clinical Pharmacist | Hospital …, Campinas, Brazil'
        role, rest = segments[0], segments[1]
    organisation, country = _organisation_and_country(rest)
    if not organisation:
        return text, "", country
    return role, organisation, country


def _split(segment: str) -> tuple[str, str]:
    for separator in _SEPARATORS:
        role, found, rest = (p.strip() for p in _partition(segment, separator))
        if found and role and rest:
            return role, rest
    items = split_outside_parentheses(segment, ",")
    if len(items) >= 2:
        return items[0], ", ".join(items[1:])
    return segment, ""


def _partition(text: str, pattern: str) -> tuple[str, str, str]:
    match = re.search(pattern, text)
    if match is None:
        return text, "", ""
    return text[: match.start()], match.group(0), text[match.end() :]


def _organisation_and_country(rest: str) -> tuple[str, str]:
    """'Vestkyst University Hospital (Denmark)', 'Gulf Medical City, Doha, Qatar' -> the
    organisation and the country; a city stays with the organisation."""
    country = ""
    place = re.search(r"\s*\(([^()]*)\)\s*$", rest)
    if place:
        country = country_named(split_outside_parentheses(place[1], ",")[-1] if place[1] else "")
        if country:
            rest = rest[: place.start()]
    items = list(split_outside_parentheses(rest, ","))
    if not country and len(items) >= 2 and (named := country_named(items[-1])):
        country, items = named, items[:-1]
    organisation = ", ".join(items)
    if (
        not organisation
        or any(_is_role(item) for item in items)
        or not (names_organisation(organisation) or _proper(organisation))
    ):
        return "", country
    return organisation, country


def _is_role(item: str) -> bool:
    """'Compliance Lead', 'MCT and founder of …': an item that ends in a job's word, or has one
    in lower case (an organisation's name capitalises it: 'Kano Specialist Hospital')."""
    words = item.split()
    return bool(words) and (
        _ROLE_WORDS.fullmatch(words[-1]) is not None
        or any(w.islower() and _ROLE_WORDS.fullmatch(w) for w in words)
    )


# words of a job, not of an organisation: 'Microsoft AI and Compliance Lead', 'MCT and founder
# of …' after a separator are more of the role, and such a tagline is left whole
_ROLE_WORDS = re.compile(
    r"\b(?:lead|manager|engineer|architect|officer|developer|consultant|mvp|mct|founder"
    r"|co-?founder|specialist|analyst|scientist|researcher|lecturer|student|advocate"
    r"|evangelist|expert|fellow|owner|maintainer|contributor|freelancer?)s?\b",
    re.IGNORECASE,
)


def _proper(text: str) -> bool:
    """'Kestrel Health Analytics': most words capitalised, as a name is."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", text) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) * 3 >= len(words) * 2
