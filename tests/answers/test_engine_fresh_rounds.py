"""Programmes of the fresh rounds 24-32 (an Indico timetable, a hand-filled Nextcloud calendar, a
pretalx frab JSON, an event app's CSV agenda, a Sessionize export): questions about people the FAQ
must not take, a chair's session with its time, a room called by what it is, a session held in
several slots or runs, what is on now in a session named, formats and tracks by their words."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answers.engine import Assistant

ROUND24 = Path(__file__).resolve().parents[2] / "eval" / "round24"
ROUND25 = ROUND24.parent / "round25"
ROUND26 = ROUND24.parent / "round26"
ROUND27 = ROUND24.parent / "round27"
ROUND28 = ROUND24.parent / "round28"
ROUND29 = ROUND24.parent / "round29"
ROUND32 = ROUND24.parent / "round32"
ROUND33 = ROUND24.parent / "round33"


@pytest.fixture(scope="module")
def safercare(assistant_for) -> Assistant:
    return assistant_for(ROUND24 / "safercare2027" / "timetable.json", "safercare2027")


@pytest.fixture(scope="module")
def makertage(assistant_for) -> Assistant:
    return assistant_for(ROUND24 / "makertage2027" / "programme.ics", "makertage2027")


def test_a_badge_study_and_what_hospital_he_is_from_is_a_programme_question(safercare):
    # 'badge' is a registration word, 'hospital' a venue one: the FAQ would answer neither
    reply = safercare.reply(
        "the guy doing the hand hygiene electronic badge study, what hospital is he from? zurich?"
    )
    assert not reply.abstained
    assert [c.session_id for c in reply.citations][:1] == ["s6c12"]
    assert "Universitätsspital Zürich" in reply.answer


def test_the_session_a_named_person_chairs_comes_with_its_time_and_room(safercare):
    reply = safercare.reply("what session is siobhan o neill chairing?")
    assert "Medication Safety is chaired by Siobhán Ó Néill" in reply.answer
    assert "11:00" in reply.answer and "Liffey A" in reply.answer


def test_r_for_are_lists_tomorrows_workshops(safercare):
    reply = safercare.reply(
        "which workshops r on tomorrow?", now=safercare.clock("2027-04-21T17:30")
    )
    assert not reply.abstained
    assert [c.session_id for c in reply.citations] == ["s20c75"]


def test_which_hackerspace_someone_is_with_is_their_organisation(makertage):
    reply = makertage.reply("which hackerspace is tomasz kowal with")
    assert reply.answer.startswith("Tomasz Kowal is listed with Hacklabor Linz.")


def test_the_main_stage_is_the_one_room_named_a_stage(makertage):
    reply = makertage.reply(
        "whats happening on the main stage rn", now=makertage.clock("2027-06-12T14:05")
    )
    assert [c.title for c in reply.citations] == [
        "Podium: Makerspaces und Schulen – wie geht das zusammen?"
    ]


def test_a_session_held_in_several_slots_is_answered_for_each_slot(safercare):
    # Indico: the 'Plenary' session in four slots, 'Medication Safety' in two, each a block
    when = safercare.reply("when is the plenary?")
    assert [c.session_id for c in when.citations] == ["s1l0", "s1l1", "s1l2", "s1l3"]
    chairs = safercare.reply("who chairs medication safety?")
    assert "Siobhán Ó Néill" in chairs.answer and "Orla Kavanagh" in chairs.answer
    assert "Tuesday 20 April 2027" in chairs.answer  # which slot each chairs


def test_what_a_filtered_sessions_speaker_works_for_is_told(assistant_for):
    shield = assistant_for(ROUND25 / "ambershield2026" / "schedule.json", "ambershield2026")
    reply = shield.reply("who does the day 1 keynote speaker work for")
    assert [c.session_id for c in reply.citations][:1] == ["26"]
    assert "NordCERT" in reply.answer  # the biography says where; no organisation field does
    runs = shield.reply("when does the frida workshop run")
    assert [c.session_id for c in runs.citations] == ["83", "83@20260917T1030"]


@pytest.fixture(scope="module")
def congress(assistant_for) -> Assistant:
    return assistant_for(ROUND26 / "patientsafety2027" / "agenda_export.csv", "patientsafety2027")


@pytest.fixture(scope="module")
def gamedev(assistant_for) -> Assistant:
    return assistant_for(ROUND26 / "tynegamedev2027" / "sessionize.json", "tynegamedev2027")


def test_who_presents_now_in_a_session_named_is_its_talk_running_now(congress):
    reply = congress.reply(
        "running late sorry - who's presenting right now in the safer surgery session?",
        now=congress.clock("2027-05-12T15:05"),
    )
    assert [c.session_id for c in reply.citations] == ["40292"]
    assert "Bronwen Lloyd" in reply.answer


def test_oral_sessions_are_the_oral_format_and_a_word_sharing_letters_is_no_match(congress):
    listed = congress.reply("what oral sessions are on wed afternoon")
    assert {c.session_id for c in listed.citations} >= {"40280", "40290"}
    # 'haemovigilance' is not 'haemorrhage', nor 'transfusion' 'transfers'
    absent = congress.reply("are there any sessions on blood transfusion errors or haemovigilance?")
    assert absent.abstained


def test_a_day_ruled_out_asks_of_the_other_run(gamedev):
    reply = gamedev.reply("cant make thursday - is the godot workshop on again at some point?")
    assert [c.session_id for c in reply.citations] == ["784340"]


def test_a_track_is_named_by_one_half_of_its_name(gamedev):
    reply = gamedev.reply("any advanced programming talks on friday?")
    assert [c.session_id for c in reply.citations] == ["784310", "784321"]


def test_the_x_one_is_a_session_even_when_x_is_a_venue_word(gamedev):
    reply = gamedev.reply(
        "is the accessibility one on thursday a proper talk or one of the short lightning ones"
    )
    assert [c.session_id for c in reply.citations][:1] == ["784230"]
    assert "Lightning talk (15 min)" in reply.answer


@pytest.fixture(scope="module")
def nursing(assistant_for) -> Assistant:
    workbook = ROUND25 / "nursingquality2027" / "NMQS2027_programme_v12.xlsx"
    return assistant_for(workbook, "nursingquality2027")


def test_a_session_named_by_its_whole_title_beats_a_poster_sharing_its_words(nursing):
    # 'Maternity' is also a poster theme; 'Safety huddles in a Ghanaian maternity unit' a poster
    reply = nursing.reply("whos chairing maternity safety on thursday")
    assert [c.session_id for c in reply.citations][:1] == ["1B"]
    assert "Ní Bhriain" in reply.answer


def test_the_talk_on_now_in_a_session_called_by_its_shortened_title(nursing):
    reply = nursing.reply(
        "which med safety talk is on right now? just sneaking in at the back",
        now=nursing.clock("2027-03-11T14:05"),
    )
    assert [c.session_id for c in reply.citations] == ["2A.2"]


def test_a_repeat_without_objectives_answers_with_its_first_runs(nursing):
    reply = nursing.reply("what are the learning outcomes for the human factors sim workshop")
    assert not reply.abstained
    assert "SEIPS" in reply.answer and "PEARLS" in reply.answer


@pytest.fixture(scope="module")
def meeting(assistant_for, tmp_path_factory) -> Assistant:
    # four files of the abstract-book format; session C2 goes on at the top of the third
    folder = tmp_path_factory.mktemp("qualitymeeting2027")
    for source in sorted((ROUND27 / "qualitymeeting2027").glob("*.txt")):
        (folder / source.name).write_bytes(source.read_bytes())
    return assistant_for(folder, "qualitymeeting2027")


@pytest.fixture(scope="module")
def civic(assistant_for) -> Assistant:
    return assistant_for(ROUND27 / "offenestadt2027" / "schedule.json", "offenestadt2027")


def test_a_session_continued_in_the_next_file_keeps_its_further_talks(meeting):
    reply = meeting.reply("who's speaking in the maternity session")
    assert [c.session_id for c in reply.citations][:1] == ["C2"]
    assert "Aoife Brennan" in reply.answer  # her talk is in the next file
    assert (
        "Kirsty Armstrong (Liaison Psychiatry"
        in meeting.reply("who is speaking in the mental health safety session").answer
    )  # a department is no surname


def test_what_is_on_now_about_a_subject_is_the_session_about_it(meeting):
    reply = meeting.reply(
        "free now - is there anything on mental health going on right now",
        now=meeting.clock("2027-06-17T10:20"),
    )
    assert [c.session_id for c in reply.citations] == ["D2"]


def test_a_room_is_named_in_either_of_its_languages(civic):
    reply = civic.reply(
        "sitting in saal 2, what's this talk that's on rn?", now=civic.clock("2027-09-24T14:15")
    )
    assert [c.session_id for c in reply.citations] == ["CMHDUG"]


def test_where_a_roomless_event_says_it_is_is_quoted(assistant_for):
    ossd = assistant_for(ROUND28 / "ossd2027" / "pentabarf.xml", "ossd2027")
    reply = ossd.reply("where is the welcome reception on wednesday night")
    assert not reply.abstained
    assert "Zlatý Drak" in reply.answer
    assert "Elsewhere" not in reply.answer and "No Track" not in reply.answer  # placeholders


def test_a_sessions_running_order_in_its_description_gives_its_talks(assistant_for):
    clinical = assistant_for(ROUND28 / "clinicalsafety2027" / "sessionize.json", "clinicalsafety")
    reply = clinical.reply(
        "anything on staff tuning out the monitor alarms on HDU cos they go off constantly"
    )
    assert [c.session_id for c in reply.citations][:1] == ["1398544"]
    first = clinical.reply("what is tomas o briain presenting?")
    when = clinical.reply("what time is his bit exactly", context=first.context)
    assert "10:50" in when.answer


@pytest.fixture(scope="module")
def congress29(assistant_for) -> Assistant:
    return assistant_for(ROUND29 / "qualitycongress2027" / "schedule.xml", "qualitycongress2027")


def test_a_session_called_by_the_first_letters_of_its_title(congress29):
    reply = congress29.reply("who chairs the meds safety session on wed")
    assert [c.session_id for c in reply.citations][:1] == ["4102"]
    assert "Hannah Okafor" in reply.answer


def test_whats_next_on_a_subject_is_the_next_session_about_it(congress29):
    reply = congress29.reply(
        "anything on staff burnout coming up this afternoon?",
        now=congress29.clock("2027-03-18T13:05"),
    )
    assert [c.session_id for c in reply.citations] == ["4114"]


def test_a_german_question_on_a_talk_finds_it(assistant_for, shared_data):
    froscon = assistant_for(shared_data / "froscon2018" / "schedule.json", "froscon2018")
    first = froscon.reply(
        "gibt es einen vortrag dazu welche datenbank man für seine anwendung nehmen soll"
    )
    assert [c.session_id for c in first.citations][:1] == ["2238"]
    cloud = froscon.reply("gibts was zu smart home ohne cloud?")
    assert [c.session_id for c in cloud.citations][:1] == ["2196"] and not cloud.abstained


def test_whats_on_now_in_a_room_names_the_block_its_talks_share(assistant_for):
    datacraft = assistant_for(ROUND29 / "datacraft2027" / "program.csv", "datacraft2027")
    reply = datacraft.reply(
        "im in the aula magna whats on right now", now=datacraft.clock("2027-06-10T13:20")
    )
    assert "The Responsible AI session:" in reply.answer
    assert {c.session_id for c in reply.citations} == {"80", "81", "82"}


@pytest.fixture(scope="module")
def qualitycongress(assistant_for) -> Assistant:
    return assistant_for(ROUND32 / "qualitycongress2027" / "sessionize.json", "qualitycongress2027")


@pytest.fixture(scope="module")
def pybaltic(assistant_for) -> Assistant:
    return assistant_for(ROUND32 / "pybaltic2027" / "schedule.xml", "pybaltic2027")


def test_what_is_on_now_other_than_what_the_delegate_sets_aside(qualitycongress):
    now = qualitycongress.clock("2027-03-18T12:40")
    reply = qualitycongress.reply("what's on at the moment other than the lunch?", now=now)
    assert [c.session_id for c in reply.citations] == ["1510223"]  # the poster tour, not lunch
    everything = qualitycongress.reply("what's on at the moment?", now=now)
    assert "1510222" in [c.session_id for c in everything.citations]


def test_a_talk_listed_untimed_in_a_sessions_description_is_a_part_with_its_presenter(
    qualitycongress,
):
    reply = qualitycongress.reply("who presents the tall-man lettering talk?")
    assert [c.session_id for c in reply.citations][:1] == ["1510203"]
    assert "Rami Haddad" in reply.answer and "Erik Lindqvist" not in reply.answer


def test_a_person_asked_of_a_talk_they_are_not_in_gets_the_talk_s_presenter(pybaltic):
    reply = pybaltic.reply("is elena popescu giving the coastline erosion talk?")
    assert [c.session_id for c in reply.citations] == ["107"]
    assert "Rūta Šimkutė" in reply.answer


def test_the_same_speaker_is_the_one_just_named(pybaltic):
    first = pybaltic.reply("who's giving the event sourcing talk?")
    assert "Łukasz Wróbel" in first.answer
    other = pybaltic.reply("is the same speaker doing anything else?", context=first.context)
    assert [c.session_id for c in other.citations] == ["202"]


def test_a_talk_of_her_own_after_her_panel_is_her_other_session(assistant_for):
    fieldhack = assistant_for(ROUND33 / "fieldhack2027" / "schedule.json", "fieldhack2027")
    chair = fieldhack.reply("who chairs the chat control panel?")
    assert "Ayşe Yılmaz" in chair.answer
    own = fieldhack.reply("is she giving a talk of her own as well?", context=chair.context)
    assert [c.session_id for c in own.citations] == ["102"]
