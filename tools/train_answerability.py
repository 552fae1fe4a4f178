"""Trains the answerability model (assistant/answers/answerability.json) and reports it per programme
and per round of real questions.

Two kinds of rows. Generated: questions made from every real programme: a few words of a
session's title, a window of its abstract, its rarest words, worded as delegates type them
(shuffled, a vague word beside). Asked of their own programme they should find that session (the
label is whether retrieval ranked it first); asked of a programme from another field they should
not be answered, unless every word stands in the title retrieval ranks first (then the answer may
well be right: left out). Real: the topic questions people wrote for eval/ and dev.jsonl
(tools/answerability_rows.py; labelled by whether the case names the session ranked first, or
expects an abstention for a subject the programme lacks). Generated questions share words with
their sessions; delegates paraphrase, and only real rows show the model what that looks like.

Leave-one-programme-out for the generated rows and leave-one-round-out for the real ones: the
model that scores a programme, or a round of questions, never saw it. The threshold is the lowest
that answers at most MAX_FALSE_ANSWERS of the held-out generated negatives.

    .venv/bin/python tools/train_answerability.py                  # report + write the model
    .venv/bin/python tools/train_answerability.py --report         # report only
    .venv/bin/python tools/train_answerability.py --refresh-real   # rebuild the real rows first
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.answers.answerability import (  # noqa: E402
    FEATURES,
    MODEL_FILE,
    Evidence,
    feature_vector,
    gather_evidence,
)
from assistant.answers.relevance import Coverage  # noqa: E402
from assistant.errors import AssistantError  # noqa: E402
from assistant.search.embedder import Embedder  # noqa: E402
from assistant.search.retriever import Retriever, tokens  # noqa: E402
from assistant.search.store import build_index, load_index  # noqa: E402
from assistant.sources import LoadedProgramme, load_programme  # noqa: E402
from tools.answerability_rows import ROWS_FILE, Row, read_rows, rows_of, write_rows  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
# name -> (field, sources); negatives for a programme come only from other fields
PROGRAMMES: dict[str, tuple[str, list[Path]]] = {
    "seed": ("health", [ROOT / "seeds"]),
    "forum2026": ("health", [ROOT / "eval" / "forum2026"]),
    "medconf": ("health", [ROOT / "eval" / "medconf"]),
    "36c3": ("hacker", [DATA / "36c3" / "stages.schedule.json"]),
    "30c3": ("hacker", [DATA / "30c3" / "schedule.json"]),
    "camp2019": ("hacker", [DATA / "c3voc-schema" / "example-frab-camp2019.json"]),
    "healthhack": ("hacker", [ROOT / "eval" / "healthhack"]),
    "froscon2018": ("foss", [DATA / "froscon2018" / "schedule.json"]),
    "debconf17": ("foss", [DATA / "debconf17" / "pentabarf.xml"]),
    "democon": ("foss", [DATA / "c3voc-schema" / "example-pretalx-democon.json"]),
    "openinfra": ("foss", [ROOT / "eval" / "openinfra"]),
    "user2025": ("python-r", [DATA / "user2025" / "program.csv"]),
    "europython2014": ("python-r", [DATA / "europython2014" / "schedule.xml"]),
    "pyconau2023": ("python-r", [DATA / "ics-pyconau2023" / "schedule.ics"]),
    "pyconfr2025": ("python-r", [DATA / "pretalx-api-pyconfr2025" / "schedule.json"]),
    "scottishsummit": ("cloud", [DATA / "sessionize-scottishsummit2026" / "sessionize.json"]),
    "chep2009": ("physics", [DATA / "indico-chep2009" / "timetable.json"]),
    "dvpw2024": ("politics", [DATA / "dvpw2024" / "program.csv"]),
}
SESSIONS_PER_PROGRAMME = 60
MAX_FALSE_ANSWERS = 0.02
# a real row weighs this many generated ones, its class balanced (most real cases expect an
# answer: unbalanced, "worded like a person" would itself become evidence for answering)
REAL_WEIGHT = 3.0
WORD = re.compile(r"[A-Za-zÀ-ÿ0-9+#'-]+")
# a word in more than this share of a programme's sessions is one of its language's stop words
COMMON_SHARE = 0.15
SHUFFLED = 0.3  # share of generated questions with their words shuffled
CHATTY = 0.25  # share with a vague word added
# vague words delegates add that the question's filler does not remove
VAGUE_WORDS = (
    "work",
    "research",
    "ideas",
    "project",
    "tools",
    "experience",
    "approaches",
    "update",
)


@dataclass(frozen=True)
class Case:
    programme: str
    evidence: Evidence
    label: int  # 1: answering with the first session is right
    positive: bool  # generated from this programme's own sessions


def content_words(text: str, coverage: Coverage, common: float) -> list[str]:
    """The words a delegate might ask with: not stop words in any of the programme's languages
    (those stand in more than `common` of its sessions: 'les', 'und'), nor one or two letters."""
    out = []
    for word in WORD.findall(text):
        found = tokens(word)
        if len(word) > 2 and found and coverage.sessions_using(found[0]) <= common:
            out.append(word)
    return out


def delegate_wording(words: list[str], rng: random.Random) -> str:
    """The words as a delegate might type them: sometimes shuffled, sometimes with a vague word
    beside them that survives the question's filler ('DPYD genotyping work')."""
    words = list(words)
    if len(words) > 1 and rng.random() < SHUFFLED:
        rng.shuffle(words)
    if rng.random() < CHATTY:
        vague = rng.choice(VAGUE_WORDS)
        words = [*words, vague] if rng.random() < 0.7 else [vague, *words]
    return " ".join(words).lower()


def generated_topics(retriever: Retriever, coverage: Coverage, rng: random.Random):
    """(session id, topic) pairs: title words, an abstract window, the rarest words."""
    sessions = [s for s in retriever.programme.sessions if s.title.strip()]
    common = max(3.0, COMMON_SHARE * len(retriever.programme.sessions))
    for session in rng.sample(sessions, min(SESSIONS_PER_PROGRAMME, len(sessions))):
        title = content_words(session.title, coverage, common)
        if title:
            size = rng.randint(1, min(4, len(title)))
            start = rng.randint(0, len(title) - size)
            yield session.id, delegate_wording(title[start : start + size], rng)
        text = " ".join(p.abstract for p in session.parts) or session.abstract
        abstract = content_words(text, coverage, common)
        if len(abstract) >= 4:
            size = rng.randint(2, min(5, len(abstract)))
            start = rng.randint(0, len(abstract) - size)
            yield session.id, delegate_wording(abstract[start : start + size], rng)
        words = sorted(dict.fromkeys(title + abstract), key=lambda w: -coverage.idf(tokens(w)[0]))
        if len(words) >= 2:
            yield session.id, delegate_wording(words[: rng.randint(1, 3)], rng)


def readable(name: str, sources: list[Path]) -> LoadedProgramme | None:
    """The programme, or None (said on stderr) when this checkout cannot read it."""
    if not all(p.exists() for p in sources):
        return None
    try:
        loaded = load_programme(sources)
    except AssistantError as error:
        print(f"  {name}: left out: {error}", file=sys.stderr)
        return None
    if not loaded.programme.sessions:
        print(f"  {name}: no sessions read, left out", file=sys.stderr)
        return None
    return loaded


def load(name: str, sources: list[Path], embedder: Embedder, cache: Path) -> Retriever | None:
    loaded = readable(name, sources)
    if loaded is None:
        return None
    index_dir = cache / "indexes" / name
    build_index(loaded, index_dir, embedder, progress=False, cache_dir=cache / "embeddings")
    return Retriever.from_index(load_index(index_dir), embedder)


def cases_for(programmes, topics, rng: random.Random) -> list[Case]:
    cases = []
    for name, (field, retriever, coverage) in programmes.items():
        titles = {s.id: s.title for s in retriever.programme.sessions}
        own = [t for t in topics if t[0] == name]
        # a programme of the same field may well answer it
        foreign = [t for t in topics if PROGRAMMES[t[0]][0] != field]
        for source, (session_id, topic) in own + rng.sample(foreign, min(len(foreign), 200)):
            own_topic = source == name
            hits = retriever.search(topic, k=10)  # as the engine ranks (handlers.topic)
            if not hits:
                continue
            evidence = gather_evidence(topic, hits, coverage, titles[hits[0].session_id])
            if not own_topic and evidence.title_covered == 1.0:
                # 'patent' asked of a FOSS programme finds 'Software Patents Around the World':
                # not known to be wrong, so no negative (nor a positive)
                continue
            label = int(own_topic and hits[0].session_id == session_id)
            cases.append(Case(name, evidence, label, own_topic))
    return cases


# The sign each weight may take: more evidence for the first session never lowers the
# probability (a free regression gave the dense margin a negative weight, which generated
# questions, sharing words with their sessions, taught it; paraphrases then lost); 0: either.
SIGNS = {
    "dense": 1, "lexical": 1, "margin": 1, "covered": 1, "title_covered": 1, "rare": 0,
    "few_words": 0, "dense_x_covered": 0, "dense_margin": 1, "rarest_gap": 1, "unknown": -1,
    "singles_out": 1, "dense_lead": 1,
}  # fmt: skip


@dataclass(frozen=True)
class Fitted:
    """A logistic regression over standardised features: bias, then one weight a feature."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float


def fit(cases: list[Case], real: list[Row]) -> Fitted:
    """The regression over generated and real rows, each feature standardised, each weight
    of the sign SIGNS allows (L2-penalised weighted log loss, as scikit-learn's C=1)."""
    x = np.array([feature_vector(c.evidence) for c in cases + real])
    y = np.array([c.label for c in cases + real], dtype=float)
    weights = np.concatenate([np.ones(len(cases)), real_weights(real)])
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mean) / scale

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        logits = z @ theta[1:] + theta[0]
        p = 1.0 / (1.0 + np.exp(-logits))
        value = np.sum(weights * (np.logaddexp(0.0, logits) - y * logits))
        residual = weights * (p - y)
        gradient = np.concatenate([[residual.sum()], z.T @ residual + theta[1:]])
        return float(value + 0.5 * theta[1:] @ theta[1:]), gradient

    bounds = [(None, None)] + [
        (0.0, None) if SIGNS[f] > 0 else (None, 0.0) if SIGNS[f] < 0 else (None, None)
        for f in FEATURES
    ]
    found = minimize(loss, np.zeros(len(FEATURES) + 1), jac=True, method="L-BFGS-B", bounds=bounds)
    return Fitted(mean, scale, found.x[1:], float(found.x[0]))


def real_weights(rows: list[Row]) -> np.ndarray:
    """REAL_WEIGHT a row, shared so that the right first hits and the wrong ones weigh alike."""
    labels = np.array([r.label for r in rows], dtype=bool)
    right, wrong = int(labels.sum()), int((~labels).sum())
    each = np.where(labels, len(rows) / (2 * max(1, right)), len(rows) / (2 * max(1, wrong)))
    return REAL_WEIGHT * each


def probabilities(rows: list[Case] | list[Row], fitted: Fitted) -> np.ndarray:
    x = np.array([feature_vector(r.evidence) for r in rows])
    return 1.0 / (
        1.0 + np.exp(-(((x - fitted.mean) / fitted.scale) @ fitted.weights + fitted.bias))
    )


def rules(e: Evidence) -> bool:
    """The hand-set thresholds the model replaces (for the report)."""
    if e.dense >= 0.50 or (e.dense >= 0.43 and e.covered >= 0.30):
        return True
    return e.covered >= 0.90 and (e.lexical >= 0.80 or e.rare)


def source_name(path: Path) -> str:
    """A programme's file as the question sets name it: 'eval/…' or 'shared/data/…'."""
    if path.is_relative_to(ROOT):
        return str(path.relative_to(ROOT))
    return str(Path("shared") / path.relative_to(ROOT.parent / "shared"))


def asked_of(row: Row, name: str) -> bool:
    """Whether the real row was asked of the generated rows' programme `name`."""
    return row.source.startswith(source_name(PROGRAMMES[name][1][0]))


def held_out(cases: list[Case], real: list[Row]):
    """Each generated row scored by a model that never saw its programme (nor real questions
    asked of it), each real row by one that never saw its round."""
    generated: list[tuple[Case, float]] = []
    for name in dict.fromkeys(c.programme for c in cases):
        fitted = fit(
            [c for c in cases if c.programme != name], [r for r in real if not asked_of(r, name)]
        )
        test = [c for c in cases if c.programme == name]
        generated += list(zip(test, probabilities(test, fitted), strict=True))
    scored: list[tuple[Row, float]] = []
    for round_name in dict.fromkeys(r.round for r in real):
        fitted = fit(cases, [r for r in real if r.round != round_name])
        test = [r for r in real if r.round == round_name]
        scored += list(zip(test, probabilities(test, fitted), strict=True))
    return generated, scored


def generated_rows(cache: Path) -> list[Case]:
    """Questions generated from every readable programme, asked of it and of other fields'."""
    rng = random.Random(13)
    embedder = Embedder()
    programmes, topics = {}, []
    for name, (field, sources) in PROGRAMMES.items():
        retriever = load(name, sources, embedder, cache)
        if retriever is None:
            continue
        coverage = Coverage(retriever.programme, retriever.glosses)
        programmes[name] = (field, retriever, coverage)
        topics += [(name, t) for t in generated_topics(retriever, coverage, rng)]
        print(f"  {name}: {len(retriever.programme.sessions)} sessions", file=sys.stderr)
    # every topic embedded once, in batches, instead of once per programme it is asked of
    texts = sorted({" ".join(topic.split()) for _, (_, topic) in topics})
    vectors = dict(zip(texts, embedder.embed(texts), strict=True))
    embedder.embed_query = lambda text: vectors[" ".join(text.split())]  # type: ignore[method-assign]
    return cases_for(programmes, topics, rng)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=ROOT / "index" / "training")
    parser.add_argument("--report", action="store_true", help="report only, write no model")
    parser.add_argument("--refresh-real", action="store_true", help=f"rebuild {ROWS_FILE.name}")
    parser.add_argument("--dump", type=Path, help="write every held-out row and probability here")
    args = parser.parse_args()
    if args.refresh_real or not ROWS_FILE.exists():
        write_rows(list(rows_of()))
    real = read_rows()
    cases = generated_rows(args.cache)
    generated, scored = held_out(cases, real)
    negatives = sorted(p for c, p in generated if not c.positive)
    threshold = float(negatives[int(len(negatives) * (1 - MAX_FALSE_ANSWERS))])
    if args.dump:
        dump(args.dump, generated, scored)
    report = per_programme(generated, threshold)
    real_report = per_round(scored, threshold)
    print(json.dumps(report, indent=1))
    print(json.dumps(real_report, indent=1))
    print("generated, held out by programme:")
    print(reliability_table([(c.label, p) for c, p in generated]))
    print("real, held out by round:")
    print(reliability_table([(r.label, p) for r, p in scored]))
    print(decisions(report["all"], real_report["all"]))
    if args.report:
        return 0
    fitted = fit(cases, real)
    MODEL_FILE.write_text(
        json.dumps(
            {
                "features": FEATURES,
                "mean": fitted.mean.tolist(),
                "scale": fitted.scale.tolist(),
                "weights": fitted.weights.tolist(),
                "bias": fitted.bias,
                "threshold": threshold,
                "trained_on": sorted(dict.fromkeys(c.programme for c in cases)),
                "real_rows": len(real),
                "held_out": report,
                "held_out_real": real_report,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {MODEL_FILE}", file=sys.stderr)
    return 0


def dump(path: Path, generated: list[tuple[Case, float]], scored: list[tuple[Row, float]]) -> None:
    """Every held-out row, its probability and features, as JSON (to look for patterns)."""
    rows = [
        {"programme": c.programme, "label": c.label, "positive": c.positive, "p": float(p)}
        | dict(zip(FEATURES, feature_vector(c.evidence), strict=True))
        for c, p in generated
    ]
    rows += [
        {"round": r.round, "case": r.case, "topic": r.topic, "label": r.label, "p": float(p)}
        | {"absent": r.absent, "trusted": r.trusted}
        | dict(zip(FEATURES, feature_vector(r.evidence), strict=True))
        for r, p in scored
    ]
    path.write_text(json.dumps(rows), encoding="utf-8")


def reliability_table(held_out: list[tuple[int, float]], bins: int = 10) -> str:
    """The reliability curve as a Markdown table: per band of held-out predicted probability,
    how often answering with the first session was right (a calibrated model follows the band)."""
    rows = ["| predicted | questions | right to answer | mean predicted |", "|---|---|---|---|"]
    for band in range(bins):
        low, high = band / bins, (band + 1) / bins
        inside = [(y, p) for y, p in held_out if low <= p < high or (band == bins - 1 and p == 1)]
        if not inside:
            continue
        right = sum(y for y, _ in inside) / len(inside)
        mean = sum(p for _, p in inside) / len(inside)
        rows.append(f"| {low:.1f}–{high:.1f} | {len(inside)} | {right:.2f} | {mean:.2f} |")
    return "\n".join(rows)


def per_programme(held_out: list[tuple[Case, float]], threshold: float) -> dict[str, dict]:
    """Per held-out programme: answers that are right, and negatives answered, by the model, the
    thresholds, and either (the engine: thresholds or model)."""
    out: dict[str, dict] = {}
    for name in dict.fromkeys(c.programme for c, _ in held_out):
        mine = [(c, p) for c, p in held_out if c.programme == name]
        right = [(c, p) for c, p in mine if c.label]
        wrong = [(c, p) for c, p in mine if not c.positive]
        correct = sum((p >= threshold) == bool(c.label) for c, p in mine)
        out[name] = {
            "accuracy": round(correct / len(mine), 3),
            "answerable": int(len(right)),
            "answered_model": int(sum(p >= threshold for _, p in right)),
            "answered_rules": sum(rules(c.evidence) for c, _ in right),
            "answered_either": int(sum(rules(c.evidence) or p >= threshold for c, p in right)),
            "negatives": len(wrong),
            "false_model": int(sum(p >= threshold for _, p in wrong)),
            "false_rules": sum(rules(c.evidence) for c, _ in wrong),
            "false_either": int(sum(rules(c.evidence) or p >= threshold for c, p in wrong)),
        }
    total = {
        k: sum(v[k] for v in out.values()) for k in next(iter(out.values())) if k != "accuracy"
    }
    correct_all = sum((p >= threshold) == bool(c.label) for c, p in held_out)
    out["all"] = total | {
        "accuracy": round(correct_all / len(held_out), 3),
        "threshold": round(threshold, 4),
    }
    return out


def outcomes(row: Row, p: float, threshold: float) -> dict[str, int]:
    """One real row's counts: right answers and false ones by the model alone and by the engine
    (the thresholds' first trusted hit, else the model's say on the first hit)."""
    model = bool(p >= threshold)
    either_right = row.trusted_right if row.trusted else model and bool(row.label)
    either_false = (row.trusted and not row.trusted_right) or (
        not row.trusted and model and not row.label
    )
    return {
        "rows": 1,
        "answerable": row.label,
        "absent": int(row.absent),
        "correct_model": int(model == bool(row.label)),
        "answered_model": int(model and bool(row.label)),
        "answered_either": int(either_right),
        "false_model": int(model and not row.label),
        "false_either": int(either_false),
        "false_absent_model": int(model and row.absent),
        "false_absent_either": int(row.absent and (row.trusted or model)),
    }


def per_round(scored: list[tuple[Row, float]], threshold: float) -> dict[str, dict]:
    """Per held-out round of real questions: the model's accuracy, right answers and false ones
    (on every row, and on those whose subject is absent), the model alone and the engine."""
    out: dict[str, dict] = {}
    for name in [*dict.fromkeys(r.round for r, _ in scored), "all"]:
        counts: dict[str, int] = {}
        for row, p in scored:
            if name in ("all", row.round):
                for key, n in outcomes(row, p, threshold).items():
                    counts[key] = counts.get(key, 0) + n
        out[name] = {"accuracy": round(counts.pop("correct_model") / counts["rows"], 3)} | counts
    return out


def decisions(generated: dict, real: dict) -> str:
    """Thresholds OR model (the engine) against the model alone, on both held-out sets."""
    return "\n".join(
        [
            "| decides | generated answered | generated false | real answered | real false "
            "| real absent answered |",
            "|---|---|---|---|---|---|",
            f"| thresholds or model | {generated['answered_either']}/{generated['answerable']} "
            f"| {generated['false_either']}/{generated['negatives']} "
            f"| {real['answered_either']}/{real['answerable']} | {real['false_either']} "
            f"| {real['false_absent_either']}/{real['absent']} |",
            f"| model alone | {generated['answered_model']}/{generated['answerable']} "
            f"| {generated['false_model']}/{generated['negatives']} "
            f"| {real['answered_model']}/{real['answerable']} | {real['false_model']} "
            f"| {real['false_absent_model']}/{real['absent']} |",
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
