"""Scottish Summit 2026 (Sessionize): sessions carry a level ('300 - Advanced') among their
categories, which a word of a title can seem to name."""

from __future__ import annotations

import pytest

from assistant.answers.engine import Assistant


@pytest.fixture(scope="module")
def summit(assistant_for, shared_data) -> Assistant:
    return assistant_for(
        shared_data / "sessionize-scottishsummit2026" / "sessionize.json", "scottishsummit"
    )


@pytest.mark.slow
def test_a_title_word_read_as_a_level_does_not_hide_the_session(summit):
    # 'experts' reads as the level '300 - Advanced', which the panel is not marked with
    reply = summit.reply("when is the career health check ask the experts panel")
    assert reply.abstained is False
    assert reply.citations[0].session_id == "1183522"
    assert "17:00" in reply.answer and "Saturday 3 October 2026" in reply.answer
