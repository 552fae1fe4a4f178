"""Delegate questions for the benchmarks: the dev set's conversations, read at run time, and
questions generated from a programme's own records (who / when / where / topic / now / filter)."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from assistant.programme import Programme

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT.parent / "shared" / "eval" / "dev.jsonl"


@dataclass(frozen=True, slots=True)
class Turn:
    """One message of a conversation, with the clock it is asked at (None: the real clock).

    Dev-set turns also carry what a right answer does: cite this session first, or abstain."""

    question: str
    now: str | None = None
    expect_top1: str | None = None
    expect_abstain: bool | None = None


# A conversation is a tuple of turns: each turn after the first sends the previous context back.
Conversation = tuple[Turn, ...]


def dev_conversations(programme: str, path: Path = DEV_SET) -> list[Conversation]:
    """The dev set's conversations about one programme ('seed', '36c3', 'user2025')."""
    if not path.is_file():
        return []
    conversations = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("programme") != programme:
            continue
        now = row.get("now")
        conversations.append(tuple(_turn(t, now) for t in row.get("turns", ()) if t.get("q")))
    return [c for c in conversations if c]


def _turn(row: dict[str, object], now: str | None) -> Turn:
    expect = row.get("expect")
    expect = expect if isinstance(expect, dict) else {}
    top1 = expect.get("top1")
    abstain = expect.get("abstain")
    return Turn(
        str(row["q"]),
        str(row.get("now") or now or "") or None,
        str(top1[0]) if isinstance(top1, list) and top1 else None,
        abstain if isinstance(abstain, bool) else None,
    )


def generated_questions(programme: Programme, count: int, seed: int = 11) -> list[Conversation]:
    """`count` distinct one-turn questions a delegate might ask, from the programme's records.

    An even mix of who / when / where / topic / now-next / filter questions; each is made
    distinct (a trailing session title word or number) so the query cache cannot answer it."""
    rng = random.Random(seed)
    sessions = [s for s in programme.sessions if s.title]
    scheduled = [s for s in sessions if s.start is not None and s.day is not None]
    speakers = [p for s in sessions for p in s.speakers if p.name]
    rooms = sorted({s.room for s in sessions if s.room})
    days = programme.days
    kinds = ["who", "when", "where", "topic", "now", "filter"]
    asked: dict[str, Turn] = {}
    attempts = 0
    while len(asked) < count and attempts < count * 20:
        attempts += 1
        kind = kinds[attempts % len(kinds)]
        session = rng.choice(sessions)
        words = [w.strip(".,:;!?()\"'").lower() for w in session.title.split()]
        words = [w for w in words if len(w) > 3] or words
        phrase = " ".join(rng.sample(words, min(len(words), rng.randint(2, 4))))
        turn: Turn | None = None
        if kind == "who":
            turn = Turn(f"who is giving the talk on {phrase}?")
        elif kind == "when" and speakers:
            turn = Turn(f"when does {rng.choice(speakers).name.lower()} speak?")
        elif kind == "where":
            turn = Turn(f"which room is the session on {phrase} in?")
        elif kind == "topic":
            turn = Turn(f"is there anything about {phrase}?")
        elif kind == "now" and scheduled and rooms:
            start = rng.choice(scheduled).start
            assert start is not None
            moment = (start.replace(tzinfo=None) - timedelta(minutes=rng.choice((5, 20)))).replace(
                second=0, microsecond=0
            )
            wording = rng.choice(("what's on next in {room}?", "what's happening in {room} now?"))
            turn = Turn(wording.format(room=rng.choice(rooms).lower()), _iso(moment))
        elif kind == "filter" and rooms and days:
            day = rng.choice(days)
            part = rng.choice(("morning", "afternoon", ""))
            turn = Turn(
                f"what's on in {rng.choice(rooms).lower()} on {day:%A} {part}".strip() + "?"
            )
        if turn is not None and turn.question not in asked:
            asked[turn.question] = turn
    return [(t,) for t in asked.values()]


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


def mix(dev: Sequence[Conversation], generated: Sequence[Conversation]) -> list[Conversation]:
    """The dev conversations first, then generated questions not already in them."""
    seen = {t.question for c in dev for t in c}
    return [*dev, *(c for c in generated if c[0].question not in seen)]
