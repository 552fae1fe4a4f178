"""`make soak-cluster`: replicas behind nginx, sharing one index folder and PostgreSQL, lose no
request under load when one is killed, restarted or stopped, or when a programme is published.

Each scenario runs a fresh cluster on loopback: three `programme-assistant serve` replicas over
one index folder, Debian's nginx running deploy/nginx.conf, and wrk at 32 connections posting
JSON questions to /api/chat through nginx (bench/soak_cluster.lua).

- kill (60 s): kill -9 replica 1 at 15 s, start it again at 30 s, and at 40 s publish a new
  programme the way an operator does, `programme-assistant build --index SHARED NEWFILE` once.
- sigterm (30 s): SIGTERM replica 1 at 10 s (uvicorn finishes what it holds), start it at 20 s.

Checks: no failed request through nginx (non-2xx or socket error); every replica serves the
new programme within 10 s of the build finishing; every question nginx answered with a 2xx is
in the PostgreSQL question log. A replica's version is /readyz's `index_version` when it gives
one (equal to manifest.json's `index_version` when the build writes one), else the programme
title /readyz gives today, matched against the manifest's `programme_title`.

Load goes on past the nominal length while a publish has not settled, so the switch is always
under load. `--seconds N` squeezes a scenario into N seconds (a smoke run). Exits non-zero when
a check fails. Needs nginx, wrk and DATABASE_URL set to a PostgreSQL server (make soak-cluster
starts a throwaway one with .ci/pg-up.sh)."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from bench.http_bench import free_port
from bench.soak import build, cli

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "soak_cluster.json"
WORKDIR = HERE / ".cache" / "cluster"
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
LUA = HERE / "soak_cluster.lua"
FIRST = ROOT / "seeds"  # served from the start
PUBLISHED = ROOT / "tests" / "data" / "abstract_book" / "many_sessions.txt"  # the new programme
REPLICAS = 3
CONNECTIONS = 32
WRK_TIMEOUT_S = 60  # longer than nginx may take (3 tries, 45 s): nginx decides what fails
SWITCH_LIMIT_S = 10.0  # every replica on the new programme this soon after the build
SWITCH_WATCH_S = 30.0  # how long to keep watching, to report how late a slow switch was
SETTLE_S = 3.0  # load goes on this long after the last event has settled
WATCH_SECONDS = "1"  # ASSISTANT_INDEX_WATCH_SECONDS on the replicas
TAG = re.compile(r"\(([a-z]+[0-9a-f]{6}-\d+-\d+)\)")


@dataclass(frozen=True, slots=True)
class Event:
    """Something done to the cluster at a fraction of the scenario's length."""

    at: float
    action: str  # kill | term | start | publish
    replica: int = 0  # index into the replicas


@dataclass(frozen=True, slots=True)
class Scenario:
    """A timeline of events under load."""

    name: str
    seconds: float
    events: tuple[Event, ...]


SCENARIOS = {
    "kill": Scenario(
        "kill", 60, (Event(15 / 60, "kill"), Event(30 / 60, "start"), Event(40 / 60, "publish"))
    ),
    "sigterm": Scenario("sigterm", 30, (Event(1 / 3, "term"), Event(2 / 3, "start"))),
}


@dataclass
class Replica:
    """One `programme-assistant serve` on loopback."""

    number: int
    port: int
    log: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def served_version(base: str) -> str | None:
    """The index version a replica serves, None when it is not ready: /readyz's `index_version`
    when it gives one, else the programme's title (all that /readyz gives today)."""
    try:
        response = httpx.get(f"{base}/readyz", timeout=2)
        body = response.json() if response.status_code == 200 else None
    except (httpx.HTTPError, ValueError):
        return None
    if not isinstance(body, dict) or body.get("ready") is False:
        return None
    version = body.get("index_version")
    return str(version) if version else f"title:{body.get('programme', '')}"


def read_manifest(index_dir: Path) -> dict[str, Any]:
    """The folder's manifest.json ({} while a swap is between its two renames)."""
    try:
        manifest: dict[str, Any] = json.loads((index_dir / "manifest.json").read_text())
    except (OSError, ValueError):
        return {}
    return manifest


def on_manifest(version: str, manifest: dict[str, Any]) -> bool:
    """Whether a served version is the one the manifest names: its `index_version` when both
    give one, else the programme title."""
    if version.startswith("title:"):
        return version == f"title:{manifest.get('programme_title', '')}"
    return manifest.get("index_version") in (None, version)


def render_nginx(conf: str, ports: list[int], listen: int) -> str:
    """deploy/nginx.conf on loopback: each `server app:8000` line becomes one per replica (without
    `resolve`, which Debian's nginx lacks), `resolver` lines go, nginx listens on `listen`, and the
    per-address chat rate is lifted, since wrk asks from one address."""
    lines = []
    for line in conf.splitlines():
        server = re.fullmatch(r"(\s*)server app:8000 (.*);", line)
        if server:
            options = server[2].replace("resolve", "").strip()
            lines += [f"{server[1]}server 127.0.0.1:{port} {options};" for port in ports]
        elif not re.match(r"\s*resolver\s", line):
            lines.append(line)
    text = "\n".join(lines) + "\n"
    for pattern, replacement in (
        (r"listen 80;", f"listen 127.0.0.1:{listen};"),
        (r"zone=chat:10m rate=\d+r/s", "zone=chat:10m rate=100000r/s"),
    ):
        text, count = re.subn(pattern, replacement, text)
        if count != 1:
            raise RuntimeError(f"{NGINX_CONF}: expected one '{pattern}', found {count}")
    return text


NGINX_MAIN = """\
worker_processes 2;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    # every request: what nginx answered, which replicas it tried, and the question's tag
    log_format soak escape=json '{{"status": $status, "uri": "$uri", "upstream": "$upstream_addr", '
        '"upstream_status": "$upstream_status", "body": "$request_body"}}';
    access_log {dir}/access.log soak;
    include {dir}/assistant.conf;
}}
"""


class Cluster:
    """Replicas and nginx on loopback, sharing one index folder and one question log."""

    def __init__(self, workdir: Path, database_url: str | None) -> None:
        self.workdir = workdir
        self.index_dir = workdir / "index" / "current"
        self.database_url = database_url
        self.replicas = [
            Replica(n, free_port(), workdir / f"replica-{n}.log") for n in range(1, REPLICAS + 1)
        ]
        self.port = free_port()
        self.nginx: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        env = {
            **os.environ,
            "ASSISTANT_RATE_LIMIT": "0",  # every request comes from one address; nginx limits
            "ASSISTANT_INDEX_WATCH_SECONDS": WATCH_SECONDS,
            "ASSISTANT_LOG_QUESTIONS": "1" if self.database_url else "0",
        }
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env

    def start(self, replica: Replica) -> None:
        """Start a replica (output appended to its log file)."""
        command = [cli(), "serve", "--index", str(self.index_dir)]
        command += ["--host", "127.0.0.1", "--port", str(replica.port)]
        with replica.log.open("ab") as log:
            replica.process = subprocess.Popen(
                command, env=self.environment(), stdout=log, stderr=subprocess.STDOUT
            )

    def wait_ready(self, replica: Replica, timeout: float = 300.0) -> float:
        """Seconds until the replica's /readyz says ready; raises with its log if it exits."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if replica.process is None or replica.process.poll() is not None:
                tail = replica.log.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"replica {replica.number} exited: {tail}")
            if served_version(replica.base) is not None:
                return time.monotonic() - started
            time.sleep(0.2)
        raise RuntimeError(f"replica {replica.number} not ready after {timeout:.0f} s")

    def warm(self, replica: Replica) -> None:
        """A question that needs the model, straight to the replica: the model loads on the first
        such question (seconds, not at start), which the cluster's first start should not count.
        A restarted replica gets no warm-up: its cold start is part of what is measured."""
        body = {"message": "is there anything on patient safety?", "context": None}
        httpx.post(f"{replica.base}/api/chat", json=body, timeout=300).raise_for_status()

    def start_nginx(self) -> None:
        """nginx in the foreground, with deploy/nginx.conf rendered for loopback."""
        directory = self.workdir / "nginx"
        directory.mkdir(parents=True, exist_ok=True)
        ports = [r.port for r in self.replicas]
        conf = render_nginx(NGINX_CONF.read_text(), ports, self.port)
        (directory / "assistant.conf").write_text(conf)
        (directory / "nginx.conf").write_text(NGINX_MAIN.format(dir=directory))
        self.nginx = subprocess.Popen(
            ["nginx", "-p", f"{directory}/", "-e", str(directory / "error.log")]
            + ["-c", str(directory / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while served_version(self.base) is None:
            if self.nginx.poll() is not None or time.monotonic() > deadline:
                log = (directory / "error.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"nginx did not come up: {log}")
            time.sleep(0.2)

    def stop(self) -> None:
        """SIGTERM every replica (each finishes and logs what it holds), then nginx (QUIT)."""
        running = [r.process for r in self.replicas if r.process and r.process.poll() is None]
        for process in running:
            process.send_signal(signal.SIGTERM)
        for process in running:
            _wait_or_kill(process, 30)
        if self.nginx and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)
            _wait_or_kill(self.nginx, 15)


def _wait_or_kill(process: subprocess.Popen[bytes], timeout: float) -> None:
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@dataclass
class Timeline:
    """What the events did and when (seconds since the load started)."""

    started: float
    events: list[dict[str, Any]] = field(default_factory=list)
    publish: dict[str, Any] | None = None
    settled: float = 0.0  # when the last event's effect was over
    threads: list[threading.Thread] = field(default_factory=list)

    def now(self) -> float:
        return round(time.monotonic() - self.started, 2)


def act(cluster: Cluster, event: Event, timeline: Timeline) -> None:
    """Do one event; a start is watched in a thread until the replica is ready."""
    replica = cluster.replicas[event.replica]
    record: dict[str, Any] = {"at_s": timeline.now(), "action": event.action}
    if event.action != "publish":
        record["replica"] = replica.number
    timeline.events.append(record)
    process = replica.process
    if event.action in ("kill", "term") and process is not None:
        process.send_signal(signal.SIGKILL if event.action == "kill" else signal.SIGTERM)
        _wait_or_kill(process, 60)
        record["exited_after_s"] = round(timeline.now() - record["at_s"], 2)
        record["exit_code"] = process.returncode
    elif event.action == "start":
        cluster.start(replica)

        def ready() -> None:
            record["ready_after_s"] = round(cluster.wait_ready(replica), 2)
            timeline.settled = max(timeline.settled, timeline.now())

        thread = threading.Thread(target=ready, daemon=True)
        thread.start()
        timeline.threads.append(thread)
    elif event.action == "publish":
        timeline.publish = publish(cluster, timeline)
    timeline.settled = max(timeline.settled, timeline.now())


def publish(cluster: Cluster, timeline: Timeline) -> dict[str, Any]:
    """Build the new programme into the shared folder once, as an operator would, then watch
    every replica (directly, not through nginx) until it serves the new version."""
    before = {r.number: served_version(r.base) for r in cluster.replicas}
    old = {v for v in before.values() if v}
    started = timeline.now()
    build_seconds = build(cluster.index_dir, PUBLISHED)
    done = timeline.now()
    manifest = read_manifest(cluster.index_dir)
    switched: dict[int, float | None] = {r.number: None for r in cluster.replicas}
    while time.monotonic() - timeline.started < done + SWITCH_WATCH_S:
        for replica in cluster.replicas:
            if switched[replica.number] is None:
                version = served_version(replica.base)
                if version and version not in old and on_manifest(version, manifest):
                    switched[replica.number] = round(timeline.now() - done, 2)
        if all(s is not None for s in switched.values()):
            break
        time.sleep(0.1)
    return {
        "started_at_s": started,
        "build_s": round(build_seconds, 2),
        "built_at_s": done,
        "versions_before": before,
        "manifest": {k: manifest.get(k) for k in ("programme_title", "index_version")},
        "switched_after_build_s": switched,
    }


def start_wrk(cluster: Cluster, seconds: float, tag: str, output: Path) -> subprocess.Popen[bytes]:
    """wrk at 32 connections; stopped with SIGINT (it then reports) once the timeline is over."""
    cap = int(seconds * 3 + SWITCH_WATCH_S + 120)  # a hard stop if SIGINT never comes
    with output.open("wb") as out:
        return subprocess.Popen(
            ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{cap}s", f"--timeout={WRK_TIMEOUT_S}s"]
            + ["-s", str(LUA), f"{cluster.base}/api/chat"],
            env={**os.environ, "SOAK_TAG": tag},
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def wrk_result(output: Path) -> dict[str, Any]:
    """The SOAK_RESULT line the Lua script printed."""
    text = output.read_text(errors="replace")
    for line in text.splitlines():
        if line.startswith("SOAK_RESULT "):
            result: dict[str, Any] = json.loads(line.removeprefix("SOAK_RESULT "))
            return result
    raise RuntimeError(f"wrk printed no result: {text[-2000:]}")


def nginx_answers(access_log: Path) -> dict[str, Any]:
    """From nginx's log: chat statuses, requests that nginx retried on another replica, what the
    first tries got, and the tags of the questions answered with a 2xx."""
    statuses: Counter[str] = Counter()
    tried: Counter[str] = Counter()
    retried = 0
    answered: dict[str, str] = {}  # tag -> the replica (address) that answered
    for line in access_log.read_text(errors="replace").splitlines():
        record = json.loads(line)
        if record["uri"] != "/api/chat":
            continue
        statuses[str(record["status"])] += 1
        attempts = [s.strip() for s in record["upstream_status"].split(",")]
        retried += len(attempts) > 1
        tried.update(attempts[:-1])
        tag = TAG.search(record["body"])
        if tag and 200 <= record["status"] < 300:
            answered[tag[1]] = record["upstream"].split(",")[-1].strip()
    return {
        "statuses": dict(statuses),
        "retried_on_another_replica": retried,
        "failed_tries_retried": dict(tried),
        "answered_tags": answered,
    }


def logged_tags(database_url: str, tag: str) -> list[str]:
    """The tags of this run's questions in the question log (one per logged row)."""
    if database_url.startswith(("postgresql://", "postgres://")):
        database_url = "postgresql+psycopg://" + database_url.split("://", 1)[1]
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text("SELECT text FROM questions WHERE text LIKE :pattern"),
                {"pattern": f"%({tag}-%"},
            ).scalars()
            return [m[1] for text in rows if (m := TAG.search(text))]
    finally:
        engine.dispose()


def run_load(cluster: Cluster, scenario: Scenario, seconds: float, tag: str) -> dict[str, Any]:
    """wrk through nginx while the events happen; load stops at the scenario's length or once
    the last event has settled, whichever is later."""
    output = cluster.workdir / "wrk.txt"
    wrk = start_wrk(cluster, seconds, tag, output)
    timeline = Timeline(time.monotonic())
    try:
        for event in scenario.events:
            time.sleep(max(0.0, timeline.started + event.at * seconds - time.monotonic()))
            act(cluster, event, timeline)
        for thread in timeline.threads:
            thread.join(timeout=300)
        end = max(seconds, timeline.settled + SETTLE_S)
        time.sleep(max(0.0, timeline.started + end - time.monotonic()))
    finally:
        wrk.send_signal(signal.SIGINT)
        _wait_or_kill(wrk, 30)
    return {
        "load_s": timeline.now(),
        "events": timeline.events,
        "publish": timeline.publish,
        "wrk": wrk_result(output),
    }


def run_scenario(scenario: Scenario, seconds: float, database_url: str | None) -> dict[str, Any]:
    """A fresh cluster, the scenario under load, then what nginx and the question log saw."""
    workdir = WORKDIR / scenario.name
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    cluster = Cluster(workdir, database_url)
    build(cluster.index_dir, FIRST)
    tag = f"{scenario.name[:4]}{uuid.uuid4().hex[:6]}"
    try:
        for replica in cluster.replicas:
            cluster.start(replica)
        for replica in cluster.replicas:
            cluster.wait_ready(replica)
            cluster.warm(replica)
        cluster.start_nginx()
        print(f"soak-cluster {scenario.name}: {seconds:.0f} s of load ...", flush=True)
        result = run_load(cluster, scenario, seconds, tag)
        result["final_versions"] = {r.number: served_version(r.base) for r in cluster.replicas}
        result["final_manifest"] = read_manifest(cluster.index_dir)
    finally:
        cluster.stop()  # replicas finish and log what they hold before the log is read
    nginx = nginx_answers(cluster.workdir / "nginx" / "access.log")
    answered = nginx.pop("answered_tags")
    result["nginx"] = nginx
    if database_url:
        logged = logged_tags(database_url, tag)
        missing = Counter(answered[t] for t in answered.keys() - set(logged))
        ports = {f"127.0.0.1:{r.port}": r.number for r in cluster.replicas}
        result["question_log"] = {
            "answered_2xx_by_nginx": len(answered),
            "logged": len(logged),
            "logged_distinct": len(set(logged)),
            "answered_not_logged": sum(missing.values()),
            "not_logged_by_replica": {ports.get(a, a): n for a, n in missing.items()},
        }
    result["scenario"] = scenario.name
    result["seconds"] = seconds
    result["failures"] = failures(result)
    return result


def failures(result: dict[str, Any]) -> list[str]:
    """What broke the acceptance checks, in words."""
    found = []
    wrk = result["wrk"]
    socket_errors = sum(wrk["socket_errors"].values())
    if wrk["non_2xx"] or socket_errors:
        found.append(
            f"{wrk['non_2xx']} non-2xx {wrk['non_2xx_by_status']} and "
            f"{socket_errors} socket errors {wrk['socket_errors']} through nginx"
        )
    versions = result["final_versions"]
    if not all(v and on_manifest(v, result["final_manifest"]) for v in versions.values()):
        found.append(f"not every replica serves the folder's index at the end: {versions}")
    publish = result["publish"]
    if publish:
        late = {
            n: s
            for n, s in publish["switched_after_build_s"].items()
            if s is None or s > SWITCH_LIMIT_S
        }
        if late:
            found.append(f"replicas not on the new version {SWITCH_LIMIT_S:.0f} s after: {late}")
    log = result.get("question_log")
    if log and log["answered_not_logged"]:
        found.append(f"{log['answered_not_logged']} answered questions missing from the log")
    return found


def report(result: dict[str, Any]) -> None:
    """The numbers, for a person."""
    wrk, nginx = result["wrk"], result["nginx"]
    print(
        f"  {wrk['requests']} requests in {wrk['seconds']:.0f} s through nginx: "
        f"{wrk['ok_2xx']} 2xx, {wrk['non_2xx']} non-2xx {wrk['non_2xx_by_status'] or ''}, "
        f"socket errors {wrk['socket_errors']}; p50 {wrk['p50_ms']} ms, p99 {wrk['p99_ms']} ms, "
        f"max {wrk['max_ms']} ms"
    )
    print(
        f"  nginx retried {nginx['retried_on_another_replica']} requests on another replica "
        f"(failed first tries: {nginx['failed_tries_retried'] or 'none'})"
    )
    for event in result["events"]:
        details = {k: v for k, v in event.items() if k not in ("at_s", "action", "replica")}
        who = f" replica {event['replica']}" if "replica" in event else ""
        print(f"  {event['at_s']:6.1f} s  {event['action']}{who} {details or ''}")
    if result["publish"]:
        p = result["publish"]
        print(
            f"  publish: build {p['build_s']} s (from {p['started_at_s']} s to "
            f"{p['built_at_s']} s); replicas on the new version after "
            f"{p['switched_after_build_s']} s (limit {SWITCH_LIMIT_S:.0f} s)"
        )
    if "question_log" in result:
        log = result["question_log"]
        print(
            f"  question log: {log['logged']} rows ({log['logged_distinct']} distinct) for "
            f"{log['answered_2xx_by_nginx']} questions nginx answered with a 2xx "
            f"(wrk counted {wrk['ok_2xx']}); answered but not logged: "
            f"{log['answered_not_logged']} {log['not_logged_by_replica'] or ''}"
        )
    print(f"  versions at the end: {result['final_versions']}")
    verdict = "; ".join(result["failures"]) if result["failures"] else "PASS"
    print(f"  {result['scenario']}: {'FAIL: ' if result['failures'] else ''}{verdict}")


def main(argv: list[str] | None = None) -> int:
    """Run the scenarios asked for; 0 when every check holds."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "scenarios", nargs="*", metavar="SCENARIO", help=f"of {', '.join(SCENARIOS)} (default: all)"
    )
    parser.add_argument("--seconds", type=float, help="squeeze each scenario into this long")
    parser.add_argument(
        "--no-log", action="store_true", help="question log off (no PostgreSQL needed)"
    )
    args = parser.parse_args(argv)
    unknown = [name for name in args.scenarios if name not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario {unknown[0]!r}; choose from {', '.join(SCENARIOS)}")
    database_url = None if args.no_log else os.environ.get("DATABASE_URL", "")
    if database_url is not None and not database_url.startswith("postgres"):
        print(
            "soak-cluster: DATABASE_URL must name a PostgreSQL server (make soak-cluster starts "
            "one with .ci/pg-up.sh), or pass --no-log",
            file=sys.stderr,
        )
        return 2
    for tool in ("nginx", "wrk"):
        if shutil.which(tool) is None:
            print(
                f"soak-cluster: {tool} is not installed (apt-get install {tool})", file=sys.stderr
            )
            return 2
    results = []
    for name in args.scenarios or SCENARIOS:
        scenario = SCENARIOS[name]
        result = run_scenario(scenario, args.seconds or scenario.seconds, database_url)
        report(result)
        results.append(result)
    if not args.seconds:  # a squeezed smoke run's numbers are not the ones to keep
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    failed = [r["scenario"] for r in results if r["failures"]]
    print("soak-cluster: " + (f"FAIL ({', '.join(failed)})" if failed else "PASS"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
