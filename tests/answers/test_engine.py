"""Answers: the right fields of the right sessions, cited; follow-ups; abstentions; the clock."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from assistant.answers.engine import Assistant, clean_question
from assistant.answers.reply import Reply
from assistant.search.embedder import Embedder


@pytest.fixture(scope="module")
def seed(seed_index: Path, embedder: Embedder) -> Assistant:
    return Assistant.load(seed_index, embedder)


@pytest.fixture(scope="module")
def c3(c3_index: Path, embedder: Embedder) -> Assistant:
    return Assistant.load(c3_index, embedder)


@pytest.fixture(scope="module")
def user(user_index: Path, embedder: Embedder) -> Assistant:
    return Assistant.load(user_index, embedder)


def ask(assistant: Assistant, question: str, now: str | None = None, context=None) -> Reply:
    return assistant.reply(question, context=context, now=assistant.clock(now) if now else None)


def cited(reply: Reply) -> list[str]:
    return [c.session_id for c in reply.citations]


SEED_CASES = [
    ("when is laura pozzobon speaking?", ["Thursday 22 May 2025", "13:15–14:30"], ["B6"]),
    ("who's chairing the co-production workshop?", ["Bob Klaber"], ["B6"]),
    ("which stream is the session on parent education and peer support in?", ["People"], ["B6"]),
    ("who is from canada?", ["Laura Pozzobon", "Melissa Sheldrick"], ["B6"]),
    ("which organisation is melissa sheldrik with?",
     ["Institute for Safe Medication Practices (ISMP)"], ["B6"]),
    ("is b6 a lecture or a workshop?", ["Workshop"], ["B6"]),
    ("who is speaking about patient safety research?", ["Laura Pozzobon", "Melissa Sheldrick"],
     ["B6"]),
    ("what will i learn in the part about designing research with patients?",
     ["Describe strategies to engage patients and care partners"], ["B6"]),
]  # fmt: skip


@pytest.mark.parametrize(("question", "fragments", "citations"), SEED_CASES)
def test_seed_answers_from_the_fields(seed, question, fragments, citations):
    reply = ask(seed, question)
    assert reply.abstained is False
    for fragment in fragments:
        assert fragment in reply.answer
    assert cited(reply) == citations


def test_who_is_from_canada_names_nobody_from_england(seed):
    answer = ask(seed, "who is from canada?").answer
    assert "Akudo Okereafor" not in answer
    assert "Lucy Robin" not in answer


def test_a_part_question_names_that_part_and_its_speakers_only(seed):
    reply = ask(seed, "who's presenting the peer support programme for new mums and dads?")
    assert "Akudo Okereafor" in reply.answer and "Lucy Robin" in reply.answer
    assert "Laura Pozzobon" not in reply.answer
    assert reply.citations[0].part.startswith("Co-production is key")


def test_follow_ups_answer_about_the_previous_session(seed):
    first = ask(
        seed, "who is talking about involving patients and care partners in safety research?"
    )
    when = ask(seed, "when is that?", context=first.context)
    assert "13:15" in when.answer and cited(when) == ["B6"]
    chair = ask(seed, "and who chairs it?", context=when.context)
    assert "Bob Klaber" in chair.answer and cited(chair) == ["B6"]


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("is there anything on sepsis?", "I couldn't find anything on sepsis"),
        ("who is giving the keynote on friday?", "The programme has no sessions on Friday."),
        ("when is linus torvalds speaking?", "I can't find anyone called Linus Torvalds"),
        ("who is from france?", "Nobody in the programme is listed as from France."),
    ],
)
def test_the_assistant_says_when_the_programme_does_not_answer(seed, question, reason):
    reply = ask(seed, question)
    assert reply.abstained is True
    assert reason in reply.answer


def test_an_abstention_cites_only_the_sessions_it_offers(seed):
    reply = ask(seed, "is there anything on sepsis?")
    assert "suggestions, not a match" in reply.answer or reply.citations == ()
    for citation in reply.citations:
        assert citation.title in reply.answer


def test_whats_on_next_uses_the_clock(seed):
    reply = ask(seed, "what's on next?", now="2025-05-22T13:00")
    assert "13:15" in reply.answer and cited(reply) == ["B6"]
    later = ask(seed, "what's on next?", now="2025-05-22T15:00")
    assert later.abstained is True and "Nothing is scheduled after 15:00" in later.answer


def test_greeting_and_help_need_no_session(seed):
    assert "Ask me about the programme" in ask(seed, "hello").answer
    assert "who is speaking about a topic" in ask(seed, "help").answer


def test_hostile_input_is_cleaned_and_bounded():
    assert clean_question("a\x00b\x1b[31m  c\u202e") == "a b [31m c"
    assert len(clean_question("x" * 5000)) == 1000


def test_a_garbage_context_is_ignored(seed):
    reply = ask(seed, "when is it?", context={"sessions": "B6", "people": [{"x": 1}], "v": "?"})
    assert reply.abstained is True


C3_CASES = [
    ("who is giving the plundervolt talk?", ["Daniel Gruss", "Kit Murdock"], "10883"),
    ("when does edward snowdon speak?", ["17:30", "Sunday"], "10574"),
    ("what time is hacker jeopardy?", ["00:50", "Saturday"], "11177"),
    ("when is the sim card talk by laforge?", ["23:30", "Friday"], "10737"),
    ("which room is the intel management engine deep dive in?", ["Borg"], "10694"),
    ("what kind of event is 'die mittelmeer-monologe'?", ["performance"], "10658"),
    ("anything on period tracking apps sharing data with facebook?", [], "10693"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("question", "fragments", "first"), C3_CASES)
def test_36c3_answers(c3, question, fragments, first):
    reply = ask(c3, question)
    assert reply.abstained is False
    assert cited(reply)[0] == first
    for fragment in fragments:
        assert fragment in reply.answer


@pytest.mark.slow
def test_a_room_and_day_lists_every_session_there(c3):
    reply = ask(c3, "what's on in eliza on monday?")
    assert cited(reply) == ["11035", "11247", "10885"]
    assert "Weichenstellung" not in reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("now", "question", "first", "fragment"),
    [
        ("2019-12-28T16:00", "what's on next in clarke?", "11227", "16:10"),
        ("2019-12-29T17:45", "what's happening in borg right now?", "10893", "Borg"),
    ],
)
def test_now_and_next_in_a_room(c3, now, question, first, fragment):
    reply = ask(c3, question, now=now)
    assert cited(reply)[0] == first
    assert fragment in reply.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "is there a talk on kubernetes security?",
        "anything about cheating in online chess?",
        "where's the talk on self-driving tractors?",
    ],
)
def test_36c3_abstains_on_absent_topics(c3, question):
    assert ask(c3, question).abstained is True


USER_CASES = [
    ("who's giving the ggdibbler talk?", ["Harriet Mason"], ["114"]),
    ("when is julia silge speaking?", ["13:00", "not yet scheduled"], ["79", "101", "80"]),
    ("which room is teaching 2 in?", ["Penn 2"], ["58", "103", "22"]),
    ("where does noam ross work?", ["rOpenSci"], ["66"]),
    ("is the quickr talk in person?", ["No", "virtual"], ["155"]),
    ("is the r-ladies thing a poster?", ["Yes", "Poster"], ["108"]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("question", "fragments", "citations"), USER_CASES)
def test_user2025_answers(user, question, fragments, citations):
    reply = ask(user, question)
    assert reply.abstained is False
    assert sorted(cited(reply)) == sorted(citations)
    for fragment in fragments:
        assert fragment in reply.answer


@pytest.mark.slow
def test_a_chair_the_programme_does_not_list_is_an_abstention(user):
    reply = ask(user, "who is chairing the modeling 2 session?")
    assert reply.abstained is True
    assert "does not list a chair for the Modeling 2 session" in reply.answer


@pytest.mark.slow
def test_what_about_another_day_keeps_the_previous_question(user):
    first = ask(user, "what's in penn 1 on saturday morning?")
    assert "tidyclust" not in first.answer
    second = ask(user, "what about sunday?", context=first.context)
    sunday = {
        s.id for s in user.programme.sessions if s.room == "Penn 1" and s.day and s.day.day == 10
    }
    assert set(cited(second)) <= sunday and cited(second)


QUESTIONS_FOR_PROVENANCE = [
    "who is giving the plundervolt talk?",
    "when is moxie marlinspike's talk",
    "what's on in eliza on monday?",
    "which science talks are in dijkstra on day 1?",
    "anything on car key transponders?",
    "what is michael kreil talking about?",
    "who is speaking about climate?",
    "which room is the kgb hack talk in?",
]


@pytest.mark.slow
@pytest.mark.parametrize("question", QUESTIONS_FOR_PROVENANCE)
def test_no_answer_names_a_person_time_or_room_outside_what_it_cites(c3, question):
    reply = ask(c3, question, now="2019-12-28T16:00")
    sessions = [c3.programme.session(i) for i in cited(reply)]
    assert all(s is not None for s in sessions)
    cited_names = {p.name for s in sessions if s for p in s.people}
    cited_rooms = {s.room for s in sessions if s}
    cited_times = {
        f"{t:%H:%M}" for s in sessions if s for t in (s.start, s.end) if t is not None
    } | {"16:00"}
    for participant in c3.programme.people:
        name = participant.person.name
        if any(name in known for known in cited_names):
            continue  # 'Daniel' inside 'Daniel Gruss' is the cited person
        if len(name) >= 6 and re.search(rf"\b{re.escape(name)}\b", reply.answer):
            raise AssertionError(f"{name} named but not in a cited session")
    for room in {s.room for s in c3.programme.sessions if len(s.room) >= 4}:
        if re.search(rf"\b{re.escape(room)}\b", reply.answer):
            assert room in cited_rooms, f"room {room} named but not cited"
    for time in re.findall(r"\b\d{2}:\d{2}\b", reply.answer):
        assert time in cited_times, f"time {time} not in a cited session"


def test_the_real_clock_is_used_without_now(seed):
    assert abs((seed.clock(None) - datetime.now()).total_seconds()) < 24 * 3600


def test_who_is_a_person_gives_their_listing_and_what_they_do(seed):
    assert ask(seed, "who is bob klaber?").answer.splitlines() == [
        "Bob Klaber (Imperial College Healthcare NHS Trust; England):",
        "- chairs B6: Co-production to build resilient communities, "
        "Thursday 22 May 2025, 13:15–14:30",
    ]


def test_yes_is_said_only_to_questions_whether_there_is_one(seed):
    assert ask(seed, "is there a session on health inequalities?").answer.startswith("Yes: B6")
    assert ask(seed, "does anyone talk about health inequalities?").answer.startswith("Yes: B6")
    assert ask(seed, "session on health inequalities").answer.startswith("B6")
    # whether B6 is about parents is not something a topic search can say yes to
    assert ask(seed, "is the co-production session about parents?").answer.startswith("B6")


def test_a_level_the_programme_does_not_give_is_said_to_be_missing(seed):
    reply = ask(seed, "is the co-production session for beginners?")
    assert reply.answer == (
        "The programme does not say what level or audience "
        "B6: Co-production to build resilient communities is for."
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "start", "first"),
    [
        ("is the quickr talk online?", "Yes:", "155"),
        ("is the ggdibbler talk virtual?", "No:", "114"),
        ("is the ggdibbler talk in person?", "Yes:", "114"),
    ],
)
def test_virtual_or_in_person_is_answered_yes_or_no(user, question, start, first):
    reply = ask(user, question)
    assert reply.answer.startswith(start)
    assert cited(reply) == [first]


@pytest.mark.slow
def test_a_numbered_session_name_is_never_matched_by_misspelling(user):
    reply = ask(user, "is there a talk about teaching r with github?")
    assert cited(reply)[0] == "116"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "scope"),
    [
        ("what's happening on the chaos-west stage right now?", "On now in Chaos-West Bühne:"),
        ("what's on in the art and culture track on saturday?", "in the Art & Culture stream"),
        ("which talks are in german on day 3 in eliza?", "in Eliza in German on day 3"),
    ],
)
def test_places_and_streams_are_found_as_delegates_say_them(c3, question, scope):
    reply = ask(c3, question, now="2019-12-28T14:00")
    assert scope in reply.answer


@pytest.mark.slow
def test_a_conversation_about_one_talk_keeps_to_it(c3):
    turns = [
        ("tell me about the plundervolt talk", "Rowhammer"),
        ("is it in english?", "Yes: Plundervolt"),
        ("who is speaking?", "Daniel Gruss and Kit Murdock"),
        ("is it recorded?", "Yes, Plundervolt"),
        ("is it in german?", "No: Plundervolt"),
    ]
    context = None
    for question, fragment in turns:
        reply = ask(c3, question, context=context)
        assert fragment in reply.answer, question
        assert cited(reply) == ["10883"], question
        context = reply.context


@pytest.mark.slow
def test_he_follows_the_person_just_asked_about(c3):
    first = ask(c3, "who is andreas fuchs?")
    about = ask(c3, "what is he talking about?", context=first.context)
    assert cited(about) == ["10564"]
    when = ask(c3, "when?", context=about.context)
    assert "21:50" in when.answer


@pytest.fixture(scope="module")
def democon(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Assistant:
    source = Path(__file__).resolve().parents[3] / "shared" / "data" / "c3voc-schema"
    source = source / "example-pretalx-democon.json"
    if not source.exists():
        pytest.skip(f"needs {source}")
    from assistant.search.store import build_index
    from assistant.sources import load_programme

    index_dir = tmp_path_factory.mktemp("democon") / "index"
    build_index(load_programme([source]), index_dir, embedder, progress=False)
    return Assistant.load(index_dir, embedder)


@pytest.mark.slow
def test_the_clock_reads_times_as_the_file_writes_them_whatever_its_zone_label(democon):
    # DemoCon is labelled UTC but writes its times at +01:00; answers show 09:00, so 09:10 is
    # during the 09:00 talks, not before them.
    reply = ask(democon, "what's on now?", now="2020-12-14T09:10")
    assert sorted(cited(reply)) == ["14", "25"]
    assert "09:00–09:30 Focused 5thgeneration hardware (Gray Room)" in reply.answer


@pytest.mark.slow
def test_an_abbreviation_finds_the_spelled_out_topic(democon):
    reply = ask(democon, "is there a session about ai?")
    assert cited(reply) == ["44"]
    assert reply.answer.startswith("Yes: Exclusive systematic artificial intelligence")


@pytest.mark.slow
def test_the_last_day_is_the_programmes_last_day(c3):
    reply = ask(c3, "what's happening in dijkstra on the last day?")
    assert cited(reply) == ["10795", "10903", "10948"]
    assert "Monday 30 December 2019" in reply.answer


@pytest.mark.slow
def test_after_that_lists_what_starts_once_the_previous_session_is_over(c3):
    first = ask(c3, "who is giving the talk about the kgb hack?")
    assert cited(first) == ["11031"]
    after = ask(c3, "what's on after that?", context=first.context)
    assert after.answer.startswith("After The KGB Hack: 30 Years Later (over at 23:10):")
    assert "- 23:30–00:30 Let’s play Infokrieg (Clarke)" in after.answer
    assert "11031" not in cited(after)


@pytest.mark.slow
def test_what_follows_a_named_session_in_a_room(c3):
    reply = ask(c3, "what's on in clarke after the kgb hack talk?")
    assert reply.answer.startswith("After The KGB Hack: 30 Years Later (over at 23:10):")
    assert cited(reply) == ["10639"]


@pytest.mark.slow
def test_an_organisations_people_on_a_day(user):
    reply = ask(user, "which posit people are presenting on sunday?")
    assert sorted(cited(reply)) == ["109", "55", "80", "85"]
    assert "in sessions on Sunday" in reply.answer
    assert "Barret Schloerke" not in reply.answer  # Posit, but not on Sunday


def test_a_one_session_programme_answers_a_question_that_names_no_session(seed):
    reply = ask(seed, "hey, what will I actually get out of part one? any takeaways listed?")
    assert cited(reply) == ["B6"]
    assert "Appreciate the simplicity of engaging local parents" in reply.answer


@pytest.mark.slow
def test_the_one_in_a_room_and_her_other_talk(c3):
    first = ask(c3, "what's Katharin Tai speaking about?")
    assert sorted(cited(first)) == ["10933", "919"]
    in_ada = ask(c3, "when's the one in Ada?", context=first.context)
    assert cited(in_ada) == ["10933"] and "20:50" in in_ada.answer
    other = ask(c3, "and her other talk, where is that?", context=in_ada.context)
    assert cited(other) == ["919"] and "Podcast-Bühne" in other.answer


@pytest.mark.slow
def test_who_and_which_university_then_the_rest_of_that_session(user):
    first = ask(
        user, "anything about pooling my friends' idle computers to run R code in parallel?"
    )
    assert cited(first) == ["153"]
    who = ask(user, "who's giving it and which university is he at?", context=first.context)
    assert (
        "Henrik Bengtsson is listed with University of California San Francisco (UCSF)"
        in who.answer
    )
    rest = ask(user, "what else is on in that session?", context=who.context)
    assert cited(rest) == ["80", "85", "109"]


@pytest.mark.slow
def test_blocks_sharing_a_name_are_all_the_teaching_sessions(user):
    reply = ask(user, "list the talks in the teaching sessions on saturday")
    assert sorted(cited(reply)) == ["103", "106", "131", "154", "22", "58"]


@pytest.mark.slow
def test_an_organisations_name_in_a_topic_still_finds_the_talk(user):
    first = ask(user, "is there a package for pulling global fishing watch data?")
    assert cited(first)[0] == "160"
    who = ask(user, "who made it and which room is it in?", context=first.context)
    assert "Andrea Sánchez-Tapia" in who.answer and "Penn 1" in who.answer


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("which room is b6 in?", "does not give its room"),
        ("wich room is the co-production workshop in?", "does not give its room"),
    ],
)
def test_a_field_the_programme_leaves_empty_is_not_answered_but_names_the_session(
    seed, question, says
):
    reply = ask(seed, question)
    assert reply.abstained is True
    assert says in reply.answer
    assert cited(reply) == ["B6"]


@pytest.mark.parametrize(
    ("question", "fragments"),
    [
        ("whens laura pozzobon speaking?", ["13:15–14:30"]),
        ("hwo is chairing the co-production workshop?", ["Bob Klaber"]),
        ("waht time does the co-production workshop start?", ["13:15"]),
    ],
)
def test_misspelt_question_words_still_ask_what_they_meant(seed, question, fragments):
    reply = ask(seed, question)
    assert reply.abstained is False
    for fragment in fragments:
        assert fragment in reply.answer
    assert cited(reply) == ["B6"]


@pytest.mark.slow
def test_what_runs_against_a_talk_is_every_session_overlapping_it_there(c3):
    first = ask(c3, "when is the talk on the ecological impact of high-performance computing?")
    talk = c3.finder.by_id[cited(first)[0]]
    against = ask(c3, "what's on against it?", context=first.context)
    assert against.abstained is False and cited(against)
    assert talk.id not in cited(against)
    for session_id in cited(against):
        other = c3.finder.by_id[session_id]
        assert other.start < talk.end and other.end > talk.start
    in_ada = ask(c3, "anything at the same time in ada?", context=first.context)
    assert [c3.finder.by_id[i].room for i in cited(in_ada)] == ["Ada"]


@pytest.mark.slow
def test_a_first_name_alone_is_the_one_person_with_it_or_the_one_just_named(user):
    # one Abbie in the programme: her; three Jeremys: the one the last answer named
    assert "Datacove" in ask(user, "where does abbie work?").answer
    shiny = ask(user, "who's presenting the shiny dashboards for DEFRA talk")
    assert "Jeremy Horne" in shiny.answer
    followed = ask(user, "where does jeremy work?", context=shiny.context)
    assert "Jeremy Horne" in followed.answer and "Datacove" in followed.answer
    # with no answer before, the programme's Jeremys to choose from
    unsure = ask(user, "where does jeremy work?")
    assert unsure.abstained is True
    assert "Jeremy Horne, Jeremy Selva or Jeremy Wildfire" in unsure.answer
