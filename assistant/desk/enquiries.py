"""Organiser enquiries: an email -> its questions -> drafted answers; CSV in and out. Pure."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.answers.reply import Citation, Reply
from assistant.errors import AssistantError

MAX_QUESTIONS = 20  # one enquiry; more is a list for the batch upload
MAX_BATCH_ROWS = 2000
ANSWER_COLUMNS = ("id", "question", "answer", "abstained", "citations")

GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|hiya|greetings|good\s+(?:morning|afternoon|evening)"
    r"|to\s+whom\s+it\s+may\s+concern|dear\b[^,!?.:\n]{0,60})"
    r"(?:\s+(?:there|all|team|everyone|organisers|organizers))?\s*(?:[,!:.]+\s*|$)",
    re.IGNORECASE,
)
SIGN_OFF = re.compile(
    r"^\s*(?:(?:many\s+|a\s+lot\s+of\s+)?thanks?(?:\s+you)?(?:\s+(?:so|very)\s+much)?"
    r"(?:\s+in\s+advance)?(?:\s+for\s+your\s+help)?|cheers|best(?:\s+wishes)?|all\s+the\s+best"
    r"|(?:kind(?:est)?|warm(?:est)?|best)\s+regards|regards|yours(?:\s+\w+)?|sincerely|thx|ta)"
    r"\s*[,.!]*(?:\s+[^?]{0,40})?$",
    re.IGNORECASE,
)
BULLET = re.compile(r"^\s*(?:[-*•·–]|\(?\d{1,2}[.)]|\(?[a-h][.)])\s+")
# A mid-sentence "..., also ..." starts another question: "when is B6, and also who chairs it?"
ALSO = re.compile(r"\s*[,;]\s*(?:and\s+)?also,?\s+|\s+and\s+also,?\s+", re.IGNORECASE)
LEADING_ALSO = re.compile(r"^(?:and\s+)?also\s*,?\s*|^and\s+", re.IGNORECASE)
ABBREVIATIONS = {"dr", "mr", "mrs", "ms", "prof", "st", "e.g", "i.e", "etc", "vs", "no", "approx"}
# A sentence without '?' that still asks for something.
REQUEST = re.compile(
    r"^(?:please|pls|kindly|could|can|would|will|may|might|tell\s+me|let\s+me\s+know"
    r"|i\s+(?:would|'d)\s+(?:like|love)\s+to\s+(?:know|find\s+out|see)|i\s+want\s+to\s+know"
    r"|i(?:'m|\s+am)\s+(?:looking\s+for|wondering|trying\s+to\s+find|interested\s+in)"
    r"|i\s+need\s+to\s+know|do\s+you\s+know|is\s+there|are\s+there|when|where|who|whom|what"
    r"|which|how|whether|any\s+(?:sessions?|talks?|workshops?))\b",
    re.IGNORECASE,
)
# What a spreadsheet may read as a formula at the start of a cell (OWASP's list); '-' too:
# "-2+3" and "-cmd|' /C calc'!A0" both run.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


@dataclass(frozen=True, slots=True)
class DraftAnswer:
    """One question of an enquiry with the assistant's answer, for an organiser to edit."""

    question: str
    answer: str
    abstained: bool
    citations: tuple[Citation, ...]

    def to_json(self) -> dict[str, Any]:
        """The desk's JSON for one question."""
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [c.to_json() for c in self.citations],
        }


@dataclass(frozen=True, slots=True)
class EnquiryRow:
    """One row of a batch CSV: its id and the enquiry text."""

    id: str
    enquiry: str


def split_enquiry(text: str) -> tuple[str, ...]:
    """The questions an enquiry asks, in order: greetings, sign-offs and small talk dropped."""
    questions: list[str] = []
    for item in _items(text):
        for sentence in _sentences(item):
            for piece in ALSO.split(sentence):
                question = _tidy(piece)
                if question and (question.endswith("?") or REQUEST.match(question)):
                    questions.append(question)
    return tuple(dict.fromkeys(questions))[:MAX_QUESTIONS]


def _items(text: str) -> list[str]:
    """Lines joined into paragraphs and bullet items, stopping at the sign-off."""
    items: list[str] = []
    current: list[str] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(lines):
        line = raw.strip()
        if line == "--" or line.startswith(("-----Original", "On ")) and line.endswith("wrote:"):
            break  # a signature, or the quoted mail this one replies to
        if line.startswith(">"):  # quoted earlier mail
            continue
        if not line:
            if current:
                items.append(" ".join(current))
                current = []
            continue
        if SIGN_OFF.match(line):
            if not any("?" in later for later in lines[number + 1 :]):
                break  # the rest is a signature
            continue  # "Thanks for yesterday." before more questions is small talk
        bullet = BULLET.match(line)
        if bullet:
            line = line[bullet.end() :]
        line = GREETING.sub("", line, count=1) if not items and not current else line
        if not line:
            continue
        # A new bullet, or a line after a finished sentence, starts a new item; an email
        # hard-wrapped mid-sentence continues the current one.
        ended = current[-1].endswith(("?", ".", "!", ":")) if current else False
        if current and (bullet or ended or REQUEST.match(line)):
            items.append(" ".join(current))
            current = []
        current.append(line)
    if current:
        items.append(" ".join(current))
    return items


def _sentences(text: str) -> list[str]:
    """Sentences split after '?', '!' or '.', not after 'Dr.' or 'e.g.', nor inside '13.15'."""
    sentences: list[str] = []
    start = 0
    for match in re.finditer(r"[?!.]+(?=\s|$)", text):
        end = match.end()
        words = text[start : match.start()].split()
        last = words[-1].lower().rstrip(".") if words else ""
        if match.group() == "." and (last in ABBREVIATIONS or len(last) == 1):
            continue
        sentences.append(text[start:end])
        start = end
    sentences.append(text[start:])
    return [s.strip() for s in sentences if s.strip()]


def _tidy(piece: str) -> str:
    """A question as a person would write it alone: no leading 'Also,', capitalised."""
    text = " ".join(piece.split()).strip(" ,;-")
    text = LEADING_ALSO.sub("", text).strip()
    if len(text) < 3 or not any(c.isalpha() for c in text):
        return ""
    return text[0].upper() + text[1:]


def answer_questions(
    questions: Iterable[str],
    reply: Callable[[str, Mapping[str, Any] | None], Reply],
) -> tuple[DraftAnswer, ...]:
    """Answer questions in order, each following the last's context ('when is it?' after 'B6?')."""
    drafts: list[DraftAnswer] = []
    context: Mapping[str, Any] | None = None
    for question in questions:
        answer = reply(question, context)
        context = answer.context
        drafts.append(DraftAnswer(question, answer.answer, answer.abstained, answer.citations))
    return tuple(drafts)


def reply_text(drafts: Sequence[DraftAnswer]) -> str:
    """The whole reply to paste into an email: each question, its answer and its sources."""
    blocks = []
    for draft in drafts:
        lines = [f"> {draft.question}", draft.answer.strip()]
        cited = cited_ids(draft.citations)
        if cited:
            lines.append("Sessions: " + ", ".join(cited))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def cited_ids(citations: Iterable[Citation]) -> tuple[str, ...]:
    """The cited session ids, first mention first, each once."""
    return tuple(dict.fromkeys(c.session_id for c in citations))


def read_enquiry_csv(text: str, source: str = "upload") -> tuple[EnquiryRow, ...]:
    """Rows of a CSV with an `enquiry` (or `question`) column and an optional `id` column."""
    # newline="": the csv module reads line ends inside quoted cells itself
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        return _enquiry_rows(reader, source)
    except csv.Error as exc:
        raise AssistantError(f"{source}:{reader.line_num}: not a readable CSV row: {exc}") from None


def _enquiry_rows(reader: csv.DictReader[str], source: str) -> tuple[EnquiryRow, ...]:
    headers = {h.strip().lower(): h for h in reader.fieldnames or () if h}
    column = headers.get("enquiry") or headers.get("question")
    if column is None:
        found = ", ".join(reader.fieldnames or ()) or "none"
        raise AssistantError(
            f"{source}:1: expected a column named 'enquiry' or 'question', found: {found}"
        )
    id_column = headers.get("id")
    rows: list[EnquiryRow] = []
    for number, row in enumerate(reader, 1):
        if len(rows) >= MAX_BATCH_ROWS:
            raise AssistantError(f"{source}: more than {MAX_BATCH_ROWS} rows; split the file")
        enquiry = (row.get(column) or "").strip()
        if not enquiry:
            continue
        row_id = (row.get(id_column) or "").strip() if id_column else ""
        rows.append(EnquiryRow(row_id or str(number), enquiry))
    return tuple(rows)


def answer_rows(
    rows: Iterable[EnquiryRow], reply: Callable[[str, Mapping[str, Any] | None], Reply]
) -> Iterable[tuple[str, DraftAnswer]]:
    """(row id, draft) for every question of every row; a row with no question is asked whole."""
    for row in rows:
        questions = split_enquiry(row.enquiry) or (" ".join(row.enquiry.split()),)
        for draft in answer_questions(questions, reply):
            yield row.id, draft


def write_answer_csv(answers: Iterable[tuple[str, DraftAnswer]]) -> str:
    """The answers CSV: id, question, answer, abstained, citations (session ids joined by ';').

    Every cell is neutralised: ids and citations come from uploaded files too."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(ANSWER_COLUMNS)
    for row_id, draft in answers:
        row = (
            row_id,
            draft.question,
            draft.answer,
            "true" if draft.abstained else "false",
            ";".join(cited_ids(draft.citations)),
        )
        writer.writerow(tuple(safe_cell(cell) for cell in row))
    return out.getvalue()


def safe_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula: a leading quote disarms it."""
    return "'" + text if text.startswith(FORMULA_START) else text
