"""Crowd benchmark (issue 14: a crowd at the keynote's end): wrk posting questions at 32
connections for 20 s to `programme-assistant serve --workers N` on 36C3, and the same to the
plain pipeline served the same way (bench/plain_server.py).

Two runs each: distinct (every first turn of ../shared/eval/dev.jsonl and eval/*.jsonl, ~400
questions asked round and round, so after the first round the answer cache can serve them) and
repeated (40 of them). Reports answers/s, p50, p99, errors, the ratio to the plain pipeline, the
first answer after /readyz says ready, and each worker's memory. wrk shares the machine's cores
with the server, as the issue's targets assume. Not a test: numbers go to bench/results/crowd.json.

    python -m bench.crowd_bench [--seconds 20] [--workers N] [--only assistant|plain]"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

from bench.http_bench import C3, ensure_index, free_port
from bench.plain_server import READY_LINE

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "crowd.json"
WORKDIR = HERE / ".cache" / "crowd"
LUA = HERE / "crowd.lua"
QUESTION_SETS = [
    ROOT.parent / "shared" / "eval" / "dev.jsonl",
    *sorted((ROOT / "eval").glob("*.jsonl")),
]
NOW = "2019-12-28T16:00"  # day 2 of 36C3, mid-afternoon: 'now' and 'next' have answers
CONNECTIONS = 32
THREADS = 2  # wrk's
SECONDS = 20
REPEATED = 40
TARGETS = {
    "distinct_answers_per_s": 150,
    "distinct_ratio_to_plain": 2.0,
    "repeated_answers_per_s": 500,
    "p99_over_p50": 3.0,
    "first_answer_after_ready_ms": 200,
    "worker_rss_mb": 600,
}


def first_turns(paths: Sequence[Path] = QUESTION_SETS) -> list[str]:
    """The first question of every conversation in the question sets, each once."""
    questions: dict[str, None] = {}
    for path in paths:
        if not path.is_file():
            continue
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                turns = json.loads(line).get("turns") or []
                if turns and turns[0].get("q"):
                    questions[str(turns[0]["q"])] = None
    return list(questions)


def write_bodies(path: Path, questions: Sequence[str]) -> Path:
    """One chat request body a line, for crowd.lua."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"message": q, "context": None}, ensure_ascii=False) for q in questions]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def server_command(target: str, index_dir: Path, port: int, workers: int) -> list[str]:
    if target == "assistant":
        cli = str(Path(sys.executable).with_name("programme-assistant"))
        return [cli, "serve", "--index", str(index_dir), "--port", str(port)] + [
            "--workers", str(workers), "--now", NOW,
        ]  # fmt: skip
    return [sys.executable, "-m", "bench.plain_server", "--index", str(index_dir)] + [
        "--port", str(port), "--workers", str(workers),
    ]  # fmt: skip


def start(
    target: str, index_dir: Path, port: int, workers: int, log: Path
) -> subprocess.Popen[bytes]:
    """The server, its output in log; chat unlimited and unlogged (the log's cost is measured
    on its own: the assistant_question_log_write_seconds histogram)."""
    env = {**os.environ, "ASSISTANT_RATE_LIMIT": "0", "ASSISTANT_LOG_QUESTIONS": "0"}
    with log.open("wb") as out:
        return subprocess.Popen(
            server_command(target, index_dir, port, workers),
            env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True,
        )  # fmt: skip


def wait_ready(process: subprocess.Popen[bytes], base: str, timeout: float = 600) -> float:
    """Seconds until /readyz answers 200 (polled every 20 ms)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited ({process.returncode}) before it was ready")
        try:
            if httpx.get(f"{base}/readyz", timeout=5).status_code == 200:
                return time.monotonic() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.02)
    raise RuntimeError(f"{base} not ready after {timeout:.0f} s")


def first_answer_ms(base: str, question: str) -> float:
    """The latency of the first question asked once /readyz has said ready."""
    sent = time.perf_counter()
    response = httpx.post(f"{base}/api/chat", json={"message": question}, timeout=60)
    response.raise_for_status()
    return round((time.perf_counter() - sent) * 1000, 1)


def wait_all_workers(target: str, base: str, workers: int, log: Path, timeout: float = 600) -> None:
    """Until every worker has warmed up: the assistant's /metrics adds them up; each plain
    worker prints a line."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if target == "assistant":
            ready = metric(base, "assistant_workers_ready")
        else:
            ready = log.read_text(errors="replace").count(READY_LINE)
        if ready >= workers:
            return
        time.sleep(0.2)
    raise RuntimeError(f"not every one of {workers} workers was ready after {timeout:.0f} s")


def metric(base: str, name: str) -> float:
    """One unlabelled sample of the assistant's /metrics (0 when absent)."""
    text = httpx.get(f"{base}/metrics", timeout=10).text
    found = re.search(rf"^{name} (\S+)$", text, re.MULTILINE)
    return float(found[1]) if found else 0.0


def run_wrk(base: str, bodies: Path, seconds: float) -> dict[str, Any]:
    """wrk -t2 -c32 for `seconds`; the CROWD_RESULT line crowd.lua prints, plus answers/s."""
    done = subprocess.run(
        ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds:.0f}s", "--timeout=30s", "-s", str(LUA)]
        + [f"{base}/api/chat"],
        env={**os.environ, "CROWD_BODIES": str(bodies), "CROWD_THREADS": str(THREADS)},
        capture_output=True, text=True, timeout=seconds + 120, check=True,
    )  # fmt: skip
    line = next((x for x in done.stdout.splitlines() if x.startswith("CROWD_RESULT ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result: {done.stdout[-2000:]} {done.stderr[-500:]}")
    result: dict[str, Any] = json.loads(line.removeprefix("CROWD_RESULT "))
    result["errors"] = result["non_2xx"] + sum(result["socket_errors"].values())
    result["answers_per_s"] = round(result["ok_2xx"] / result["seconds"], 1)
    return result


def worker_memory(pid: int) -> list[dict[str, float]]:
    """Each worker's peak RSS (VmHWM) and proportional share (Pss: shared pages split), in MB."""
    workers = []
    for child in children(pid) or [pid]:
        status = read_kb(Path(f"/proc/{child}/status"), ("VmHWM", "VmRSS", "RssFile", "RssShmem"))
        command = Path(f"/proc/{child}/cmdline").read_bytes()
        if b"resource_tracker" in command or not status:
            continue
        rollup = read_kb(Path(f"/proc/{child}/smaps_rollup"), ("Pss",))
        workers.append({k: round(v / 1024, 1) for k, v in {**status, **rollup}.items()})
    return workers


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def read_kb(path: Path, keys: Sequence[str]) -> dict[str, float]:
    values: dict[str, float] = {}
    try:
        for line in path.read_text().splitlines():
            name, _, rest = line.partition(":")
            if name in keys:
                values[name] = float(rest.split()[0])
    except OSError:
        pass
    return values


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def bench_target(
    target: str, index_dir: Path, workers: int, seconds: float, bodies: dict[str, Path], first: str
) -> dict[str, Any]:
    """Start one server, measure its first answer after ready, then the two wrk runs."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = start(target, index_dir, port, workers, WORKDIR / f"{target}.log")
    result: dict[str, Any] = {"workers": workers}
    try:
        result["ready_after_s"] = round(wait_ready(process, base), 1)
        result["first_answer_after_ready_ms"] = first_answer_ms(base, first)
        wait_all_workers(target, base, workers, WORKDIR / f"{target}.log")
        result["worker_memory_after_ready_mb"] = worker_memory(process.pid)
        for name, path in bodies.items():
            hits = metric(base, "assistant_answer_cache_hits_total") if target == "assistant" else 0
            print(f"crowd bench: {target}, {name}, {seconds:.0f} s ...", flush=True)
            result[name] = run_wrk(base, path, seconds)
            if target == "assistant":
                answered = result[name]["ok_2xx"]
                hits = metric(base, "assistant_answer_cache_hits_total") - hits
                result[name]["cache_hit_share"] = round(hits / answered, 3) if answered else 0.0
        result["worker_memory_mb"] = worker_memory(process.pid)
    finally:
        stop(process)
    return result


def run(seconds: float = SECONDS, workers: int = 0, only: str | None = None) -> dict[str, Any]:
    """Both targets, printed as a table and written to bench/results/crowd.json."""
    workers = workers or os.cpu_count() or 1
    index_dir = ensure_index()
    questions = first_turns()
    step = max(1, len(questions) // REPEATED)
    bodies = {
        "distinct": write_bodies(WORKDIR / "distinct.jsonl", questions),
        "repeated": write_bodies(WORKDIR / "repeated.jsonl", questions[::step][:REPEATED]),
    }
    results: dict[str, Any] = {
        "programme": C3.parent.name,
        "connections": CONNECTIONS,
        "seconds": seconds,
        "distinct_questions": len(questions),
        "repeated_questions": min(REPEATED, len(questions[::step])),
        "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg(),
    }
    for target in ("assistant", "plain"):
        if only in (None, target):
            results[target] = bench_target(
                target, index_dir, workers, seconds, bodies, questions[0]
            )
    results["load_average_at_end"] = os.getloadavg()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print_table(results)
    return results


def print_table(results: dict[str, Any]) -> None:
    """The numbers beside the issue's targets."""
    print(
        f"crowd, {results['programme']}, wrk {results['connections']} connections x "
        f"{results['seconds']:.0f} s, {results['cpus']} CPUs (load {results['load_average_at_start'][0]:.1f})"
    )
    print(
        f"{'':26}{'answers/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'p99/p50':>8}{'errors':>7}{'cache':>7}{'vs plain':>9}"
    )
    for name in ("distinct", "repeated"):
        for target in ("assistant", "plain"):
            run_ = results.get(target, {}).get(name)
            if not run_:
                continue
            plain = results.get("plain", {}).get(name)
            ratio = (
                f"{run_['answers_per_s'] / plain['answers_per_s']:.2f}x"
                if target == "assistant" and plain and plain["answers_per_s"]
                else ""
            )
            share = f"{run_['cache_hit_share']:.0%}" if "cache_hit_share" in run_ else ""
            skew = run_["p99_ms"] / run_["p50_ms"] if run_["p50_ms"] else 0.0
            print(
                f"{target + ', ' + name:26}{run_['answers_per_s']:>10}{run_['p50_ms']:>9}"
                f"{run_['p99_ms']:>9}{skew:>8.1f}{run_['errors']:>7}{share:>7}{ratio:>9}"
            )
    for target in ("assistant", "plain"):
        if target in results:
            r = results[target]
            ready = ", ".join(
                f"{w['VmRSS']:.0f} (Pss {w.get('Pss', 0):.0f})"
                for w in r.get("worker_memory_after_ready_mb", ())
            )
            memory = ", ".join(
                f"{w['VmHWM']:.0f} (Pss {w.get('Pss', 0):.0f})" for w in r["worker_memory_mb"]
            )
            print(
                f"{target}: ready after {r['ready_after_s']} s, first answer after ready "
                f"{r['first_answer_after_ready_ms']} ms; worker RSS MB once ready: {ready}; "
                f"peak RSS MB at the end: {memory}"
            )
    print(f"targets: {TARGETS}; written to {RESULTS.relative_to(ROOT)}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=SECONDS)
    parser.add_argument("--workers", type=int, default=0, help="default: one per CPU")
    parser.add_argument("--only", choices=("assistant", "plain"))
    args = parser.parse_args(argv)
    run(args.seconds, args.workers, args.only)


if __name__ == "__main__":
    main()
