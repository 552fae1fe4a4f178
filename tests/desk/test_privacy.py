"""What a question loses before it is stored: personal data and control characters (pure)."""

from __future__ import annotations

import pytest

from assistant.desk.privacy import for_storage, mask_personal, strip_controls

MASKED = [
    ("write to jo.bloggs@nhs.example.org please", "write to [email] please"),
    ("my number is +44 20 7946 0958", "my number is [number]"),
    ("ring (020) 7946-0958 or 07700 900123", "ring [number] or [number]"),
    ("card 4111-1111-1111-1111 exp 12/27", "card [number] exp 12/27"),
    ("membership ABC12345678", "membership ABC[number]"),
]
KEPT = [
    "what is on 22/05/2025 at 13:15?",
    "anything on 2025-05-22 13.15-14.30 in room 1.02?",
    "who chairs B6 and A12?",
    "top 10 sessions of 2025",
    "sessions 1, 2 and 3",
]


@pytest.mark.parametrize(("text", "masked"), MASKED)
def test_emails_phone_numbers_and_long_digit_runs_are_masked(text: str, masked: str) -> None:
    assert mask_personal(text) == masked


@pytest.mark.parametrize("text", KEPT)
def test_dates_times_codes_and_short_numbers_are_kept(text: str) -> None:
    assert mask_personal(text) == text


def test_control_and_format_characters_become_spaces() -> None:
    assert strip_controls("a\x00b\x1bc\u200bd\u202ee\x7ff\x85g") == "a b c d e f g"
    assert strip_controls("plain text stays the same object") == "plain text stays the same object"


def test_a_question_for_storage_is_stripped_masked_collapsed_and_cut() -> None:
    text = "\x00 mail\tme at  jo@example.org \n" + "x" * 2000
    stored = for_storage(text, 40)
    assert stored == "mail me at [email] " + "x" * 21
    assert len(stored) == 40
