"""HTTP benchmark: a real `programme-assistant serve` on loopback, 32 concurrent async clients.

Two bounded runs against 36C3, both stopping by themselves (request count and a time cap):
saturation (32 clients ask back to back: throughput, latency, errors) and paced (32 clients
asking together at 150 questions a second, as delegates do when a keynote ends). Reports
p50 / p99, answers a second, errors and the server's peak RSS (VmHWM)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from assistant.search.embedder import Embedder
from assistant.search.store import build_index
from assistant.sources import load_programme
from bench.questions import dev_conversations, generated_questions, mix

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "http.json"
CACHE = HERE / ".cache"
C3 = ROOT.parent / "shared" / "data" / "36c3" / "stages.schedule.json"
NOW = "2019-12-28T16:00"  # day 2 of 36C3, mid-afternoon: 'now' and 'next' have answers

CLIENTS = 32
SATURATION_REQUESTS = 10_000
PACED_REQUESTS = 3_000
PACED_RATE = 150.0  # questions a second, all clients together
TIME_CAP_S = 240.0  # each run stops here even if requests remain
REQUEST_TIMEOUT_S = 30.0


@dataclass
class Run:
    """What one load run saw."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        ordered = sorted(self.latencies_ms)
        count = len(ordered)
        failed = sum(self.errors.values())
        return {
            "requests": count + failed,
            "ok": count,
            "errors": failed,
            "error_kinds": dict(self.errors),
            "seconds": round(self.seconds, 2),
            "answers_per_s": round(count / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(statistics.median(ordered), 2) if ordered else 0.0,
            "p99_ms": round(ordered[min(count - 1, int(count * 0.99))], 2) if ordered else 0.0,
            "max_ms": round(ordered[-1], 2) if ordered else 0.0,
        }


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MB; 0 when it has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


def start_server(index_dir: Path, port: int, extra_env: dict[str, str] | None = None) -> Any:
    """`programme-assistant serve` on 127.0.0.1:port with limiting and the question log off."""
    env = {
        **os.environ,
        "ASSISTANT_RATE_LIMIT": "0",
        "ASSISTANT_LOG_QUESTIONS": "0",
        **(extra_env or {}),
    }
    command = [
        str(Path(sys.executable).with_name("programme-assistant")),
        "serve",
        "--index",
        str(index_dir),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--now",
        NOW,
    ]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def wait_ready(process: Any, base: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode(errors="replace") if process.stdout else ""
            raise RuntimeError(f"the server exited ({process.returncode}): {output[-2000:]}")
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server at {base} was not ready after {timeout:.0f} s")


def stop_server(process: Any) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


async def load(
    base: str,
    questions: Sequence[str],
    requests: int,
    rate: float | None = None,
    clients: int = CLIENTS,
    time_cap: float = TIME_CAP_S,
) -> Run:
    """`requests` chat questions from `clients` concurrent clients (paced at `rate` a second
    when given), stopping at the time cap; every non-200 or transport failure is an error."""
    run = Run()
    issued = 0
    started = time.perf_counter()
    deadline = started + time_cap
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=REQUEST_TIMEOUT_S) as client:

        async def one_client() -> None:
            nonlocal issued
            while issued < requests and time.perf_counter() < deadline:
                number = issued
                issued += 1
                if rate:
                    due = started + number / rate
                    delay = due - time.perf_counter()
                    if delay > 0:
                        await asyncio.sleep(delay)
                question = questions[number % len(questions)]
                sent = time.perf_counter()
                try:
                    response = await client.post(
                        "/api/chat", json={"message": question, "context": None}
                    )
                    ok = response.status_code == 200 and "answer" in response.json()
                    kind = "" if ok else f"HTTP {response.status_code}"
                except (httpx.HTTPError, ValueError) as exc:
                    kind = type(exc).__name__
                if kind:
                    run.errors[kind] = run.errors.get(kind, 0) + 1
                else:
                    run.latencies_ms.append((time.perf_counter() - sent) * 1000)

        await asyncio.gather(*(one_client() for _ in range(clients)))
    run.seconds = time.perf_counter() - started
    return run


def bench_questions() -> list[str]:
    """36C3 questions: the dev set's first turns and generated who/when/where/topic/now/filter."""
    programme = load_programme([C3]).programme
    conversations = mix(dev_conversations("36c3"), generated_questions(programme, 300))
    return list(dict.fromkeys(c[0].question for c in conversations))


def ensure_index(embedder: Embedder | None = None) -> Path:
    """The 36C3 index the answer benchmark built (built here when it is missing)."""
    index_dir = CACHE / "answers-36c3"
    if not (index_dir / "manifest.json").is_file():
        build_index(load_programme([C3]), index_dir, embedder or Embedder(), progress=False)
    return index_dir


def run() -> dict[str, Any]:
    """Both load runs, printed as a table and written to bench/results/http.json."""
    index_dir = ensure_index()
    questions = bench_questions()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(index_dir, port)
    results: dict[str, Any] = {
        "clients": CLIENTS,
        "distinct_questions": len(questions),
        "programme": "36c3",
    }
    try:
        wait_ready(server, base)
        results["server_rss_after_load_mb"] = peak_rss_mb(server.pid)
        asyncio.run(load(base, questions, 200))  # warm up the pools, not measured
        print(f"http bench: {SATURATION_REQUESTS} requests, {CLIENTS} clients ...", flush=True)
        results["saturation"] = asyncio.run(load(base, questions, SATURATION_REQUESTS)).summary()
        print(f"http bench: paced at {PACED_RATE:.0f}/s ...", flush=True)
        results["paced"] = asyncio.run(
            load(base, questions, PACED_REQUESTS, rate=PACED_RATE)
        ).summary()
        results["paced"]["rate_per_s"] = PACED_RATE
        results["server_peak_rss_mb"] = peak_rss_mb(server.pid)
    finally:
        stop_server(server)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print_table(results)
    return results


def print_table(results: dict[str, Any]) -> None:
    """The numbers a person compares with the targets."""
    print(
        f"{'HTTP, 36C3, ' + str(results['clients']) + ' clients':34}{'p50 ms':>10}{'p99 ms':>10}"
        f"{'answers/s':>11}{'errors':>8}{'requests':>10}"
    )
    for name in ("saturation", "paced"):
        r = results[name]
        label = name if name == "saturation" else f"paced at {r['rate_per_s']:.0f}/s"
        print(
            f"{label:34}{r['p50_ms']:>10}{r['p99_ms']:>10}{r['answers_per_s']:>11}"
            f"{r['errors']:>8}{r['requests']:>10}"
        )
    print("targets: p99 <= 60 ms, 0 errors, >= 150 answers/s")
    print(
        f"server peak RSS {results['server_peak_rss_mb']} MB "
        f"(after loading {results['server_rss_after_load_mb']} MB); "
        f"{results['distinct_questions']} distinct questions; "
        f"written to {RESULTS.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    run()
