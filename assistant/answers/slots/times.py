"""Times a question names: parts of the day, clock times ('after 2pm'), 'in the next hour'."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answers.slots.numbers import count
from assistant.answers.slots.question import Question, Read, marked
from assistant.answers.vocabulary import words
from assistant.answers.wording import Words, says


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """Part of a day: sessions starting in [start, end) minutes after midnight (end may pass 24h)."""

    label: Words  # 'in the afternoon', 'after 14:00': how an answer names it
    start: int
    end: int
    running: bool = False


TIME = r"(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?"

# A part of the day that qualifies work is a topic, not a time: 'night shifts', 'morning huddles'.
_NOT_A_TIME = (
    r"(?![ -]?(?:shifts?|work(?:ers?|ing)?|duty|duties|staff|nurses?|teams?|huddles?|rounds?"
    r"|routines?|sleep|cover)\b)"
)


def _free(question: Question, *names: str) -> bool:
    """A word another reader did not take ('morning' in 'can't make thursday morning')."""
    return any(t in names and i not in question.claimed for i, t in enumerate(question.tokens))


def read_window(question: Question) -> Read[TimeWindow | None]:
    """Part of the day named: morning, after lunch, this afternoon, after 2pm, between 3 and 5."""
    q, tokens = question.folded, question.tokens
    used = question.mask()

    def mark(*names: str) -> None:
        for i, t in enumerate(tokens):
            if t in names:
                used[i] = True

    def mark_phrase(phrase: str) -> None:
        mark(*words(phrase))

    def meridiem(value: str | None) -> str | None:
        return value.replace(".", "") if value else None

    def found(window: TimeWindow) -> Read[TimeWindow | None]:
        return Read(window, marked(used))

    m = re.search(r"\bbetween " + TIME + r" and " + TIME, q)
    if m:
        start = _clock(m.group(1), m.group(2), meridiem(m.group(3)) or meridiem(m.group(6)))
        end = _clock(m.group(4), m.group(5), meridiem(m.group(6)))
        mark_phrase(m.group(0))
        return found(
            TimeWindow(
                says("between %(start)s and %(end)s", start=m.group(1), end=m.group(4)),
                start,
                max(end, start + 1),
            )
        )
    m = re.search(
        r"\b(after|from|before|until|till|at|around) " + TIME + r"(?!\s*(?:minutes|people|talks))",
        q,
    )
    if m and (
        m.group(3) or m.group(4) or m.group(1) in ("after", "before", "at", "around", "until")
    ):
        minute = _clock(m.group(2), m.group(3), meridiem(m.group(4)))
        mark_phrase(m.group(0).replace(m.group(1), "", 1))
        if m.group(1) in ("after", "from"):
            return found(TimeWindow(says("after %(time)s", time=_hhmm(minute)), minute, 30 * 60))
        if m.group(1) in ("before", "until", "till"):
            return found(TimeWindow(says("before %(time)s", time=_hhmm(minute)), 0, minute))
        return found(
            TimeWindow(says("at %(time)s", time=_hhmm(minute)), minute, minute + 1, running=True)
        )
    m = re.search(r"(?<![\d:])([01]?\d|2[0-3])[:h]([0-5]\d)(?![\d:])", q)
    if m:  # 'the 16:30 one': a clock time written in full means a session at that time
        minute = int(m.group(1)) * 60 + int(m.group(2))
        mark_phrase(m.group(0))
        return found(
            TimeWindow(says("at %(time)s", time=_hhmm(minute)), minute, minute + 1, running=True)
        )
    m = re.search(rf"\b(early|late)[ -](morning|afternoon|evening)\b{_NOT_A_TIME}", q)
    if m:
        mark(m.group(1), m.group(2))
        start, end, label = _PARTS_OF_DAY[(m.group(1), m.group(2))]
        return found(TimeWindow(label, start, end))
    if re.search(r"\bafter lunch\b", q):
        mark("lunch")
        return found(TimeWindow(says("after lunch"), 13 * 60, 30 * 60))
    if re.search(r"\b(lunch ?time|lunch)\b", q):
        mark("lunch", "lunchtime")
        return found(TimeWindow(says("at lunchtime"), 12 * 60, 14 * 60))
    if re.search(rf"\bmorning\b{_NOT_A_TIME}", q) and _free(question, "morning"):
        mark("morning")
        return found(TimeWindow(says("in the morning"), 0, 12 * 60 + 1))  # noon: before lunch
    if re.search(rf"\bafternoon\b{_NOT_A_TIME}", q) and _free(question, "afternoon"):
        mark("afternoon")
        return found(TimeWindow(says("in the afternoon"), 12 * 60, 17 * 60 + 30))
    evening = re.search(rf"\bevening\b{_NOT_A_TIME}", q) and _free(question, "evening")
    if evening or re.search(r"\btonight\b", q):
        mark("evening")
        return found(TimeWindow(says("in the evening"), 17 * 60, 30 * 60))
    if re.search(rf"\bnight\b{_NOT_A_TIME}", q) and _free(question, "night"):
        mark("night")
        return found(TimeWindow(says("at night"), 20 * 60, 30 * 60))
    return Read(None)


# 'late afternoon' and the like, in minutes after midnight
_PARTS_OF_DAY = {
    ("early", "morning"): (0, 10 * 60, says("in the early morning")),
    ("late", "morning"): (10 * 60, 12 * 60 + 1, says("in the late morning")),
    ("early", "afternoon"): (12 * 60, 15 * 60, says("in the early afternoon")),
    ("late", "afternoon"): (15 * 60, 18 * 60, says("in the late afternoon")),
    ("early", "evening"): (17 * 60, 20 * 60, says("in the early evening")),
    ("late", "evening"): (20 * 60, 30 * 60, says("in the late evening")),
}


def read_horizon(question: Question) -> Read[int | None]:
    """Minutes ahead a question looks: 'in the next hour' 60, 'within the next 30 minutes' 30."""
    m = re.search(
        r"\b(?:in|within|over|during) the next (?:(\d+|an?|one|two|three|half an?) )?"
        r"(hours?|minutes?|mins?)\b",
        question.folded,
    )
    if not m:
        return Read(None)
    amount = m.group(1) or "one"
    number = count(amount)
    minutes = 0.5 if amount.startswith("half") else 1 if number is None else number  # 'an hour
    taken = frozenset(
        i
        for i, token in enumerate(question.tokens)
        if token in ("next", m.group(2)) or token == amount
    )
    return Read(int(minutes * (60 if m.group(2).startswith("hour") else 1)), taken)


def _clock(hour: str, minute: str | None, meridiem: str | None) -> int:
    """Minutes after midnight of a clock time as asked ('2pm', '14:30', 'after 2')."""
    h = int(hour) % 24
    if meridiem == "pm" and h < 12:
        h += 12
    elif meridiem == "am" and h == 12:
        h = 0
    elif meridiem is None and 1 <= h <= 7:
        h += 12  # 'after 2' at a conference means the afternoon
    return h * 60 + int(minute or 0)


def _hhmm(minutes: int) -> str:
    return f"{(minutes // 60) % 24:02d}:{minutes % 60:02d}"
