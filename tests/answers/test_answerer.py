"""Answer rendering helpers: pure text from the programme's own fields."""

from __future__ import annotations

from assistant.answers.answerer import BIOGRAPHY_CHARS, biography_excerpt


def test_a_biography_excerpt_keeps_whole_sentences_about_work_and_is_bounded() -> None:
    biography = (
        "Ada likes sailing. Ada is a developer at the Analytical Engine Trust. " + "Long. " * 80
    )
    assert biography_excerpt(biography, about_work=True) == (
        "“Ada is a developer at the Analytical Engine Trust.”"
    )
    assert biography_excerpt("x" * 1000).endswith("…”")
    assert len(biography_excerpt("word " * 200)) <= BIOGRAPHY_CHARS + 4
    assert biography_excerpt("") == ""
