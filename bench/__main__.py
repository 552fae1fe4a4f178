"""`python -m bench`: runs the index benchmark (more benchmarks join here)."""

from __future__ import annotations

from bench import index_bench

if __name__ == "__main__":
    index_bench.run()
