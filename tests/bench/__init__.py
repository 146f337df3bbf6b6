"""Benchmarks: python -m tests.bench (see __main__.py). Not collected by pytest (norecursedirs)."""
