"""Organiser enquiries: an email -> its questions -> drafted answers; CSV in and out. Pure."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from assistant.answers.reply import Citation, Reply
from assistant.desk.replies import cited_ids, source_lines
from assistant.errors import AssistantError

MAX_QUESTIONS = 20  # one enquiry; more is a list for the batch upload
MAX_BATCH_ROWS = 2000
ANSWER_COLUMNS = ("id", "enquiry", "answer", "abstained", "citations", "sources")

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
# Words that name nothing: a question made only of them takes its subject from elsewhere.
SUITABILITY = frozenset(
    """anything something suitable appropriate recommend recommended recommendations suggest
    suggestions good interesting relevant worth any ideas options there is are would you
    could can do does what which for her him them us me my our kids see go attend come join
    visit watch catch he she""".split()
)
UNNAMING = SUITABILITY | frozenset(
    """if so yes then also and in that case a an the it its this that these those they he she
    when where who whom what which how long time times start starts starting begin begins end
    ends finish room rooms speaking speaks speaker speakers chair chairs chairing chaired
    recorded recording streamed language day days is are was will be on at of to by please
    tell know let more details info information about else too one ones again held located
    happen happening s""".split()
) - {"kids"}
SUBJECT = re.compile(
    r"\b(?:about|on|regarding|concerning|covering|related to|to do with)\s+(.{3,120})$",
    re.IGNORECASE,
)
INTEREST = re.compile(
    r"\b(?:interested in|into|likes?|loves?|enjoys?|keen on|fascinated by)\s+(.{3,120})$",
    re.IGNORECASE,
)
LEADING_IF = re.compile(
    r"^(?:(?:and|also|then)\s*,?\s+)?(?:if\s+(?:so|yes|there\s+is(?:\s+one)?)|in\s+that\s+case)"
    r"\s*,?\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DraftAnswer:
    """One question of an enquiry with the assistant's answer, for an organiser to edit."""

    question: str
    answer: str
    abstained: bool
    citations: tuple[Citation, ...]
    asked: str = ""  # what the assistant was asked, when not the question as written

    def to_json(self) -> dict[str, Any]:
        """The desk's JSON for one question."""
        return {
            "question": self.question,
            "asked": self.asked or self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [c.to_json() for c in self.citations],
        }


@dataclass(frozen=True, slots=True)
class Question:
    """One question of an enquiry: as written, what the assistant is asked, and whether it
    follows the question before it ('If so, when?')."""

    text: str  # with the sentence that gives it its subject, when it needs one
    asked: str
    follows: bool = False


@dataclass(frozen=True, slots=True)
class EnquiryRow:
    """One row of a batch CSV: its id and the enquiry text."""

    id: str
    enquiry: str


def split_enquiry(text: str) -> tuple[str, ...]:
    """The questions an enquiry asks, in order: greetings, sign-offs and small talk dropped."""
    return tuple(q.text for q in read_questions(text))


def read_questions(text: str) -> tuple[Question, ...]:
    """The enquiry's questions, each kept with the sentence that gives it its subject: 'my
    daughter would like something about space. Anything suitable?' is one question."""
    questions: list[Question] = []
    statement = ""  # the last sentence that asks nothing: it may give the next its subject
    for item in _items(text):
        for sentence in _sentences(item):
            for piece in ALSO.split(sentence):
                question = _tidy(piece)
                if not question:
                    continue
                if not (question.endswith("?") or REQUEST.match(question)):
                    statement = question
                    continue
                questions.append(_question(question, statement, bool(questions)))
                statement = ""
    unique = {q.text: q for q in reversed(questions)}  # a repeated question: its first place
    return tuple(q for q in questions if unique.get(q.text) is q)[:MAX_QUESTIONS]


def _question(question: str, statement: str, after_another: bool) -> Question:
    """A question read alone, with the statement before it, or as a follow-up of the last."""
    if not subjectless(question):
        return Question(question, question)
    if statement:
        return Question(f"{statement} {question}", with_subject(statement, question))
    if after_another:
        return Question(question, follow_up(question), follows=True)
    return Question(question, question)


def subjectless(question: str) -> bool:
    """True when a question names nothing of its own: 'Anything suitable?', 'If so, when?'."""
    return all(w in UNNAMING for w in re.findall(r"[a-z]+", question.lower()))


def with_subject(statement: str, question: str) -> str:
    """What to ask for a statement and the subjectless question after it: the statement's
    subject as a question ('Is there anything about satellites or space?'), then the
    question if it asks for something particular ('When is it?')."""
    match = SUBJECT.search(statement.rstrip(" .!")) or INTEREST.search(statement.rstrip(" .!"))
    if match is None:
        return f"{statement} {question}"
    subject = re.sub(r"^(?:some|any)thing\s+(?:about|on)\s+", "", match.group(1))
    asked = f"Is there anything about {subject}?"
    particular = re.findall(r"[a-z]+", question.lower()) and not all(
        w in SUITABILITY for w in re.findall(r"[a-z]+", question.lower())
    )
    return f"{asked} {follow_up(question)}" if particular else asked


def follow_up(question: str) -> str:
    """A follow-up as the assistant reads one: 'If so, when?' -> 'When?'."""
    text = LEADING_IF.sub("", question).strip()
    return text[:1].upper() + text[1:] if text else question


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


NOT_APPLICABLE = "Not applicable: the programme has nothing on the question before this one."


def answer_questions(
    questions: Iterable[Question | str],
    reply: Callable[[str, Mapping[str, Any] | None], Reply],
) -> tuple[DraftAnswer, ...]:
    """Answer questions in order. Each follows the context of the last answer that found
    something, so 'when is it?' after 'is there a talk on X?' is about X, and an 'if so'
    after nothing found is not asked at all."""
    return _answer(questions, reply, None, False)[0]


Context = Mapping[str, Any] | None


def _answer(
    questions: Iterable[Question | str],
    reply: Callable[[str, Context], Reply],
    context: Context,
    last_abstained: bool,
) -> tuple[tuple[DraftAnswer, ...], Context]:
    """The drafts, and the context a later follow-up continues from."""
    drafts: list[DraftAnswer] = []
    for item in questions:
        question = item if isinstance(item, Question) else Question(item, item)
        missed = drafts[-1].abstained if drafts else last_abstained
        if question.follows and missed and LEADING_IF.match(question.text):
            drafts.append(DraftAnswer(question.text, NOT_APPLICABLE, True, (), question.asked))
            continue
        answer = reply(question.asked, context)
        if answer.citations and not answer.abstained:
            context = answer.context
        drafts.append(
            DraftAnswer(
                question.text, answer.answer, answer.abstained, answer.citations, question.asked
            )
        )
    return tuple(drafts), context


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


@dataclass(frozen=True, slots=True)
class RowAnswer:
    """One row of a batch, answered whole: its questions' drafts in order."""

    id: str
    enquiry: str
    drafts: tuple[DraftAnswer, ...]

    @property
    def abstained(self) -> str:
        """'true' when nothing the row asks is answered, 'partly' when some is, else 'false'."""
        missed = sum(d.abstained for d in self.drafts)
        return "true" if missed == len(self.drafts) else "partly" if missed else "false"

    @property
    def answer(self) -> str:
        """One question's answer; several, each after its question."""
        if len(self.drafts) == 1:
            return self.drafts[0].answer
        return "\n\n".join(f"> {d.question}\n{d.answer}" for d in self.drafts)


def answer_rows(
    rows: Iterable[EnquiryRow], reply: Callable[[str, Context], Reply]
) -> Iterable[RowAnswer]:
    """Every row answered whole: its follow-ups ('If so, when?') follow its own questions.
    Consecutive rows with the same id are one conversation: a row that only follows up the
    one before ('If so, when?') keeps that row's context."""
    last_id: str | None = None
    context: Context = None
    missed = False
    for row in rows:
        if row.id != last_id:
            context, missed = None, False
        whole = " ".join(row.enquiry.split())
        questions = read_questions(row.enquiry) or (Question(whole, whole),)
        first = questions[0]
        if row.id == last_id and not first.follows and subjectless(first.text):
            follows = replace(first, asked=follow_up(first.text), follows=True)
            questions = (follows, *questions[1:])
        drafts, context = _answer(questions, reply, context, missed)
        missed = drafts[-1].abstained
        last_id = row.id
        yield RowAnswer(row.id, row.enquiry, drafts)


def write_answer_csv(answers: Iterable[RowAnswer], base_url: str = "") -> str:
    """The answers CSV, a row per enquiry: id, enquiry, answer, abstained (true, partly or
    false), citations (ids joined by ';') and sources (each cited title with its link).

    Every cell is neutralised: ids and citations come from uploaded files too."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(ANSWER_COLUMNS)
    for answer in answers:
        cited = [c for d in answer.drafts for c in d.citations]
        row = (
            answer.id,
            " ".join(answer.enquiry.split()),
            answer.answer,
            answer.abstained,
            ";".join(cited_ids(cited)),
            "\n".join(source_lines(cited, base_url)),
        )
        writer.writerow(tuple(safe_cell(cell) for cell in row))
    return out.getvalue()


def safe_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula: a leading quote disarms it."""
    return "'" + text if text.startswith(FORMULA_START) else text
