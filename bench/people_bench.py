"""People-lookup benchmark: how long `find_people` takes to read one question, on 36C3 and on
the index bench's generated 20,000-session programme (issue 14: the cost must not grow with
the programme).

Questions are the bench's generated delegate questions (a fifth of them name a speaker) plus,
for each programme, names with one letter dropped or doubled, surnames alone and possessives."""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.answers.vocabulary import Vocabulary, build_vocabulary, find_people, words
from assistant.programme import Programme
from assistant.sources import load_programme
from bench.index_bench import GENERATED_SESSIONS, HERE, ROOT, generated_programme
from bench.questions import generated_questions

RESULTS = HERE / "results" / "people.json"
QUESTIONS = 300
REPEATS = 5


def misspelt_questions(programme: Programme, count: int, seed: int = 5) -> list[str]:
    """Questions naming a speaker as delegates type them: a letter dropped or doubled, the
    surname alone, a possessive."""
    rng = random.Random(seed)
    names = sorted({p.person.name for p in programme.people if " " in p.person.name})
    asked = []
    for number in range(count):
        name = rng.choice(names).lower()
        at = rng.randrange(1, len(name))
        shape = number % 4
        if shape == 0:
            asked.append(f"when is {name[:at] + name[at + 1 :]} talking?")
        elif shape == 1:
            asked.append(f"where does {name[:at] + name[at] + name[at:]} speak tomorrow?")
        elif shape == 2:
            asked.append(f"anything by {name.split()[-1]} on the second day?")
        else:
            asked.append(f"is {name}'s talk in the big hall?")
    return asked


def questions_for(programme: Programme) -> list[tuple[str, ...]]:
    """The questions' words, as understanding reads them."""
    asked = [c[0].question for c in generated_questions(programme, QUESTIONS)]
    asked += misspelt_questions(programme, QUESTIONS // 3)
    return [words(q) for q in asked]


def per_question_us(vocabulary: Vocabulary, questions: Sequence[tuple[str, ...]]) -> float:
    """Best of REPEATS passes over the questions: microseconds per question."""
    passes = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        for question in questions:
            find_people(question, vocabulary)
        passes.append((time.perf_counter() - started) / len(questions) * 1e6)
    return round(min(passes), 1)


def bench(programme: Programme) -> dict[str, Any]:
    """Vocabulary build time, and people lookup per question (best and median of passes)."""
    started = time.perf_counter()
    vocabulary = build_vocabulary(programme)
    built = time.perf_counter() - started
    questions = questions_for(programme)
    find_people(questions[0], vocabulary)  # warm up
    found = sum(1 for q in questions if find_people(q, vocabulary))
    times = [per_question_us(vocabulary, questions) for _ in range(3)]
    return {
        "sessions": len(programme.sessions),
        "people": len(vocabulary.people),
        "questions": len(questions),
        "questions_naming_someone_found": found,
        "vocabulary_build_s": round(built, 3),
        "lookup_us_per_question": min(times),
        "lookup_us_per_question_median": statistics.median(times),
    }


def run(shared: Path = ROOT.parent / "shared") -> dict[str, Any]:
    """Both programmes, printed and written to bench/results/people.json."""
    c3 = shared / "data" / "36c3" / "stages.schedule.json"
    source = shared / "data" / "user2025" / "program.csv"
    results = {
        "36c3": bench(load_programme([c3]).programme),
        "generated-20k": bench(generated_programme(GENERATED_SESSIONS, source=source)),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"{'':34}{'36c3':>16}{'generated-20k':>16}")
    for key in ("sessions", "people", "questions", "questions_naming_someone_found"):
        print(f"{key:34}" + "".join(f"{results[n][key]:>16}" for n in results))
    for key in ("vocabulary_build_s", "lookup_us_per_question", "lookup_us_per_question_median"):
        print(f"{key:34}" + "".join(f"{results[n][key]:>16}" for n in results))
    return results


if __name__ == "__main__":  # python -m bench.people_bench [the shared/ folder]
    run(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared")
