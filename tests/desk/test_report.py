"""The report as a dashboard: buckets over a date range, plots, grouping by meaning that keeps
different people apart, CSV export and groups marked done."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from organiser_support import bearer, desk_settings

from assistant.answers.vocabulary import build_vocabulary
from assistant.desk.question_log import LoggedQuestion
from assistant.desk.report import (
    Period,
    buckets,
    entity_reader,
    group_by_meaning,
    report_csv,
    wording_key,
)
from assistant.programme import make_programme
from assistant.service.app import create_app
from assistant.sources import csv_export

LONDON = ZoneInfo("Europe/London")
TALKS = (
    "id,title,date,time,speakers\n"
    "1,BahnMining,2019-12-28,22:10,David Kriesel\n"
    "2,Emissions API,2019-12-29,11:55,Lars Kiesow\n"
)


def asked(text: str, hour: int, abstained: bool = False, day: int = 22) -> LoggedQuestion:
    moment = datetime(2025, 5, day, hour, 30, tzinfo=LONDON).astimezone(UTC)
    return LoggedQuestion(text, moment, ("when",), abstained, () if abstained else ("B6",))


@pytest.fixture(scope="module")
def people() -> Any:
    parsed = csv_export.parse(TALKS, "talks.csv")
    return entity_reader(build_vocabulary(make_programme("36C3", parsed.sessions, None)))


def test_paraphrases_group_together_but_two_people_never_do(embedder: Any, people: Any) -> None:
    logged = [
        asked("when is David Kriesel speaking?", 9),
        asked("when is david kriesel on?", 10),
        asked("when does Kriesel speak?", 11),
        asked("when is Lars Kiesow speaking?", 12),
        asked("when is Jane Doe speaking?", 13, abstained=True),
        asked("when is John Roe speaking?", 14, abstained=True),
    ]
    groups = group_by_meaning(logged, embedder.embed, people)
    assert [(g.question, g.count) for g in groups] == [
        ("when is Jane Doe speaking?", 1),
        ("when is John Roe speaking?", 1),
        ("when is David Kriesel speaking?", 3),
        ("when is Lars Kiesow speaking?", 1),
    ]
    assert groups[2].keys == tuple(
        wording_key(t)
        for t in (
            "when is David Kriesel speaking?",
            "when is david kriesel on?",
            "when does Kriesel speak?",
        )
    )


def test_a_day_is_counted_by_the_hour_with_empty_hours_in_between() -> None:
    times = [(asked("q", 9).asked_at, False), (asked("q", 9).asked_at, True)]
    times += [(asked("q", 12).asked_at, False)]
    series, unit = buckets(times, LONDON, Period())
    assert unit == "hour"
    assert [(b.label, b.asked, b.unanswered, b.share_unanswered) for b in series] == [
        ("Thu 22 May 09:00", 2, 1, 50.0),
        ("Thu 22 May 10:00", 0, 0, None),
        ("Thu 22 May 11:00", 0, 0, None),
        ("Thu 22 May 12:00", 1, 0, 0.0),
    ]


def test_a_range_longer_than_three_days_is_counted_by_the_day() -> None:
    times = [(asked("q", 9, day=d).asked_at, d % 2 == 0) for d in (20, 22, 22, 26)]
    series, unit = buckets(times, LONDON, Period(date(2025, 5, 19), date(2025, 5, 26)))
    assert unit == "day"
    assert [(b.label, b.asked, b.unanswered) for b in series] == [
        ("Mon 19 May", 0, 0),
        ("Tue 20 May", 1, 1),
        ("Wed 21 May", 0, 0),
        ("Thu 22 May", 2, 2),
        ("Fri 23 May", 0, 0),
        ("Sat 24 May", 0, 0),
        ("Sun 25 May", 0, 0),
        ("Mon 26 May", 1, 1),
    ]


def test_the_csv_has_a_row_per_group_and_never_a_formula(embedder: Any, people: Any) -> None:
    logged = [asked("=cmd|' /C calc'!A0", 9, abstained=True), asked("who chairs B6?", 10)]
    text = report_csv(group_by_meaning(logged, embedder.embed, people))
    assert list(csv.reader(io.StringIO(text))) == [
        [
            "question", "asked", "unanswered", "first_asked", "last_asked", "done",
            "other_wordings", "cited",
        ],
        ["'=cmd|' /C calc'!A0", "1", "1", "2025-05-22T08:30+00:00", "2025-05-22T08:30+00:00",
         "", "", ""],
        ["who chairs B6?", "1", "0", "2025-05-22T09:30+00:00", "2025-05-22T09:30+00:00", "",
         "", "B6"],
    ]  # fmt: skip


def test_the_dashboard_filters_by_date_plots_csv_and_marks_done(
    seed_assistant_for_desk: Any, tmp_path: Path
) -> None:
    app = create_app(desk_settings(tmp_path, tmp_path), seed_assistant_for_desk)
    log = app.state.service.questions
    now = datetime.now(UTC).replace(minute=10, second=0, microsecond=0)
    for hours_ago, message, abstained in [
        (50, "is there anything on sepsis?", True),
        (3, "who chairs B6?", False),
        (2, "is there anything on sepsis?", True),
        (1.5, "any sessions about sepsis?", True),
        (1, "who chairs B6?", False),
    ]:
        cited = () if abstained else ("B6",)
        log.record(message, abstained=abstained, asks=("topic",), cited_ids=cited,
                   asked_at=now - timedelta(hours=hours_ago))  # fmt: skip
    today = (now - timedelta(hours=3)).astimezone(LONDON).date()
    last = (now - timedelta(hours=1)).astimezone(LONDON).date()
    query = {"first": today.isoformat(), "last": last.isoformat()}
    with TestClient(app) as client:
        board = client.get("/organiser/api/report", params=query, headers=bearer()).json()
        assert (board["asked"], board["unanswered"], board["unit"]) == (4, 2, "hour")
        assert [(g["question"], g["count"], g["abstained"]) for g in board["groups"]] == [
            ("is there anything on sepsis?", 2, True),
            ("who chairs B6?", 2, False),
        ]
        assert board["topics"] == [
            {"id": "B6", "title": "Co-production to build resilient communities", "count": 2}
        ]
        svg = client.get("/organiser/api/report/questions.svg", params=query, headers=bearer())
        assert svg.headers["content-type"] == "image/svg+xml"
        assert svg.text.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
        assert len(re.findall(r"<circle [^>]*class=\"point\"", svg.text)) == len(board["buckets"])
        exported = client.get("/organiser/api/report.csv", params=query, headers=bearer())
        assert exported.headers["content-disposition"] == (
            f'attachment; filename="questions-{today}-to-{last}.csv"'
        )
        rows = list(csv.DictReader(io.StringIO(exported.text)))
        assert [(r["question"], r["asked"], r["unanswered"]) for r in rows] == [
            ("is there anything on sepsis?", "2", "2"),
            ("who chairs B6?", "2", "0"),
        ]
        keys = board["groups"][0]["keys"]
        done = client.post("/organiser/api/report/done", json={"keys": keys}, headers=bearer())
        assert done.status_code == 204
        client.post("/api/chat", json={"message": "is there anything on sepsis?"})
        groups = client.get("/organiser/api/report", headers=bearer()).json()["groups"]
        assert [(g["question"], g["done"], g["asked_since_done"]) for g in groups] == [
            ("who chairs B6?", False, 0),
            ("is there anything on sepsis?", True, 1),
        ]
        page = client.get("/organiser/report", params=query, headers=bearer())
    assert page.status_code == 200
    assert page.text.count('<svg xmlns="http://www.w3.org/2000/svg"') == 2
