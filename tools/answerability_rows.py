"""Real delegates' topic questions as answerability rows, for tools/train_answerability.py.

The question sets in eval/ (and ../shared/eval/dev.jsonl) were written by people who never saw
the code. For each case whose first turn the understanding reads as a topic question, a row holds
the evidence about the session retrieval ranks first (what the calibrated model weighs) and a
label: 1 when the case expects an answer and that session is one it names, 0 when it expects an
abstention (the subject is absent) or names another session. Rows are cached in ROWS_FILE so
that training does not rebuild every programme; `--refresh` (here or in the trainer) rebuilds
them after a change to retrieval or the understanding.

    .venv/bin/python tools/answerability_rows.py     # rebuild tools/answerability_rows.csv
"""

from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.answers.answerability import Evidence  # noqa: E402
from assistant.answers.engine import Assistant, clean_question  # noqa: E402
from assistant.answers.finding import topic_of  # noqa: E402
from assistant.answers.handlers.topic import evidence_of, ranked  # noqa: E402
from assistant.answers.slots.phrasebooks import question_language  # noqa: E402
from assistant.answers.understanding import Ask, Query, understand  # noqa: E402
from assistant.programme import Programme, Session  # noqa: E402

ROWS_FILE = ROOT / "tools" / "answerability_rows.csv"
SETS = (ROOT.parent / "shared" / "eval" / "dev.jsonl", *sorted((ROOT / "eval").glob("*.jsonl")))
# asks another handler answers before the topic is looked for
NOT_TOPIC = {Ask.NOW, Ask.NEXT, Ask.AGENDA, Ask.AGENDA_ADD, Ask.AGENDA_REMOVE, Ask.CLASHES}
# asks of a question about whether there is a session on something at all
TOPIC_ASKS = {Ask.TOPIC, Ask.LIST}


@dataclass(frozen=True)
class Row:
    """One real topic question and what retrieval made of it."""

    round: str  # the question set it comes from (each written by one person, unseen)
    case: str
    source: str  # the programme's first source file: 'shared/data/…', 'eval/…'
    topic: str
    evidence: Evidence
    label: int  # 1: answering with the first session is right
    absent: bool  # the case expects an abstention and names no session: the subject is absent
    trusted: bool  # the hand-set thresholds trust some hit
    trusted_right: bool  # ... and the first one they trust is a session the case names


def _norm(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\W_]+", " ", folded).strip()


def names(session: Session, expected: list[str]) -> bool:
    """Whether the session is one the case expects, by id or title (of it or one of its parts),
    as the scorer compares citations."""
    wanted = {_norm(e) for e in expected}
    ids = {_norm(session.id), _norm(re.split(r"[:#/]", session.id)[0])}
    titles = {_norm(session.title), *(_norm(p.title) for p in session.parts)}
    return bool(wanted & ids) or bool(wanted & (titles - {""}))


def topic_query(assistant: Assistant, text: str) -> tuple[Query, str] | None:
    """The question understood as the engine does, and its topic, when a topic is what it asks
    about (not a person, a code, a clock or the agenda)."""
    question = clean_question(text)
    language = question_language(question, "en")
    q = understand(
        question, assistant.programme, assistant.vocabulary, assistant.asks_model, language
    )
    if q.people or q.codes or q.unknown_person or q.unknown_day or NOT_TOPIC & set(q.asks):
        return None
    topic = topic_of(q)
    return (q, topic) if topic else None


def labelled(programme: Programme, q: Query, expect: dict[str, Any]) -> list[str] | None:
    """The sessions the case names ([] for a subject the programme lacks), or None when its
    expectation says nothing about the topic: it names no session of the programme (an FAQ
    entry), or it abstains on a question about a session's details ('who chairs the PSIRF
    session?' may abstain because no chair is listed, not because there is no such session)."""
    expected = list(expect.get("top1", [])) or list(expect.get("cited_any", []))
    if expected:
        return expected if any(names(s, expected) for s in programme.sessions) else None
    if expect.get("abstain") is True and set(q.asks) <= TOPIC_ASKS:
        return []
    return None


def row_of(assistant: Assistant, name: str, case: dict[str, Any], source: str) -> Row | None:
    """The case's row, or None when its first turn is no topic question or its label unknown."""
    turn = case["turns"][0]
    found = topic_query(assistant, turn["q"])
    if found is None:
        return None
    q, topic = found
    expected = labelled(assistant.programme, q, turn.get("expect", {}))
    finder = assistant.finder
    base = finder.filtered(q, assistant.clock(case.get("now")))
    if expected is None or not base:
        return None
    within = [s.id for s in base] if len(base) < len(finder.programme.sessions) else None
    result = ranked(finder, topic, within)
    if not result.hits:
        return None
    first = finder.by_id[result.hits[0].session_id]
    trusted = finder.by_id[result.trusted[0].session_id] if result.trusted else None
    return Row(
        round=name,
        case=case["id"],
        source=source,
        topic=result.wording,
        evidence=evidence_of(finder, result.wording, result.hits),
        label=int(names(first, expected)),
        absent=not expected,
        trusted=trusted is not None,
        trusted_right=trusted is not None and names(trusted, expected),
    )


def sources_of(case: dict[str, Any]) -> list[Path]:
    """The case's files: sets name them from the checkout's parent ('shared/…') or the
    checkout ('eval/…', '../shared/…')."""
    return [
        (ROOT.parent / s if s.startswith("shared/") else ROOT / s).resolve()
        for s in case["sources"]
    ]


def named(source: str) -> str:
    """A source as both kinds of set name it: 'shared/data/…' or 'eval/…'."""
    return source.removeprefix("../")


def rows_of(sets: tuple[Path, ...] = SETS) -> Iterator[Row]:
    """Every row of every set, each programme built once (the eval index cache is shared with
    bench/inprocess_eval.py)."""
    from bench.inprocess_eval import Baseline  # builds indexes: only when rebuilding rows

    built: dict[tuple[Path, ...], Assistant] = {}
    for path in sets:
        name = path.stem
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            paths = tuple(sources_of(case))
            if not all(p.exists() for p in paths):
                continue
            if paths not in built:
                built[paths] = Baseline(list(paths)).assistant
            row = row_of(built[paths], name, case, named(case["sources"][0]))
            if row is not None:
                yield row


ROW_COLUMNS = ("round", "case", "source", "topic", "label", "absent", "trusted", "trusted_right")
EVIDENCE_COLUMNS = tuple(f.name for f in fields(Evidence))


def write_rows(rows: list[Row], path: Path = ROWS_FILE) -> None:
    """The rows as CSV, one a line, the evidence's numbers to four places."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(ROW_COLUMNS + EVIDENCE_COLUMNS)
        for row in rows:
            own = [getattr(row, c) for c in ROW_COLUMNS]
            facts = [getattr(row.evidence, c) for c in EVIDENCE_COLUMNS]
            writer.writerow([_cell(v) for v in own + facts])


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    return round(value, 4) if isinstance(value, float) else value


def read_rows(path: Path = ROWS_FILE) -> list[Row]:
    """The rows write_rows wrote."""
    kinds = {f.name: f.type for f in fields(Evidence)}
    convert = {"float": float, "int": int, "bool": lambda v: v == "1"}
    rows = []
    with path.open(encoding="utf-8", newline="") as given:
        for line in csv.DictReader(given):
            facts = {c: convert[kinds[c]](line[c]) for c in EVIDENCE_COLUMNS}
            rows.append(
                Row(
                    round=line["round"],
                    case=line["case"],
                    source=line["source"],
                    topic=line["topic"],
                    evidence=Evidence(**facts),
                    label=int(line["label"]),
                    absent=line["absent"] == "1",
                    trusted=line["trusted"] == "1",
                    trusted_right=line["trusted_right"] == "1",
                )
            )
    return rows


def main() -> int:
    rows = list(rows_of())
    write_rows(rows)
    positives = sum(r.label for r in rows)
    absent = sum(r.absent for r in rows)
    print(
        f"{len(rows)} rows: {positives} answerable, {absent} absent, "
        f"{len(rows) - positives - absent} first hit wrong; wrote {ROWS_FILE}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
