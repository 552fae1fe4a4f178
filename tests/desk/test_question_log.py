"""The question log on SQLite and on a real PostgreSQL server: record, retention, report."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from organiser_support import postgres_url

from assistant.desk.privacy import mask_personal
from assistant.desk.question_log import QuestionLog, engine_url, questions

SEPSIS = (
    "is there anything on sepsis?",
    "any sessions about sepsis?",
    "where can I learn about sepsis",
)


@pytest.fixture(params=["sqlite", "postgresql"])
def question_log(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[QuestionLog]:
    """An empty log on each backend; PostgreSQL is the server .ci/pg-up.sh starts."""
    if request.param == "sqlite":
        log = QuestionLog(f"sqlite:///{tmp_path / 'data' / 'questions.db'}", retention_days=30)
    else:
        url = postgres_url()
        if url is None:
            pytest.skip("no PostgreSQL: set TEST_DATABASE_URL (.ci/run starts one, .ci/pg-up.sh)")
        # the plain libpq form: the log must accept what a deployment's DATABASE_URL holds
        log = QuestionLog(url.replace("postgresql+psycopg://", "postgresql://"), 30)
        log.start()
        with log.engine.begin() as conn:
            conn.execute(questions.delete())
    log.start()
    yield log
    log.close()


def test_postgresql_and_sqlite_urls_become_engine_urls(tmp_path: Path) -> None:
    assert engine_url("postgresql://app:app@db/log") == "postgresql+psycopg://app:app@db/log"
    assert engine_url("postgres://app:app@db/log") == "postgresql+psycopg://app:app@db/log"
    url = f"sqlite:///{tmp_path}/new/folder/q.db"
    assert engine_url(url) == url
    assert (tmp_path / "new" / "folder").is_dir()


def test_a_question_is_stored_with_time_asks_outcome_and_citations_only(
    question_log: QuestionLog,
) -> None:
    asked = datetime(2025, 5, 22, 12, 0, tzinfo=UTC)
    question_log.record(
        "  who chairs   B6? ",
        abstained=False,
        asks=["chair"],
        cited_ids=["B6", "B6", "A1"],
        asked_at=datetime.now(UTC),
    )
    question_log.record("is there anything on sepsis?", abstained=True, asked_at=asked)
    chair, sepsis = question_log.latest()
    assert (chair.text, chair.asks, chair.abstained, chair.cited_ids) == (
        "who chairs B6?",
        ("chair",),
        False,
        ("B6", "A1"),
    )
    assert (sepsis.text, sepsis.asked_at, sepsis.abstained) == (
        "is there anything on sepsis?",
        asked,
        True,
    )
    # nothing that names the asker: no IP address, no cookie, no session
    columns = {c["name"] for c in sa.inspect(question_log.engine).get_columns("questions")}
    assert columns == {"id", "asked_at", "text", "asks", "abstained", "cited_ids"}


def test_questions_past_the_retention_are_deleted(question_log: QuestionLog) -> None:
    now = datetime.now(UTC)
    question_log.record("old question", abstained=True, asked_at=now - timedelta(days=31))
    question_log.record("recent question", abstained=True, asked_at=now - timedelta(days=29))
    assert question_log.purge_older_than(30) == 1
    assert [q.text for q in question_log.latest()] == ["recent question"]
    assert question_log.start() == 0


def test_three_paraphrases_of_an_absent_topic_are_one_row_with_count_three(
    question_log: QuestionLog, embedder: Any
) -> None:
    question_log.record("when is Laura Pozzobon speaking?", abstained=False, cited_ids=["B6"])
    question_log.record("when does Laura Pozzobon speak", abstained=False, cited_ids=["B6"])
    question_log.record("who chairs B6?", abstained=False, cited_ids=["B6"])
    for text in SEPSIS:
        question_log.record(text, abstained=True, cited_ids=["B6"])
    question_log.record("is there anything on antimicrobial resistance?", abstained=True)

    rows = [g.to_json() for g in question_log.report(embedder.embed)]

    assert [(r["question"], r["count"], r["abstained"]) for r in rows] == [
        ("is there anything on sepsis?", 3, True),
        ("is there anything on antimicrobial resistance?", 1, True),
        ("when is Laura Pozzobon speaking?", 2, False),
        ("who chairs B6?", 1, False),
    ]
    assert sorted(rows[0]["examples"]) == sorted(SEPSIS)
    assert rows[0]["abstained_count"] == 3


def test_an_empty_log_reports_nothing(question_log: QuestionLog, embedder: Any) -> None:
    assert question_log.report(embedder.embed) == ()


def test_replicas_share_one_postgresql_log() -> None:
    url = postgres_url()
    if url is None:
        pytest.skip("no PostgreSQL: set TEST_DATABASE_URL (.ci/run starts one, .ci/pg-up.sh)")
    marker = f"replica question {uuid.uuid4()}"
    first, second = QuestionLog(url), QuestionLog(url)
    try:
        first.record(marker, abstained=True)
        assert mask_personal(marker) in [q.text for q in second.latest(50)]
    finally:
        first.close()
        second.close()


def stored_texts(log: QuestionLog) -> list[str]:
    """The text column as the database holds it, oldest first (not through latest())."""
    with log.engine.connect() as conn:
        return list(conn.execute(sa.select(questions.c.text).order_by(questions.c.id)).scalars())


def test_a_stored_question_has_its_email_phone_and_long_numbers_masked(
    question_log: QuestionLog,
) -> None:
    question_log.record(
        "I'm jo.bloggs+forum@nhs-trust.example.org, call +44 20 7946 0958 or (020) 7946-0958 "
        "about B6 on 2025-05-22 at 13:15; card 4111 1111 1111 1111, member 12345678",
        abstained=True,
    )
    assert stored_texts(question_log) == [
        "I'm [email], call [number] or [number] about B6 on 2025-05-22 at 13:15; "
        "card [number], member [number]"
    ]


def test_rows_stored_before_masking_are_masked_in_the_report(question_log: QuestionLog) -> None:
    with question_log.engine.begin() as conn:  # as an older version stored it
        conn.execute(
            questions.insert(),
            {
                "asked_at": datetime.now(UTC),
                "text": "email me at jo@example.org",
                "asks": "",
                "abstained": True,
                "cited_ids": "",
            },
        )
    assert [q.text for q in question_log.latest()] == ["email me at [email]"]


def test_nul_and_control_characters_are_stripped_the_same_on_both_databases(
    question_log: QuestionLog,
) -> None:
    question_log.record(
        "\x00who\x1b[31m chairs\u202e B6?\x7f\x00", abstained=False, cited_ids=["B6\x00"]
    )
    (stored,) = question_log.latest()
    assert (stored.text, stored.cited_ids) == ("who [31m chairs B6?", ("B6",))
    assert stored_texts(question_log) == ["who [31m chairs B6?"]


def test_retention_runs_on_a_timer_when_no_question_arrives(tmp_path: Path) -> None:
    log = QuestionLog(f"sqlite:///{tmp_path / 'q.db'}", retention_days=1, purge_every=0.1)
    log.start()
    try:
        now = datetime.now(UTC)
        log.record("kept", abstained=False, asked_at=now)
        log.record("expired", abstained=False, asked_at=now - timedelta(days=2))
        deadline = time.monotonic() + 10
        while [q.text for q in log.latest()] != ["kept"]:
            assert time.monotonic() < deadline, "the timer did not delete the expired row"
            time.sleep(0.05)
    finally:
        log.close()
    assert log._timer is not None and not log._timer.is_alive()
