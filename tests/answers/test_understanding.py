"""Question understanding: what is asked and which programme entities a question names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.answers.understanding import Ask, other_wording, understand
from assistant.answers.vocabulary import Vocabulary, build_vocabulary
from assistant.programme import Person, Programme, Session, make_programme
from assistant.sources import load_programme

ROOT = Path(__file__).resolve().parents[2]
C3 = ROOT.parent / "shared" / "data" / "36c3" / "stages.schedule.json"
USER = ROOT.parent / "shared" / "data" / "user2025" / "program.csv"


@pytest.fixture(scope="module")
def seed() -> tuple[Programme, Vocabulary]:
    programme = load_programme([ROOT / "seeds"]).programme
    return programme, build_vocabulary(programme)


@pytest.fixture(scope="module")
def c3() -> tuple[Programme, Vocabulary]:
    programme = load_programme([C3]).programme
    return programme, build_vocabulary(programme)


@pytest.fixture(scope="module")
def user() -> tuple[Programme, Vocabulary]:
    programme = load_programme([USER]).programme
    return programme, build_vocabulary(programme)


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("when is laura pozzobon speaking?", (Ask.WHEN,)),
        ("who's chairing the co-production workshop?", (Ask.CHAIR,)),
        ("which stream is the session on parent education in?", (Ask.WHERE,)),
        ("who is from canada?", (Ask.AFFILIATION,)),
        ("who's presenting the peer support programme?", (Ask.WHO,)),
        ("what will i learn in the part about research?", (Ask.OBJECTIVES,)),
        ("is b6 a lecture or a workshop?", (Ask.FORMAT,)),
        ("is there anything on sepsis?", (Ask.TOPIC,)),
        ("what's on next?", (Ask.NEXT,)),
        ("what's happening now?", (Ask.NOW,)),
        ("when and where is it?", (Ask.WHEN, Ask.WHERE)),
        ("is it recorded?", (Ask.RECORDED,)),
        ("what language is it in?", (Ask.LANGUAGE,)),
        ("tell me more", (Ask.ABOUT,)),
        ("hello", (Ask.GREETING,)),
        ("thanks!", (Ask.THANKS,)),
        ("what can you do?", (Ask.HELP,)),
    ],
)
def test_what_is_asked(seed: tuple[Programme, Vocabulary], question: str, asks: tuple[Ask, ...]):
    assert understand(question, *seed).asks == asks


def test_a_misspelt_full_name_finds_the_person(seed):
    query = understand("which organisation is melissa sheldrik with?", *seed)
    assert query.people == ("melissa-sheldrick",)
    assert query.asks == (Ask.AFFILIATION,)


def test_a_surname_alone_finds_the_person(seed):
    assert understand("when is pozzobon on?", *seed).people == ("laura-pozzobon",)


def test_a_session_code_is_found_whatever_its_case(seed):
    assert understand("is b6 a workshop?", *seed).codes == ("B6",)


def test_a_country_is_read_from_who_is_from(seed):
    query = understand("who is from canada?", *seed)
    assert query.countries == ("Canada",)
    assert query.organisations == ()


def test_a_weekday_the_programme_does_not_have_is_reported(seed):
    query = understand("who is giving the keynote on friday?", *seed)
    assert query.unknown_day == "Friday"
    assert query.days == ()


def test_an_unknown_name_in_a_name_slot_is_kept_for_abstaining(seed):
    query = understand("when is linus torvalds speaking?", *seed)
    assert query.people == ()
    assert query.unknown_person == "Linus Torvalds"


def test_the_topic_is_what_remains_after_names_and_filler(seed):
    query = understand("is there a talk on re-identifying patients in anonymised datasets?", *seed)
    assert query.topic == "re identifying patients anonymised datasets"


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
def test_rooms_streams_days_and_parts_of_day(c3, question, rooms, streams, days, window):
    query = understand(question, *c3)
    assert query.rooms == rooms
    assert query.streams == streams
    assert query.days == days
    got = (query.window.start, query.window.end) if query.window else None
    assert got == window


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("what's in penn 1 on saturday morning?", 0, 12 * 60 + 1),  # noon itself is still morning
        ("what's on in penn garden sunday after lunch?", 13 * 60, 30 * 60),
        ("anything after 2pm on saturday?", 14 * 60, 30 * 60),
        ("anything between 3 and 5 on sunday?", 15 * 60, 17 * 60),
        ("what's on at 10:30 on sunday?", 10 * 60 + 30, 10 * 60 + 31),
    ],
)
def test_times_of_day_become_windows(user, question, start, end):
    window = understand(question, *user).window
    assert window is not None
    assert (window.start, window.end) == (start, end)


@pytest.mark.slow
def test_a_named_session_block_is_a_group(user):
    query = understand("which room is teaching 2 in?", *user)
    assert query.groups == ("Teaching 2",)
    assert query.asks == (Ask.WHERE,)


@pytest.mark.slow
def test_a_possessive_name_finds_the_person(c3):
    assert understand("when is moxie marlinspike's talk", *c3).people == ("moxie-marlinspike",)


@pytest.mark.slow
def test_generic_words_for_a_session_are_not_format_filters(c3):
    assert understand("when is the sim card talk by laforge?", *c3).formats == ()


def test_a_plural_asks_for_the_programmes_singular_format() -> None:
    sessions = (
        Session("1", "Iterators", format="Training", day=date(2014, 7, 24)),
        Session("2", "Cython", format="Talk", day=date(2014, 7, 24)),
    )
    programme = make_programme("EuroPython", sessions)
    q = understand("what trainings are on thursday?", programme, build_vocabulary(programme))
    assert q.formats == ("Training",)
    assert q.days == (date(2014, 7, 24),)


@pytest.fixture(scope="module")
def forum() -> tuple[Programme, Vocabulary]:
    nurse = Person("Lars Kjeldsen", organisation="Aarhus University Hospital", country="Denmark")
    other = Person("Ann Moore", organisation="University Hospital Galway", country="Ireland")
    sessions = (
        Session("A1", "Kindness", day=date(2026, 5, 20), stream="People", chairs=(nurse,)),
        Session("C1", "Rest and the night shift", day=date(2026, 5, 21), chairs=(other,)),
    )
    programme = make_programme("Forum", sessions)
    return programme, build_vocabulary(programme)


def test_words_after_an_organisation_are_not_part_of_it(forum) -> None:
    q = understand("is anyone from aarhus university hospital presenting?", *forum)
    assert (q.organisations, q.unknown_affiliation) == (("Aarhus University Hospital",), "")


def test_an_organisation_and_a_country_are_both_kept(forum) -> None:
    q = understand("is anyone from a hospital in denmark here?", *forum)
    assert q.countries == ("Denmark",)
    assert set(q.organisations) == {"Aarhus University Hospital", "University Hospital Galway"}


def test_night_shifts_are_a_topic_not_a_time(forum) -> None:
    q = understand("what will i learn in the session on night shifts?", *forum)
    assert q.window is None and "shifts" in q.topic
    assert understand("what's on at night?", *forum).window is not None


def test_a_stream_named_by_an_everyday_word_needs_saying_so(forum) -> None:
    assert understand("anything for people new to quality improvement?", *forum).streams == ()
    assert understand("what's in the people stream?", *forum).streams == ("People",)
    assert understand("what's on in People?", *forum).streams == ("People",)


@pytest.mark.parametrize(
    ("question", "day"),
    [
        ("what's on the last day?", date(2026, 5, 21)),
        ("what is on the first day?", date(2026, 5, 20)),
        ("what's on day two?", date(2026, 5, 21)),
    ],
)
def test_days_counted_from_either_end(forum, question: str, day: date) -> None:
    assert understand(question, *forum).days == (day,)


def test_abbreviations_are_spelled_out_and_back() -> None:
    assert other_wording("ai in hospitals") == "artificial intelligence in hospitals"
    assert other_wording("machine learning for triage") == "ml for triage"
    assert other_wording("sepsis") == ""


def test_after_a_named_session_is_told_from_after_a_time(forum) -> None:
    named = understand("what's on after the kindness keynote in people?", *forum)
    assert named.after_session == "kindness keynote"
    assert understand("anything after 2pm?", *forum).after_session == ""
    assert understand("what's on after lunch?", *forum).after_session == ""
    follow = understand("and after that?", *forum)
    assert (follow.after_session, follow.after_previous) == ("", True)


def test_onwards_and_right_after_are_not_topics(forum) -> None:
    q = understand("what's on on thursday from 6pm onwards?", *forum)
    assert q.topic == "" and q.window is not None and q.window.start == 18 * 60
    assert understand("what's on right after it?", *forum).after_previous


def test_staff_in_a_topic_is_not_an_organisations_people(forum) -> None:
    q = understand("any talk about what happens when ward staff overrule the algorithm?", *forum)
    assert Ask.AFFILIATION not in q.asks and q.unknown_affiliation == ""


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
def test_chatty_wording_is_still_understood(seed, question, check) -> None:
    assert check(understand(question, *seed))


@pytest.mark.slow
def test_a_first_name_with_a_possessive_and_words_joined_by_hyphens(user, c3) -> None:
    assert understand("when's Hadley's talk?", *user).people == ("hadley-wickham",)
    blu_ray = understand("when is the talk about playstation blu-ray drives?", *c3)
    assert blu_ray.people == ()
    german = understand("show me the german-language talks in Clarke on saturday", *c3)
    assert german.languages == ("de",)
