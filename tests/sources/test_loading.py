"""Loading a programme from files and folders: every real programme in ../shared/data, documents
set aside, a schedule given twice read once, and which problems stop a build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from real_data import SHARED

from assistant.sources import load_programme, parse_text, sniff
from assistant.sources.problems import Problem, Severity

# folder -> (sessions, format of its programme file); the counts are each PROVENANCE.md's
REAL_PROGRAMMES = {
    "30c3": (124, "frab/pretalx schedule JSON (version 0.8)"),
    "36c3": (498, "frab/pretalx schedule JSON"),  # the same 498 events as JSON and as XML
    "c3voc-schema": (115, "frab/pretalx schedule JSON (version Gacrux)"),  # 79 + 36
    "debconf17": (181, "frab/pentabarf schedule XML"),
    "dvpw2024": (202, "CSV spreadsheet"),  # 202 panels from 1,247 rows
    "europython2014": (188, ""),
    "froscon2018": (155, "frab/pretalx schedule JSON (version 1.0-final)"),
    "ics-pyconau2023": (94, "iCalendar (pretalx)"),
    "indico-chep2009": (64, "Indico JSON (timetable)"),  # 52 session blocks and 12 breaks
    "pretalx-api-pyconfr2025": (93, "pretalx API JSON"),  # 75 talks and 18 sprint days
    "sessionize-scottishsummit2026": (61, "Sessionize JSON (view/All)"),
    "user2025": (133, "CSV spreadsheet"),
}


@pytest.mark.parametrize("folder", sorted(REAL_PROGRAMMES))
def test_every_real_programme_loads_without_errors(folder: str) -> None:
    path = SHARED / folder
    if not path.is_dir():
        pytest.skip(f"{path} is not here")
    sessions, format = REAL_PROGRAMMES[folder]
    loaded = load_programme([path])
    assert loaded.errors == ()
    assert len(loaded.programme.sessions) == sessions
    if format:
        assert loaded.sources[0].format == format
    assert all(p.name != "PROVENANCE.md" for p in loaded.files)


def test_documents_and_schemas_in_a_folder_are_set_aside() -> None:
    path = SHARED / "c3voc-schema"
    if not path.is_dir():
        pytest.skip(f"{path} is not here")
    loaded = load_programme([path])
    assert [p.name for p in loaded.files] == [
        "example-frab-camp2019.json",
        "example-pretalx-democon.json",
    ]
    assert [p.name for p in loaded.set_aside] == ["schedule.xml.xsd", "schema.json"]


def test_a_schedule_given_as_json_and_as_xml_is_read_once_with_a_warning() -> None:
    path = SHARED / "36c3"
    if not path.is_dir():
        pytest.skip(f"{path} is not here")
    loaded = load_programme([path])
    assert len(loaded.programme.sessions) == 498
    assert loaded.problems == (
        Problem(
            str(path / "stages.schedule.xml"),
            1,
            f"498 sessions repeat {path / 'stages.schedule.json'} (same ids, titles and times); "
            "each is read once",
            Severity.WARNING,
        ),
    )


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_session_the_file_lists_again_at_another_time_is_another_run(tmp_path: Path) -> None:
    # pretalx: a workshop in two slots keeps its code in both
    def event(day: str, start: str) -> dict[str, object]:
        return {"id": 83, "guid": "b324248a", "code": "FTUWTM", "title": "Frida workshop",
                "date": f"{day}T{start}:00+02:00", "start": start, "duration": "02:00",
                "room": "2.07", "type": "Workshop", "persons": []}  # fmt: skip

    days = [
        {"index": i + 1, "date": day, "rooms": {"2.07": [event(day, start)]}}
        for i, (day, start) in enumerate([("2026-09-16", "10:45"), ("2026-09-17", "10:30")])
    ]
    schedule = {"schedule": {"version": "1", "conference": {"title": "Shield", "days": days}}}
    _write(tmp_path, "schedule.json", json.dumps(schedule))
    loaded = load_programme([tmp_path])
    assert [(s.id, f"{s.start:%d %H:%M}") for s in loaded.programme.sessions] == [
        ("83", "16 10:45"),
        ("83@20260917T1030", "17 10:30"),
    ]
    assert loaded.problems == ()


def test_a_different_session_under_a_used_id_is_left_out(tmp_path: Path) -> None:
    _write(tmp_path, "a.csv", "id,title\n1,First\n")
    _write(tmp_path, "b.csv", "id,title\n1,Second\n2,Third\n")
    loaded = load_programme([tmp_path])
    assert [s.title for s in loaded.programme.sessions] == ["First", "Third"]
    assert loaded.problems == (
        Problem(
            str(tmp_path / "b.csv"),
            2,
            f"session id '1' already used at {tmp_path / 'a.csv'}:2; left out",
            left_out=True,
        ),
    )
    assert loaded.blocking == ()
    assert [(r.path.name, r.records, r.left_out) for r in loaded.sources] == [
        ("a.csv", 1, 0),
        ("b.csv", 2, 1),
    ]


def test_a_bad_row_is_left_out_and_does_not_block_the_build(tmp_path: Path) -> None:
    path = _write(tmp_path, "p.csv", "title,date,time\nA,2025-08-09,10:00\nB,2025-08-09,noon\n")
    loaded = load_programme([path])
    assert [s.title for s in loaded.programme.sessions] == ["A"]
    assert [str(p) for p in loaded.errors] == [
        f"{path}:3: expected a time like 10:30 or 10:30–12:00, got 'noon'"
    ]
    assert loaded.blocking == ()
    assert (loaded.sources[0].records, loaded.sources[0].left_out) == (2, 1)


def test_a_file_that_yields_no_session_blocks_the_build_with_its_problems(tmp_path: Path) -> None:
    path = _write(tmp_path, "p.csv", "title,date,time\nA,2025-08-09,noon\nB,someday,10:00\n")
    loaded = load_programme([path])
    assert loaded.programme.sessions == ()
    assert [p.line for p in loaded.blocking] == [2, 3]


def test_an_empty_schedule_is_an_error(tmp_path: Path) -> None:
    schedule = {"schedule": {"conference": {"title": "T", "days": []}}}
    path = _write(tmp_path, "s.json", json.dumps(schedule))
    loaded = load_programme([path])
    assert [str(p) for p in loaded.blocking] == [
        f"{path}:1: expected sessions, got none (frab/pretalx schedule JSON)"
    ]


def test_json_of_no_known_shape_names_the_shapes_it_could_be() -> None:
    [problem] = parse_text('{"talks": []}', "x.json").problems
    assert str(problem) == (
        "x.json:1: expected a frab/pretalx schedule, Sessionize view/All, an Indico export or "
        "pretalx API talks, got keys 'talks'"
    )


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        ("BEGIN:VCALENDAR\r\nVERSION:2.0", "ical"),
        ('{"sessions": []}', "json"),
        ("slot,panel,date,time,title\n", "csv"),
    ],
)
def test_the_format_is_told_from_the_content(head: str, kind: str) -> None:
    assert sniff(head) == kind


def test_a_session_continued_in_the_next_file_gets_its_further_parts(tmp_path: Path) -> None:
    head = "C2: Maternity and neonatal safety\nWednesday 16 June 2027 | 14:45-16:00\n"
    _write(
        tmp_path,
        "000_a.txt",
        head
        + "PART ONE: Escalation\nHow we escalate.\nBronwen Pryce Cwm Taf Health Board; Wales\n",
    )
    _write(
        tmp_path,
        "001_b.txt",
        head
        + "PART TWO: Fetal monitoring\nAn annual test.\nAoife Brennan Rotunda Hospital; Ireland\n",
    )
    loaded = load_programme([tmp_path])
    (session,) = loaded.programme.sessions
    assert [p.title for p in session.parts] == ["Escalation", "Fetal monitoring"]
    assert [p.name for p in session.speakers] == ["Bronwen Pryce", "Aoife Brennan"]
    assert not [p for p in loaded.problems if "repeat" in p.message]


def test_a_file_opening_with_parts_carries_on_the_last_session_of_the_file_before(
    tmp_path: Path,
) -> None:
    # an abstract book cut into files mid-session: the next file opens with PART THREE
    first = (
        "C2: Co-designing services\nThursday 18 March 2027 | 13:30-15:00\n"
        "PART ONE: Lived experience\nWhat we learnt.\nJordan Mills Mind in Camden; England\n"
        "PART TWO: Paying partners\nA framework.\nRaj Patel Camden NHS Trust; England\n"
    )
    second = (
        "PART THREE: Paying people fairly\nA payment framework.\n"
        "Hollie Brennan NHS Wales Executive; Wales\n"
        "C3: Panel: Is the NHS ready for a just culture?\nThursday 18 March 2027 | 15:30-16:45\n"
    )
    _write(tmp_path, "000_a.txt", first)
    _write(tmp_path, "001_b.txt", second)
    assert sniff(second) == "abstract-book"
    loaded = load_programme([tmp_path])
    c2, c3 = loaded.programme.sessions
    assert [(p.index, p.title) for p in c2.parts][-1] == (3, "Paying people fairly")
    assert "Hollie Brennan" in [p.name for p in c2.speakers]
    assert c3.id == "C3"
    assert not [p for p in loaded.problems if p.severity is Severity.ERROR]
    # alone, the second file's parts belong to no session: an error at their line
    alone = load_programme([tmp_path / "001_b.txt"])
    assert [str(p) for p in alone.problems if p.severity is Severity.ERROR] == [
        f"{tmp_path / '001_b.txt'}:1: PART line outside a session; expected a 'CODE: Title' "
        "line before it, got 'PART THREE: Paying people fairly'"
    ]


def test_a_pretalx_room_named_in_two_languages_keeps_both_names() -> None:
    from assistant.sources.pretalx_api import room_name

    assert room_name({"en": "Hall 2", "de": "Saal 2"}) == "Hall 2 / Saal 2"
    assert room_name({"en": "Werkstatt", "de": "Werkstatt"}) == "Werkstatt"
