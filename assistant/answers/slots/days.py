"""Days a question names: weekdays, '22 may', 'may 22', 'day 2', 'the last day', ISO dates, today."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from assistant.answers.slots.numbers import ORDINALS, count
from assistant.answers.slots.question import Question, Read, marked
from assistant.answers.wording import Text, joined, says
from assistant.sources.dates import MONTHS

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_NAMES = (
    says("Monday"), says("Tuesday"), says("Wednesday"), says("Thursday"), says("Friday"),
    says("Saturday"), says("Sunday"),
)  # fmt: skip
# 'The last day', 'the opening day': a day counted from either end of the programme.
DAY_ORDINALS = {**ORDINALS, "opening": 1, "final": -1, "closing": -1}
# How answers say them (English as typed; literal so the catalog's extraction finds them).
ORDINAL_WORDS = {
    "first": says("first"), "1st": says("1st"), "second": says("second"), "2nd": says("2nd"),
    "third": says("third"), "3rd": says("3rd"), "fourth": says("fourth"), "4th": says("4th"),
    "fifth": says("fifth"), "5th": says("5th"), "last": says("last"), "opening": says("opening"),
    "final": says("final"), "closing": says("closing"),
}  # fmt: skip
MONTH_WORDS = {
    "january": says("January"), "jan": says("Jan"), "february": says("February"),
    "feb": says("Feb"), "march": says("March"), "mar": says("Mar"), "april": says("April"),
    "apr": says("Apr"), "may": says("May"), "june": says("June"), "jun": says("Jun"),
    "july": says("July"), "jul": says("Jul"), "august": says("August"), "aug": says("Aug"),
    "september": says("September"), "sep": says("Sep"), "sept": says("Sept"),
    "october": says("October"), "oct": says("Oct"), "november": says("November"),
    "nov": says("Nov"), "december": says("December"), "dec": says("Dec"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Days:
    """The programme days a question names, as it named them, and any day the programme lacks."""

    days: tuple[date, ...] = ()
    label: Text = ""  # 'Monday', '22 May', 'the last day', 'day 2', joined by 'and'
    unknown: Text = ""  # a day named that the programme does not have: 'Friday', 'day 9'
    relative: int | None = None  # days from today: 0 for 'today', 1 for 'tomorrow'
    ruled_out: bool = False  # the days left when those named are ruled out ('can't make thurs')


def read_days(question: Question, programme_days: tuple[date, ...]) -> Read[Days]:
    """Days named: weekdays, '22 may', 'may 22', 'day 2', ISO dates, today/tomorrow."""
    tokens = question.tokens
    used = question.mask()
    days: list[date] = []
    labels: list[Text] = []
    unknown: Text = ""
    relative: int | None = None
    for i, token in ((i, t) for i, t in enumerate(tokens) if not used[i]):
        if token in WEEKDAYS or (token.endswith("s") and token[:-1] in WEEKDAYS):
            weekday = WEEKDAYS.index(token.rstrip("s") if token not in WEEKDAYS else token)
            matching = [d for d in programme_days if d.weekday() == weekday]
            used[i] = True
            if matching:
                days.extend(matching)
                labels.append(WEEKDAY_NAMES[weekday])
            else:
                unknown = WEEKDAY_NAMES[weekday]
        elif token in ("today", "tonight") or (
            token == "this"
            and i + 1 < len(tokens)
            and tokens[i + 1] in ("morning", "afternoon", "evening", "lunchtime")
        ):
            relative, used[i] = 0, True
        elif token == "tomorrow":
            relative, used[i] = 1, True
        elif (
            token in ("day", "days") and i > 0 and tokens[i - 1] in DAY_ORDINALS and programme_days
        ):
            n = DAY_ORDINALS[tokens[i - 1]]
            used[i - 1] = used[i] = True
            if -len(programme_days) <= n <= len(programme_days) and n != 0:
                day = programme_days[n - 1 if n > 0 else n]
                days.append(day)
                labels.append(says("the %(ordinal)s day", ordinal=ORDINAL_WORDS[tokens[i - 1]]))
            else:
                unknown = says("the %(ordinal)s day", ordinal=ORDINAL_WORDS[tokens[i - 1]])
        elif token == "day" and i + 1 < len(tokens) and count(tokens[i + 1]) is not None:
            n = count(tokens[i + 1]) or 0  # 'day 2', 'day two'
            used[i] = used[i + 1] = True
            if 1 <= n <= len(programme_days):
                days.append(programme_days[n - 1])
                labels.append(says("day %(number)s", number=str(n)))
            else:
                unknown = says("day %(number)s", number=str(n))
        elif token in MONTHS and not (token == "may" and not _near_number(tokens, i)):
            day_number = _near_number(tokens, i)
            if day_number is None:
                continue
            j, n = day_number
            used[i] = used[j] = True
            wanted = [d for d in programme_days if d.month == MONTHS[token] and d.day == n]
            label = says(
                "%(number)s %(month)s",
                number=str(n),
                month=MONTH_WORDS.get(token, token.capitalize()),
            )
            if wanted:
                days.extend(wanted)
                labels.append(label)
            else:
                unknown = label
        elif re.fullmatch(r"\d{4}", token) and i + 2 < len(tokens):
            try:
                iso = date(int(token), int(tokens[i + 1]), int(tokens[i + 2]))
            except ValueError:
                continue
            used[i] = used[i + 1] = used[i + 2] = True
            if iso in programme_days:
                days.append(iso)
                labels.append(iso.isoformat())
            else:
                unknown = iso.isoformat()
    unique = tuple(dict.fromkeys(days))
    others = _other_days(question, used, unique, programme_days) if unique else ()
    if others:
        unique, labels = others, [WEEKDAY_NAMES[d.weekday()] for d in others]
    found = Days(unique, _label(labels, len(unique)), unknown, relative, bool(others))
    return Read(found, marked(used))


_PARTS_OF_DAY = frozenset("morning afternoon evening night lunchtime".split())
# words before a day that rule it out: 'can't do', 'not on', 'except', 'other than'
_RULING_OUT = frozenset(
    "cant can't cannot not except besides but than busy miss missing unavailable".split()
)


def _other_days(
    question: Question, used: list[bool], named: tuple[date, ...], programme_days: tuple[date, ...]
) -> tuple[date, ...]:
    """'i can't do tuesday', 'anything but friday': the programme's other days, at any time of
    them ('can't make thurs morning' leaves friday whole), marking the ruling-out words and the
    part of the day as read; () when the named days are not ruled out."""
    tokens = question.tokens
    mine = [i for i, taken in enumerate(used) if taken and i not in question.claimed]
    ruling_out = _ruling_out(tokens, mine[0]) if mine else ()
    if not ruling_out or len(named) >= len(programme_days):
        return ()
    for i in ruling_out:
        used[i] = True
    if mine[-1] + 1 < len(tokens) and tokens[mine[-1] + 1] in _PARTS_OF_DAY:
        used[mine[-1] + 1] = True
    return tuple(d for d in programme_days if d not in named)


def _ruling_out(tokens: tuple[str, ...], first: int) -> tuple[int, ...]:
    """The words ruling out the day named at `first`: a ruling-out word in the three words
    before it, with the verb after it ('can't make', 'not on'); () when there is none."""
    start = max(0, first - 3)
    word = next((i for i in range(start, first) if tokens[i] in _RULING_OUT), None)
    return () if word is None else tuple(range(word, first))


def _label(labels: list[Text], days: int) -> Text:
    """How the question named its days; 'the last day (weds)' names one day twice: once."""
    if not labels:
        return ""
    return labels[0] if days == 1 else joined(labels, says(" and "))


def _near_number(tokens: tuple[str, ...], i: int) -> tuple[int, int] | None:
    """The day of the month beside a month's name ('22 may', 'may 22nd'): its position and value."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(tokens):
            m = re.fullmatch(r"(\d{1,2})(st|nd|rd|th)?", tokens[j])
            if m and 1 <= int(m.group(1)) <= 31:
                return j, int(m.group(1))
    return None
