"""`make soak`: a programme reload under load fails no request, and memory stays bounded.

1. A real `programme-assistant serve` watches its index folder (ASSISTANT_INDEX_WATCH_SECONDS);
   while 16 clients ask questions back to back, `programme-assistant build` rebuilds that same
   folder again and again, alternating two programmes. Every request must be a 200, and the
   server must have switched programme each time.
2. 2,000 distinct 1,000-character questions: the server's RSS may not grow past a bound (the
   query cache is an LRU of 2,048 entries; nothing else keeps per-question state).

Exits non-zero when either property breaks. Bounded: stops by itself in a few minutes."""

from __future__ import annotations

import asyncio
import json
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from bench.http_bench import free_port, peak_rss_mb, start_server, stop_server, wait_ready

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "soak.json"
CACHE = HERE / ".cache"
PROGRAMMES = {  # two programmes the served folder alternates between, told apart by title
    "forum": ROOT / "seeds",
    "many_sessions": ROOT / "tests" / "data" / "abstract_book" / "many_sessions.txt",
}
REBUILDS = 4
CLIENTS = 16
LONG_QUESTIONS = 2_000
RSS_GROWTH_BOUND_MB = 150.0
TIME_CAP_S = 420.0
QUESTIONS = [
    "what's on next?",
    "who is chairing the workshop?",
    "is there anything on patient safety?",
    "when is it?",
    "which room is the keynote in?",
    "what's on in the afternoon?",
]


def cli() -> str:
    return str(Path(sys.executable).with_name("programme-assistant"))


def build(index_dir: Path, source: Path) -> float:
    """Rebuild the served folder with the real CLI; seconds it took."""
    started = time.perf_counter()
    subprocess.run(
        [cli(), "build", "--quiet", "--index", str(index_dir), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return time.perf_counter() - started


def current_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


async def asking(base: str, stop: asyncio.Event, seen: dict[str, int]) -> dict[str, Any]:
    """16 clients asking back to back until stop; every failure is counted by kind."""
    errors: dict[str, int] = {}
    count = 0
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:

        async def one() -> None:
            nonlocal count
            while not stop.is_set():
                try:
                    response = await client.post(
                        "/api/chat", json={"message": random.choice(QUESTIONS), "context": None}
                    )
                    ready = await client.get("/readyz")
                    bad = [r for r in (response, ready) if r.status_code != 200]
                    if bad:
                        kind = f"HTTP {bad[0].status_code} {bad[0].text[:120]}"
                        errors[kind] = errors.get(kind, 0) + 1
                    else:
                        title = ready.json()["programme"]
                        seen[title] = seen.get(title, 0) + 1
                except httpx.HTTPError as exc:
                    errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                count += 1

        await asyncio.gather(*(one() for _ in range(CLIENTS)))
    return {"requests": count, "errors": sum(errors.values()), "error_kinds": errors}


async def reload_under_load(base: str, index_dir: Path) -> dict[str, Any]:
    stop = asyncio.Event()
    seen: dict[str, int] = {}
    load = asyncio.create_task(asking(base, stop, seen))
    switches = []
    names = list(PROGRAMMES)
    deadline = time.monotonic() + TIME_CAP_S
    try:
        for number in range(REBUILDS):
            name = names[(number + 1) % len(names)]
            seconds = await asyncio.to_thread(build, index_dir, PROGRAMMES[name])
            # the server notices within its watch interval and loads in the background
            switched = None
            async with httpx.AsyncClient(base_url=base, timeout=10) as client:
                started = time.perf_counter()
                while time.perf_counter() - started < 60 and time.monotonic() < deadline:
                    title = (await client.get("/readyz")).json().get("programme")
                    if title == name:
                        switched = round(time.perf_counter() - started, 2)
                        break
                    await asyncio.sleep(0.2)
            switches.append(
                {"programme": name, "build_s": round(seconds, 2), "switched_s": switched}
            )
            await asyncio.sleep(1.0)
    finally:
        stop.set()
        result = await load
    result["rebuilds"] = switches
    result["programmes_seen"] = seen
    return result


async def long_questions(base: str, pid: int) -> dict[str, Any]:
    """Distinct 1,000-character questions: RSS after warming up vs after all of them."""
    rng = random.Random(5)
    vocabulary = [f"{rng.choice('bcdfgklmnprstvz')}{rng.choice('aeiou')}{n}" for n in range(20_000)]

    def question(n: int) -> str:
        return f"anything on {n} " + " ".join(rng.sample(vocabulary, 200))[:980]

    errors = 0
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:

        async def ask(numbers: range) -> None:
            nonlocal errors
            for n in numbers:
                response = await client.post("/api/chat", json={"message": question(n)})
                errors += response.status_code != 200

        await asyncio.gather(*(ask(range(i, 200, 4)) for i in range(4)))
        before = current_rss_mb(pid)
        await asyncio.gather(*(ask(range(200 + i, LONG_QUESTIONS, 4)) for i in range(4)))
    after = current_rss_mb(pid)
    return {
        "questions": LONG_QUESTIONS,
        "errors": errors,
        "rss_after_200_mb": before,
        "rss_after_all_mb": after,
        "growth_mb": round(after - before, 1),
        "bound_mb": RSS_GROWTH_BOUND_MB,
    }


def run() -> int:
    """Both soak checks; 0 when both hold."""
    index_dir = CACHE / "soak" / "current"
    build(index_dir, PROGRAMMES["forum"])
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(index_dir, port, {"ASSISTANT_INDEX_WATCH_SECONDS": "0.5"})
    results: dict[str, Any] = {}
    try:
        wait_ready(server, base)
        print(f"soak: {REBUILDS} rebuilds under {CLIENTS} clients ...", flush=True)
        results["reload_under_load"] = asyncio.run(reload_under_load(base, index_dir))
        print(f"soak: {LONG_QUESTIONS} distinct 1,000-character questions ...", flush=True)
        results["long_questions"] = asyncio.run(long_questions(base, server.pid))
        results["server_peak_rss_mb"] = peak_rss_mb(server.pid)
    finally:
        stop_server(server)
    reload = results["reload_under_load"]
    memory = results["long_questions"]
    failures = []
    if reload["errors"]:
        failures.append(
            f"{reload['errors']} failed requests during reloads: {reload['error_kinds']}"
        )
    if any(s["switched_s"] is None for s in reload["rebuilds"]):
        failures.append(f"the server did not switch programme: {reload['rebuilds']}")
    if memory["errors"] or memory["growth_mb"] > RSS_GROWTH_BOUND_MB:
        failures.append(f"long questions: {memory}")
    results["failures"] = failures
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(
        f"reload under load: {reload['requests']} requests, {reload['errors']} errors, "
        f"switches {[s['switched_s'] for s in reload['rebuilds']]} s after each build"
    )
    print(
        f"long questions: {memory['questions']}, {memory['errors']} errors, RSS "
        f"{memory['rss_after_200_mb']} -> {memory['rss_after_all_mb']} MB "
        f"(growth bound {RSS_GROWTH_BOUND_MB:.0f} MB)"
    )
    print("soak: " + ("PASS" if not failures else "FAIL: " + "; ".join(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(run())
