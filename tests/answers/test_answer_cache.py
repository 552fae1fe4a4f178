"""The answer cache: repeated questions answered from memory, clock-read answers only within
their minute, and a clock reading that notes being read."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from assistant.answers.answer_cache import AnswerCache, WatchedMoment
from assistant.answers.conversation import Conversation
from assistant.answers.engine import Assistant
from assistant.answers.reply import Reply

NOW = datetime(2025, 5, 22, 13, 0)  # the seed's day, before B6 starts at 13:15


@pytest.fixture()
def fresh(seed_index: Any, embedder: Any) -> Assistant:
    """An assistant over the seed with an empty cache of its own."""
    return Assistant.load(seed_index, embedder)


def test_a_repeated_question_is_answered_from_the_cache_with_the_same_reply(
    fresh: Assistant,
) -> None:
    question = "who is speaking about patient safety research?"
    first = fresh.answer(question, now=NOW)
    again = fresh.answer("  who is speaking about   patient safety research? ", now=NOW)
    assert (first.cached, again.cached) == (False, True)
    assert again.reply is first.reply
    assert first.reply.citations[0].session_id == "B6"


def test_an_answer_that_never_read_the_clock_is_cached_across_days(fresh: Assistant) -> None:
    question = "who chairs B6?"
    fresh.answer(question, now=NOW)
    assert fresh.answer(question, now=NOW + timedelta(days=3, hours=5)).cached is True


def test_an_answer_that_read_the_clock_is_cached_for_its_minute_only(fresh: Assistant) -> None:
    question = "what's on now?"
    first = fresh.answer(question, now=NOW)
    assert fresh.answer(question, now=NOW + timedelta(seconds=59)).cached is True
    later = fresh.answer(question, now=NOW + timedelta(minutes=20))
    assert later.cached is False
    assert "13:00" in first.reply.answer and "13:20" in later.reply.answer


def test_the_same_words_after_another_reply_are_another_question(fresh: Assistant) -> None:
    about_b6 = fresh.answer("who is speaking about patient safety research?", now=NOW).reply
    follow = fresh.answer("when is it?", context=about_b6.context, now=NOW)
    alone = fresh.answer("when is it?", context=None, now=NOW)
    assert (follow.cached, alone.cached) == (False, False)
    assert "13:15" in follow.reply.answer
    assert follow.reply != alone.reply


def test_warming_up_answers_without_filling_the_cache(fresh: Assistant) -> None:
    assert fresh.warmed is None
    fresh.warm_up()
    assert fresh.warmed is not None and len(fresh.cache) == 0


def test_the_cache_forgets_the_least_recently_asked_past_its_size() -> None:
    cache = AnswerCache(2)
    keys = [(text, Conversation()) for text in ("a", "b", "c")]
    replies = [Reply(answer=text) for text in ("A", "B", "C")]
    cache.put(keys[0], replies[0], None)
    cache.put(keys[1], replies[1], None)
    assert cache.get(keys[0], NOW) is replies[0]  # "a" is now the most recent
    cache.put(keys[2], replies[2], None)
    assert [cache.get(k, NOW) for k in keys] == [replies[0], None, replies[2]]


@pytest.mark.parametrize(
    ("reading", "read"),
    [
        (lambda m: m.date(), True),
        (lambda m: datetime(2025, 5, 22, 14, 0) <= m, True),
        (lambda m: datetime(2025, 5, 22, 14, 0) - m, True),
        (lambda m: timedelta(minutes=5) + m, True),
        (lambda m: f"{m:%H:%M}", True),
        (lambda m: isinstance(m, datetime), False),
    ],
)
def test_a_watched_moment_notes_every_reading(reading: Any, read: bool) -> None:
    moment = WatchedMoment.of(NOW)
    reading(moment)
    assert moment.was_read is read
