"""Sessions about a topic, found by retrieval and trusted only when the match is confident."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from assistant.answers.abstention import abstain
from assistant.answers.answerability import Evidence, gather_evidence
from assistant.answers.answerer import Finding
from assistant.answers.describing import about_sessions
from assistant.answers.finding import OR, SESSION_ASKS, Finder, scope_of
from assistant.answers.understanding import Ask, Query, other_wording
from assistant.answers.wording import joined, says
from assistant.programme import Session
from assistant.search.chunker import ChunkKind
from assistant.search.retriever import SessionHit, tokens

# sessions scoring this close to the best are listed with it
ALSO_RELEVANT_GAP = 0.08
# a topic that only says which end of a kind of session: its first or its last
_END_OF_KIND = {"opening": 0, "first": 0, "closing": -1, "last": -1, "final": -1}
# a multi-part session's closest chunks whose parts may be the one the answer cites
PART_CANDIDATES = 6


def topic_answer(
    finder: Finder, q: Query, topic: str, base: list[Session], now: datetime
) -> Finding:
    """The sessions among `base` about the topic, or an abstention naming the nearest ones."""
    restricted = len(base) < len(finder.programme.sessions)
    if not base and (untimed := _at_no_time(finder, q, topic, now)) is not None:
        return untimed
    if not base:
        return abstain(
            finder,
            q,
            says("I found nothing %(scope)s in the programme.", scope=scope_of(q)),
            offered=finder.relaxed(q, now),
        )
    end = _END_OF_KIND.get(topic.strip())
    of_kind = [s for s in base if s.format in q.formats]
    if end is not None and of_kind:
        # 'the opening keynote', 'the closing plenary on friday': the first or last of that kind
        picked = finder.sorted(of_kind)[end]
        if set(q.asks) & (SESSION_ASKS | {Ask.AFFILIATION}):
            return about_sessions(finder, q, [picked], q.asks)
        return Finding(query=q, asks=(Ask.TOPIC,), sessions=(picked,))
    within = [s.id for s in base] if restricted else None
    if (either := _either(finder, q, topic, within)) is not None:
        return either
    about_one = SESSION_ASKS | {Ask.AFFILIATION}
    if set(q.asks) & about_one and (titled := _named_by_title(finder, topic, within)):
        return about_sessions(finder, q, [titled], q.asks)
    hits, confident = _confident_hits(finder, topic, within)
    clues = (*q.formats, *q.filters, *q.groups, *q.streams)
    if not confident and clues and Ask.LIST not in q.asks:
        # a format, level, session or track a word seemed to name was a clue, not a constraint
        # ('the ask the experts panel' is not marked advanced, 'the gemini.R shiny thing' is
        # not in the Shiny session): look again across all of them
        loose = replace(q, formats=(), filters=(), groups=(), streams=())
        # the words that named them are words of the topic again ('the … workshop' may
        # be 'Workshop: …')
        worded = " ".join((topic, *(f.lower() for f in q.formats)))
        found = topic_answer(finder, loose, worded, finder.filtered(loose, now), now)
        if found.abstain or any(_of_kind(s, q) for s in found.sessions):
            return found  # the session is of that kind after all, named with its words
        if found.asks != (Ask.TOPIC,):
            return found  # 'who's talking at …?': the answer names the session it is about
        kinds = joined([f.lower() for f in clues], OR)
        note = says("No %(kinds)s matches that; the closest other sessions:", kinds=kinds)
        return replace(found, note=note)
    if not confident:
        if restricted:
            reason = says(
                "I couldn't find anything on %(topic)s %(scope)s in the programme.",
                topic=topic,
                scope=scope_of(q),
            )
        else:
            reason = says("I couldn't find anything on %(topic)s in the programme.", topic=topic)
        return abstain(finder, q, reason, hits=hits)
    confident = _numbered_first(finder, confident, q.text)
    best = confident[0]
    asks = q.asks
    # 'which uni are the r4r people at?': a session's people's organisations
    if set(asks) & about_one:
        chosen = [best]
    else:
        chosen = _near_best(confident)
    sessions = [finder.by_id[h.session_id] for h in chosen]
    parts = {h.session_id: p for h in chosen if (p := _best_part(finder, h, topic)) is not None}
    if set(asks) & about_one:
        if not parts and finder.coverage.says_title(topic, best.session_id):
            sessions = _with_namesakes(finder, sessions[0], base)
        return about_sessions(finder, q, sessions, asks, parts)
    return Finding(query=q, asks=(Ask.TOPIC,), sessions=tuple(sessions), parts=parts)


_EITHER = re.compile(r"\s+(?:or|oder|ou|o)\s+|\s*/\s*")


def _either(finder: Finder, q: Query, topic: str, within: list[str] | None) -> Finding | None:
    """'Which posters are about infection or sepsis?': the sessions each alternative is sure
    of (each at the part that answers it); None when the topic has no alternatives, or they
    are sure of fewer than two sessions (the whole topic then answers)."""
    alternatives = either_of(q.text, topic)
    if len(alternatives) < 2 or set(q.asks) & (SESSION_ASKS | {Ask.AFFILIATION}):
        return None
    sure = [
        (alternative, hits[0])
        for alternative in alternatives
        if (hits := _confident_hits(finder, alternative, within)[1])
    ]
    either = tuple(dict.fromkeys(finder.by_id[hit.session_id] for _, hit in sure))
    if len(either) < 2:
        return None  # one session or none: the whole topic says it better
    on: dict[str, int] = {}
    for alternative, hit in sure:  # a session two alternatives find: at the first one's part
        if hit.session_id not in on and (part := _best_part(finder, hit, alternative)):
            on[hit.session_id] = part
    return Finding(query=q, asks=(Ask.TOPIC,), sessions=either, parts=on)


def _at_no_time(finder: Finder, q: Query, topic: str, now: datetime) -> Finding | None:
    """'Falling out of bed at night' where no session runs at night: the words said the topic,
    not a time to go; the topic's answer, saying nothing runs then. None otherwise."""
    if q.window is None or not topic or q.relative_day is not None:
        return None
    at_any_time = finder.filtered(replace(q, window=None), now)
    if not at_any_time or finder.filtered(replace(q, days=()), now):
        return None
    found = topic_answer(finder, replace(q, window=None), topic, at_any_time, now)
    if found.abstain or found.note:
        return found
    note = says("No session runs %(when)s; on the subject:", when=q.window.label)
    return replace(found, note=note)


def either_of(text: str, topic: str) -> list[str]:
    """The topic's alternatives where the question joins them with 'or' or a slash ('infection or
    sepsis', 'les ORM / sqlalchemy'): the topic's words on each side; [topic] otherwise."""
    wanted = topic.split()
    sides = _EITHER.split(text.lower())
    if len(sides) < 2 or len(wanted) < 2:
        return [topic]
    # each side's topic words, each word given to the first side that has it
    left: list[str] = list(wanted)
    found: list[str] = []
    for side in sides:
        words = set(re.findall(r"[\w'-]+", side))
        mine = [w for w in left if w in words]
        left = [w for w in left if w not in mine]
        if mine:
            found.append(" ".join(mine))
    return found if len(found) > 1 and not left else [topic]


# 'Eliten in Krisenzeiten (1): …' and '(2): …': one of a numbered series of sessions
_SERIES_NUMBER = re.compile(r"\((\d{1,2})\)")


def _with_namesakes(finder: Finder, session: Session, base: list[Session]) -> list[Session]:
    """The session and the others of `base` under the very same title, in time order: 'when is
    the plenary?' of an Indico session held in four slots, each a block of its own (asked by
    its title: a talk found inside one slot is that slot's)."""
    title = session.title.casefold()
    namesakes = [s for s in base if s.title.casefold() == title and s.id != session.id]
    return finder.sorted([session, *namesakes]) if namesakes else [session]


def _named_by_title(finder: Finder, topic: str, within: list[str] | None) -> Session | None:
    """The one session whose title says the topic, for a question about that session alone:
    retrieval would rank it first (so it did on every eval question), and skipping it saves the
    model run. A session of several parts only when named by its whole title: which part is
    meant otherwise takes the retrieved chunks."""
    coverage = finder.coverage
    named = coverage.named_by_title(topic, within) or coverage.shortened_title(topic, within)
    if named is None:
        return None
    session = finder.by_id[named]
    whole = len(session.parts) < 2 or coverage.is_title(topic, named)
    return session if whole else None


def _numbered_first(finder: Finder, hits: list[SessionHit], text: str) -> list[SessionHit]:
    """The hits with the one whose title carries the series number the question names first
    ('… eliten in krisenzeiten (1)?' of panels (1) and (2))."""
    asked = set(_SERIES_NUMBER.findall(text))
    if not asked or len(hits) < 2:
        return hits
    numbered = [
        h for h in hits if asked & set(_SERIES_NUMBER.findall(finder.by_id[h.session_id].title))
    ]
    return numbered + [h for h in hits if h not in numbered] if numbered else hits


def _of_kind(session: Session, q: Query) -> bool:
    """Whether the session is of every kind the question named (format, level, block, track)."""
    return (
        (not q.formats or session.format in q.formats)
        and set(q.filters) <= set(session.content_filters)
        and (not q.groups or session.group in q.groups)
        and (not q.streams or session.stream in q.streams)
    )


@dataclass(frozen=True, slots=True)
class Ranked:
    """What retrieval found for a topic: its hits, those the thresholds trust, and the wording the
    calibrated model weighs hits[0] with when they trust none (the topic, or its mended spelling)."""

    wording: str
    hits: list[SessionHit]
    trusted: list[SessionHit]


def ranked(finder: Finder, topic: str, within: list[str] | None) -> Ranked:
    """The hits for the topic and those the thresholds trust, trying its spelling mended, then
    reworded."""
    hits = finder.retriever.search(topic, session_ids=within, k=10)
    found = Ranked(topic, hits, [h for h in hits if finder.coverage.confident(topic, h)])
    mended = finder.retriever.spelled(topic)  # 'hex stikcers' meant 'hex stickers'
    if mended:
        mended_hits = finder.retriever.search(mended, session_ids=within, k=10)
        sure = [h for h in mended_hits if finder.coverage.confident(mended, h)]
        if sure and (not found.trusted or sure[0].score > found.trusted[0].score):
            found = Ranked(mended, mended_hits, sure)
    reworded = "" if found.trusted else other_wording(topic)  # 'ai': 'artificial intelligence'
    if reworded:
        hits = finder.retriever.search(reworded, session_ids=within, k=10)
        found = Ranked(topic, hits, [h for h in hits if finder.coverage.confident(reworded, h)])
    return found


def sure_of(finder: Finder, topic: str, within: list[str]) -> list[Session]:
    """The sessions among `within` the topic is surely about, best first, as a topic answer
    would list them (those scoring near the best)."""
    return [
        finder.by_id[h.session_id] for h in _near_best(_confident_hits(finder, topic, within)[1])
    ]


def _near_best(hits: list[SessionHit]) -> list[SessionHit]:
    """Of hits best first, up to three of the first five scoring near the best: the sessions a
    topic answer lists."""
    if not hits:
        return []
    return [h for h in hits[:5] if h.score >= hits[0].score - ALSO_RELEVANT_GAP][:3]


def _confident_hits(
    finder: Finder, topic: str, within: list[str] | None
) -> tuple[list[SessionHit], list[SessionHit]]:
    """The hits for the topic and those trusted: by the thresholds, else by the model."""
    found = ranked(finder, topic, within)
    if not found.trusted and found.hits and _answers(finder, found.wording, found.hits):
        return found.hits, found.hits[:1]
    return found.hits, found.trusted


def _answers(finder: Finder, topic: str, hits: list[SessionHit]) -> bool:
    """Whether the calibrated model trusts the first hit where the thresholds did not: a rare
    word in one title, a paraphrase of the abstract ('teaching robots to walk')."""
    if finder.answerability is None:
        return False
    return finder.answerability.answers(evidence_of(finder, topic, hits))


def evidence_of(finder: Finder, topic: str, hits: list[SessionHit]) -> Evidence:
    """What the calibrated model weighs about hits[0] (non-empty) for the topic."""
    title = finder.by_id[hits[0].session_id].title
    return gather_evidence(topic, hits, finder.coverage, title)


def _best_part(finder: Finder, hit: SessionHit, topic: str) -> int | None:
    """The part of a multi-part session the hit's chunks came from, so the answer can cite it:
    among the parts of its closest chunks, the one whose own words cover the topic best
    ('experiment-specific monitoring' is the poster with those words in its title, not the
    one whose text is merely closest in meaning)."""
    session = finder.by_id[hit.session_id]
    if len(session.parts) < 2:
        return None
    closest: dict[int, int] = {}
    for rank, chunk in enumerate(hit.chunks[:PART_CANDIDATES]):
        if chunk.part_index is not None:
            closest.setdefault(chunk.part_index, rank)
    if not closest:
        return None
    by_index = {p.index: p for p in session.parts}
    weights = {w: finder.coverage.idf(w) for w in tokens(topic) if len(w) > 2}
    total = sum(weights.values())

    def covered(text: str) -> float:
        if not total:
            return 0.0
        have = set(tokens(text))
        return round(sum(weight for w, weight in weights.items() if w in have) / total, 2)

    # a German part's English gloss counts as its words ('secret services' of 'Geheimdiensten')
    glossed: dict[int | None, str] = {}
    for chunk in hit.chunks:
        if chunk.kind is ChunkKind.GLOSS:
            glossed[chunk.part_index] = f"{glossed.get(chunk.part_index, '')} {chunk.text}"

    def of_part(index: int) -> float:
        part = by_index.get(index)
        return covered(f"{part.title} {part.abstract} {glossed.get(index, '')}") if part else 0.0

    best = max(closest, key=lambda i: (of_part(i), -closest[i]))
    # 'the maternity session' names the session by its own title: all of it, not one paper
    if covered(session.title) > 0 and covered(session.title) >= of_part(best):
        return None
    return best
