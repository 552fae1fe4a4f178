"""What handlers say, kept as English gettext messages with their values until the reply's
language is known: the answerer puts them into words (`Tongue.say`); pure.

A handler writes `says("I found nothing %(scope)s in the programme.", scope=scope_of(q))`;
the message is the English text and the catalog's key, so English is said exactly as written
and `pybabel extract` finds every message (keyword `says`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeAlias


@dataclass(frozen=True, slots=True)
class Words:
    """One message and its values; an empty message says nothing (and is false)."""

    message: str
    values: tuple[tuple[str, Value], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.message)


@dataclass(frozen=True, slots=True)
class Listing:
    """Parts said one after another with a separator: 'Ada or Borg', 'in Ada on Monday'."""

    parts: tuple[Value, ...]
    separator: Value = " "

    def __bool__(self) -> bool:
        return any(self.parts)


# A value is the programme's own text (a title, a name, a time) said as it is, a message, a
# list of them, or a day, which each language writes its own way.
Value: TypeAlias = "str | Words | Listing | date"
Text: TypeAlias = "str | Words | Listing"

NOTHING = Words("")


def says(message: str, **values: Value) -> Words:
    """A message to be said in the reply's language; `%(name)s` places take the values."""
    return Words(message, tuple(values.items()))


def joined(parts: Sequence[Value], separator: Value = " ") -> Listing:
    """The non-empty parts said one after another: `joined(rooms, says(" or "))`."""
    return Listing(tuple(p for p in parts if p), separator)
