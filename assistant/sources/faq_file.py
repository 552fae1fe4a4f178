"""The organisers' FAQ (`faq.md` beside a programme): `## Question {#id}` headings, each with
its answer below, read into entries; told apart from the programme's own files."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.sources.problems import Problem

FAQ_FILE = "faq.md"
HEADING = re.compile(r"^##\s+(.+?)\s*(?:\{#([A-Za-z0-9_-]+)\})?\s*#*\s*$")
LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s")
ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
STOP_WORDS = frozenset(
    """a an the is are was be there do does did can could i we you my our your it its of to in
    on at for and or any anything what where when who how which will would should please get
    have has""".split()
)


@dataclass(frozen=True, slots=True)
class FaqEntry:
    """One question the organisers answer once, with where it came from."""

    id: str
    question: str
    answer: str
    source: str = ""  # 'faq.md:12', or 'desk' for the organiser desk's editor

    @property
    def url(self) -> str:
        """Where a citation of this entry links: the FAQ page's anchor."""
        return f"/faq#{self.id}"

    def to_json(self) -> dict[str, str]:
        """The entry as the desk's API shows it."""
        return {
            "id": self.id,
            "question": self.question,
            "answer": self.answer,
            "source": self.source,
            "url": self.url,
        }


@dataclass(frozen=True, slots=True)
class FaqFile:
    """What FAQ files yielded: their entries and what is wrong in them."""

    entries: tuple[FaqEntry, ...]
    problems: tuple[Problem, ...] = ()
    text: str = ""  # the Markdown read, as the index keeps it


def is_faq(path: Path) -> bool:
    """A FAQ file, by its name: faq.md (any case)."""
    return path.name.lower() == FAQ_FILE


def split_faq(paths: Sequence[Path]) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """(the paths to read as the programme, the FAQ files among them or inside their folders)."""
    programme: list[Path] = []
    faqs: list[Path] = []
    for path in paths:
        if path.is_dir():
            programme.append(path)
            faqs.extend(p for p in sorted(path.rglob("*")) if p.is_file() and is_faq(p))
        elif is_faq(path):
            faqs.append(path)
        else:
            programme.append(path)
    return tuple(programme), tuple(faqs)


def read_faq(files: Sequence[Path]) -> FaqFile:
    """Every FAQ file's entries (a later file's entry replaces an earlier one's with its id)."""
    texts = [(str(path), path.read_text("utf-8-sig")) for path in files]
    parsed = [parse_faq(text, name) for name, text in texts]
    entries = merge_entries((), (e for p in parsed for e in p.entries))
    problems = tuple(p for f in parsed for p in f.problems)
    return FaqFile(entries, problems, "\n\n".join(text.strip() for _, text in texts))


def entry_id(question: str) -> str:
    """A short, stable anchor for a question: 'Is there Wi-Fi?' -> 'wi-fi'."""
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", question.lower())
    kept = [w for w in words if w not in STOP_WORDS][:4] or words[:4]
    return "-".join(kept)[:60] or "entry"


def parse_faq(text: str, filename: str = FAQ_FILE) -> FaqFile:
    """Entries from Markdown: each `## Question {#optional-id}` heading and the text below it."""
    entries: list[FaqEntry] = []
    problems: list[Problem] = []
    heading: tuple[int, str, str] | None = None
    body: list[str] = []

    def close() -> None:
        if heading is None:
            return
        line, question, given_id = heading
        answer = _paragraphs(body)
        if not answer:
            problems.append(Problem(filename, line, f"the question {question!r} has no answer"))
            return
        entry_key = given_id.lower() or entry_id(question)
        entries.append(FaqEntry(entry_key, question, answer, f"{filename}:{line}"))

    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        match = HEADING.match(raw)
        if match or raw.startswith("# "):
            close()
            heading = (number, match[1].strip(), match[2] or "") if match else None
            body = []
        elif heading is not None:
            body.append(raw)
    close()
    return FaqFile(*_unique(entries, problems), text=text)


def _unique(
    entries: list[FaqEntry], problems: list[Problem]
) -> tuple[tuple[FaqEntry, ...], tuple[Problem, ...]]:
    """Entries with distinct ids; a repeated id is a problem at its second heading."""
    seen: dict[str, str] = {}
    kept = []
    for entry in entries:
        if entry.id in seen:
            file, _, line = entry.source.rpartition(":")
            message = (
                f"the id {entry.id!r} is already used at {seen[entry.id]}; "
                "give one of them another with {#another-id}"
            )
            problems.append(Problem(file, int(line), message))
            continue
        seen[entry.id] = entry.source
        kept.append(entry)
    return tuple(kept), tuple(problems)


def _paragraphs(lines: Sequence[str]) -> str:
    """Markdown body text: soft-wrapped lines joined, paragraphs and list items kept apart."""
    blocks: list[str] = []
    current: list[str] = []
    for raw in [*lines, ""]:
        line = raw.strip()
        if (not line or LIST_ITEM.match(line)) and current:
            blocks.append(" ".join(current))
            current = []
        if line:
            current.append(line)
    out = ""
    for i, block in enumerate(blocks):
        if i:
            both_items = LIST_ITEM.match(block) and LIST_ITEM.match(blocks[i - 1])
            out += "\n" if both_items else "\n\n"
        out += block
    return out


def merge_entries(base: Iterable[FaqEntry], overrides: Iterable[FaqEntry]) -> tuple[FaqEntry, ...]:
    """The file's entries with the desk's on top: the same id replaces, a new id is added after.
    An override with an empty answer removes the entry."""
    merged = {e.id: e for e in base}
    for entry in overrides:
        merged.pop(entry.id, None)
        if entry.answer.strip():
            merged[entry.id] = entry
    return tuple(merged.values())


def valid_id(value: str) -> bool:
    """An id an anchor and a citation can carry: lower-case letters, digits, '-' and '_'."""
    return bool(ID.match(value))
