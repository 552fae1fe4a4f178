"""Question understanding as a whole: the readers in turn, each leaving the others its words.

Each reader has its own tests (tests/answers/slots/, test_asks.py); these check what only the
composition decides: which reader reads a word first, what is left for the topic, and what a
question asks when it asks nothing in so many words."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.answers.understanding import Ask, understand
from assistant.answers.vocabulary import build_vocabulary
from assistant.programme import Session, make_programme


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("is there anything on sepsis?", (Ask.TOPIC,)),
        ("laura pozzobon?", (Ask.ABOUT,)),
        ("hello", (Ask.GREETING,)),
        ("hi! first time at the forum - when is laura pozzobon speaking?", (Ask.WHEN,)),
        ("what can i do?", (Ask.HELP,)),
        ("what can i do on thursday?", (Ask.LIST,)),  # Thursday's sessions, not help
        ("at the reception rn, what's the first talk tomorrow?", (Ask.LIST,)),  # not now
    ],
)
def test_what_is_asked(seed_programme, question: str, asks: tuple[Ask, ...]) -> None:
    assert understand(question, *seed_programme).asks == asks


def test_the_topic_is_what_remains_after_names_and_filler(seed_programme) -> None:
    query = understand(
        "is there a talk on re-identifying patients in anonymised datasets?", *seed_programme
    )
    assert query.topic == "re identifying patients anonymised datasets"


def test_a_known_person_leaves_no_unknown_name(seed_programme) -> None:
    query = understand("when is laura pozzobon speaking?", *seed_programme)
    assert (query.people, query.unknown_person) == (("laura-pozzobon",), "")
    unknown = understand("when is linus torvalds speaking?", *seed_programme)
    assert (unknown.people, unknown.unknown_person) == ((), "Linus Torvalds")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "rooms", "streams", "days", "window"),
    [
        ("what's on in eliza on monday?", ("Eliza",), (), (date(2019, 12, 30),), None),
        ("which science talks are in dijkstra on day 1?", ("Dijkstra",), ("Science",),
         (date(2019, 12, 27),), None),
        ("anything in clarke on sunday morning?", ("Clarke",), (), (date(2019, 12, 29),),
         (0, 12 * 60 + 1)),
    ],
)  # fmt: skip
def test_rooms_streams_days_and_parts_of_day(c3_programme, question, rooms, streams, days, window):
    query = understand(question, *c3_programme)
    assert query.rooms == rooms
    assert query.streams == streams
    assert query.days == days
    got = (query.window.start, query.window.end) if query.window else None
    assert got == window


def test_a_plural_asks_for_the_programmes_singular_format(kinds_programme) -> None:
    q = understand("what trainings are on thursday?", *kinds_programme)
    assert q.formats == ("Training",)
    assert q.days == (date(2014, 7, 24),)


def test_night_shifts_are_a_topic_not_a_time(forum_programme) -> None:
    q = understand("what will i learn in the session on night shifts?", *forum_programme)
    assert q.window is None and "shifts" in q.topic
    assert understand("what's on at night?", *forum_programme).window is not None


def test_onwards_is_not_a_topic(forum_programme) -> None:
    q = understand("what's on on thursday from 6pm onwards?", *forum_programme)
    assert q.topic == "" and q.window is not None and q.window.start == 18 * 60


def test_a_session_named_after_after_is_read_only_when_listing(forum_programme) -> None:
    listing = understand("what's on after the kindness keynote in people?", *forum_programme)
    assert (listing.after_session, listing.topic) == ("kindness keynote", "")
    asking = understand("who is speaking after the kindness keynote?", *forum_programme)
    assert (asking.after_session, asking.topic) == ("", "kindness keynote")


@pytest.mark.parametrize(
    ("question", "check"),
    [
        ("who's presenting in the second half of the thursday workshop?", lambda q: q.part_index == 2),
        ("what org + country is lucy robbin with?", lambda q: Ask.AFFILIATION in q.asks),
        ("hey, what will I actually get out of part one?", lambda q: Ask.OBJECTIVES in q.asks),
        ("hi! first time at the forum - is there anything on today?", lambda q: q.topic == ""),
        ("what format is the session with the ABC Parents people?",
         lambda q: q.organisations == ("ABC Parents",) and Ask.FORMAT in q.asks),
        ("Co-production - is it a lecture or something else?", lambda q: Ask.FORMAT in q.asks),
    ],
)  # fmt: skip
def test_chatty_wording_is_still_understood(seed_programme, question, check) -> None:
    assert check(understand(question, *seed_programme))


@pytest.mark.parametrize(
    "question",
    ["in which room is Next Level Ansible?", "In welchem Hörsaal ist Next Level Ansible?"],
)
def test_the_words_of_a_title_it_names_ask_nothing(question: str) -> None:
    programme = make_programme("FrOSCon", [Session("2130", "Next Level Ansible", room="HS4")])
    query = understand(question, programme, build_vocabulary(programme))
    assert query.asks == (Ask.WHERE,)  # not 'what's next', nor a question about level
    assert query.topic.endswith("level ansible")


def test_a_title_that_reads_like_a_name_is_no_unknown_person() -> None:
    day = date(2013, 12, 27)
    programme = make_programme("30C3", (Session("5614", "Perfect Paul", day=day),))
    query = understand("when is perfect paul on", programme, build_vocabulary(programme))
    assert query.unknown_person == ""
    elsewhere = make_programme("30C3", (Session("1", "Console Hacking", day=day),))
    assert (
        understand("when is perfect paul on", elsewhere, build_vocabulary(elsewhere)).unknown_person
        == "Perfect Paul"
    )


def test_a_phrase_over_the_whole_event_filters_nothing_and_is_no_topic() -> None:
    day = date(2027, 3, 17)
    keynote = Session("K1", "Why safety has to be felt", day=day, format="Keynote")
    programme = make_programme("Forum", (keynote,))
    query = understand(
        "what keynotes are there over the 2 days", programme, build_vocabulary(programme)
    )
    assert (query.topic, query.days) == ("", ())


def test_a_time_of_day_that_stands_in_a_title_is_read_as_the_title() -> None:
    day = date(2027, 3, 17)
    sessions = (Session("B3", "Falls at night: sensors, sitters or something else?", day=day),)
    programme = make_programme("Forum", sessions)
    vocabulary = build_vocabulary(programme)
    assert understand("who chairs the falls at night one", programme, vocabulary).window is None
    assert understand("what's on at night?", programme, vocabulary).window is not None


@pytest.mark.slow
def test_words_spelling_out_a_track_named_after_them_are_no_topic(c3_programme) -> None:
    # 'the research software engineering track (de-rse)': the track, spelled out, then named
    query = understand("what's in the natural sciences track (science)?", *c3_programme)
    assert (query.streams, query.topic) == (("Science",), "")
    # a topic before the words that name the track stays one
    topic = understand("anything on quantum physics in the science track?", *c3_programme)
    assert (topic.streams, topic.topic) == (("Science",), "quantum physics")
