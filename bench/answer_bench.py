"""Answer benchmark: in-process answer latency, cold and warm, side by side with the plain pipeline.

On the seed, 36C3, useR! 2025 and the generated 20,000-session programme, every question is
answered twice by the assistant: cold (the query cache emptied before each question, so each
pays its embedding) and warm (asked again, as when many delegates ask the same thing). The
plain pipeline (bench/plain_pipeline.py: same model, FAISS top-k, nothing else) answers the
same questions in the same loop, alternating which goes first, so both see the same machine."""

from __future__ import annotations

import json
import resource
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from assistant.answers.engine import Assistant
from assistant.search.embedder import Embedder
from assistant.search.store import build_index, load_index
from assistant.sources import LoadedProgramme, load_programme
from bench import index_bench
from bench.plain_pipeline import PlainPipeline
from bench.questions import dev_conversations, generated_questions, mix

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
RESULTS = HERE / "results" / "answers.json"
CACHE = HERE / ".cache"

SOURCES = {
    "seed": SHARED / "seeds",
    "36c3": SHARED / "data" / "36c3" / "stages.schedule.json",
    "user2025": SHARED / "data" / "user2025" / "program.csv",
}
GENERATED_QUESTIONS = 100  # per programme, on top of the dev set's conversations
SEED_GENERATED = 30  # the seed has one session: fewer kinds of question to ask of it
TARGET_P50_MS = 10.0  # in-process answer p50 on 36C3


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def percentiles(times: Sequence[float]) -> dict[str, float]:
    """p50 / p99 / mean in milliseconds, and how many answers they summarise."""
    ordered = sorted(times)
    if not ordered:
        return {"n": 0, "p50_ms": 0.0, "p99_ms": 0.0, "mean_ms": 0.0}
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered), 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 2),
        "mean_ms": round(statistics.fmean(ordered), 2),
    }


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def loaded_programme(name: str) -> LoadedProgramme:
    if name == "generated-20k":
        programme = index_bench.generated_programme(index_bench.GENERATED_SESSIONS)
        return LoadedProgramme(programme, (), (index_bench.VOCABULARY_SOURCE,))
    return load_programme([SOURCES[name]])


def bench_programme(name: str, embedder: Embedder) -> dict[str, Any]:
    """Cold and warm answer latency of the assistant, and the plain pipeline's, on one programme."""
    loaded = loaded_programme(name)
    index_dir = CACHE / f"answers-{name}"
    # vectors come from bench/.cache (the index bench fills it) or the previous run's folder
    build_index(loaded, index_dir, embedder, progress=False, cache_dir=CACHE)
    started = time.perf_counter()
    index = load_index(index_dir)
    assistant = Assistant(index, embedder)
    load_s = time.perf_counter() - started
    plain = PlainPipeline(index.chunks, index.vectors, embedder)
    conversations = mix(
        dev_conversations(name),
        generated_questions(
            assistant.programme, SEED_GENERATED if name == "seed" else GENERATED_QUESTIONS
        ),
    )
    assistant.reply("warm up the templates", now=assistant.clock("2030-01-01T00:00"))
    plain.ask("warm up")

    cold, encoded, plain_times, embed_only = [], [], [], []
    agree = {"assistant": 0, "plain": 0, "turns": 0}
    for number, conversation in enumerate(conversations):
        context: Any = None
        for turn in conversation:
            now = assistant.clock(turn.now)
            embedder._query.cache_clear()  # cold: this question pays its embedding

            def answer(q: str = turn.question, c: Any = context, n: Any = now) -> Any:
                return assistant.reply(q, context=c, now=n)

            def dense(q: str = turn.question) -> list[str]:
                return plain.ask(q)

            if number % 2:
                plain_ms, found = timed(dense)
                misses = embedder._query.cache_info().misses
                answer_ms, reply = timed(answer)
            else:
                misses = embedder._query.cache_info().misses
                answer_ms, reply = timed(answer)
                plain_ms, found = timed(dense)
            cold.append(answer_ms)
            if embedder._query.cache_info().misses > misses:  # this answer ran the model
                encoded.append(answer_ms)
            plain_times.append(plain_ms)
            embed_only.append(timed(lambda q=turn.question: embedder.embed([q]))[0])
            context = reply.context
            if turn.expect_top1 is not None or turn.expect_abstain is not None:
                agree["turns"] += 1
                agree["assistant"] += _right(turn, reply.abstained, reply.citations)
                agree["plain"] += _right(turn, False, [_Cited(found[0])] if found else [])

    warm: list[float] = []
    for timing in (False, True):  # asked once to fill the query cache, then timed
        for conversation in conversations:
            context = None
            for turn in conversation:
                now = assistant.clock(turn.now)
                ms, reply = timed(
                    lambda q=turn.question, c=context, n=now: assistant.reply(q, context=c, now=n)
                )
                if timing:
                    warm.append(ms)
                context = reply.context

    result: dict[str, Any] = {
        "sessions": len(assistant.programme.sessions),
        "chunks": len(index.chunks),
        "questions": len(cold),
        "dev_turns": sum(len(c) for c in dev_conversations(name)),
        "load_s": round(load_s, 2),
        "assistant_cold": percentiles(cold),
        "assistant_cold_model_run": percentiles(encoded),
        "assistant_warm": percentiles(warm),
        "plain_pipeline": percentiles(plain_times),
        "query_embedding_only": percentiles(embed_only),
        "dev_top1_or_abstain": agree,
        "peak_rss_mb": peak_rss_mb(),
    }
    plain_p50 = result["plain_pipeline"]["p50_ms"] or 1.0
    result["ratio_cold_to_plain_p50"] = round(result["assistant_cold"]["p50_ms"] / plain_p50, 2)
    result["ratio_warm_to_plain_p50"] = round(result["assistant_warm"]["p50_ms"] / plain_p50, 2)
    return result


class _Cited:
    def __init__(self, session_id: str) -> None:
        self.session_id = session_id


def _right(turn: Any, abstained: bool, citations: Sequence[Any]) -> int:
    """1 when the reply cites the expected session first, or abstains when it should."""
    if turn.expect_abstain:
        return int(abstained)
    if turn.expect_top1 is None:
        return int(not abstained)
    return int(not abstained and bool(citations) and citations[0].session_id == turn.expect_top1)


def run(names: Sequence[str] = ("seed", "36c3", "user2025", "generated-20k")) -> dict[str, Any]:
    """Every measurement, printed as a table and written to bench/results/answers.json."""
    embedder = Embedder()
    embedder.embed(["load the model before timing anything"])
    results: dict[str, Any] = {"threads": "one torch thread a question (Embedder())"}
    for name in names:
        print(f"answer bench: {name} ...", flush=True)
        results[name] = bench_programme(name, embedder)
    results["peak_rss_mb"] = peak_rss_mb()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print_table(results, names)
    return results


def print_table(results: dict[str, Any], names: Sequence[str]) -> None:
    """The numbers a person compares with the targets."""

    def pair(r: dict[str, Any], key: str) -> str:
        return f"{r[key]['p50_ms']} / {r[key]['p99_ms']}"

    rows: list[tuple[str, Callable[[dict[str, Any]], str], str]] = [
        ("sessions / questions", lambda r: f"{r['sessions']} / {r['questions']}", ""),
        ("answer cold p50/p99 ms", lambda r: pair(r, "assistant_cold"), ""),
        (
            "  those that ran the model",
            lambda r: (
                f"({r['assistant_cold_model_run']['n']}) {pair(r, 'assistant_cold_model_run')}"
            ),
            "",
        ),
        ("answer warm p50/p99 ms", lambda r: pair(r, "assistant_warm"), "p50 <= 10 (36c3)"),
        ("plain pipeline p50/p99", lambda r: pair(r, "plain_pipeline"), ""),
        ("embedding alone p50/p99", lambda r: pair(r, "query_embedding_only"), ""),
        (
            "ratio cold | warm : plain",
            lambda r: f"{r['ratio_cold_to_plain_p50']} | {r['ratio_warm_to_plain_p50']}",
            "",
        ),
        (
            "dev right: ours | plain",
            lambda r: (
                f"{r['dev_top1_or_abstain']['assistant']} | {r['dev_top1_or_abstain']['plain']}"
                f" of {r['dev_top1_or_abstain']['turns']}"
            ),
            "",
        ),
        ("peak RSS (MB)", lambda r: f"{r['peak_rss_mb']}", ""),
    ]
    width = 18
    print(f"{'':26}" + "".join(f"{n:>{width}}" for n in names) + "   target")
    for label, cell, target in rows:
        print(
            f"{label:26}" + "".join(f"{cell(results[n]):>{width}}" for n in names) + f"   {target}"
        )
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    run()
