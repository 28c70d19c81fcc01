"""Benchmarks: a large generated dataset and a load test under gunicorn (`make bench`)."""
