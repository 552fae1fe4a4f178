"""`python -m bench`: the index, answer and HTTP benchmarks, each printing its table."""

from __future__ import annotations

from bench import answer_bench, http_bench, index_bench

if __name__ == "__main__":
    index_bench.run()
    answer_bench.run()
    http_bench.run()
