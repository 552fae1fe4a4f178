"""A Sched.com CSV export ('Name' is the title, 7:30 AM clocks): the opening and the closing
keynote are the first and the last of their kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answers.engine import Assistant

SCHED = """Session ID,Name,Active,Date,Start Time,End Time,Session Type,Venue,Speakers,Moderators,Description
a1,Registration & Breakfast,Y,2027-03-18,7:30 AM,8:30 AM,Breaks,Harbour Foyer,,,Coffee.
a2,Welcome & Opening Remarks,Y,2027-03-18,8:30 AM,8:45 AM,General Session,Ballroom,Anjali Mehta,,Welcome.
a3,KEYNOTE: Zero Harm Is a Team Sport,Y,2027-03-18,8:45 AM,9:45 AM,Keynote,Ballroom,Marcus Oyelaran (Riverside University Hospital),,Why harm recurs.
a4,Run charts for beginners,Y,2027-03-18,1:30 PM,3:00 PM,Workshop,Harbour Room 3,Priya Raman,,SPC basics. Bring a laptop with Excel.
a7,Huddles that work,Y,2027-03-18,11:00 AM,12:00 PM,Breakout,Harbour Room 2,Sam Okafor,Priya Raman,Ten-minute huddles.
a8,Huddles that work,Y,2027-03-19,10:00 AM,11:00 AM,Breakout,Harbour Room 2,Sam Okafor,Priya Raman,Ten-minute huddles.
a6,Safety culture after the inquiry,Y,2027-03-18,4:00 PM,5:00 PM,Panel,Ballroom,"Tom Reid, Ana Silva",Lena Ortiz,What changed.
a5,CLOSING KEYNOTE: Joy in Work,Y,2027-03-19,3:30 PM,4:30 PM,Keynote,Ballroom,Yasmin Haddad (Wellbeing Collaborative),,Burnout.
"""


@pytest.fixture(scope="module")
def forum(assistant_for, tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    path = Path(tmp_path_factory.mktemp("sched")) / "sched.csv"
    path.write_text(SCHED, encoding="utf-8")
    return assistant_for(path, "sched")


def test_a_sched_export_is_read_with_its_name_column_as_the_title(forum):
    reply = forum.reply("when is the run charts workshop?")
    assert reply.citations[0].session_id == "a4"
    assert "13:30–15:00" in reply.answer


def test_the_opening_keynote_is_the_first_keynote_not_the_opening_remarks(forum):
    reply = forum.reply("where does the thursday opening keynote speaker work?")
    assert reply.citations[0].session_id == "a3"
    assert "Riverside University Hospital" in reply.answer


def test_the_closing_keynote_is_the_last_keynote(forum):
    reply = forum.reply("who gives the closing keynote?")
    assert reply.citations[0].session_id == "a5"
    assert "Yasmin Haddad" in reply.answer


def test_the_first_talk_of_a_day_is_not_its_breakfast(forum):
    reply = forum.reply("what's the first talk on thursday?")
    assert [c.session_id for c in reply.citations] == ["a2"]


def test_the_last_session_of_a_day(forum):
    reply = forum.reply("when does the last session on friday start?")
    assert [c.session_id for c in reply.citations] == ["a5"] and "15:30" in reply.answer


def test_who_runs_a_panel_names_its_chair_first(forum):
    reply = forum.reply("who runs the safety culture panel?")
    assert reply.answer.index("Lena Ortiz") < reply.answer.index("Tom Reid")
    assert "chaired by Lena Ortiz" in reply.answer


def test_is_she_presenting_or_only_moderating_gives_each_of_her_roles_her_talk_first(forum):
    reply = forum.reply("is priya raman presenting anything herself or only moderating")
    assert reply.citations[0].session_id == "a4"
    assert "speaks in Run charts for beginners" in reply.answer
    assert "chairs Huddles that work" in reply.answer


def test_what_a_person_moderates_is_the_sessions_they_chair(forum):
    reply = forum.reply("what does lena ortiz moderate?")
    assert [c.session_id for c in reply.citations] == ["a6"]
    assert "chaired by Lena Ortiz" in reply.answer


def test_someone_who_chairs_nothing_is_told_so_with_the_sessions_they_speak_in(forum):
    reply = forum.reply("is tom reid chairing anything?")
    assert "Tom Reid chairs no session" in reply.answer
    assert [c.session_id for c in reply.citations] == ["a6"]


def test_who_chairs_her_talk_is_about_the_chair_of_the_session_she_speaks_in(forum):
    reply = forum.reply("who chairs priya raman's workshop?")
    assert reply.abstained and "does not list a chair for Run charts" in reply.answer


def test_the_first_session_after_breakfast_is_what_follows_the_breakfast_slot(forum):
    reply = forum.reply(
        "ok done for today. what's the first proper session on thursday after breakfast?"
    )
    assert reply.citations[0].session_id == "a2" and "08:30" in reply.answer


def test_how_long_gives_the_length_and_the_programmes_own_words_on_it(forum):
    reply = forum.reply("how long is the run charts workshop?")
    assert "It lasts 1 h 30 min." in reply.answer
    huddles = forum.reply("how long do the huddles last?")
    assert "The programme says: “Ten-minute huddles.”" in huddles.answer


def test_a_field_the_programme_leaves_empty_is_abstained_on_and_the_session_followed(forum):
    recorded = forum.reply("is the run charts workshop recorded?")
    assert recorded.abstained and "does not say whether Run charts for beginners is recorded" in (
        recorded.answer
    )
    when = forum.reply("when is it?", context=recorded.context)
    assert when.citations[0].session_id == "a4" and not when.abstained
    chair = forum.reply("who chairs the run charts workshop?")
    assert chair.abstained and "does not list a chair for Run charts" in chair.answer
    where = forum.reply("where is it?", context=chair.context)
    assert where.citations[0].session_id == "a4" and "Harbour Room 3" in where.answer


def test_a_logistics_word_beside_a_room_or_a_whole_title_leaves_it_to_the_programme(forum):
    now = forum.clock("2027-03-18T12:40")
    after_lunch = forum.reply("lunch done early lol, what's next in harbour room 3?", now=now)
    assert after_lunch.citations[0].session_id == "a4" and not after_lunch.abstained
    breakfast = forum.reply("is there a registration breakfast?")
    assert breakfast.citations[0].session_id == "a1" and "07:30" in breakfast.answer


def test_does_she_have_another_one_or_is_she_involved_in_anything_else(forum):
    first = forum.reply("who's giving the run charts workshop?")
    assert "Priya Raman" in first.answer
    for question in ("does she have another session as well?", "is she involved in anything else?"):
        other = forum.reply(question, context=first.context)
        assert other.citations[0].session_id == "a7", question


def test_what_else_she_does_on_a_day_is_her_other_sessions_that_day(forum):
    first = forum.reply("who's giving the run charts workshop?")
    friday = forum.reply("is she doing anything else on friday?", context=first.context)
    assert [c.session_id for c in friday.citations] == ["a8"]
    # asked away from the conference, 'today' is no day of it: all her other sessions
    today = forum.reply(
        "is she doing anything else today?",
        context=first.context,
        now=forum.clock("2026-12-05T10:00"),
    )
    assert [c.session_id for c in today.citations] == ["a7", "a8"]


def test_the_friday_one_picks_that_run_of_the_two_just_named(forum):
    both = forum.reply("when is the huddles session?")
    assert [c.session_id for c in both.citations] == ["a7", "a8"]
    friday = forum.reply("ok which room is the friday one", context=both.context)
    assert [c.session_id for c in friday.citations] == ["a8"]
    assert "Harbour Room 2" in friday.answer


def test_is_she_in_anything_else_after_her_workshop_is_her_other_sessions(forum):
    first = forum.reply("who's giving the run charts workshop?")
    other = forum.reply("is she in anything else?", context=first.context)
    assert other.citations[0].session_id == "a7"


def test_her_workshop_is_the_one_of_her_sessions_that_is_a_workshop(forum):
    reply = forum.reply("what's priya raman's workshop about?")
    assert [c.session_id for c in reply.citations] == ["a4"]


def test_is_it_running_again_names_the_other_run_first(forum):
    reply = forum.reply("i missed the huddles session on thursday :( is it running again?")
    assert [c.session_id for c in reply.citations] == ["a8", "a7"]
    assert "10:00–11:00" in reply.answer


def test_a_day_in_the_asking_clause_picks_that_run_over_the_day_missed(forum):
    reply = forum.reply("missed the huddles session on thursday, what time is it on friday?")
    assert [c.session_id for c in reply.citations] == ["a8"]


def test_a_format_answer_says_when_and_how_long_so_a_full_day_shows(forum):
    reply = forum.reply("is the run charts thing a full day workshop or a normal session?")
    assert "It is on Thursday 18 March 2027" in reply.answer and "(1 h 30 min)" in reply.answer


def test_do_i_need_to_bring_anything_quotes_what_the_programme_says(forum):
    reply = forum.reply("is the run charts workshop hands on? do i need to bring anything")
    assert "The programme says: “Bring a laptop with Excel.”" in reply.answer


def test_whos_on_a_panel_names_its_chair_too(forum):
    reply = forum.reply("who's on the safety culture panel?")
    assert "Tom Reid" in reply.answer and "Its chair: Lena Ortiz." in reply.answer


def test_what_else_is_that_person_speaking_at_follows_the_one_speaker_of_the_session(forum):
    first = forum.reply("when is the run charts workshop?")
    other = forum.reply("what else is that person speaking at?", context=first.context)
    assert "Priya Raman" in other.answer and "a7" in [c.session_id for c in other.citations]


def test_a_topic_said_with_a_time_no_session_runs_at_is_answered_and_says_so(forum):
    reply = forum.reply("anything on huddles at night?")
    assert reply.abstained is False
    assert reply.answer.startswith("No session runs at night; on the subject:")
    assert [c.session_id for c in reply.citations][:1] in (["a7"], ["a8"])
