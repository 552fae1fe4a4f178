"""The report as a dashboard: questions per hour or day and the share left unanswered over a
date range, the most asked-about sessions and FAQ entries, paraphrases grouped by meaning (never
two different people together), groups marked done, and all of it as CSV."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

import numpy as np
import sqlalchemy as sa

from assistant.answers.vocabulary import COMMON_WORDS, Vocabulary, find_people, words
from assistant.desk.question_log import REPORT_ROWS, LoggedQuestion, QuestionLog, Tables, questions
from assistant.desk.question_log import metadata as log_metadata

Embed = Callable[[Sequence[str]], np.ndarray]
Entities = Callable[[str], frozenset[str]]

# Cosine of all-MiniLM-L6-v2 question vectors: paraphrases of one topic scored 0.74-0.84,
# the same wording about another topic 0.49 (see question_log.SAME_QUESTION).
SAME_QUESTION = 0.65
EXAMPLES = 5
HOURLY_UP_TO = timedelta(days=3)  # a longer range is drawn by day
TOP = 10

metadata = sa.MetaData()
done_marks = sa.Table(
    "report_done",
    metadata,
    sa.Column("key", sa.String(32), primary_key=True),  # a hash of one wording (wording_key)
    sa.Column("done_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("note", sa.String(200), nullable=False, default=""),
)


def wording_key(text: str) -> str:
    """The key of a question's wording: case, spacing and the final '?' do not count."""
    folded = " ".join(text.casefold().rstrip("?!. ").split())
    return hashlib.blake2b(folded.encode(), digest_size=12).hexdigest()


@dataclass(frozen=True, slots=True)
class Period:
    """The dates a report covers, inclusive, as the programme's local days; None: open."""

    first: date | None = None
    last: date | None = None

    def bounds(self, zone: tzinfo) -> tuple[datetime | None, datetime | None]:
        """[start, end) in UTC."""
        start = datetime.combine(self.first, time(), zone) if self.first else None
        end = datetime.combine(self.last + timedelta(days=1), time(), zone) if self.last else None
        return (
            start.astimezone(UTC) if start else None,
            end.astimezone(UTC) if end else None,
        )


@dataclass(frozen=True, slots=True)
class Bucket:
    """One hour or day of the range: how many asked, how many got no answer."""

    start: datetime
    label: str
    asked: int
    unanswered: int

    @property
    def share_unanswered(self) -> float | None:
        """Percent unanswered; None for a bucket nobody asked in."""
        return 100.0 * self.unanswered / self.asked if self.asked else None


@dataclass(frozen=True, slots=True)
class Group:
    """Paraphrases of one question about the same people and sessions."""

    question: str
    count: int
    unanswered: int
    examples: tuple[str, ...]
    first_asked: datetime
    last_asked: datetime
    cited_ids: tuple[str, ...]
    keys: tuple[str, ...]  # wording_key of every wording in the group
    done_at: datetime | None = None
    asked_since_done: int = 0

    @property
    def abstained(self) -> bool:
        """Most askers got no answer: what delegates could not find."""
        return self.unanswered * 2 >= self.count

    def to_json(self) -> dict[str, object]:
        """The report API's row."""
        return {
            "question": self.question,
            "count": self.count,
            "abstained": self.abstained,
            "abstained_count": self.unanswered,
            "examples": list(self.examples),
            "first_asked": self.first_asked.isoformat(timespec="seconds"),
            "last_asked": self.last_asked.isoformat(timespec="seconds"),
            "cited_ids": list(self.cited_ids),
            "keys": list(self.keys),
            "done": self.done_at is not None,
            "done_at": self.done_at.isoformat(timespec="seconds") if self.done_at else None,
            "asked_since_done": self.asked_since_done,
        }


class ReportStore:
    """Reads the question log for the dashboard and keeps which groups are done."""

    def __init__(self, log: QuestionLog) -> None:
        self.log = log
        self._tables = Tables(log_metadata, metadata)

    def _ensure(self) -> None:
        self._tables.ensure(self.log.engine)

    def _where(self, query: sa.Select, start: datetime | None, end: datetime | None) -> sa.Select:
        if start is not None:
            query = query.where(questions.c.asked_at >= start)
        if end is not None:
            query = query.where(questions.c.asked_at < end)
        return query

    def times(self, start: datetime | None, end: datetime | None) -> list[tuple[datetime, bool]]:
        """(asked at, unanswered) of every question in [start, end)."""
        self._ensure()
        query = self._where(sa.select(questions.c.asked_at, questions.c.abstained), start, end)
        with self.log.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [(_utc(r.asked_at), bool(r.abstained)) for r in rows]

    def questions(
        self, start: datetime | None, end: datetime | None, limit: int = REPORT_ROWS
    ) -> tuple[LoggedQuestion, ...]:
        """The latest questions in [start, end), newest first."""
        query = self._where(sa.select(questions), start, end)
        query = query.order_by(questions.c.asked_at.desc(), questions.c.id.desc()).limit(limit)
        with self.log.engine.connect() as conn:
            rows = conn.execute(query).all()
        return tuple(
            LoggedQuestion(
                text=r.text,
                asked_at=_utc(r.asked_at),
                asks=tuple(a for a in r.asks.split(",") if a),
                abstained=bool(r.abstained),
                cited_ids=tuple(i for i in r.cited_ids.split(";") if i),
            )
            for r in rows
        )

    def done(self) -> dict[str, datetime]:
        """wording key -> when it was marked done."""
        self._ensure()
        with self.log.engine.connect() as conn:
            rows = conn.execute(sa.select(done_marks.c.key, done_marks.c.done_at)).all()
        return {r.key: _utc(r.done_at) for r in rows}

    def mark_done(self, keys: Iterable[str], note: str = "") -> None:
        """Mark the groups of these wordings done (again: the mark moves to now)."""
        self._ensure()
        keys = [k for k in dict.fromkeys(keys) if re.fullmatch(r"[0-9a-f]{24}", k)]
        now = datetime.now(UTC)
        with self.log.engine.begin() as conn:
            conn.execute(done_marks.delete().where(done_marks.c.key.in_(keys)))
            if keys:
                conn.execute(
                    done_marks.insert(), [{"key": k, "done_at": now, "note": note} for k in keys]
                )

    def reopen(self, keys: Iterable[str]) -> None:
        """Take the done mark off these wordings' groups."""
        self._ensure()
        with self.log.engine.begin() as conn:
            conn.execute(done_marks.delete().where(done_marks.c.key.in_(list(keys))))


# Two or more capitalised words: a name the programme may not have ('Jane Doe', 'Room B').
CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+")


def entity_reader(vocabulary: Vocabulary) -> Entities:
    """What a question names that its meaning vector hardly tells apart: the programme's people
    and session codes, else capitalised names."""

    def read(text: str) -> frozenset[str]:
        spelt = words(text)
        found = {f"person:{p.participant_id}" for p, *_ in find_people(spelt, vocabulary)}
        present = set(spelt)
        found |= {f"code:{t.value}" for t in vocabulary.codes if set(t.words) <= present}
        if not found:
            for match in CAPITALISED.findall(text):
                name = [w for w in words(match) if w not in COMMON_WORDS]
                if name:
                    found.add("name:" + " ".join(name))
        return frozenset(found)

    return read


def _utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes: they were written as UTC
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def buckets(
    times: Sequence[tuple[datetime, bool]], zone: tzinfo, period: Period
) -> tuple[tuple[Bucket, ...], str]:
    """Questions per hour (a range up to 3 days) or per day, from the first to the last
    bucket of the range (or of the questions, for an open end), empty buckets included."""
    if not times and not (period.first and period.last):
        return (), "hour"
    local = sorted((t.astimezone(zone), unanswered) for t, unanswered in times)
    first = datetime.combine(period.first, time(), zone) if period.first else local[0][0]
    last = datetime.combine(period.last, time(23), zone) if period.last else local[-1][0]
    hourly = last - first <= HOURLY_UP_TO
    step = timedelta(hours=1) if hourly else timedelta(days=1)

    def floor(moment: datetime) -> datetime:
        moment = moment.replace(minute=0, second=0, microsecond=0)
        return moment if hourly else moment.replace(hour=0)

    counts: Counter[datetime] = Counter()
    missed: Counter[datetime] = Counter()
    for moment, unanswered in local:
        counts[floor(moment)] += 1
        missed[floor(moment)] += unanswered
    out = []
    cursor, end = floor(first), floor(last)
    while cursor <= end:
        label = cursor.strftime("%a %d %b %H:00" if hourly else "%a %d %b")
        out.append(Bucket(cursor, label, counts[cursor], missed[cursor]))
        cursor = (cursor + step).replace(tzinfo=zone)  # wall-clock steps across DST
    return tuple(out), "hour" if hourly else "day"


def top_cited(
    logged: Sequence[LoggedQuestion], title: Callable[[str], str], limit: int = TOP
) -> tuple[tuple[str, str, int], ...]:
    """(id, title, answers citing it first) of the most asked-about sessions and FAQ entries."""
    counts = Counter(q.cited_ids[0] for q in logged if q.cited_ids and not q.abstained)
    return tuple((i, title(i), n) for i, n in counts.most_common(limit))


def group_by_meaning(
    logged: Sequence[LoggedQuestion],
    embed: Embed,
    entities: Entities,
    done: dict[str, datetime] | None = None,
    threshold: float = SAME_QUESTION,
) -> tuple[Group, ...]:
    """Greedy clustering of question vectors against each group's mean direction; a question
    joins only a group that names the same people and sessions ('when is David Kriesel
    speaking?' and 'when is Lars Kiesow speaking?' stay apart). Unanswered first."""
    if not logged:
        return ()
    by_key: dict[str, list[LoggedQuestion]] = {}
    for item in logged:
        by_key.setdefault(wording_key(item.text), []).append(item)
    keys = sorted(by_key, key=lambda k: -len(by_key[k]))  # common wordings seed the groups
    vectors = np.asarray(embed([by_key[k][0].text for k in keys]), dtype=np.float32)
    named = [entities(by_key[k][0].text) for k in keys]
    members: list[list[str]] = []
    sums: list[np.ndarray] = []
    signatures: list[frozenset[str]] = []
    for key, vector, signature in zip(keys, vectors, named, strict=True):
        same = [i for i, s in enumerate(signatures) if s == signature]
        if same:
            centroids = np.stack([sums[i] for i in same])
            centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
            scores = centroids @ vector  # inner product == cosine: unit vectors
            best = int(np.argmax(scores))
            if scores[best] >= threshold:
                members[same[best]].append(key)
                sums[same[best]] = sums[same[best]] + vector * len(by_key[key])
                continue
        members.append([key])
        sums.append(vector * len(by_key[key]))
        signatures.append(signature)
    groups = [_group([i for k in ks for i in by_key[k]], ks, done or {}) for ks in members]
    groups.sort(key=lambda g: (g.done_at is not None, not g.abstained, -g.count))
    return tuple(groups)


def _group(items: list[LoggedQuestion], keys: list[str], done: dict[str, datetime]) -> Group:
    items.sort(key=lambda i: i.asked_at)  # among equally common wordings, the first names it
    wordings = Counter(item.text for item in items)
    cited = Counter(i for item in items for i in item.cited_ids)
    marks = [done[k] for k in keys if k in done]
    done_at = max(marks) if marks else None
    return Group(
        question=wordings.most_common(1)[0][0],
        count=len(items),
        unanswered=sum(item.abstained for item in items),
        examples=tuple(text for text, _ in wordings.most_common(EXAMPLES)),
        first_asked=items[0].asked_at,
        last_asked=items[-1].asked_at,
        cited_ids=tuple(i for i, _ in cited.most_common(EXAMPLES)),
        keys=tuple(keys),
        done_at=done_at,
        asked_since_done=sum(1 for i in items if done_at and i.asked_at > done_at),
    )


CSV_COLUMNS = (
    "question", "asked", "unanswered", "first_asked", "last_asked", "done", "other_wordings",
    "cited",
)  # fmt: skip
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def report_csv(groups: Iterable[Group]) -> str:
    """The grouped report as CSV, one group a row; no cell a spreadsheet would run."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for g in groups:
        others = " | ".join(e for e in g.examples if e != g.question)
        writer.writerow(
            [
                _cell(g.question),
                g.count,
                g.unanswered,
                g.first_asked.isoformat(timespec="minutes"),
                g.last_asked.isoformat(timespec="minutes"),
                g.done_at.isoformat(timespec="minutes") if g.done_at else "",
                _cell(others),
                ";".join(g.cited_ids),
            ]
        )
    return out.getvalue()


def _cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


@dataclass(frozen=True, slots=True)
class Dashboard:
    """Everything the report page shows for one date range."""

    period: Period
    unit: str  # 'hour' or 'day'
    buckets: tuple[Bucket, ...]
    groups: tuple[Group, ...]
    topics: tuple[tuple[str, str, int], ...]  # (cited id, title, count)
    asks: tuple[tuple[str, int], ...]  # (kind of question, count)

    @property
    def asked(self) -> int:
        return sum(b.asked for b in self.buckets)

    @property
    def unanswered(self) -> int:
        return sum(b.unanswered for b in self.buckets)

    def to_json(self, limit: int) -> dict[str, object]:
        """The report API's body (with the question log on)."""
        return {
            "logging": True,
            "first": self.period.first.isoformat() if self.period.first else None,
            "last": self.period.last.isoformat() if self.period.last else None,
            "unit": self.unit,
            "asked": self.asked,
            "unanswered": self.unanswered,
            "buckets": [
                {
                    "start": b.start.isoformat(),
                    "label": b.label,
                    "asked": b.asked,
                    "unanswered": b.unanswered,
                }
                for b in self.buckets
            ],  # fmt: skip
            "topics": [{"id": i, "title": t, "count": n} for i, t, n in self.topics],
            "asks": [{"ask": a, "count": n} for a, n in self.asks],
            "groups": [g.to_json() for g in self.groups[:limit]],
        }


def dashboard(
    store: ReportStore,
    period: Period,
    zone: tzinfo,
    embed: Embed,
    entities: Entities,
    title: Callable[[str], str],
) -> Dashboard:
    """The dashboard of the questions asked in the period (read from the log)."""
    start, end = period.bounds(zone)
    times = store.times(start, end)
    logged = store.questions(start, end)
    series, unit = buckets(times, zone, period)
    asks = Counter(q.asks[0] if q.asks else "other" for q in logged)
    return Dashboard(
        period=period,
        unit=unit,
        buckets=series,
        groups=group_by_meaning(logged, embed, entities, store.done()),
        topics=top_cited(logged, title),
        asks=tuple(asks.most_common(TOP)),
    )
