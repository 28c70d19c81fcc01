"""The site search measured in-process: Django's test client over the generated bench database.

    DATABASE_URL=sqlite:///bench/bench.sqlite3 .venv/bin/python bench/site_search.py [--requests 50]

No server and no load generator, so the figure is the view's own time (the machine may be shared):
each of the `site-search` scenario's URLs in turn, `--requests` in all after one warm-up round, with
p50/p95/max in milliseconds, the queries of each URL and the load average. Each request is rendered:
the page cache is emptied before it.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskap.settings")
os.environ.setdefault("SAMSKAP_ALLOW_INSECURE_KEY", "1")
os.environ.setdefault("SAMSKAP_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.scenarios import site_search_paths  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args(argv)
    client = Client()
    paths = site_search_paths(50)
    queries = {}
    for path in paths:  # warm-up, and every URL must answer
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        queries[path] = len(captured)
    times: dict[str, list[float]] = {path: [] for path in paths}
    for n in range(args.requests):
        path = paths[n % len(paths)]
        cache.clear()  # the view's own work: a repeated search is otherwise a page-cache hit
        start = time.perf_counter()
        client.get(path)
        times[path].append((time.perf_counter() - start) * 1000)
    every = sorted(t for ts in times.values() for t in ts)
    p95 = every[min(len(every) - 1, round(0.95 * len(every)) - 1)]
    print(f"{connection.vendor}, load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    print(f"all {len(every)} requests: p50 {statistics.median(every):.1f} ms, p95 {p95:.1f} ms, max {every[-1]:.1f} ms")
    for path, ts in times.items():
        print(f"  {statistics.median(ts):7.1f} ms median  {queries[path]:3d} queries  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
