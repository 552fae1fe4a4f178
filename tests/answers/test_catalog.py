"""The German catalog covers every message the answers can say, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from assistant.answers.slots.days import DAY_ORDINALS, MONTH_WORDS, ORDINAL_WORDS
from assistant.sources.dates import MONTHS

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "web" / "translations" / "de" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _extracted() -> set[str | tuple[str, ...]]:
    """Every message in the templates (_, ngettext) and handlers (says), as pybabel finds them."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = extract_from_dir(
        str(ROOT),
        method_map,
        options_map,
        keywords={"_": None, "ngettext": (1, 2), "says": None},
    )
    return {message for _, _, message, _, _ in found}


def _catalog() -> dict[str | tuple[str, ...], str | tuple[str, ...]]:
    with open(CATALOG, encoding="utf-8") as po:
        return {
            m.id if isinstance(m.id, str) else tuple(m.id): m.string for m in read_po(po) if m.id
        }


def test_every_message_the_answers_say_has_a_german_translation_with_its_placeholders():
    catalog = _catalog()
    extracted = _extracted()
    assert len(extracted) > 100  # the extraction read the templates and the handlers
    for message in extracted:
        translation = catalog.get(message)
        assert translation, f"no German for {message!r}"
        english = message if isinstance(message, str) else message[-1]
        german = translation if isinstance(translation, str) else translation[-1]
        assert set(PLACEHOLDER.findall(german)) == set(PLACEHOLDER.findall(english)), message


def test_the_days_ordinals_and_months_a_question_types_are_all_said():
    """'the closing day', '22 Sept': every word the day reader accepts has a message."""
    assert set(ORDINAL_WORDS) == set(DAY_ORDINALS)
    assert set(MONTH_WORDS) == set(MONTHS)
