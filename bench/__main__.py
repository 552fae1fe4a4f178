"""`python -m bench [NAME ...]`: the index, answer, HTTP and crowd benchmarks and the slow
questions' profile (default: all), each printing its table."""

from __future__ import annotations

import sys

from bench import answer_bench, crowd_bench, http_bench, index_bench, question_times

BENCHES = {
    "index": index_bench.run,
    "answers": answer_bench.run,
    "http": http_bench.run,
    "crowd": crowd_bench.run,  # wrk must be installed (make bench installs it)
    "questions": question_times.run,  # which first questions are slow, and why
}

if __name__ == "__main__":
    names = sys.argv[1:] or list(BENCHES)
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        sys.exit(f"unknown benchmark {unknown[0]!r}; choose from {', '.join(BENCHES)}")
    for name in names:
        BENCHES[name]()
