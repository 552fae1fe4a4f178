"""Prometheus metrics: requests, latency, answers, cache hits, abstentions, the index served.

One registry per app; when a server runs several workers, each writes its values to files in
PROMETHEUS_MULTIPROC_DIR (serve sets it before the workers start) and /metrics adds them up."""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"
CONTENT_TYPE = CONTENT_TYPE_LATEST
# From a cached answer (~1 ms) to a cold one on a busy machine (seconds).
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
LOG_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0)


def multiprocess_mode() -> bool:
    """Whether this process is one of several workers writing to one metrics folder."""
    return bool(os.environ.get(MULTIPROCESS_DIR))


class Metrics:
    """The service's counters; the routes and the request-log middleware update them."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        registry = self.registry
        self.requests = Counter(
            "assistant_http_requests",
            "HTTP requests answered, by route template, method and status.",
            ("route", "method", "status"),
            registry=registry,
        )
        self.latency = Histogram(
            "assistant_http_request_duration_seconds",
            "Time from a request's arrival to its response's last byte, by route template.",
            ("route",),
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.answers = Counter("assistant_answers", "Chat questions answered.", registry=registry)
        self.cache_hits = Counter(
            "assistant_answer_cache_hits",
            "Chat questions answered from the answer cache.",
            registry=registry,
        )
        self.abstentions = Counter(
            "assistant_abstentions",
            "Chat questions the programme did not answer (abstained replies).",
            registry=registry,
        )
        self.log_writes = Histogram(
            "assistant_question_log_write_seconds",
            "Time to write a question to the log, paid before the reply is sent.",
            buckets=LOG_BUCKETS,
            registry=registry,
        )
        self.index = Gauge(
            "assistant_index_info",
            "1 for the index version a worker serves (the manifest's index_version).",
            ("index_version",),
            multiprocess_mode="livemax",  # any live worker still on a version keeps it at 1
            registry=registry,
        )
        self.workers_ready = Gauge(
            "assistant_workers_ready",
            "Workers warmed up and serving, added up over a server's workers.",
            multiprocess_mode="livesum",
            registry=registry,
        )
        self._version: str | None = None

    def serving(self, version: str) -> None:
        """The index version served from now on."""
        if self._version is not None and self._version != version:
            self.index.labels(self._version).set(0)
        self.index.labels(version).set(1)
        self._version = version

    def answered(self, cached: bool, abstained: bool) -> None:
        """Count one chat answer."""
        self.answers.inc()
        if cached:
            self.cache_hits.inc()
        if abstained:
            self.abstentions.inc()

    def exposition(self) -> bytes:
        """The Prometheus text format: this process's values, or every worker's added up."""
        if multiprocess_mode():
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
            return bytes(generate_latest(registry))
        return bytes(generate_latest(self.registry))

    def worker_stopped(self) -> None:
        """Forget this worker's live gauges (its counters stay in the totals)."""
        if multiprocess_mode():
            multiprocess.mark_process_dead(os.getpid())  # type: ignore[no-untyped-call]
