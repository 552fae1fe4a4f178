"""Splitting an enquiry into questions, and the batch CSV in and out (pure)."""

from __future__ import annotations

import csv
import io

import pytest

from assistant.answers.reply import Citation, Reply
from assistant.desk.enquiries import (
    NOT_APPLICABLE,
    DraftAnswer,
    EnquiryRow,
    Question,
    RowAnswer,
    answer_rows,
    read_enquiry_csv,
    read_questions,
    split_enquiry,
    write_answer_csv,
)
from assistant.desk.replies import greeting_for, reply_text, sender_name
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


@pytest.mark.parametrize(
    ("enquiry", "questions"),
    [
        (
            "Hi, my daughter would like something about satellites or space. Anything suitable?",
            [
                Question(
                    "My daughter would like something about satellites or space. Anything "
                    "suitable?",
                    "Is there anything about satellites or space?",
                )
            ],
        ),
        (
            "We are interested in sepsis.\nWhen is it on?\nThanks, Jo",
            [
                Question(
                    "We are interested in sepsis. When is it on?",
                    "Is there anything about sepsis? When is it on?",
                )
            ],
        ),
        (
            "I heard Laura Pozzobon is speaking. When?",
            [
                Question(
                    "I heard Laura Pozzobon is speaking. When?",
                    "I heard Laura Pozzobon is speaking. When?",
                )
            ],
        ),
        (
            "Is there a session on sepsis? If so, when?",
            [
                Question("Is there a session on sepsis?", "Is there a session on sepsis?"),
                Question("If so, when?", "When?", follows=True),
            ],
        ),
        (
            "I'm coming on Thursday. When is the sepsis session?",
            [Question("When is the sepsis session?", "When is the sepsis session?")],
        ),
    ],
)
def test_a_question_keeps_the_sentence_that_gives_its_subject(
    enquiry: str, questions: list[Question]
) -> None:
    assert list(read_questions(enquiry)) == questions


B6 = Citation("B6", "Co-production to build resilient communities", url="/sessions/B6")
WIFI = Citation("faq:wifi", "Is there Wi-Fi?", url="/faq#wifi")


def test_the_reply_opens_and_closes_and_cites_titles_with_links() -> None:
    drafts = [
        DraftAnswer("When is B6?", "B6 is on Thursday 22 May 2025, 13:15–14:30.", False, (B6, B6)),
        DraftAnswer("Is there wifi?", "Yes: Forum-Guest.", False, (WIFI,)),
        DraftAnswer("Is there anything on sepsis?", "I couldn't find anything.", True, ()),
    ]
    text = reply_text(drafts, "Dear Jo,", "Best wishes,\nThe programme team", "https://p.org")
    assert text == (
        "Dear Jo,\n\n"
        "> When is B6?\nB6 is on Thursday 22 May 2025, 13:15–14:30.\nSessions:\n"
        "- Co-production to build resilient communities: https://p.org/sessions/B6\n\n"
        "> Is there wifi?\nYes: Forum-Guest.\nFrom the FAQ:\n"
        "- Is there Wi-Fi?: https://p.org/faq#wifi\n\n"
        "> Is there anything on sepsis?\nI couldn't find anything.\n\n"
        "Best wishes,\nThe programme team"
    )


@pytest.mark.parametrize(
    ("enquiry", "name", "greeting"),
    [
        ("When is B6?\n\nThanks,\nJo", "Jo", "Dear Jo,"),
        ("When is B6?\nBest, Amy Lee", "Amy Lee", "Dear Amy Lee,"),
        ("1. When is B6?\n\nKind regards\nAmy Lee\nStaff nurse", "Amy Lee", "Dear Amy Lee,"),
        ("When is B6?", "", "Hello,"),
        ("When is B6? Thanks!", "", "Hello,"),
    ],
)
def test_the_greeting_names_who_signed_the_enquiry(enquiry: str, name: str, greeting: str) -> None:
    assert sender_name(enquiry) == name
    assert greeting_for(enquiry) == greeting


class Scripted:
    """A stand-in for the assistant that records what it was asked with which context."""

    def __init__(self, answers: dict[str, Reply]) -> None:
        self.answers = answers
        self.asked: list[tuple[str, object]] = []

    def __call__(self, text: str, context: object) -> Reply:
        self.asked.append((text, context))
        return self.answers[text]


def test_a_batch_row_is_answered_whole_and_a_follow_up_row_keeps_its_context() -> None:
    found = Reply("Yes: B6.", citations=(B6,), context={"sessions": ["B6"]})
    when = Reply("B6 is at 13:15.", citations=(B6,), context={"sessions": ["B6"]})
    nothing = Reply("I couldn't find anything on parking.", abstained=True, context={})
    reply = Scripted(
        {
            "Is there a session on co-production?": found,
            "When?": when,
            "When is it?": when,
            "Is there a session on parking?": nothing,
        }
    )
    rows = [
        EnquiryRow("E1", "Is there a session on co-production? If so, when?"),
        EnquiryRow("E2", "Is there a session on co-production?"),
        EnquiryRow("E2", "When is it?"),
        EnquiryRow("E3", "Is there a session on parking? If so, when?"),
    ]
    answered = list(answer_rows(rows, reply))
    assert [(r.id, len(r.drafts), r.abstained) for r in answered] == [
        ("E1", 2, "false"),
        ("E2", 1, "false"),
        ("E2", 1, "false"),
        ("E3", 2, "true"),
    ]
    assert answered[0].answer == (
        "> Is there a session on co-production?\nYes: B6.\n\n> If so, when?\nB6 is at 13:15."
    )
    assert reply.asked == [
        ("Is there a session on co-production?", None),
        ("When?", {"sessions": ["B6"]}),
        ("Is there a session on co-production?", None),
        ("When is it?", {"sessions": ["B6"]}),
        ("Is there a session on parking?", None),
    ]
    assert answered[3].drafts[1].answer == NOT_APPLICABLE


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


def test_answer_csv_has_a_row_per_enquiry_with_titles_and_links_and_never_a_formula() -> None:
    a1 = Citation("A1", "Opening keynote", url="/sessions/A1")
    text = write_answer_csv(
        [
            RowAnswer(
                "E1", "When is B6?", (DraftAnswer("When is B6?", "13:15", False, (B6, a1, B6)),)
            ),
            RowAnswer(
                "E2", "=HYPERLINK(1)", (DraftAnswer("=HYPERLINK(1)", "Not found, sorry", True, ()),)
            ),
        ],
        "https://p.org",
    )
    assert list(csv.reader(io.StringIO(text))) == [
        ["id", "enquiry", "answer", "abstained", "citations", "sources"],
        [
            "E1",
            "When is B6?",
            "13:15",
            "false",
            "B6;A1",
            "'- Co-production to build resilient communities: https://p.org/sessions/B6\n"
            "- Opening keynote: https://p.org/sessions/A1",
        ],
        ["E2", "'=HYPERLINK(1)", "Not found, sorry", "true", "", ""],
    ]


FORMULAS = ["-2+3", "-cmd|' /C calc'!A0", "=1+1", "+1", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("formula", FORMULAS, ids=range(len(FORMULAS)))
def test_a_formula_is_neutralised_in_every_column_of_the_answer_csv(formula: str) -> None:
    cited = Citation(formula, "A session whose id came from an uploaded programme")
    drafts = (DraftAnswer(formula, formula, False, (cited,)),)
    text = write_answer_csv([RowAnswer(formula, formula, drafts)])
    (header, row) = list(csv.reader(io.StringIO(text)))
    assert header == ["id", "enquiry", "answer", "abstained", "citations", "sources"]
    enquiry = "'" + " ".join(formula.split()) if formula.strip()[:1] in "=+-@" else formula
    assert row[:5] == ["'" + formula, enquiry, "'" + formula, "false", "'" + formula]
    assert row[5].startswith("'- ")


def test_a_batch_file_with_a_bare_carriage_return_is_a_located_problem_not_a_crash():
    with pytest.raises(AssistantError, match=r"^batch.csv:1: "):
        read_enquiry_csv("\r0", "batch.csv")  # schemathesis found this one
    assert read_enquiry_csv('enquiry\n"two\nlines"\n', "batch.csv")[0].enquiry == "two\nlines"
