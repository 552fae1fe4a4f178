"""Safe programme updates: what the junk CSV hid is found, the preview against the live programme,
progress that follows the work, the kept programmes and a rollback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from organiser_support import DATA, bearer, desk_settings, index_copy

from assistant.desk.preview import diff
from assistant.desk.vetting import vet
from assistant.service.app import create_app
from assistant.sources import load_programme
from assistant.sources.problems import Severity

JUNK = (DATA / "junk.csv").read_bytes()


def test_the_junk_csv_is_refused_with_what_it_hid(desk: TestClient) -> None:
    files = {"file": ("broken.csv", JUNK, "text/csv")}
    response = desk.post("/organiser/api/programme", files=files, headers=bearer())
    assert response.status_code == 422
    assert response.json()["error"]["message"].splitlines() == [
        "broken.csv: 2 errors; the programme was not changed",
        "broken.csv:3: a quote opened here is never closed: the rest of this line and the 1 line "
        "after it became one cell",
        "broken.csv:1: none of the 2 sessions has a date and a time: delegates could not ask when "
        "anything is; give the file date and time (or start) columns",
        "broken.csv:1: column 'when' is not read, so no session gets its dates or times: rename it "
        "'start' (a date and time), or 'date' and 'time' (warning)",
        "broken.csv:2: expected a date or time like 2025-05-22 13:15 in column 'when', got "
        "'next tuesday-ish' (warning)",
        "broken.csv:3: expected a date or time like 2025-05-22 13:15 in column 'when', got "
        "'next tuesday-ish' (warning)",
        "broken.csv:1: column 'who' is not read: rename it 'speakers' (warning)",
    ]
    assert desk.get("/readyz").json()["sessions"] == 1


def test_the_check_command_reports_the_same_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.cli import main

    path = tmp_path / "broken.csv"
    path.write_bytes(JUNK)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "problems: 2 errors, 4 warnings" in out
    assert f"{path}:3: a quote opened here is never closed" in out


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (
            "title,date,start\nA,2025-05-22,10:00\nB,2025-05-22,10:00\nC,2025-05-22,10:00\n"
            "D,2025-05-22,10:00\nE,2025-05-22,10:00\n",
            [
                "p.csv:1: all 5 scheduled sessions start at the same moment (Thursday 22 May "
                "2025, 10:00): were the times read? (warning)"
            ],
        ),
        (
            "title,date,start\nA,2025-05-22,10:00\nB,2025-05-22,TBD\n",
            ["p.csv:1: 1 of 2 sessions have no time (2) (warning)"],
        ),
        ('title,date,start,abstract\nA,2025-05-22,10:00,"one\n\ntwo ""quoted"""\n', []),
    ],
)
def test_a_csv_is_vetted_for_times_and_quotes(
    tmp_path: Path, text: str, problems: list[str]
) -> None:
    path = tmp_path / "p.csv"
    path.write_text(text, "utf-8")
    loaded = load_programme([path])
    found = vet(loaded, {"p.csv": text})
    labelled = [f"{p}" + (" (warning)" if p.severity is Severity.WARNING else "") for p in found]
    assert [line.replace(str(path), "p.csv") for line in labelled] == problems


def test_the_preview_lists_sessions_added_removed_and_changed_with_days_and_rooms(
    tmp_path: Path,
) -> None:
    live = tmp_path / "live.csv"
    live.write_text(
        "id,title,date,start,room,speakers\n"
        "1,Opening,2025-05-22,09:00,Hall A,Jo Bloggs\n"
        "2,Sepsis,2025-05-22,10:00,Room 1,Sam Smith\n"
        "3,Closing,2025-05-22,17:00,Hall A,Jo Bloggs\n",
        "utf-8",
    )
    new = tmp_path / "new.csv"
    new.write_text(
        "id,title,date,start,room,speakers\n"
        "1,Opening,2025-05-22,09:00,Hall A,Jo Bloggs\n"
        "2,Sepsis on the ward,2025-05-23,10:00,Room 2,Sam Smith\n"
        "4,Poster walk,2025-05-23,12:00,Foyer,Ann Lee\n",
        "utf-8",
    )
    preview = diff(load_programme([live]).programme, load_programme([new]).programme).to_json()
    assert preview == {
        "live_title": "live",
        "new_title": "new",
        "live_sessions": 3,
        "new_sessions": 3,
        "added": [{"id": "4", "title": "Poster walk"}],
        "removed": [{"id": "3", "title": "Closing"}],
        "changed": [
            {
                "id": "2",
                "title": "Sepsis on the ward",
                "fields": ["title", "day", "time", "room", "parts"],
            }
        ],
        "counts": {"added": 1, "removed": 1, "changed": 1, "unchanged": 1},
        "days_added": ["2025-05-23"],
        "days_removed": [],
        "rooms_added": ["Foyer", "Room 2"],
        "rooms_removed": ["Room 1"],
        "warnings": [],
    }


def test_progress_follows_the_work_and_a_rollback_puts_the_old_programme_back(
    seed_index: Path, seed_assistant_for_desk: Any, tmp_path: Path
) -> None:
    index_dir = index_copy(seed_index, tmp_path)
    app = create_app(desk_settings(index_dir, tmp_path), seed_assistant_for_desk)
    updater = app.state.service.updater
    seen: list[tuple[str, float, str]] = []
    report = updater._report

    def watching(stage: str, done: int, total: int) -> None:
        report(stage, done, total)
        seen.append((stage, updater.status.progress, updater.status.message))

    updater._report = watching
    with TestClient(app) as client:
        files = {"file": ("new_programme.txt", (DATA / "new_programme.txt").read_bytes())}
        checked = client.post("/organiser/api/programme", files=files, headers=bearer()).json()
        client.post(
            "/organiser/api/programme/publish", json={"upload": checked["upload"]}, headers=bearer()
        )
        assert updater.wait(60).state == "swapped"
        assert [s for s, _, _ in seen] == [
            "chunking",
            "chunking",
            "embedding",
            "embedding",
            "writing",
        ]
        progress = [p for _, p, _ in seen]
        assert progress == sorted(progress) and progress[0] == 0.05 and progress[-1] == 0.9
        assert (seen[2][2], seen[3][2], round(seen[3][1], 3)) == (
            "embedding chunks: 0 of 7",
            "embedding chunks: 7 of 7",
            0.9,
        )
        versions = client.get("/organiser/api/programme/history", headers=bearer()).json()
        assert [
            (v["title"], v["sessions"], v["file"], v["live"]) for v in versions["versions"]
        ] == [
            ("new_programme", 2, "new_programme.txt", True),
            ("forum", 1, "", False),
        ]
        old = versions["versions"][1]["id"]
        rolled = client.post(
            "/organiser/api/programme/rollback", json={"version": old}, headers=bearer()
        )
        assert rolled.status_code == 202
        status = updater.wait(60).to_json()
        assert (status["state"], status["title"], status["message"]) == (
            "swapped",
            "forum",
            "rolled back to forum: 1 session",
        )
        assert client.get("/readyz").json()["sessions"] == 1
        versions = client.get("/organiser/api/programme/history", headers=bearer()).json()
        assert [v["live"] for v in versions["versions"]] == [False, True]
        audit = client.get("/organiser/api/audit", headers=bearer()).json()["entries"]
        assert [(e["who"], e["action"]) for e in audit] == [
            ("organiser", "programme rolled back"),
            ("organiser", "programme published"),
            ("organiser", "programme checked"),
        ]
        assert audit[2]["detail"].startswith("new_programme.txt: 2 sessions, upload ")
        reply = client.post("/api/chat", json={"message": "who chairs B6?"}).json()
    assert reply["citations"][0]["session_id"] == "B6"
