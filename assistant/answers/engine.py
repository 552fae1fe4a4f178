"""The assistant: question + context -> Reply, through the handler its kind of question picks."""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import jinja2

from assistant.answers.answer_cache import AnswerCache, CacheKey, WatchedMoment, to_minute
from assistant.answers.answerability import shipped_model
from assistant.answers.answerer import Answerer, Finding
from assistant.answers.ask_classifier import shipped_classifier
from assistant.answers.clock import local, read_clock
from assistant.answers.conversation import Conversation
from assistant.answers.faq import Faq, named_in_full, parse_faq, spells_out, spelt_words
from assistant.answers.finding import Finder
from assistant.answers.follow_ups import by_first_name, follow_up, what_about
from assistant.answers.handlers import HANDLERS
from assistant.answers.handlers.now_next import after_named
from assistant.answers.handlers.sessions import sessions_answer
from assistant.answers.handlers.unknown import unknown_answer
from assistant.answers.reply import Reply
from assistant.answers.slots.phrasebooks import in_english, question_language
from assistant.answers.spelling import Speller
from assistant.answers.tongues import Tongue, tongue_from_po
from assistant.answers.understanding import AGENDA_ASKS, Ask, Query, reads_agenda, understand
from assistant.answers.vocabulary import Vocabulary, build_vocabulary, fold
from assistant.programme import Programme, written_zone
from assistant.search.embedder import Embedder
from assistant.search.retriever import Retriever
from assistant.search.store import LoadedIndex, load_index

TEMPLATES = Path(__file__).resolve().parents[2] / "web" / "templates" / "answers"
# gettext catalogs of the answers' other languages: web/translations/<code>/LC_MESSAGES/messages.po
TRANSLATIONS = Path(__file__).resolve().parents[2] / "web" / "translations"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
MAX_QUESTION_CHARS = 1000
MAX_AGENDA = 500  # starred sessions read from one question; the HTTP edge allows no more
ANSWER_CACHE_SIZE = 4096
# Asked once before a server says it is ready: each loads what the first delegate would
# otherwise wait for (the model, the word and name matchers, the templates on its path).
WARM_UP_QUESTIONS = (
    "is there anything on patient safety?",
    "who is speaking about open source?",
    "when is the keynote?",
    "which room is the workshop in?",
    "what's on now?",
    "what's on tomorrow afternoon?",
    "hello",
)


def clean_question(message: str) -> str:
    """The question with control characters removed, whitespace folded, and bounded."""
    return " ".join(CONTROL.sub(" ", message).split())[:MAX_QUESTION_CHARS]


def load_tongues(folder: Path = TRANSLATIONS) -> dict[str, Tongue]:
    """The languages with a catalog, by code ('de'); English needs none."""
    return {
        po.parents[1].name: tongue_from_po(po.parents[1].name, po.read_text(encoding="utf-8"))
        for po in sorted(folder.glob("*/LC_MESSAGES/messages.po"))
    }


class Answer(NamedTuple):
    """A reply, whether it came from the answer cache, and for one just worked out, the minute
    it holds for if it read the clock (None: it holds all day)."""

    reply: Reply
    cached: bool
    minute: datetime | None = None


class Assistant:
    """Answers questions about one programme from its built index."""

    def __init__(
        self,
        index: LoadedIndex,
        embedder: Embedder,
        max_results: int = 8,
        cache_size: int = ANSWER_CACHE_SIZE,
    ) -> None:
        self.index = index
        # the cache lives and dies with this programme's Assistant: a swap starts an empty one
        self.cache = AnswerCache(cache_size)
        self.warmed: float | None = None  # the seconds warm_up took, once it has run
        self.programme: Programme = index.programme
        self.retriever = Retriever.from_index(index, embedder)
        self.vocabulary: Vocabulary = build_vocabulary(self.programme)
        self.zone = written_zone(self.programme)
        self.answerer = Answerer(
            self.programme, jinja2.FileSystemLoader(str(TEMPLATES)), load_tongues(), max_results
        )
        self.finder = Finder(self.programme, self.retriever, shipped_model())
        self.asks_model = shipped_classifier()
        self.faq = Faq(parse_faq(index.faq).entries, self.retriever.embedder)
        self.titles = tuple(session.title for session in self.programme.sessions)
        halves = (half.strip() for title in self.titles for half in title.split(" / "))
        long_titles = dict.fromkeys(h for h in halves if len(h.split()) > 1)
        self.long_titles = tuple(spelt_words(t) for t in long_titles)  # spelt once, not a question
        self.names = {p.id: p.person.name for p in self.programme.people}
        self.speller = Speller.of(self.programme, self.retriever.embedder.words())

    @classmethod
    def load(
        cls,
        index_dir: Path,
        embedder: Embedder | None = None,
        max_results: int = 8,
        cache_size: int = ANSWER_CACHE_SIZE,
    ) -> Assistant:
        """An assistant over a built index folder (IndexFolderError if it is missing or stale)."""
        return cls(load_index(Path(index_dir)), embedder or Embedder(), max_results, cache_size)

    @property
    def version(self) -> str:
        """The served index's version: the manifest's, else (an older build) when it was built."""
        manifest = self.index.manifest
        return manifest.index_version or f"built-{manifest.built_at}"

    def warm_up(self) -> float:
        """Load everything the first question would (the model, matchers, every template) and
        render a few answers, bypassing the cache; the seconds it took."""
        started = time.perf_counter()
        for env in self.answerer.environments.values():
            for name in env.list_templates():
                env.get_template(name)  # compiled now, not on the first question that needs it
        self.retriever.embedder.embed_query("warm-up")
        moment = self.clock()
        for question in WARM_UP_QUESTIONS:
            self._reply(question, Conversation(), None, moment)
        self.warmed = time.perf_counter() - started
        return self.warmed

    def clock(self, now: str | None = None) -> datetime:
        """Programme-local wall-clock time: the fixed --now, or the real clock in the programme's zone."""
        return read_clock(self.zone, now)

    def reply(
        self,
        message: str,
        context: Mapping[str, Any] | None = None,
        now: datetime | None = None,
        agenda: Sequence[str] | None = None,
    ) -> Reply:
        """The reply to one chat message, following the previous reply's context; `agenda` is
        the sessions starred on the asker's device, if it sent them."""
        return self.answer(message, context, now, agenda).reply

    def answer(
        self,
        message: str,
        context: Mapping[str, Any] | None = None,
        now: datetime | None = None,
        agenda: Sequence[str] | None = None,
    ) -> Answer:
        """The reply to one chat message, from the cache when the same question (with the same
        context, and in the same minute if the reply read the clock) was answered before."""
        key = self.cache_key(message, context, agenda)
        moment = local(self.zone, now) if now is not None else self.clock()
        cached = self.cache.get(key, moment)
        if cached is not None:
            return Answer(cached, True)
        watched = WatchedMoment.of(moment)
        reply = self._reply(*key, watched)
        minute = to_minute(moment) if watched.was_read else None
        self.cache.put(key, reply, minute)
        return Answer(reply, False, minute)

    def remembered(
        self,
        message: str,
        context: Mapping[str, Any] | None = None,
        now: datetime | None = None,
        agenda: Sequence[str] | None = None,
    ) -> Reply | None:
        """The cached reply to this message, or None; never computes one (microseconds, so
        a server can look here before it hands the question to a thread)."""
        moment = local(self.zone, now) if now is not None else self.clock()
        return self.cache.get(self.cache_key(message, context, agenda), moment)

    def keep(self, key: CacheKey, reply: Reply, minute: datetime | None) -> None:
        """Remember a reply worked out elsewhere (another worker of the same server)."""
        self.cache.put(key, reply, minute)

    def cache_key(
        self,
        message: str,
        context: Mapping[str, Any] | None = None,
        agenda: Sequence[str] | None = None,
    ) -> CacheKey:
        """What the answer cache files a message under: the cleaned question, what the previous
        reply's context says that answering reads, and the agenda if the question reads it."""
        question = clean_question(message)
        conversation = Conversation.from_json(context)
        return (question, conversation, self._agenda_read(question, conversation, agenda))

    def _agenda_read(
        self, question: str, conversation: Conversation, agenda: Sequence[str] | None
    ) -> tuple[str, ...] | None:
        """The starred sessions of this programme, in one order, when the question (or the one
        it follows up) can read them; None otherwise, so that every asker of a question that
        never reads the agenda shares one cache entry."""
        if agenda is None:
            return None
        asked = (question, conversation.question)
        if not any(reads_agenda(fold(in_english(text))) for text in asked):
            return None
        by_id = self.finder.by_id
        return tuple(sorted({i for i in agenda[:MAX_AGENDA] if i in by_id}))

    def _reply(
        self,
        text: str,
        conversation: Conversation,
        agenda: tuple[str, ...] | None,
        moment: datetime,
    ) -> Reply:
        """The reply to a cleaned question, computed."""
        if not text:
            language = conversation.language
            query = understand("help", self.programme, self.vocabulary, language=language)
            return self.answerer.render(Finding(query=query, asks=(Ask.HELP,)))
        language = question_language(text, conversation.language)
        query = understand(text, self.programme, self.vocabulary, self.asks_model, language)
        if query.asks and query.asks[0] in (Ask.GREETING, Ask.HELP, Ask.THANKS):
            return self.answerer.render(Finding(query=query, asks=query.asks[:1]))
        query = replace(query, agenda=agenda)
        if AGENDA_ASKS & set(query.asks):  # the asker's own sessions: never a venue question
            return self.answerer.render(self._find(query, conversation, moment))
        # venue and logistics questions are the FAQ's; the programme answers everything else
        reply = self.faq.reply(
            text,
            lambda: self.answerer.render(self._find(query, conversation, moment)),
            # 'what hospital is he from?', 'who chairs it?': people, the programme's only
            names_programme=bool(query.codes or query.rooms or query.streams)
            or bool({Ask.AFFILIATION, Ask.CHAIR} & set(query.asks))
            or named_in_full(text, [self.names.get(i, "") for i in query.people])
            # 'is there a pyladies lunch?' spells out a session's title of two words or more
            # (or one language's half of a title in two: 'Déjeuner PyLadies / PyLadies Lunch')
            or spells_out(text, self.long_titles),
            titles=self.titles,
            language=language,
        )
        # English only: without a German dictionary a correct German word looks like a typo
        mending = (
            self.speller.mend(text, keep=(query.unknown_person,)) if language == "en" else None
        )
        return self.answerer.offer(reply, mending) if mending else reply

    def _find(self, q: Query, conversation: Conversation, now: datetime) -> Finding:
        """What answers the question: names the programme lacks first, then what the previous
        reply named, then the handler the question's asks pick from HANDLERS."""
        finder = self.finder
        q = by_first_name(finder, q, conversation)
        unknown = unknown_answer(finder, q)
        if unknown is not None:
            return unknown
        revised = what_about(q, conversation, self.programme, self.vocabulary)
        if revised is not None:
            return self._find(revised, Conversation(), now)
        follows = follow_up(finder, q, conversation, now)
        if follows is not None:
            return follows
        if q.after_session:
            following = after_named(finder, q)
            if following is not None:
                return following
        for ask, handler in HANDLERS.items():
            if ask in q.asks and (found := handler(finder, q, now)) is not None:
                return found
        return sessions_answer(finder, q, now)  # it asks nothing in particular: what it names
