"""The languages answers are said in: a gettext catalog and the way days are written; pure.

English is the catalog's source (every message is its own English text), so an English reply
is exactly what the templates and handlers write; German comes from `web/translations/de`,
read from its .po text by Babel (no compiled file to keep in step)."""

from __future__ import annotations

import gettext
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from assistant.answers.wording import Listing, Value, Words, says

ENGLISH_CODE = "en"
# CLDR date pattern, translated like any message: 'Thursday 22 May 2025'
DAY_PATTERN = says("EEEE d MMMM y")


@dataclass(frozen=True, slots=True)
class Tongue:
    """One language's catalog, and what it writes that the programme does not: days."""

    code: str
    translations: gettext.NullTranslations

    def gettext(self, message: str) -> str:
        """The message in this language; the English message where the catalog has none."""
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The message for n things in this language."""
        return self.translations.ngettext(singular, plural, n)

    def day(self, day: date) -> str:
        """A day written out: 'Thursday 22 May 2025', 'Donnerstag, 22. Mai 2025'."""
        if self.code == ENGLISH_CODE:
            return f"{day:%A} {day.day} {day:%B %Y}"  # as the pages write it, without a locale
        return format_date(day, self.say(DAY_PATTERN), locale=self.code)

    def say(self, text: Value) -> str:
        """Words, lists and days said in this language; the programme's own text as it is."""
        if isinstance(text, Words):
            if not text.values:
                return self.gettext(text.message) if text.message else ""
            values = {name: self.say(value) for name, value in text.values}
            return self.gettext(text.message) % values
        if isinstance(text, Listing):
            return self.say(text.separator).join(self.say(part) for part in text.parts)
        if isinstance(text, date):
            return self.day(text)
        return text


ENGLISH = Tongue(ENGLISH_CODE, gettext.NullTranslations())


def tongue_from_po(code: str, po_text: str) -> Tongue:
    """A language from its catalog's .po text."""
    catalog = read_po(io.StringIO(po_text), locale=code)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Tongue(code, gettext.GNUTranslations(compiled))


def tongue_for(code: str, tongues: Mapping[str, Tongue]) -> Tongue:
    """The language asked for, English when there is no catalog for it."""
    return tongues.get(code, ENGLISH)
