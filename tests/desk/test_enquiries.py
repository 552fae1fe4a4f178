"""Splitting an enquiry into questions, and the batch CSV in and out (pure)."""

from __future__ import annotations

import csv
import io

import pytest

from assistant.answers.reply import Citation
from assistant.desk.enquiries import (
    DraftAnswer,
    EnquiryRow,
    read_enquiry_csv,
    reply_text,
    split_enquiry,
    write_answer_csv,
)
from assistant.errors import AssistantError

EMAIL = """Hi,

I'm coming on Thursday. When is the sepsis session? Also, who chairs B6?
Please tell me when Laura Pozzobon is speaking.

Thanks,
Jo"""


@pytest.mark.parametrize(
    ("enquiry", "questions"),
    [
        (
            EMAIL,
            (
                "When is the sepsis session?",
                "Who chairs B6?",
                "Please tell me when Laura Pozzobon is speaking.",
            ),
        ),
        ("Dear organisers, is there anything on sepsis?", ("Is there anything on sepsis?",)),
        (
            "Hello team!\n- when is B6\n- where is it\n- who chairs it\n\nBest wishes, Jo",
            ("When is B6", "Where is it", "Who chairs it"),
        ),
        (
            "1. When is B6?\n2) Is it recorded?\n\nKind regards\nAmy Lee\nStaff nurse",
            ("When is B6?", "Is it recorded?"),
        ),
        (
            "Could you tell me when B6 is, and also who chairs it?",
            ("Could you tell me when B6 is", "Who chairs it?"),
        ),
        (
            "Good morning,\nWhat time does the 13.15 session end?\nMany thanks",
            ("What time does the 13.15 session end?",),
        ),
        (
            "I was wondering whether Dr. Smith is speaking with\nLaura Pozzobon?",
            ("I was wondering whether Dr. Smith is speaking with Laura Pozzobon?",),
        ),
        ("Thanks for the info.\nWhen is B6?\nThanks, Jo", ("When is B6?",)),
        ("Thanks! When is B6? When is B6?", ("When is B6?",)),
        (
            "Is there a session on sepsis?\n\nBest,\nJo\n--\nWhere? Ltd, 1 High St",
            ("Is there a session on sepsis?",),
        ),
        (
            "Where is B6?\n\nOn Mon, 19 May 2025, Jo wrote:\n> When is B6?",
            ("Where is B6?",),
        ),
        ("I'm attending on Thursday. My colleague too.\nBest wishes, Jo", ()),
        ("Best wishes, Jo", ()),
        ("", ()),
    ],
)
def test_an_enquiry_splits_into_its_questions(enquiry: str, questions: tuple[str, ...]) -> None:
    assert split_enquiry(enquiry) == questions


def test_reply_text_quotes_each_question_with_its_answer_and_sessions() -> None:
    b6 = Citation("B6", "Co-production to build resilient communities")
    drafts = [
        DraftAnswer("When is B6?", "B6 is on Thursday 22 May 2025, 13:15–14:30.", False, (b6, b6)),
        DraftAnswer("Is there anything on sepsis?", "I couldn't find anything.", True, ()),
    ]
    assert reply_text(drafts) == (
        "> When is B6?\nB6 is on Thursday 22 May 2025, 13:15–14:30.\nSessions: B6\n\n"
        "> Is there anything on sepsis?\nI couldn't find anything."
    )


def test_batch_csv_reads_enquiry_or_question_columns_and_numbers_rows_without_ids() -> None:
    assert read_enquiry_csv("\ufeffid,enquiry\nE1,When is B6?\nE2,\n,Where is B6?\n") == (
        EnquiryRow("E1", "When is B6?"),
        EnquiryRow("3", "Where is B6?"),
    )
    assert read_enquiry_csv("Question\nWho chairs B6?\n") == (EnquiryRow("1", "Who chairs B6?"),)


def test_batch_csv_without_a_question_column_names_the_file_and_the_columns_found() -> None:
    with pytest.raises(AssistantError) as error:
        read_enquiry_csv("id,text\n1,hello\n", "enquiries.csv")
    assert str(error.value) == (
        "enquiries.csv:1: expected a column named 'enquiry' or 'question', found: id, text"
    )


def test_answer_csv_joins_cited_ids_and_never_writes_a_formula() -> None:
    b6 = Citation("B6", "Co-production", part="Engage to elevate")
    a1 = Citation("A1", "Opening keynote")
    text = write_answer_csv(
        [
            ("E1", DraftAnswer("When is B6?", "13:15", False, (b6, a1, b6))),
            ("E2", DraftAnswer("=HYPERLINK(1)", "Not found, sorry", True, ())),
        ]
    )
    assert list(csv.reader(io.StringIO(text))) == [
        ["id", "question", "answer", "abstained", "citations"],
        ["E1", "When is B6?", "13:15", "false", "B6;A1"],
        ["E2", "'=HYPERLINK(1)", "Not found, sorry", "true", ""],
    ]


FORMULAS = ["-2+3", "-cmd|' /C calc'!A0", "=1+1", "+1", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("formula", FORMULAS, ids=range(len(FORMULAS)))
def test_a_formula_is_neutralised_in_every_column_of_the_answer_csv(formula: str) -> None:
    cited = Citation(formula, "A session whose id came from an uploaded programme")
    text = write_answer_csv([(formula, DraftAnswer(formula, formula, False, (cited,)))])
    (header, row) = list(csv.reader(io.StringIO(text)))
    assert header == ["id", "question", "answer", "abstained", "citations"]
    assert row == ["'" + formula, "'" + formula, "'" + formula, "false", "'" + formula]


def test_a_batch_file_with_a_bare_carriage_return_is_a_located_problem_not_a_crash():
    with pytest.raises(AssistantError, match=r"^batch.csv:1: "):
        read_enquiry_csv("\r0", "batch.csv")  # schemathesis found this one
    assert read_enquiry_csv('enquiry\n"two\nlines"\n', "batch.csv")[0].enquiry == "two\nlines"
