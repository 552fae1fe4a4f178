"""What a question is about: the words no other reader took, and their other wording ('ai')."""

from __future__ import annotations

from assistant.answers.slots.numbers import ORDINALS
from assistant.answers.slots.question import FILLER, Question, aside, lead_in

# Abbreviations programmes and delegates use for the same topics, either way round.
ABBREVIATIONS = {
    "ai": "artificial intelligence", "ml": "machine learning", "dl": "deep learning",
    "llm": "large language model", "llms": "large language models",
    "nlp": "natural language processing", "cv": "computer vision",
    "rl": "reinforcement learning", "vr": "virtual reality", "ar": "augmented reality",
    "iot": "internet of things", "api": "application programming interface",
    "apis": "application programming interfaces", "ui": "user interface",
    "ux": "user experience", "hci": "human computer interaction", "os": "operating system",
    "db": "database", "orm": "object relational mapper", "gpu": "graphics card",
    "tdd": "test driven development", "ci": "continuous integration",
    "dns": "domain name system", "vpn": "virtual private network",
    "2fa": "two factor authentication", "mfa": "multi factor authentication",
    "sdr": "software defined radio", "gdpr": "data protection regulation",
    "qi": "quality improvement", "ehr": "electronic health record",
    "ehrs": "electronic health records", "emr": "electronic medical record",
    "icu": "intensive care", "ed": "emergency department", "gp": "general practice",
    "gps": "general practitioners", "amr": "antimicrobial resistance",
    "ppe": "personal protective equipment", "mdt": "multidisciplinary team",
    "ptsd": "post traumatic stress", "adhd": "attention deficit",
}  # fmt: skip


def read_topic(
    question: Question,
    asked_words: frozenset[str],
    titles: frozenset[tuple[str, ...]] = frozenset(),
    *,
    skip_lead_in: bool = False,
) -> str:
    """The words no reader took, less filler, numbers and the words that only say what is asked;
    a session's short title named in full keeps its every word ('Event Processing', 'Lightning
    Talks': 'event' and 'talks' are filler anywhere else). With skip_lead_in, what the delegate
    said before the clause that asks is left out too (question.lead_in)."""
    titled = _title_words(question.tokens, titles) | _named_activities(question)
    skipped = question.claimed | aside(question) | _whole_event(question.tokens)
    if skip_lead_in:
        skipped |= lead_in(question)
    return " ".join(
        t
        for i, t in enumerate(question.tokens)
        if i not in skipped
        and (
            i in titled
            or (
                t not in FILLER
                and t not in asked_words
                and t not in ORDINALS
                and t not in _COUNTS
                and not t.isdigit()
            )
        )
    )


# 'she has two things on thursday': a count, like a number, says no topic
_COUNTS = frozenset("two three four five six seven eight nine ten couple few several".split())

# 'this year', 'this time round': the whole event, which no session is about
_EVENT_SPANS = frozenset("year edition time round week conference".split())


def _whole_event(tokens: tuple[str, ...]) -> frozenset[int]:
    """Words that name no subject: 'this year', and 'hands-on', which says how (a workshop)."""
    skipped: set[int] = set()
    for i in range(1, len(tokens)):
        if tokens[i] in _EVENT_SPANS and tokens[i - 1] == "this":
            skipped.add(i)
        if (tokens[i - 1], tokens[i]) in (("hands", "on"), ("as", "well")):
            skipped.update((i - 1, i))  # 'as well' adds nothing either
    return frozenset(skipped)


# Filler verbs that also name an activity after a word of the topic: 'free hosting', 'public
# speaking', 'screen recording', 'similar looking'; 'who is hosting', 'Ann speaking' say who does it.
_ACTIVITIES = frozenset(
    "hosting speaking recording running walking sitting standing giving looking".split()
)


def _named_activities(question: Question) -> frozenset[int]:
    """Positions of the activities (_ACTIVITIES) a free word of the topic comes before."""
    tokens = question.tokens
    return frozenset(
        i
        for i in range(1, len(tokens))
        if tokens[i] in _ACTIVITIES
        and tokens[i - 1] not in FILLER
        and i - 1 not in question.claimed
        and not tokens[i - 1].isdigit()
    )


def _title_words(tokens: tuple[str, ...], titles: frozenset[tuple[str, ...]]) -> frozenset[int]:
    """Positions of the words that stand together as a whole short session title."""
    found: set[int] = set()
    for size in range(2, 7):
        for start in range(len(tokens) - size + 1):
            if tokens[start : start + size] in titles:
                found.update(range(start, start + size))
    return frozenset(found)


def other_wording(topic: str) -> str:
    """The topic with its abbreviations spelled out, or spelled-out ones abbreviated ('ai' <->
    'artificial intelligence'); '' when it has neither."""
    text = f" {topic} "
    for short, long in ABBREVIATIONS.items():
        if f" {short} " in text:
            text = text.replace(f" {short} ", f" {long} ")
        elif f" {long} " in text:
            text = text.replace(f" {long} ", f" {short} ")
    return text.strip() if text != f" {topic} " else ""
