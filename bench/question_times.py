"""Which first questions are slow, and where their time goes (issue 14: the crowd bench's p99).

Every first turn the crowd bench asks (../shared/eval/dev.jsonl and eval/*.jsonl) is answered
in-process on 36C3 and on the seed, single-threaded, with the answer cache and the query cache
emptied before each, so each pays what a new question pays in a server. Each is timed three
times (the median kept: the machine is shared); the slowest are then profiled once each and
their top functions listed. Not a test: numbers go to bench/results/question_times.json.

    python -m bench.question_times [--top 20] [--programme 36c3|seed]"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import faiss

from assistant.answers.engine import Assistant
from assistant.search.embedder import Embedder
from assistant.search.store import build_index
from assistant.sources import load_programme
from bench.crowd_bench import NOW, first_turns
from bench.http_bench import C3, ensure_index

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "question_times.json"
SEED = HERE.parent.parent / "shared" / "seeds"
REPEATS = 3
PROFILED_FUNCTIONS = 8


def seed_index(embedder: Embedder) -> Path:
    index_dir = HERE / ".cache" / "answers-seed"
    build_index(load_programme([SEED]), index_dir, embedder, progress=False)
    return index_dir


def ask_cold(assistant: Assistant, question: str) -> float:
    """Milliseconds of one answer worked out from scratch (both caches emptied first)."""
    assistant.cache.clear()
    assistant.retriever.embedder._query.cache_clear()  # noqa: SLF001 (a bench)
    now = assistant.clock(NOW)
    started = time.perf_counter()
    assistant.answer(question, None, now)
    return (time.perf_counter() - started) * 1000


def profile(assistant: Assistant, question: str) -> list[dict[str, Any]]:
    """The functions one cold answer spends most in, by cumulative time, wrappers left out."""
    assistant.cache.clear()
    assistant.retriever.embedder._query.cache_clear()  # noqa: SLF001 (a bench)
    now = assistant.clock(NOW)
    profiler = cProfile.Profile()
    profiler.enable()
    assistant.answer(question, None, now)
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = []
    for (path, line, name), (_, calls, _, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        if "engine.py" in path and name in ("answer", "_reply", "_find"):
            continue  # every answer passes through these
        where = path.split("site-packages/")[-1].split("/wt/")[-1]
        rows.append(
            {"function": f"{where}:{line}({name})", "calls": calls, "ms": cumulative * 1000}
        )
    rows.sort(key=lambda r: -r["ms"])
    return [{**r, "ms": round(r["ms"], 1)} for r in rows[:PROFILED_FUNCTIONS]]


def time_questions(name: str, index_dir: Path, embedder: Embedder, top: int) -> dict[str, Any]:
    assistant = Assistant.load(index_dir, embedder)
    assistant.warm_up()
    questions = first_turns()
    times = {
        q: statistics.median(ask_cold(assistant, q) for _ in range(REPEATS)) for q in questions
    }
    ordered = sorted(times, key=lambda q: -times[q])
    values = sorted(times.values())
    summary = {
        "questions": len(values),
        "p50_ms": round(statistics.median(values), 1),
        "p90_ms": round(values[int(len(values) * 0.9)], 1),
        "p99_ms": round(values[min(len(values) - 1, int(len(values) * 0.99))], 1),
        "max_ms": round(values[-1], 1),
        "total_s": round(sum(values) / 1000, 2),
        "slowest": [
            {"question": q, "ms": round(times[q], 1), "profile": profile(assistant, q)}
            for q in ordered[:top]
        ],
    }
    print(
        f"{name}: {summary['questions']} questions, p50 {summary['p50_ms']} ms, p90 "
        f"{summary['p90_ms']}, p99 {summary['p99_ms']}, max {summary['max_ms']}, "
        f"all {summary['total_s']} s"
    )
    for row in summary["slowest"]:
        print(f"  {row['ms']:8.1f} ms  {row['question']}")
        for f in row["profile"][:4]:
            print(f"           {f['ms']:8.1f} ms {f['calls']:>6}x {f['function']}")
    return summary


def run(top: int = 20, programmes: Sequence[str] = ("36c3", "seed")) -> dict[str, Any]:
    """Both programmes, single-threaded (the model's torch threads and faiss's)."""
    embedder = Embedder(threads=1)
    faiss.omp_set_num_threads(1)
    indexes = {"36c3": lambda: ensure_index(embedder), "seed": lambda: seed_index(embedder)}
    results: dict[str, Any] = {"programme_36c3": str(C3), "now": NOW}
    for name in programmes:
        results[name] = time_questions(name, indexes[name](), embedder, top)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return results


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--programme", choices=("36c3", "seed"), action="append")
    args = parser.parse_args(argv)
    run(args.top, args.programme or ("36c3", "seed"))


if __name__ == "__main__":
    main()
