"""Reading places: rooms, streams and blocks of sessions, and which one a 'where' wants."""

from __future__ import annotations

import pytest

from assistant.answers.slots.places import place_field, read_groups, read_rooms, read_streams
from assistant.answers.slots.question import read_question


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "groups"),
    [
        ("which room is teaching 2 in?", ("Teaching 2",)),
        ("what's on in the teaching sessions?", ("Teaching 1", "Teaching 2")),
        ("anything on teaching?", ()),
    ],
)
def test_a_block_is_named_alone_or_with_its_family(user_programme, question, groups) -> None:
    _, vocabulary = user_programme
    assert read_groups(read_question(question), vocabulary.groups).value == groups


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "rooms", "taken"),
    [
        ("anything in eliza?", ("Eliza",), {2}),
        ("what's on in oio?", ("OIO Stage",), {3}),
        ("what's on the chaos-west stage?", ("Chaos-West Bühne",), {3, 4, 5}),  # 'stage' too
    ],
)
def test_rooms_are_read_by_name_or_their_distinctive_words(c3_programme, question, rooms, taken):
    _, vocabulary = c3_programme
    read = read_rooms(read_question(question), vocabulary.rooms)
    assert (read.value, read.taken) == (rooms, frozenset(taken))


@pytest.mark.parametrize(
    ("question", "streams"),
    [
        ("anything for people new to quality improvement?", ()),
        ("what's in the people stream?", ("People",)),
        ("what's on in People?", ("People",)),
    ],
)
def test_a_stream_named_by_an_everyday_word_needs_saying_so(forum_programme, question, streams):
    _, vocabulary = forum_programme
    assert read_streams(read_question(question), vocabulary.streams).value == streams


@pytest.mark.parametrize(
    ("question", "field"),
    [("which track is it in?", "stream"), ("what theme is it?", "stream"), ("which room?", "room")],
)
def test_a_where_question_wants_the_stream_when_it_says_so(question: str, field: str) -> None:
    assert place_field(read_question(question)) == field


def test_a_room_is_named_without_the_note_in_its_brackets() -> None:
    from datetime import date

    from assistant.answers.vocabulary import build_vocabulary
    from assistant.programme import Session, make_programme

    room = "Room B (2nd floor)"
    programme = make_programme(
        "CityJS", (Session("1", "WebGPU", day=date(2026, 6, 13), room=room),)
    )
    found = read_rooms(read_question("what's next in room b?"), build_vocabulary(programme).rooms)
    assert found.value == (room,)


def test_a_stream_is_named_by_one_word_of_its_own_before_track() -> None:
    from datetime import date

    from assistant.answers.vocabulary import build_vocabulary
    from assistant.programme import Session, make_programme

    day = date(2018, 8, 26)
    sessions = (
        Session("1", "We do Privacy by Design", day=day, stream="The crossroads of privacy"),
        Session("2", "Rust in the kernel", day=day, stream="Systems and kernels"),
    )
    vocabulary = build_vocabulary(make_programme("FrOSCon", sessions))
    found = read_streams(read_question("english talks in the privacy track?"), vocabulary.streams)
    assert found.value == ("The crossroads of privacy",)
    shortened = read_question("any talks in the systems & kern track?")  # each word's start
    assert read_streams(shortened, vocabulary.streams).value == ("Systems and kernels",)
    plural = read_question("anything from the meds track on rn?")  # 'meds': medication's
    medication = Session("3", "Reconciliation", day=day, stream="Medication safety")
    more = build_vocabulary(make_programme("Forum", (*sessions, medication)))
    assert read_streams(plural, more.streams).value == ("Medication safety",)


def test_a_room_is_named_by_its_number_where_no_other_room_has_it() -> None:
    from datetime import date

    from assistant.answers.vocabulary import build_vocabulary
    from assistant.programme import Session, make_programme

    day = date(2026, 6, 19)
    rooms = ("Seminar Room 2.14", "Seminar Room 2.16", "Room 1", "Room 1 (annex)")
    sessions = tuple(Session(str(i), f"Talk {i}", day=day, room=r) for i, r in enumerate(rooms))
    vocabulary = build_vocabulary(make_programme("DH camp", sessions))
    for question in ("whats on in 2.14 rn", "what's in room 2.14 after lunch?"):
        assert read_rooms(read_question(question), vocabulary.rooms).value == (rooms[0],)
    # a lone small number is a day's or a part's: 'day 1' names no room
    assert read_rooms(read_question("what's on day 1?"), vocabulary.rooms).value == ()


def test_a_stream_of_numbered_blocks_is_the_whole_family() -> None:
    from datetime import date

    from assistant.answers.vocabulary import build_vocabulary
    from assistant.programme import Session, make_programme

    day = date(2027, 3, 18)
    blocks = ("Digital 1", "Digital 2", "Patient voice 1", "Workforce 1")
    sessions = tuple(Session(str(i), f"Talk {i}", day=day, group=g) for i, g in enumerate(blocks))
    groups = build_vocabulary(make_programme("Summit", sessions)).groups
    found = read_groups(read_question("what's on in the digital stream rn?"), groups)
    assert found.value == ("Digital 1", "Digital 2")
    voice = read_groups(read_question("anything in the patient voice track?"), groups)
    assert voice.value == ("Patient voice 1",)


def test_virtual_talks_are_those_in_the_rooms_named_as_online_ones() -> None:
    from datetime import date

    from assistant.answers.vocabulary import build_vocabulary
    from assistant.programme import Session, make_programme

    day = date(2027, 3, 10)
    sessions = (
        Session("1", "Falls", day=day, room="Zoom webinar"),
        Session("2", "Huddles", day=day, room="Charter 1"),
    )
    rooms = build_vocabulary(make_programme("Summit", sessions)).rooms
    listing = read_rooms(read_question("are there any virtual only talks, not in person?"), rooms)
    assert listing.value == ("Zoom webinar",)
    assert read_rooms(read_question("is it online?"), rooms).value == ()  # about one session


@pytest.mark.parametrize(
    ("rooms", "main"),
    [
        (("Halle 1 (Bühne)", "Werkstatt Holz", "Foyer"), "Halle 1 (Bühne)"),  # the one stage
        (("Main Stage", "Stage B", "Room 3"), "Main Stage"),  # the stage named main
        (("Stage A", "Stage B"), None),  # two stages, neither main: no guess
    ],
)
def test_the_main_stage_is_the_one_stage_or_the_stage_named_main(rooms, main) -> None:
    from datetime import date

    from assistant.answers.vocabulary import build_vocabulary
    from assistant.programme import Session, make_programme

    day = date(2027, 6, 12)
    sessions = tuple(Session(str(i), f"Talk {i}", day=day, room=r) for i, r in enumerate(rooms))
    found = read_rooms(
        read_question("whats happening on the main stage rn"),
        build_vocabulary(make_programme("Makertage", sessions)).rooms,
    )
    assert found.value == ((main,) if main else ())


def test_a_track_is_named_by_the_half_of_its_name_no_other_track_shares() -> None:
    from datetime import date

    from assistant.answers.vocabulary import build_vocabulary
    from assistant.programme import Session, make_programme

    day = date(2027, 9, 24)
    tracks = ("Programming & Engine Tech", "Art & Animation", "Audio", "Art / Tech Talks")
    sessions = tuple(Session(str(i), f"Talk {i}", day=day, stream=t) for i, t in enumerate(tracks))
    streams = build_vocabulary(make_programme("GameDev", sessions)).streams
    found = read_streams(read_question("any advanced programming talks on friday?"), streams)
    assert found.value == ("Programming & Engine Tech",)
    # 'art' halves two tracks' names: it names neither
    assert read_streams(read_question("anything in the art track?"), streams).value == ()
