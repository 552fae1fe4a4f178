"""`programme-assistant answer-enquiries IN.csv -o OUT.csv`: the batch from the command line."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from organiser_support import NOW

from assistant.cli import main


def test_a_csv_of_enquiries_is_answered_with_citations_and_a_progress_bar(
    seed_index: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "enquiries.csv"
    source.write_text(
        "id,enquiry\n"
        'E1,"Dear organisers,\nWhen is Laura Pozzobon speaking? Also, who chairs B6?\nBest, Jo"\n'
        "E2,is there anything on sepsis?\n",
        encoding="utf-8",
    )
    out = tmp_path / "answers.csv"
    argv = ["answer-enquiries", str(source), "-o", str(out), "--index", str(seed_index)]
    assert main([*argv, "--now", NOW]) == 0

    printed = capsys.readouterr()
    assert printed.out == (
        f"answered 3 questions from 2 enquiries (1 not in the programme) -> {out}\n"
    )
    assert "answering: 100%" in printed.err and "2/2" in printed.err
    with out.open(encoding="utf-8", newline="") as answers:
        rows = list(csv.DictReader(answers))
    assert [(r["id"], r["abstained"], r["citations"]) for r in rows] == [
        ("E1", "false", "B6"),
        ("E2", "true", "B6"),
    ]
    assert rows[0]["enquiry"] == (
        "Dear organisers, When is Laura Pozzobon speaking? Also, who chairs B6? Best, Jo"
    )
    assert rows[0]["answer"].split("\n\n")[1] == (
        "> Who chairs B6?\nB6: Co-production to build resilient communities is chaired by Bob "
        "Klaber (Imperial College Healthcare NHS Trust; England)."
    )
    # a leading '-' could start a formula: the quote keeps it text (a spreadsheet hides it)
    assert rows[0]["sources"] == "'- Co-production to build resilient communities: /sessions/B6"


def test_a_csv_without_an_enquiry_column_exits_non_zero_naming_the_file(
    seed_index: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "mail.csv"
    source.write_text("from,body\njo,hello\n", encoding="utf-8")
    argv = ["answer-enquiries", str(source), "-o", str(tmp_path / "out.csv")]
    assert main([*argv, "--index", str(seed_index)]) == 2
    assert capsys.readouterr().err == (
        f"error: {source}:1: expected a column named 'enquiry' or 'question', found: from, body\n"
    )
    assert not (tmp_path / "out.csv").exists()
