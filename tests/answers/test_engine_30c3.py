"""30C3's old frab schedule (no event dates): 'what's on now?' in the night after a congress day
names what is really running, not what the file lists under the next day at the same hour."""

from __future__ import annotations

import pytest

from assistant.answers.engine import Assistant


@pytest.fixture(scope="module")
def congress(assistant_for, shared_data) -> Assistant:
    return assistant_for(shared_data / "30c3" / "schedule.json", "30c3")


@pytest.mark.slow
def test_whats_on_at_half_past_midnight_is_the_night_of_the_first_day(congress):
    reply = congress.reply("what's on now?", now=congress.clock("2013-12-28T00:30"))
    cited = [c.session_id for c in reply.citations]
    # Hacker Jeopardy (00:00-02:00) and Sim Gishel (00:30-01:30) run in the night after
    # 27 December; the file lists them under the 27th
    assert sorted(cited) == ["5544", "5577"]
    assert "Hacker Jeopardy" in reply.answer
    # listed under the 28th at 00:00, the Jahresrückblick is the next night's
    assert "5608" not in cited


def test_a_field_of_a_session_named_by_its_title_is_answered_without_a_model_run(congress):
    congress.retriever.embedder._query.cache_clear()  # a run for any question would show
    reply = congress.reply("which room is hacker jeopardy in?")
    assert [c.session_id for c in reply.citations][:1] == ["5577"]
    assert "Saal 1" in reply.answer
    assert congress.retriever.embedder._query.cache_info().misses == 0
