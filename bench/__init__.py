"""Benchmarks run by `make bench`; timings live here, never in tests."""
