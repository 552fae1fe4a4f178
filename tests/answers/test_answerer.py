"""Answer rendering helpers: pure text from the programme's own fields."""

from __future__ import annotations

from datetime import date, datetime

from assistant.answers.answerer import BIOGRAPHY_CHARS, biography_excerpt, session_view
from assistant.programme import Part, Person, Session, make_programme


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


def test_a_contribution_with_its_own_slot_is_said_to_be_on_then_not_at_the_blocks_times():
    block_start = datetime(2009, 3, 23, 16, 0)
    talks = (
        Part(1, "Opening the block", start=block_start, end=datetime(2009, 3, 23, 16, 20)),
        Part(2, "Tracking at scale", start=datetime(2009, 3, 23, 17, 50),
             end=datetime(2009, 3, 23, 18, 10)),
    )  # fmt: skip
    block = Session(
        id="s1", title="Event Processing", day=date(2009, 3, 23), start=block_start,
        end=datetime(2009, 3, 23, 18, 10), parts=talks,
    )  # fmt: skip
    programme = make_programme("CHEP", [block])
    assert session_view(block, programme, part_index=2).times == "17:50–18:10"
    assert "17:50–18:10" in session_view(block, programme, part_index=2).when
    assert session_view(block, programme).times == "16:00–18:10"


def test_a_block_of_talks_shows_each_talk_with_who_presents_it_and_how_long_it_lasts():
    presenter = Person("Ada Lovelace")
    talks = (
        Part(1, "Opening the block"),
        Part(2, "Tracking at scale", speakers=(presenter, Person("Bo Co", role="co-author"))),
    )
    block = Session(
        id="s1", title="Event Processing", day=date(2009, 3, 23),
        start=datetime(2009, 3, 23, 16, 0), end=datetime(2009, 3, 23, 17, 30), parts=talks,
    )  # fmt: skip
    view = session_view(block, make_programme("CHEP", [block]))
    assert view.talks == ("Opening the block", "Tracking at scale (Ada Lovelace)")
    assert view.length == "1 h 30 min"


def test_a_session_without_a_format_field_keeps_the_sentence_that_says_how_it_runs() -> None:
    session = Session(
        id="CU1", title="Photogrammetry for small museums", day=date(2026, 6, 18),
        abstract="Museums want 3D models. This is a hands-on workshop: bring a phone.",
    )  # fmt: skip
    view = session_view(session, make_programme("DH camp", [session]))
    assert view.format_said == "This is a hands-on workshop: bring a phone."
