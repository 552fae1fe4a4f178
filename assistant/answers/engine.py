"""The assistant: question + context -> Reply. Decides which records answer the question."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import jinja2

from assistant.answers.answerer import LANGUAGES, Answerer, Finding, make_environment, now_text
from assistant.answers.conversation import Conversation
from assistant.answers.reply import Reply
from assistant.answers.understanding import Ask, Query, other_wording, understand
from assistant.answers.vocabulary import Vocabulary, build_vocabulary, fold
from assistant.errors import AssistantError
from assistant.programme import Capacity, Participant, Programme, Session, written_zone
from assistant.search.embedder import Embedder
from assistant.search.glossary import session_language
from assistant.search.retriever import Retriever, SessionHit, session_text, tokens
from assistant.search.store import LoadedIndex, load_index

TEMPLATES = Path(__file__).resolve().parents[2] / "web" / "templates" / "answers"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
MAX_QUESTION_CHARS = 1000
PERSON_QUESTION = re.compile(r"^\s*(who(?:'s| is| are)|what does|what do|tell me about)\b")
PREFIX = 5

# Calibrated on the dev set (cosines of all-MiniLM-L6-v2): a topic hit is trusted when its best
# chunk is close in meaning and shares some of the question's words, or when the question's
# rare words (a package, a product, a name) all stand in the session's text. Absent topics
# peaked at 0.40 there; paraphrased present ones started at 0.44.
DENSE_SURE = 0.50
DENSE_LIKELY = 0.43
WORDS_SOME = 0.30
WORDS_ALL = 0.90
LEXICAL_STRONG = 0.80
ALSO_RELEVANT_GAP = 0.08
RARE_SHARE = 0.02

SESSION_ASKS = {
    Ask.WHO,
    Ask.WHEN,
    Ask.WHERE,
    Ask.CHAIR,
    Ask.FORMAT,
    Ask.LEVEL,
    Ask.LANGUAGE,
    Ask.RECORDED,
    Ask.OBJECTIVES,
    Ask.ABOUT,
}


# 'what's in the same room after it?', 'what's on there after that?'
SAME_ROOM = re.compile(r"\bsame (room|place|hall|stage|venue)\b|\b(there|that room|in it)\b")
# 'what else is on in that session?': the block of talks it belongs to
THAT_BLOCK = re.compile(r"\b(that|the same|this) (session|block|slot)\b")
# 'when's the one in Ada?', 'which one's the training?'
ONE_OF_THEM = re.compile(r"\b(the|which) one('s| is)?\b|\bthe (talk|session|workshop) (in|on|at)\b")
# 'who else speaks in that room that day?': the other sessions where and when that one was
THAT_ROOM_OR_DAY = re.compile(r"\b(that|same) (room|day)\b")
# 'is he presenting anything himself?', 'what else is she doing?': the person just named
HIS_OTHER_SESSIONS = re.compile(
    r"\b(he|she|him|her|they)\b.*\b(presenting|speaking|talking|giving|doing|chairing|running|"
    r"on)\b.*\b(anything|else|other|elsewhere|himself|herself|themselves)\b"
    r"|\bwhat else (is|are|does|do) (he|she|they)\b"
    r"|\b(his|her|their) other (talks?|sessions?)\b"
)


def clean_question(message: str) -> str:
    """The question with control characters removed, whitespace folded, and bounded."""
    return " ".join(CONTROL.sub(" ", message).split())[:MAX_QUESTION_CHARS]


class Coverage:
    """How much of a question's distinctive vocabulary a session's own text contains."""

    def __init__(self, programme: Programme) -> None:
        self._words = {s.id: set(tokens(session_text(s))) for s in programme.sessions}
        # 'anonymised' finds 'anonymisation': long words also match on their first five letters
        self._prefixes = {
            sid: {w[:PREFIX] for w in ws if len(w) >= PREFIX} for sid, ws in self._words.items()
        }
        frequency: Counter[str] = Counter(w for ws in self._words.values() for w in ws)
        self._count = max(1, len(self._words))
        self._frequency = frequency

    def idf(self, word: str) -> float:
        """Rarer words weigh more; a word the programme never uses weighs most."""
        return math.log(1 + self._count / (1 + self._frequency.get(word, 0)))

    def rare(self, topic: str) -> bool:
        """Every word of the topic names few sessions: 'bmj', 'plundervolt', a package name."""
        wanted = [w for w in dict.fromkeys(tokens(topic)) if len(w) > 2]
        limit = max(2, RARE_SHARE * self._count)
        return bool(wanted) and all(0 < self._frequency.get(w, 0) <= limit for w in wanted)

    def of(self, topic: str, session_id: str) -> float:
        """IDF-weighted share of the topic's words found in the session (prefix-tolerant)."""
        wanted = [w for w in dict.fromkeys(tokens(topic)) if len(w) > 1]
        if not wanted:
            return 0.0
        have = self._words.get(session_id, set())
        prefixes = self._prefixes.get(session_id, set())
        total = found = 0.0
        for word in wanted:
            weight = self.idf(word)
            total += weight
            if word in have or (len(word) >= PREFIX and word[:PREFIX] in prefixes):
                found += weight
        return found / total if total else 0.0


class Assistant:
    """Answers questions about one programme from its built index."""

    def __init__(self, index: LoadedIndex, embedder: Embedder, max_results: int = 8) -> None:
        self.index = index
        self.programme: Programme = index.programme
        self.retriever = Retriever.from_index(index, embedder)
        self.vocabulary: Vocabulary = build_vocabulary(self.programme)
        self.coverage = Coverage(self.programme)
        self.zone = written_zone(self.programme)
        self.answerer = Answerer(
            self.programme,
            make_environment(jinja2.FileSystemLoader(str(TEMPLATES))),
            max_results,
        )
        self._by_id = {s.id: s for s in self.programme.sessions}
        self._order = {s.id: i for i, s in enumerate(self.programme.sessions)}
        self._languages = {s.id: session_language(s) for s in self.programme.sessions}
        self._people = {p.id: p for p in self.programme.people}

    @classmethod
    def load(
        cls, index_dir: Path, embedder: Embedder | None = None, max_results: int = 8
    ) -> Assistant:
        """An assistant over a built index folder (IndexFolderError if it is missing or stale)."""
        return cls(load_index(Path(index_dir)), embedder or Embedder(), max_results)

    # ----- the clock -------------------------------------------------------------------------

    def clock(self, now: str | None = None) -> datetime:
        """Programme-local wall-clock time: the fixed --now, or the real clock in the programme's zone."""
        if now:
            try:
                moment = datetime.fromisoformat(now)
            except ValueError:
                raise AssistantError(
                    f"--now expects a time like 2025-05-22T13:00, got {now!r}"
                ) from None
            return self.local(moment)
        real = datetime.now(self.zone) if self.zone else datetime.now()
        return real.replace(tzinfo=None)

    def local(self, moment: datetime) -> datetime:
        """A clock reading as programme-local wall-clock time (naive)."""
        if moment.tzinfo is None:
            return moment
        return (moment.astimezone(self.zone) if self.zone else moment).replace(tzinfo=None)

    @staticmethod
    def wall(moment: datetime) -> datetime:
        """A session time as the programme writes it (naive): what answers show is what counts."""
        return moment.replace(tzinfo=None)

    def _minutes(self, session: Session) -> tuple[int, int] | None:
        """Start and end as minutes after the session's programme day began (past 24h after midnight)."""
        if session.start is None:
            return None
        start = self.wall(session.start)
        day = session.day or start.date()
        begin = (start.date() - day).days * 1440 + start.hour * 60 + start.minute
        if session.end is not None:
            end = self.wall(session.end)
            finish = (end.date() - day).days * 1440 + end.hour * 60 + end.minute
        else:
            finish = begin + 60
        return begin, max(finish, begin)

    # ----- replying ----------------------------------------------------------------------------

    def reply(
        self,
        message: str,
        context: Mapping[str, Any] | None = None,
        now: datetime | None = None,
    ) -> Reply:
        """The reply to one chat message, following the previous reply's context."""
        text = clean_question(message)
        conversation = Conversation.from_json(context)
        moment = self.local(now) if now is not None else self.clock()
        if not text:
            query = understand("help", self.programme, self.vocabulary)
            return self.answerer.render(Finding(query=query, asks=(Ask.HELP,)))
        query = understand(text, self.programme, self.vocabulary)
        if query.asks and query.asks[0] in (Ask.GREETING, Ask.HELP, Ask.THANKS):
            return self.answerer.render(Finding(query=query, asks=query.asks[:1]))
        return self.answerer.render(self._find(query, conversation, moment))

    def _find(self, q: Query, conversation: Conversation, now: datetime) -> Finding:
        if q.unknown_day:
            return self._abstain(q, f"The programme has no sessions on {q.unknown_day}.")
        if q.unknown_person and not q.people:
            return self._abstain(
                q, f"I can't find anyone called {q.unknown_person} in the programme.", nearest=False
            )
        if q.unknown_affiliation:
            return self._mentioned_in_biographies(q) or self._abstain(
                q,
                f"Nobody in the programme is listed as from {q.unknown_affiliation.title()}.",
                nearest=False,
            )
        follows = self._follow_up(q, conversation, now)
        if follows is not None:
            return follows
        if q.after_session:
            on_day = [s.id for s in self.programme.sessions if s.day in q.days] or None
            hits = self.retriever.search(q.after_session, session_ids=on_day, k=3)
            named = [h for h in hits if self._confident(q.after_session, h)]
            if named:
                following = self._after(q, [self._by_id[named[0].session_id]])
                if following is not None:
                    return following
        asks = q.asks
        if Ask.NOW in asks or Ask.NEXT in asks:
            return self._clock_answer(q, now)
        if (Ask.AFFILIATION in asks) and (q.organisations or q.countries):
            return self._affiliation(q, now)

        base = self._filtered(q, now)
        if q.organisations and set(asks) & SESSION_ASKS:
            # 'what format is the session with the ABC Parents people?': their sessions
            theirs = self._affiliation(q, now).sessions
            if theirs:
                return self._about_sessions(q, list(theirs), asks)
        if q.codes:
            sessions = [self._by_id[i] for i in q.codes if i in self._by_id]
            return self._about_sessions(q, sessions, asks)
        if q.people:
            return self._people_answer(q, base)
        topic = self._topic(q)
        if topic:
            return self._topic_answer(q, topic, base, now)
        if q.has_filters:
            listed = self._sorted(base)
            if not listed:
                return self._abstain(
                    q,
                    f"I found nothing {self._scope(q)} in the programme.",
                    offered=self._relaxed(q, now),
                )
            if set(asks) & SESSION_ASKS and Ask.LIST not in asks:
                return self._about_sessions(q, listed, asks)
            return Finding(query=q, asks=(Ask.LIST,), sessions=tuple(listed), scope=self._scope(q))
        if len(self.programme.sessions) == 1 and set(asks) & SESSION_ASKS and not q.refers_back:
            # a one-session programme: 'what will I get out of part one?' can only mean it
            return self._about_sessions(q, list(self.programme.sessions), asks)
        return self._abstain(
            q,
            "I'm not sure which session you mean. Name a session, a person or a topic, "
            "or ask what's on a day or in a room.",
            nearest=False,
        )

    # ----- follow-ups --------------------------------------------------------------------------

    def _follow_up(self, q: Query, conversation: Conversation, now: datetime) -> Finding | None:
        """Answers that lean on the previous reply: 'when is it?', 'the second one', 'what about Friday?'."""
        if not conversation.session_ids and not conversation.question:
            return None
        anchored = bool(q.people or q.codes or q.organisations or q.countries or self._topic(q))
        if q.what_about and conversation.question and not anchored:
            earlier = understand(conversation.question, self.programme, self.vocabulary)
            changes = {
                name: getattr(q, name)
                for name in ("days", "day_label", "window", "rooms", "streams", "formats", "groups")
                if getattr(q, name)
            }
            merged = replace(earlier, **changes, text=q.text)
            return self._find(merged, Conversation(), now)
        text = q.text.lower()
        among_previous = re.search(r"\b(of|among|from) (those|these|them)\b", text)
        # 'when's the one in Ada?', 'which one's the training?': one of the sessions just listed
        picks_one = q.has_filters and bool(ONE_OF_THEM.search(text))
        if anchored or (q.has_filters and not (among_previous or picks_one)):
            return None
        if {Ask.NOW, Ask.NEXT, Ask.LIST} & set(q.asks) and not q.refers_back:
            return None
        previous = [self._by_id[i] for i in conversation.session_ids if i in self._by_id]
        if not previous:
            return None
        if among_previous or picks_one:
            allowed = {s.id for s in self._filtered(q, now)}
            narrowed = [s for s in previous if s.id in allowed]
            if not narrowed:
                return self._abstain(q, f"None of those is {self._scope(q)}.", offered=previous[:3])
            if picks_one:
                asks = tuple(a for a in q.asks if a in SESSION_ASKS) or (Ask.ABOUT,)
                return self._keep_people(self._about_sessions(q, narrowed, asks), conversation)
            return Finding(
                query=q, asks=(Ask.LIST,), sessions=tuple(narrowed), scope=self._scope(q)
            )
        if q.after_previous:
            return self._after(q, previous, same_room=bool(SAME_ROOM.search(text)))
        if len(conversation.person_ids) == 1 and HIS_OTHER_SESSIONS.search(text):
            # 'is he presenting anything himself?' after a chair was named; 'what else is she
            # presenting?' leaves out the session just named
            others = [
                s for s in self.programme.sessions if not q.excludes_previous or s not in previous
            ]
            return self._people_answer(replace(q, people=conversation.person_ids), others)
        if Ask.WHO in q.asks and q.excludes_previous and THAT_ROOM_OR_DAY.search(text):
            return self._around(q, previous, text)
        blocks = {s.group for s in previous if s.group}
        if q.excludes_previous and blocks and THAT_BLOCK.search(text):
            # 'what else is on in that session?': the other talks of the block it is in
            rest = [s for s in self.programme.sessions if s.group in blocks and s not in previous]
            if rest:
                scope = "in the " + " or ".join(sorted(blocks)) + " session"
                return Finding(
                    query=q, asks=(Ask.LIST,), sessions=tuple(self._sorted(rest)), scope=scope
                )
        if q.ordinal is not None and len(previous) > 1:
            index = q.ordinal - 1 if q.ordinal > 0 else len(previous) - 1
            previous = previous[index : index + 1] or previous[-1:]
        asks = tuple(a for a in q.asks if a in SESSION_ASKS or a is Ask.AFFILIATION) or (Ask.ABOUT,)
        if Ask.WHO in asks and q.excludes_previous and conversation.person_ids:
            return self._others(q, previous, conversation.person_ids)
        return self._keep_people(self._about_sessions(q, previous, asks), conversation)

    def _keep_people(self, found: Finding, conversation: Conversation) -> Finding:
        """'Is it recorded?' keeps the person a later 'what else is she presenting?' means."""
        if found.people or not conversation.person_ids:
            return found
        kept = tuple(self._people[i] for i in conversation.person_ids if i in self._people)
        return replace(found, people=kept)

    def _after(self, q: Query, previous: list[Session], same_room: bool = False) -> Finding | None:
        """What starts next once the sessions just named are over ('and after that?'), in
        their room when asked ('what's in the same room after it?')."""
        ends = [self.wall(s.end or s.start) for s in previous if s.start is not None]
        if not ends:
            return None
        over = max(ends)
        unbound = replace(q, asks=(Ask.NEXT,), days=(), day_label="", relative_day=None)
        if same_room:
            unbound = replace(
                unbound, rooms=tuple(dict.fromkeys(s.room for s in previous if s.room))
            )
        # a moment before it is over, so what starts as it ends counts as next, not as running
        found = self._clock_answer(unbound, over - timedelta(seconds=1))
        if found.asks != (Ask.NEXT,):
            return found  # nothing follows: the clock answer says so
        which = self._name_of(previous) if len(previous) == 1 else "those"
        return replace(found, note=f"After {which} (over at {over:%H:%M}):")

    def _around(self, q: Query, previous: list[Session], text: str) -> Finding:
        """'Who else speaks in that room that day?': the speakers of the other sessions there."""
        rooms = {s.room for s in previous} if re.search(r"\b(that|same) room\b", text) else None
        days = {s.day for s in previous} if re.search(r"\b(that|same) day\b", text) else None
        around = [
            s
            for s in self.programme.sessions
            if s not in previous
            and (rooms is None or s.room in rooms)
            and (days is None or s.day in days)
            and s.speakers
        ]
        if not around:
            return self._abstain(q, "Nobody else speaks there then.", nearest=False)
        return self._about_sessions(q, self._sorted(around), (Ask.WHO,))

    def _mentioned_in_biographies(self, q: Query) -> Finding | None:
        """People whose biography names an organisation the programme does not list as one
        ('who works at Brugwerk Logistics?' when only their biography says so)."""
        phrase = re.compile(rf"\b{re.escape(q.unknown_affiliation)}\b")
        people = [p for p in self.programme.people if phrase.search(fold(p.person.biography))]
        if not people:
            return None
        sessions = dict.fromkeys(
            self._by_id[i] for p in people for i in p.session_ids if i in self._by_id
        )
        return Finding(
            query=q,
            asks=(Ask.AFFILIATION,),
            sessions=tuple(self._sorted(sessions)),
            people=tuple(people),
            scope=f"named in their biography with {q.unknown_affiliation.title()}",
        )

    def _others(self, q: Query, sessions: list[Session], excluded: Iterable[str]) -> Finding:
        skip = set(excluded)
        others = [
            self._people[p.id]
            for s in sessions
            for p in s.people
            if p.id not in skip and p.id in self._people
        ]
        if not others:
            return self._abstain(q, "Nobody else is listed for that session.", nearest=False)
        names = ", ".join(dict.fromkeys(p.person.name for p in others))
        return Finding(
            query=q,
            asks=(Ask.WHO,),
            sessions=tuple(sessions),
            people=tuple(dict.fromkeys(others)),
            note=f"Also speaking there: {names}.",
        )

    # ----- filters, topics, people -------------------------------------------------------------

    def _filtered(self, q: Query, now: datetime) -> list[Session]:
        """The sessions the question's days, times, places and kinds allow."""
        topic = self._topic(q)
        listing = not topic or bool({Ask.LIST, Ask.NOW, Ask.NEXT} & set(q.asks))
        days = set(q.days)
        if q.relative_day is not None:
            days.add(now.date() + timedelta(days=q.relative_day))
        keep = []
        for s in self.programme.sessions:
            if days and s.day not in days:
                continue
            if q.window is not None:
                minutes = self._minutes(s)
                if minutes is None:
                    continue
                if q.window.running:  # 'at 11:30': on at that moment
                    if not (minutes[0] <= q.window.start < max(minutes[1], minutes[0] + 1)):
                        continue
                elif not (q.window.start <= minutes[0] < q.window.end):
                    continue
            if q.rooms and Ask.FORMAT not in q.asks and not self._in_rooms(s, q.rooms):
                continue
            if q.groups and Ask.FORMAT not in q.asks and s.group not in q.groups:
                continue  # 'is the X talk virtual?' asks about a kind, it does not filter by it
            if q.streams and listing and s.stream not in q.streams:
                continue
            if (
                q.formats
                and (listing or q.people or bool(set(q.asks) & (SESSION_ASKS | {Ask.TOPIC})))
                and Ask.FORMAT not in q.asks
                and s.format not in q.formats
            ):
                continue
            if (
                q.filters
                and Ask.LEVEL not in q.asks
                and not set(q.filters) <= set(s.content_filters)
            ):
                continue
            if (
                q.languages
                and Ask.LANGUAGE not in q.asks
                and self._languages[s.id] not in q.languages
            ):
                continue
            keep.append(s)
        return keep

    @staticmethod
    def _in_rooms(session: Session, rooms: tuple[str, ...]) -> bool:
        """In one of the rooms, including a plenary slot listed as 'C01, B05/B06, B09'."""
        if session.room in rooms:
            return True
        return any(part.strip() in rooms for part in session.room.split(","))

    def _topic(self, q: Query) -> str:
        """The words retrieval ranks on: the question's topic, plus names that were not filters."""
        extra: list[str] = []
        if q.streams and q.topic and not ({Ask.LIST, Ask.NOW, Ask.NEXT} & set(q.asks)):
            extra.extend(q.streams)
        if q.missing_format and q.missing_format not in q.topic.split():
            extra.append(q.missing_format)
        return " ".join([q.topic, *extra]).strip() if q.topic or q.missing_format else ""

    def _relaxed(self, q: Query, now: datetime) -> list[Session]:
        """Nearest sessions when filters leave nothing: drop the time, then the day, then the place."""
        for loosen in (
            {"window": None},
            {"window": None, "days": (), "day_label": "", "relative_day": None},
            {"window": None, "rooms": (), "streams": ()},
        ):
            looser = replace(q, **loosen)  # type: ignore[arg-type]
            if looser.has_filters:
                found = self._sorted(self._filtered(looser, now))
                if found:
                    return found[:3]
        return []

    def _sorted(self, sessions: Iterable[Session]) -> list[Session]:
        def key(s: Session) -> tuple[int, date, int, str, int]:
            minutes = self._minutes(s)
            return (
                0 if s.start else 1,
                s.day or date.max,
                minutes[0] if minutes else 0,
                s.room,
                self._order[s.id],
            )

        return sorted(sessions, key=key)

    def _confident(self, topic: str, hit: SessionHit) -> bool:
        """Whether a retrieved session really is about the topic (else the assistant abstains)."""
        if hit.dense >= DENSE_SURE:
            return True
        covered = self.coverage.of(topic, hit.session_id)
        if hit.dense >= DENSE_LIKELY and covered >= WORDS_SOME:
            return True
        if covered < WORDS_ALL:
            return False
        return hit.lexical >= LEXICAL_STRONG or self.coverage.rare(topic)

    def _topic_answer(self, q: Query, topic: str, base: list[Session], now: datetime) -> Finding:
        restricted = len(base) < len(self.programme.sessions)
        if not base:
            return self._abstain(
                q,
                f"I found nothing {self._scope(q)} in the programme.",
                offered=self._relaxed(q, now),
            )
        hits = self.retriever.search(
            topic, session_ids=[s.id for s in base] if restricted else None, k=10
        )
        confident = [h for h in hits if self._confident(topic, h)]
        within = [s.id for s in base] if restricted else None
        mended = self.retriever.spelled(topic)  # 'hex stikcers' meant 'hex stickers'
        if mended:
            mended_hits = self.retriever.search(mended, session_ids=within, k=10)
            sure = [h for h in mended_hits if self._confident(mended, h)]
            if sure and (not confident or sure[0].score > confident[0].score):
                hits, confident = mended_hits, sure
        reworded = "" if confident else other_wording(topic)  # 'ai': 'artificial intelligence'
        if reworded:
            hits = self.retriever.search(reworded, session_ids=within, k=10)
            confident = [h for h in hits if self._confident(reworded, h)]
        if not confident and q.formats and Ask.LIST not in q.asks:
            # the format was a clue, not a constraint: look again across every format
            anyformat = replace(q, formats=())
            found = self._topic_answer(anyformat, topic, self._filtered(anyformat, now), now)
            kinds = " or ".join(f.lower() for f in q.formats)
            return replace(found, note=f"No {kinds} matches that; the closest other sessions:")
        if not confident:
            where = f" {self._scope(q)}" if restricted else ""
            return self._abstain(
                q,
                f"I couldn't find anything on {topic}{where} in the programme.",
                hits=hits,
            )
        best = confident[0]
        asks = q.asks
        if set(asks) & SESSION_ASKS:
            chosen = [best]
        else:
            chosen = [h for h in confident[:5] if h.score >= best.score - ALSO_RELEVANT_GAP][:3]
        sessions = [self._by_id[h.session_id] for h in chosen]
        parts = {h.session_id: p for h in chosen if (p := self._best_part(h)) is not None}
        if set(asks) & SESSION_ASKS:
            return self._about_sessions(q, sessions, asks, parts)
        return Finding(query=q, asks=(Ask.TOPIC,), sessions=tuple(sessions), parts=parts)

    def _best_part(self, hit: SessionHit) -> int | None:
        session = self._by_id[hit.session_id]
        if len(session.parts) < 2:
            return None
        return next((c.part_index for c in hit.chunks if c.part_index is not None), None)

    def _people_answer(self, q: Query, base: list[Session]) -> Finding:
        people = [self._people[p] for p in q.people if p in self._people]
        allowed = {s.id for s in base}
        sessions = [
            self._by_id[i]
            for p in people
            for i in p.session_ids
            if i in allowed and i in self._by_id
        ]
        sessions = list(dict.fromkeys(sessions))
        if re.search(r"\b(presenting|speaking|talking|giving|presents|speaks)\b", q.text.lower()):
            spoken = {
                a.session_id
                for p in people
                for a in p.appearances
                if a.capacity is Capacity.SPEAKER
            }
            sessions = [s for s in sessions if s.id in spoken] or sessions  # not the ones chaired
        names = ", ".join(p.person.name for p in people)
        if not sessions:
            return self._abstain(q, f"{names} has no session {self._scope(q)} in the programme.")
        topic = self._topic(q)
        if topic and len(sessions) > 1:
            hits = self.retriever.search(
                topic, session_ids=[s.id for s in sessions], k=len(sessions)
            )
            if hits and (hits[0].lexical > 0 or hits[0].dense >= DENSE_LIKELY):
                sessions = [self._by_id[hits[0].session_id]]
        asks = tuple(a for a in q.asks if a in SESSION_ASKS or a is Ask.AFFILIATION) or (Ask.ABOUT,)
        if asks == (Ask.ABOUT,) and PERSON_QUESTION.match(q.text.lower()):
            asks = (Ask.PERSON,)
        parts = {
            s.id: a.part_index
            for p in people
            for a in p.appearances
            if (s := self._by_id.get(a.session_id)) is not None
            and a.part_index is not None
            and len(s.parts) > 1
        }
        sessions = self._sorted(sessions)
        subject = ""
        if len(sessions) > 1 and Ask.AFFILIATION not in asks:
            subject = f"{names} is in {len(sessions)} sessions"
        finding = self._about_sessions(q, sessions, asks, parts)
        return replace(finding, people=tuple(people), subject=subject)

    def _affiliation(self, q: Query, now: datetime) -> Finding:
        wanted_orgs = {fold(o) for o in q.organisations}
        wanted_countries = {fold(c) for c in q.countries}
        both = bool(wanted_orgs and wanted_countries)  # 'a hospital in denmark'
        # 'which posit people are presenting on sunday?': only sessions the filters allow
        allowed = {s.id for s in self._filtered(q, now)} if q.has_filters else set(self._by_id)

        def listed(p: Participant) -> bool:
            by_org = fold(p.person.organisation) in wanted_orgs
            by_country = fold(p.person.country) in wanted_countries
            named = (by_org and by_country) if both else (by_org or by_country)
            return named and not allowed.isdisjoint(p.session_ids)

        people = [p for p in self.programme.people if listed(p)]
        sessions = list(
            dict.fromkeys(self._by_id[i] for p in people for i in p.session_ids if i in allowed)
        )
        organisations = " or ".join(q.organisations[:3])
        if len(q.organisations) > 3:
            organisations = f"a '{q.affiliation_phrase}' organisation"
        countries = " or ".join(q.countries[:3])
        if both:
            scope = f"listed with {organisations} in {countries}"
        elif q.organisations:
            scope = f"listed with {organisations}"
        else:
            scope = f"from {countries}"
        if q.has_filters:
            scope = f"{scope}, in sessions {self._scope(q)}"
        return Finding(
            query=q,
            asks=(Ask.AFFILIATION,),
            sessions=tuple(self._sorted(sessions)),
            people=tuple(people),
            scope=scope,
        )

    def _about_sessions(
        self,
        q: Query,
        sessions: list[Session],
        asks: tuple[Ask, ...],
        parts: Mapping[str, int] | None = None,
    ) -> Finding:
        """An answer about given sessions, saying so plainly when a field asked for is missing."""
        asks = tuple(
            a for a in asks if a in SESSION_ASKS or a in (Ask.AFFILIATION, Ask.PERSON)
        ) or (Ask.ABOUT,)
        streams_asked = re.search(r"\b(stream|track|theme)\b", q.text.lower())
        if Ask.WHEN in asks and Ask.WHERE in asks and not streams_asked:
            asks = tuple(a for a in asks if a is not Ask.WHERE)
        if q.part_index is not None and len(sessions) == 1:
            if any(p.index == q.part_index for p in sessions[0].parts):
                parts = {**(parts or {}), sessions[0].id: q.part_index}
        if Ask.CHAIR in asks and not any(s.chairs for s in sessions):
            name = self._name_of(sessions)
            return self._abstain(
                q, f"The programme does not list a chair for {name}.", offered=sessions[:3]
            )
        # a chair or speaker answer names the person a follow-up's 'he' or 'she' then means
        speakers = tuple(
            dict.fromkeys(
                self._people[p.id] for s in sessions for p in s.speakers if p.id in self._people
            )
        )
        chairs = tuple(
            dict.fromkeys(
                self._people[c.id] for s in sessions for c in s.chairs if c.id in self._people
            )
        )
        return Finding(
            query=q,
            asks=asks,
            sessions=tuple(sessions),
            parts=dict(parts or {}),
            people=chairs
            if Ask.CHAIR in asks
            else speakers
            if {Ask.WHO, Ask.AFFILIATION} & set(asks)
            else (),
        )

    def _name_of(self, sessions: list[Session]) -> str:
        groups = {s.group for s in sessions}
        if len(sessions) > 1 and len(groups) == 1 and next(iter(groups)):
            return f"the {next(iter(groups))} session"
        first = sessions[0]
        return f"{first.code}: {first.title}" if first.code else first.title

    # ----- now and next ------------------------------------------------------------------------

    def _clock_answer(self, q: Query, now: datetime) -> Finding:
        plain = replace(q, days=(), relative_day=None, window=None)
        base = self._filtered(plain, now) if plain.has_filters else list(self.programme.sessions)
        running: list[Session] = []
        upcoming: list[tuple[datetime, Session]] = []
        for s in base:
            if s.start is None:
                continue
            start = self.wall(s.start)
            end = self.wall(s.end) if s.end else start + timedelta(hours=1)
            if start <= now < end:
                running.append(s)
            elif start >= now:
                upcoming.append((start, s))
        scope = self._scope(plain)
        if Ask.NOW in q.asks and running:
            return Finding(
                query=q,
                asks=(Ask.NOW,),
                sessions=tuple(self._sorted(running)),
                scope=scope,
                note=f"It is {now_text(now)}.",
            )
        if not upcoming:
            return self._abstain(
                q,
                f"Nothing {'else ' if running else ''}is scheduled {scope + ' ' if scope else ''}after {now_text(now)}.",
                nearest=False,
            )
        first = min(t for t, _ in upcoming)
        following = [s for t, s in upcoming if t == first]
        if q.horizon is not None:  # 'starting in the next hour': all of them, not the first
            until = now + timedelta(minutes=q.horizon)
            if first > until:
                return self._abstain(
                    q,
                    f"Nothing starts {scope + ' ' if scope else ''}between {now:%H:%M} and "
                    f"{until:%H:%M}; next is {self._name_of(following[:1])} at {first:%H:%M}.",
                    nearest=False,
                )
            following = [s for t, s in upcoming if t <= until]
        note = f"It is {now_text(now)}."
        if Ask.NOW in q.asks:
            note = f"Nothing is on {scope + ' ' if scope else ''}right now ({now_text(now)})."
        return Finding(
            query=q,
            asks=(Ask.NEXT,),
            sessions=tuple(self._sorted(following)),
            scope=scope,
            note=note,
        )

    # ----- abstaining --------------------------------------------------------------------------

    def _abstain(
        self,
        q: Query,
        reason: str,
        *,
        hits: list[SessionHit] | None = None,
        nearest: bool = True,
        offered: list[Session] | None = None,
    ) -> Finding:
        """Say plainly that the programme does not answer, offering up to three nearest sessions."""
        near: list[Session] = list(offered or [])
        if not near and nearest:
            if hits is None and q.topic:
                hits = self.retriever.search(q.topic, k=3)
            near = [self._by_id[h.session_id] for h in (hits or [])[:3] if h.dense > 0.2]
        return Finding(query=q, asks=q.asks, abstain=reason, nearest=tuple(near[:3]))

    def _scope(self, q: Query) -> str:
        """'in Eliza on Monday in the morning' — how the question narrowed the programme."""
        bits = []
        if q.groups:
            bits.append("in the " + " or ".join(q.groups) + " session")
        if q.rooms:
            bits.append("in " + " or ".join(q.rooms))
        if q.streams and (not q.topic or {Ask.LIST, Ask.NOW, Ask.NEXT} & set(q.asks)):
            bits.append("in the " + " or ".join(q.streams) + " stream")
        if q.formats and not q.groups:
            bits.append("of format " + " or ".join(q.formats))
        if q.filters:
            bits.append("marked " + " and ".join(f"'{f}'" for f in q.filters))
        if q.languages:
            bits.append("in " + " or ".join(LANGUAGES.get(code, code) for code in q.languages))
        if q.day_label:
            bits.append("on " + q.day_label)
        elif q.relative_day == 0:
            bits.append("today")
        elif q.relative_day == 1:
            bits.append("tomorrow")
        if q.window is not None:
            bits.append(q.window.label)
        return " ".join(bits)
