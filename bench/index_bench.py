"""Index benchmark: build throughput, one-session rebuild, retrieval latency and peak memory.

Runs on 36C3 (498 events) and on a generated programme of 20,000 sessions. The generated
programme's vectors are cached in bench/.cache after the first run (it takes a few minutes to
embed), so later runs measure rebuild and retrieval quickly; its build throughput is then
measured on a fresh 2,000-chunk sample."""

from __future__ import annotations

import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from assistant.programme import Part, Person, Programme, Session, make_programme, with_people
from assistant.search.chunker import chunk_programme
from assistant.search.embedder import Embedder
from assistant.search.retriever import Retriever
from assistant.search.store import build_index, load_index, make_index, search
from assistant.sources import LoadedProgramme, load_programme

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "index.json"
CACHE = HERE / ".cache"
C3 = ROOT.parent / "shared" / "data" / "36c3" / "stages.schedule.json"
VOCABULARY_SOURCE = ROOT.parent / "shared" / "data" / "user2025" / "program.csv"

GENERATED_SESSIONS = 20_000
QUERIES = 200
SAMPLE_CHUNKS = 2_000
REBUILDS = 5

C3_QUESTIONS = [
    "re-identifying people in supposedly anonymised datasets",
    "period tracking apps sharing data with facebook",
    "car key transponders and theft protection",
    "train delay data from deutsche bahn",
    "how energy-hungry is the software we write",
    "plundervolt",
    "who is speaking about the boeing 737 max crashes?",
    "a hardware crypto wallet for privacy extremists",
    "businesses that sell fake followers and likes",
    "electronic voting in switzerland and its flaws",
]


class TimedEmbedder(Embedder):
    """The real embedder, timing the texts it embeds (to separate embedding from the rest)."""

    def __init__(self, real: Embedder) -> None:
        super().__init__()
        self._model = real._load()
        self.seconds = 0.0
        self.texts = 0

    def embed(
        self,
        texts: Sequence[str],
        progress: bool = False,
        done: Callable[[int], None] | None = None,
    ) -> np.ndarray:
        started = time.perf_counter()
        vectors = super().embed(texts, progress, done)
        self.seconds += time.perf_counter() - started
        self.texts += len(texts)
        return vectors


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def generated_programme(
    count: int, seed: int = 2025, source: Path = VOCABULARY_SOURCE
) -> Programme:
    """A deterministic programme of `count` sessions: words from a real abstract vocabulary,
    generated names, organisations, rooms and times."""
    rng = random.Random(seed)
    text = source.read_text("utf-8").lower()
    words = sorted(
        {w for w in "".join(c if c.isalpha() else " " for c in text).split() if 4 <= len(w) <= 12}
    )
    first = [
        "Ada",
        "Ben",
        "Chen",
        "Dara",
        "Eli",
        "Fatima",
        "Goran",
        "Hana",
        "Ivan",
        "Jo",
        "Kemal",
        "Lina",
        "Mateo",
        "Nia",
        "Omar",
        "Priya",
        "Quinn",
        "Rosa",
        "Sami",
        "Tara",
    ]
    last = [w.capitalize() for w in rng.sample(words, 400)]
    organisations = [f"{w.capitalize()} Institute" for w in rng.sample(words, 300)]
    rooms = [f"Room {n}" for n in range(1, 41)]
    streams = ["Data", "Security", "Health", "Teaching", "Society", "Hardware"]
    days = [date(2030, 6, d) for d in (3, 4, 5, 6)]
    sessions = []
    for number in range(count):
        title = " ".join(rng.sample(words, rng.randint(4, 8))).capitalize()
        sentences = [
            " ".join(rng.sample(words, rng.randint(10, 16))).capitalize() + "." for _ in range(2)
        ]
        speakers = tuple(
            Person(
                f"{rng.choice(first)} {rng.choice(last)}", organisation=rng.choice(organisations)
            )
            for _ in range(rng.randint(1, 3))
        )
        day = rng.choice(days)
        start = datetime.combine(day, datetime.min.time()) + timedelta(
            hours=rng.randint(9, 17), minutes=rng.choice((0, 30))
        )
        sessions.append(
            Session(
                id=f"G{number:05d}",
                title=title,
                day=day,
                start=start,
                end=start + timedelta(minutes=30),
                room=rng.choice(rooms),
                stream=rng.choice(streams),
                format="talk",
                parts=(Part(1, title, " ".join(sentences), speakers=speakers),),
            )
        )
    return make_programme("Generated 20k", sessions)


def edited(programme: Programme, position: int) -> Programme:
    """The programme with one session's abstract changed (what an organiser's fix looks like)."""
    sessions = list(programme.sessions)
    session = sessions[position]
    part = replace(session.parts[0], abstract=session.parts[0].abstract + " Updated.")
    sessions[position] = replace(session, parts=(part,))
    return with_people(replace(programme, sessions=tuple(sessions)))


def questions_for(programme: Programme, count: int, seed: int = 7) -> list[str]:
    """Distinct questions (the query cache must not answer them): topic words from titles."""
    rng = random.Random(seed)
    titles = [s.title.split() for s in programme.sessions if len(s.title.split()) >= 3]
    asked: list[str] = []
    while len(asked) < count:
        words = rng.sample(rng.choice(titles), 2)
        question = f"is there a talk about {' '.join(words).lower()} {len(asked)}"
        asked.append(question)
    return asked


def latency(retriever: Retriever, questions: Sequence[str], **kwargs: Any) -> dict[str, float]:
    """p50 / p99 in milliseconds of Retriever.search over distinct questions."""
    times = []
    for question in questions:
        started = time.perf_counter()
        retriever.search(question, k=10, **kwargs)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))], 2),
    }


def bench_programme(
    name: str,
    loaded: LoadedProgramme,
    embedder: Embedder,
    workdir: Path,
    questions: Sequence[str],
    cache_dir: Path | None,
) -> dict[str, Any]:
    """Build, rebuild after one edit, and query one programme."""
    timed = TimedEmbedder(embedder)
    index_dir = workdir / name / "current"
    started = time.perf_counter()
    manifest = build_index(loaded, index_dir, timed, progress=True, cache_dir=cache_dir)
    build_seconds = time.perf_counter() - started
    result: dict[str, Any] = {
        "sessions": manifest.session_count,
        "chunks": manifest.chunk_count,
        "index_kind": manifest.index_kind,
        "build_s": round(build_seconds, 2),
        "embedded": manifest.embedded_count,
    }
    if timed.texts >= min(SAMPLE_CHUNKS, manifest.chunk_count * 0.9):
        result["throughput_chunks_s"] = round(timed.texts / timed.seconds, 1)
        result["throughput_basis"] = f"full build ({timed.texts} chunks embedded)"
    else:  # vectors came from the cache: time a fresh sample of this programme's chunks
        texts = list({c.text: None for c in chunk_programme(loaded.programme, embedder.name)})
        sample = random.Random(1).sample(texts, min(SAMPLE_CHUNKS, len(texts)))
        started = time.perf_counter()
        embedder.embed(sample)
        result["throughput_chunks_s"] = round(len(sample) / (time.perf_counter() - started), 1)
        result["throughput_basis"] = f"sample of {len(sample)} chunks (rest cached)"
    result["build_without_embedding_s"] = round(build_seconds - timed.seconds, 2)

    rebuilds = []
    for number in range(REBUILDS):  # each time another session is edited, as an organiser would
        position = len(loaded.programme.sessions) * (number + 1) // (REBUILDS + 1)
        changed = LoadedProgramme(edited(loaded.programme, position), (), loaded.files)
        started = time.perf_counter()
        manifest = build_index(changed, index_dir, embedder, progress=False)
        rebuilds.append(time.perf_counter() - started)
    result["rebuild_one_session_s"] = round(statistics.median(rebuilds), 3)
    result["rebuild_one_session_max_s"] = round(max(rebuilds), 3)
    result["rebuild_embedded"] = manifest.embedded_count

    started = time.perf_counter()
    index = load_index(index_dir)
    retriever = Retriever.from_index(index, embedder)
    result["load_s"] = round(time.perf_counter() - started, 2)
    retriever.search("warm up")
    result["search"] = latency(retriever, questions)
    day = loaded.programme.days[0] if loaded.programme.days else None
    if day is not None:
        one_day = [s.id for s in loaded.programme.sessions if s.day == day]
        result["search_one_day_filter"] = latency(
            retriever, [q + " that day" for q in questions], session_ids=one_day
        )
        result["one_day_sessions"] = len(one_day)
    result["peak_rss_mb"] = peak_rss_mb()
    result["serving_peak_rss_mb"] = serving_rss(index_dir, questions[:50])
    return result


SERVING_PROBE = """
import json, sys
from pathlib import Path
from assistant.search.embedder import Embedder
from assistant.search.retriever import Retriever
from assistant.search.store import load_index
retriever = Retriever.from_index(load_index(Path(sys.argv[1])), Embedder())
for question in json.loads(sys.argv[2]):
    retriever.search(question, k=10)
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent
print([l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")][0])
"""


def serving_rss(index_dir: Path, questions: Sequence[str]) -> float:
    """Peak memory of a fresh process that loads the index and answers questions (as a server)."""
    done = subprocess.run(
        [sys.executable, "-c", SERVING_PROBE, str(index_dir), json.dumps(list(questions))],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return round(int(done.stdout.split()[-1]) / 1024, 1)


def hnsw_comparison(index_dir: Path, queries: int = 200) -> dict[str, Any]:
    """What HNSW would cost and give on these real vectors: build time, latency, recall@10."""
    vectors = np.array(load_index(index_dir).vectors)
    flat = make_index(vectors, hnsw_threshold=len(vectors))
    started = time.perf_counter()
    hnsw = make_index(vectors, hnsw_threshold=0)
    build = time.perf_counter() - started
    rng = np.random.default_rng(3)
    picks = vectors[rng.choice(len(vectors), queries, replace=False)]
    noisy = picks + 0.05 * rng.normal(size=picks.shape).astype(np.float32)
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    times: dict[str, list[float]] = {"flat": [], "hnsw": []}
    hits = []
    for query in noisy:
        started = time.perf_counter()
        exact, _ = search(flat, query, 10)
        times["flat"].append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        approximate, _ = search(hnsw, query, 10)
        times["hnsw"].append((time.perf_counter() - started) * 1000)
        # by score, not position: generated programmes repeat texts, and equal vectors tie
        hits.append(float(np.sum(approximate >= exact[-1] - 1e-6)) / 10)
    return {
        "vectors": len(vectors),
        "hnsw_build_s": round(build, 2),
        "flat_search_p50_ms": round(statistics.median(times["flat"]), 3),
        "hnsw_search_p50_ms": round(statistics.median(times["hnsw"]), 3),
        "hnsw_recall_at_10": round(float(np.mean(hits)), 4),
    }


def run() -> dict[str, Any]:
    """Every measurement, printed as a table and written to bench/results/index.json."""
    embedder = Embedder()
    embedder.embed(["load the model before timing anything"])
    results: dict[str, Any] = {"model_load_peak_rss_mb": peak_rss_mb()}
    workdir = Path(tempfile.mkdtemp(prefix="index-bench-"))
    try:
        loaded = load_programme([C3])
        results["36c3"] = bench_programme(
            "36c3",
            loaded,
            embedder,
            workdir,
            C3_QUESTIONS + questions_for(loaded.programme, 190),
            cache_dir=None,
        )
        programme = generated_programme(GENERATED_SESSIONS)
        generated = LoadedProgramme(programme, (), (VOCABULARY_SOURCE,))
        results["generated-20k"] = bench_programme(
            "generated",
            generated,
            embedder,
            workdir,
            questions_for(programme, QUERIES),
            cache_dir=CACHE,
        )
        results["generated-20k"]["hnsw_comparison"] = hnsw_comparison(
            workdir / "generated" / "current"
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    results["peak_rss_mb"] = peak_rss_mb()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print_table(results)
    return results


def print_table(results: dict[str, Any]) -> None:
    """The numbers a person compares with the targets."""
    rows = [
        ("sessions / chunks", lambda r: f"{r['sessions']} / {r['chunks']} ({r['index_kind']})", ""),
        ("build throughput", lambda r: f"{r['throughput_chunks_s']} chunks/s", ">= 150"),
        ("build (all, s)", lambda r: f"{r['build_s']} ({r['embedded']} embedded)", ""),
        ("build minus embedding (s)", lambda r: f"{r['build_without_embedding_s']}", ""),
        (
            f"rebuild after 1 edit, p50 of {REBUILDS} (s)",
            lambda r: (
                f"{r['rebuild_one_session_s']} (max {r['rebuild_one_session_max_s']}, "
                f"{r['rebuild_embedded']} embedded)"
            ),
            "<= 1",
        ),
        (
            "search p50 / p99 (ms)",
            lambda r: f"{r['search']['p50_ms']} / {r['search']['p99_ms']}",
            "p50 <= 20 (20k)",
        ),
        (
            "one-day filter p50 / p99",
            lambda r: (
                f"{r['search_one_day_filter']['p50_ms']} / {r['search_one_day_filter']['p99_ms']}"
            ),
            "",
        ),
        ("peak RSS: serving (MB)", lambda r: f"{r['serving_peak_rss_mb']}", "<= 1024"),
        ("peak RSS: bench so far (MB)", lambda r: f"{r['peak_rss_mb']}", ""),
    ]
    names = ["36c3", "generated-20k"]
    print(f"{'':36}{names[0]:>32}{names[1]:>32}   target")
    for label, cell, target in rows:
        print(
            f"{label:36}"
            + "".join(f"{cell(results[n]):>{w}}" for n, w in zip(names, (32, 32), strict=True))
            + f"   {target}"
        )
    comparison = results["generated-20k"]["hnsw_comparison"]
    print(
        f"HNSW on the 20k vectors: build {comparison['hnsw_build_s']} s, search p50 "
        f"{comparison['hnsw_search_p50_ms']} ms vs flat {comparison['flat_search_p50_ms']} ms, "
        f"recall@10 {comparison['hnsw_recall_at_10']}"
    )
    print(f"written to {RESULTS.relative_to(ROOT)}")
