"""The published-submissions list and its search over 200,000 submissions: p50 and p95.

Generates one consultation with 200,000 submissions (bulk_create, fixed seed; Norwegian text built
from a word list, so word forms such as "kommune", "kommunen", "kommunene" occur), serves it with
gunicorn and times the list page, a deep page, the filters and full-text searches, each over
`--requests` requests from `--concurrency` clients.

Usage: .venv/bin/python bench/submission_search.py [--postgres | --sqlite] [--count 200000]
Also run by `bench/run.py --only search`. Talks only to 127.0.0.1.
"""

import argparse
import http.client
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.run import (  # noqa: E402
    HOST,
    PYTHON,
    RESULTS,
    BenchError,
    bench_env,
    free_port,
    run_step,
    start_gunicorn,
    stop,
    wait_until_healthy,
)
from bench.submissions import add_submissions  # noqa: E402

SQLITE_PATH = ROOT / "bench" / "search.sqlite3"
POSTGRES_DB = "samskap_search"
POSTGRES_URL = f"postgres://samskap:samskap@127.0.0.1:5432/{POSTGRES_DB}"
BASE = "/nb/consultations/sok/innspill/submissions/"


SCENARIOS: list[tuple[str, str]] = [
    ("list, page 1", ""),
    ("list, page 100", "?page=100"),
    ("filter: respondent type", "?respondent_type=business"),
    ("filter: outcome", "?outcome=taken_up"),
    ("search: kommune (common)", "?q=kommune"),
    ("search: postjournalene", "?q=postjournalene"),
    ("search: two words", "?q=reelle+rettighetshavere"),
    ("search: rare word", "?q=ungdommen+algoritmer+kart"),
    ("search + filter", "?q=innsyn&respondent_type=civil_society"),
]


def django_step(count: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskap.settings")
    import django

    django.setup()
    import datetime
    import random

    from django.db import connection

    from samskap.consultations.models import Consultation, Outcome, Response
    from samskap.jurisdictions.models import Jurisdiction

    rng = random.Random(20171)
    started = time.monotonic()
    place = Jurisdiction.objects.create(
        name="Søkeland", slug="sok", kind="national", country_code="NOR", default_language="nb"
    )
    base = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    consultation = Consultation.objects.create(
        jurisdiction=place,
        slug="innspill",
        title="Innspill",
        body="Tekst",
        opens_at=base,
        closes_at=base + datetime.timedelta(days=60),
    )
    responses = [
        Response.objects.create(consultation=consultation, outcome=rng.choice(Outcome.values), reason="Begrunnelse")
        for _ in range(200)
    ]
    add_submissions(consultation, count, rng, responses, start=base)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(json.dumps({"submissions": count, "seconds": round(time.monotonic() - started, 1)}))


def get(port: int, path: str) -> tuple[int, float]:
    began = time.monotonic()
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, time.monotonic() - began
    finally:
        connection.close()


def measure(port: int, path: str, requests: int, concurrency: int) -> dict[str, Any]:
    status, _elapsed = get(port, path)  # warm up (and check) once
    if status != 200:
        return {"path": path, "error": f"HTTP {status}"}
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    remaining = [requests]

    def client() -> None:
        nonlocal errors
        while True:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            status, elapsed = get(port, path)
            with lock:
                latencies.append(elapsed)
                errors += status != 200

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "path": path,
        "requests": len(latencies),
        "errors": errors,
        "p50_ms": round(1000 * latencies[len(latencies) // 2], 1),
        "p95_ms": round(1000 * latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 1),
    }


def prepare(postgres: bool) -> str:
    env = bench_env("")
    if postgres:
        run_step("PostgreSQL running", ["bash", "scripts/ensure-postgres.sh"], env, timeout=120)
        prefix = [] if os.geteuid() != 0 else ["runuser", "-u", "postgres", "--"]
        subprocess.run([*prefix, "dropdb", "--if-exists", "--force", POSTGRES_DB], check=False, capture_output=True)
        run_step(f"create {POSTGRES_DB}", [*prefix, "createdb", "-O", "samskap", POSTGRES_DB], env, timeout=60)
        return POSTGRES_URL
    for suffix in ("", "-wal", "-shm"):
        SQLITE_PATH.with_name(SQLITE_PATH.name + suffix).unlink(missing_ok=True)
    return f"sqlite:///{SQLITE_PATH}"


def one_database(postgres: bool, args: argparse.Namespace) -> list[dict[str, Any]]:
    env = bench_env(prepare(postgres))
    run_step("migrate", [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env, timeout=300)
    run_step(
        f"generate {args.count} submissions",
        [PYTHON, __file__, "--django-step", "--count", str(args.count)],
        env,
        timeout=900,
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = RESULTS / "search-gunicorn.log"
    port = free_port()
    server = start_gunicorn(env, port, args.workers, log)
    rows = []
    try:
        wait_until_healthy(server, port, log)
        for name, query in SCENARIOS:
            row = {"database": "postgresql" if postgres else "sqlite", "scenario": name}
            row.update(measure(port, BASE + query, args.requests, args.concurrency))
            rows.append(row)
            print(json.dumps(row), flush=True)
    finally:
        stop(server)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=100, help="requests per scenario (100)")
    parser.add_argument("--concurrency", type=int, default=2, help="concurrent clients (2)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--django-step", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.django_step:
        django_step(args.count)
        return 0
    databases = [True] if args.postgres else [False] if args.sqlite else [False, True]
    rows: list[dict[str, Any]] = []
    try:
        for postgres in databases:
            print(f"Submission list and search: {args.count} submissions, {'PostgreSQL' if postgres else 'SQLite'}")
            rows += one_database(postgres, args)
    except BenchError as error:
        print(f"submission search: {error}", file=sys.stderr)
        return 2
    (RESULTS / "search.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"\n{'database':<11} {'scenario':<30} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for row in rows:
        print(
            f"{row['database']:<11} {row['scenario']:<30} {row.get('p50_ms', '-'):>8} {row.get('p95_ms', '-'):>8} "
            f"{row.get('errors', row.get('error')):>7}"
        )
    return 0 if all(row.get("errors") == 0 for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
