"""What is taken out of a delegate's question before it is stored: control characters, and
e-mail addresses, phone numbers and long digit runs that could name or reach a person. Pure."""

from __future__ import annotations

import re
import unicodedata

EMAIL_MASK = "[email]"
NUMBER_MASK = "[number]"

EMAIL = re.compile(r"[\w.%+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# A run of digits with the separators phone and card numbers are written with ("+44 20 7946
# 0958", "(020) 7946-0958", "4111 1111 1111 1111") is masked when it holds MIN_DIGITS or more.
# Dates and clock times are tried first and kept, so "22/05/2025 13.15" is no long number.
NUMBERS = re.compile(
    r"(?P<keep>(?<!\d)(?:\d{4}([-/.])\d{1,2}\2\d{1,2}|\d{1,2}([-/.])\d{1,2}\3\d{2,4}"
    r"|\d{1,2}[.:h]\d{2})(?!\d))"
    r"|(?<!\w)\+?\(?\d[\d\s().\-/]*\d\)?(?!\w)"
    r"|\d{7,}"  # MIN_DIGITS in a row, inside a word too: an account or membership number
)
MIN_DIGITS = 7


def strip_controls(text: str) -> str:
    """The text without control or format characters (NUL, ESC, zero-width, bidi overrides),
    each replaced by a space; the same text whichever database stores it."""
    if text.isprintable():
        return text
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Cs") else c for c in text)


def _mask_number(match: re.Match[str]) -> str:
    run = match.group()
    if match.group("keep") or sum(c.isdigit() for c in run) < MIN_DIGITS:
        return run
    # keep the spaces around it: "call 020 7946 0958 now" -> "call [number] now"
    lead = run[: len(run) - len(run.lstrip())]
    tail = run[len(run.rstrip()) :]
    return f"{lead}{NUMBER_MASK}{tail}"


def mask_personal(text: str) -> str:
    """E-mail addresses, phone numbers and long digit runs replaced by [email] and [number]."""
    text = EMAIL.sub(EMAIL_MASK, text)
    return NUMBERS.sub(_mask_number, text)


def for_storage(text: str, limit: int) -> str:
    """A question as the log keeps it: controls stripped, personal data masked, spaces
    collapsed, at most `limit` characters."""
    return " ".join(mask_personal(strip_controls(text)).split())[:limit]
