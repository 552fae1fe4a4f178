"""Trains the ask classifier (assistant/answers/ask_classifier.npz) on generated questions.

Questions are written from templates and filled with every real programme's own titles, people,
rooms, tracks, organisations and days, then a share of them get typos as delegates type them
('wher', 'whens', 'tlak'). Leave-one-programme-out accuracy is reported per programme: the model
that scores a programme's questions never saw its names.

    .venv/bin/python tools/train_asks.py            # report + write the model
    .venv/bin/python tools/train_asks.py --report   # report only
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scipy.sparse import csr_matrix  # noqa: E402

from assistant.answers.ask_classifier import MODEL_FILE, N_FEATURES, ngram_hashes  # noqa: E402
from assistant.programme import Programme  # noqa: E402
from assistant.search.retriever import STOP_WORDS  # noqa: E402
from tools.train_answerability import PROGRAMMES, WORD, readable  # noqa: E402

PER_PROGRAMME = 1500
TYPO_SHARE = 0.35

TEMPLATES: dict[str, tuple[str, ...]] = {
    "who": (
        "who is giving the {title} talk?",
        "who's speaking about {topic}?",
        "who presents {title}",
        "who gives the talk on {topic}",
        "who is running the {topic} workshop?",
        "speaker for {title}?",
        "who's doing {title}",
        "who is behind the {topic} session",
        "who's talking about {topic}",
        "which speakers are on {title}?",
        "who presents on {topic}?",
        "who's the speaker of the {topic} one",
        "who is presenting {title}?",
    ),
    "when": (
        "when is {person} speaking?",
        "when is the {title} talk?",
        "what time is {title}?",
        "what day is {person}'s talk?",
        "when does {title} start?",
        "when's {person} on?",
        "at what time does {person} present?",
        "when is the talk about {topic}?",
        "what time does the {topic} session begin",
        "when is {person} on stage",
        "which day is {title}",
        "how long is {title}?",
        "when can i see {person}?",
        "when is {person}'s {topic} talk",
        "when do i need to be there for {title}",
    ),
    "where": (
        "where is {title}?",
        "which room is {title} in?",
        "where is {person} speaking?",
        "where do i go for the {topic} talk?",
        "what room is {person} in?",
        "which stage is {title} on?",
        "location of {title}?",
        "where's the {topic} session",
        "which track is {title} in?",
        "which stream is the {topic} talk in?",
        "where is it held",
        "in which hall is {title}",
        "where can i find {person}'s talk?",
    ),
    "chair": (
        "who chairs {title}?",
        "who is moderating the {topic} session?",
        "who's the chair of {title}",
        "who's chairing {title}?",
        "who moderates the panel on {topic}",
    ),
    "affiliation": (
        "where does {person} work?",
        "which organisation is {person} with?",
        "who is from {org}?",
        "anyone from {org}?",
        "what company is {person} at?",
        "where is {person} from?",
        "which university is {person} at?",
        "who works at {org}",
        "is anybody from {org} speaking?",
        "what's {person}'s affiliation",
        "which institution is {person} from?",
        "who is {person} working for?",
        "are there {org} people presenting?",
    ),
    "format": (
        "is {title} a workshop or a talk?",
        "what kind of session is {title}?",
        "is it a lecture?",
        "what format is {title}?",
        "is the {topic} session hands-on?",
        "is that a workshop?",
        "what type of event is {title}",
        "is {title} a panel?",
        "is the {topic} thing a tutorial",
        "is {title} a normal talk or something else?",
    ),
    "language": (
        "what language is {title} in?",
        "is {title} in english?",
        "is the {topic} talk in german?",
        "which language will {person} speak?",
        "is it in english?",
    ),
    "recorded": (
        "will {title} be recorded?",
        "is there a video of {title}?",
        "is {title} streamed?",
        "can i watch the {topic} talk later?",
        "is it recorded?",
    ),
    "objectives": (
        "what will i learn at {title}?",
        "what are the takeaways of {title}?",
        "what do i get out of {title}?",
        "learning objectives for {title}?",
        "what are the goals of the {topic} session?",
        "what will i take away from it?",
    ),
    "about": (
        "what is {title} about?",
        "tell me more about {title}",
        "what's {person} talking about?",
        "describe {title}",
        "summary of {title}?",
        "what's it about?",
        "more details on {title} please",
        "what is {person} presenting?",
    ),
    "list": (
        "what's on {day}?",
        "what's on {day} afternoon in {room}?",
        "which talks are in {room}?",
        "list the workshops on {day}",
        "schedule for {day}",
        "anything in {room} on {day}?",
        "what sessions are in the {track} track?",
        "what is happening in {room} on {day} morning?",
        "what's on in {room}",
        "show me {day}'s programme",
        "which workshops are there?",
    ),
    "topic": (
        "is there anything about {topic}?",
        "any talks on {topic}?",
        "{topic}?",
        "i'm interested in {topic}",
        "sessions about {topic}",
        "looking for something on {topic}",
        "anything on {topic}",
        "is someone covering {topic}?",
        "talks about {topic} please",
        "what is there on {topic}?",
        "do you have something about {topic}",
        "i'd like to hear about {topic}",
        "is there a talk on {topic}?",
        "is there a session about {topic}?",
        "is anyone talking about {topic}?",
        "is there a package for {topic}?",
        "i'd like a talk on {topic}",
        "what would you recommend on {topic}?",
        "is there a workshop on {topic}?",
        "any sessions covering {topic}",
        "is there really nothing on {topic}?",
        "i'm new here, anything about {topic}?",
        "is there a talk comparing {topic} and {topic}?",
        "my {topic} is slow, is there a talk on it?",
        "is there a talk that looks at {topic}",
        "{title}",
    ),
    "now": (
        "what's on now?",
        "what's happening right now in {room}?",
        "anything going on at the moment?",
        "what is running in {room} now?",
        "what's currently on?",
        "whats on right now",
    ),
    "next": (
        "what's next?",
        "what's next in {room}?",
        "what's coming up?",
        "what starts soon?",
        "what's on next in {room}",
        "what comes after this?",
        "anything starting soon?",
    ),
    "level": (
        "is {title} for beginners?",
        "what level is {title}?",
        "who is {title} aimed at?",
        "is the {topic} workshop ok for a novice?",
        "is it advanced?",
    ),
}
QUESTION_WORDS = re.compile(r"\b(who|when|where|what|which|whats|talk|session|speaking|room)\b")


def typo(word: str, rng: random.Random) -> str:
    """One slip of the finger: a letter dropped, doubled or swapped with the next."""
    if len(word) < 3:
        return word
    i = rng.randrange(len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def with_typos(text: str, rng: random.Random) -> str:
    return QUESTION_WORDS.sub(
        lambda m: typo(m.group(0), rng) if rng.random() < 0.6 else m.group(0), text
    )


def title_words(text: str) -> list[str]:
    """A title's words a template's {topic} is made of: no stop words, nor one or two letters."""
    return [w for w in WORD.findall(text) if w.lower() not in STOP_WORDS and len(w) > 2]


def entities(programme: Programme) -> dict[str, list[str]]:
    """The names a programme gives questions to fill templates with."""
    sessions = [s for s in programme.sessions if s.title.strip()]
    titles = [" ".join(s.title.split()[:8]) for s in sessions]
    topics = [" ".join(w for w in title_words(t)[:3]).lower() for t in titles]
    people = [p.name for s in sessions for part in s.parts for p in part.speakers]
    people += [p.name for s in sessions for p in s.chairs]
    orgs = [p.organisation for s in sessions for part in s.parts for p in part.speakers]
    days = sorted({f"{s.start:%A}" for s in sessions if s.start} | {"monday", "tomorrow", "today"})
    return {
        "title": titles or ["the keynote"],
        "topic": [t for t in topics if t] or ["open source"],
        "person": people or ["Alex Smith"],
        "org": [o for o in orgs if o] or ["Acme"],
        "room": [s.room for s in sessions if s.room] or ["Hall 1"],
        "track": [s.stream for s in sessions if s.stream] or ["Main"],
        "day": days,
    }


def generated(names: dict[str, list[str]], rng: random.Random) -> list[tuple[str, str]]:
    out = []
    labels = list(TEMPLATES)
    for _ in range(PER_PROGRAMME):
        label = rng.choice(labels)
        template = rng.choice(TEMPLATES[label])
        text = re.sub(r"\{(\w+)\}", lambda m: rng.choice(names[m.group(1)]), template)
        text = text.lower() if rng.random() < 0.7 else text
        if rng.random() < TYPO_SHARE:
            text = with_typos(text, rng)
        out.append((text, label))
    return out


def features(texts: list[str]) -> csr_matrix:
    """The classifier's inputs as ask_classifier computes them: normalised n-gram counts."""
    data, columns, pointers = [], [], [0]
    for text in texts:
        counts = Counter(ngram_hashes(text))
        norm = float(np.sqrt(sum(v * v for v in counts.values()))) or 1.0
        columns += list(counts)
        data += [v / norm for v in counts.values()]
        pointers.append(len(columns))
    return csr_matrix((data, columns, pointers), shape=(len(texts), N_FEATURES))


def fit(rows: list[tuple[str, str]]) -> LogisticRegression:
    x = features([t for t, _ in rows])
    return LogisticRegression(C=8.0, max_iter=300).fit(x, [label for _, label in rows])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="report only, write no model")
    args = parser.parse_args()
    rng = random.Random(13)
    data: dict[str, list[tuple[str, str]]] = {}
    for name, (_, sources) in PROGRAMMES.items():
        loaded = readable(name, sources)
        if loaded is not None:
            data[name] = generated(entities(loaded.programme), rng)
    for name, rows in data.items():
        model = fit([r for other, rs in data.items() if other != name for r in rs])
        predicted = model.predict(features([t for t, _ in rows]))
        wrong = Counter(label for (_, label), p in zip(rows, predicted, strict=True) if p != label)
        accuracy = 1 - sum(wrong.values()) / len(rows)
        print(f"{name:16} held out: {accuracy:.3f}  most confused: {wrong.most_common(3)}")
    if args.report:
        return 0
    model = fit([r for rows in data.values() for r in rows])
    np.savez_compressed(
        MODEL_FILE,
        labels=np.array(model.classes_),
        weights=model.coef_.astype(np.float16),
        biases=model.intercept_.astype(np.float32),
    )
    print(f"wrote {MODEL_FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
