"""The deadline rush: 10,000 submissions to one consultation over HTTP by 100 concurrent clients.

Serves a fresh database with gunicorn (sync workers, production-like settings), then:

1. Each client GETs the form once (CSRF cookie and token), then POSTs its share of submissions, each
   with its own one-time form token; every tenth is sent twice (a double click), which must return
   the same receipt number and store nothing new.
2. Checks in the database: zero errors, every token stored exactly once, every receipt a client got
   is stored. Reports throughput and p50/p99 of the POSTs.
3. The same again with one gunicorn worker killed by SIGKILL half way: a client whose request died
   with the worker sends the same form again (as a person would), and every receipt number any
   client got must be in the database.

Usage: .venv/bin/python bench/deadline_rush.py [--postgres] [--count 10000] [--clients 100]
Also run by `bench/run.py --only rush`. Talks only to 127.0.0.1.
"""

import argparse
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
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

SQLITE_PATH = ROOT / "bench" / "rush.sqlite3"
POSTGRES_DB = "samskap_rush"
POSTGRES_URL = f"postgres://samskap:samskap@127.0.0.1:5432/{POSTGRES_DB}"
FORM = "/nb/consultations/rush/frist/send/"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RECEIPT = re.compile(r"/consultations/receipt/(H-[0-9A-Z]{4}-[0-9A-Z]{4})/")


# --- Inside Django (run as a child process with the bench environment) -------------------------


def django_step(step: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskap.settings")
    import django

    django.setup()
    import datetime

    from django.utils import timezone

    from samskap.consultations.models import Consultation, Submission
    from samskap.jurisdictions.models import Jurisdiction

    if step == "setup":
        place = Jurisdiction.objects.create(name="Rush", slug="rush", kind="national", country_code="NOR")
        Consultation.objects.create(
            jurisdiction=place,
            slug="frist",
            title="Fristen nærmer seg",
            body="Send innspill.",
            opens_at=timezone.now() - datetime.timedelta(days=1),
            closes_at=timezone.now() + datetime.timedelta(days=1),
        )
        print(json.dumps({"ok": True}))
    elif step == "verify":
        rows = list(Submission.objects.values_list("form_token", "receipt"))
        print(json.dumps({"rows": [[str(token), receipt] for token, receipt in rows]}))


# --- The clients -------------------------------------------------------------------------------


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    retried: int = 0
    receipts: dict[str, str] = field(default_factory=dict)  # form token -> receipt number
    duplicates_checked: int = 0
    duplicate_mismatches: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def request(port: int, method: str, path: str, body: str | None = None, headers: dict[str, str] | None = None):
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        headers = dict(response.getheaders())
        headers["Set-Cookie"] = "; ".join(response.msg.get_all("Set-Cookie") or [])
        return response.status, headers, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def client(port: int, share: list[str], tally: Tally, started: threading.Event, retry_on_failure: bool) -> None:
    status, headers, body = request(port, "GET", FORM)
    match = CSRF_INPUT.search(body)
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))
    if status != 200 or not match or not cookie:
        with tally.lock:
            tally.errors.append(f"form: HTTP {status}")
        return
    csrf, cookie_value = match.group(1), cookie.group(1)
    started.wait()
    for number, token in enumerate(share):
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": csrf,
                "form_token": token,
                "name": f"Innsender {token[:8]}",
                "email": f"{token[:8]}@example.no",
                "respondent_type": "citizen",
                "text": f"Innspill {token}: kommunene bør publisere postjournalene sine.",
                "consent": "named",
            }
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie_value}",
            "Referer": f"http://{HOST}:{port}{FORM}",
        }
        sends = 2 if number % 10 == 0 else 1
        receipts = []
        for _send in range(sends):
            for attempt in range(5):
                began = time.monotonic()
                try:
                    status, answer, _body = request(port, "POST", FORM, data, headers)
                except OSError as error:
                    if retry_on_failure and attempt < 4:
                        with tally.lock:
                            tally.retried += 1
                        continue
                    with tally.lock:
                        tally.errors.append(f"POST: {error.__class__.__name__}")
                    break
                elapsed = time.monotonic() - began
                found = RECEIPT.search(answer.get("Location", ""))
                with tally.lock:
                    tally.latencies.append(elapsed)
                    if status == 302 and found:
                        receipts.append(found.group(1))
                    elif retry_on_failure and status >= 500 and attempt < 4:
                        tally.retried += 1
                        continue
                    else:
                        tally.errors.append(f"POST: HTTP {status}")
                break
        with tally.lock:
            if receipts:
                tally.receipts[token] = receipts[0]
            if len(receipts) == 2:
                tally.duplicates_checked += 1
                tally.duplicate_mismatches += receipts[0] != receipts[1]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def worker_pids(master: int) -> list[int]:
    done = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True, check=False)
    return [int(pid) for pid in done.stdout.split()]


def rush(port: int, server: subprocess.Popen[bytes], count: int, clients: int, kill: bool) -> dict[str, Any]:
    tokens = [str(uuid.uuid4()) for _ in range(count)]
    shares = [tokens[i::clients] for i in range(clients)]
    tally = Tally()
    started = threading.Event()
    threads = [
        threading.Thread(target=client, args=(port, share, tally, started, kill), daemon=True) for share in shares
    ]
    for thread in threads:
        thread.start()
    time.sleep(1.0)  # every client has its CSRF token
    began = time.monotonic()
    started.set()
    killed = None
    if kill:
        while len(tally.receipts) < count // 2 and any(t.is_alive() for t in threads):
            time.sleep(0.05)
        pids = worker_pids(server.pid)
        if pids:
            killed = pids[0]
            os.kill(killed, signal.SIGKILL)
    for thread in threads:
        thread.join(timeout=900)
    elapsed = time.monotonic() - began
    requests = len(tally.latencies)
    return {
        "tokens": tokens,
        "tally": tally,
        "summary": {
            "submissions": count,
            "clients": clients,
            "requests": requests,
            "duration_s": round(elapsed, 2),
            "requests_per_second": round(requests / elapsed, 1) if elapsed else 0,
            "submissions_per_second": round(len(tally.receipts) / elapsed, 1) if elapsed else 0,
            "p50_ms": round(1000 * percentile(tally.latencies, 0.50), 1),
            "p99_ms": round(1000 * percentile(tally.latencies, 0.99), 1),
            "errors": len(tally.errors),
            "error_kinds": sorted(set(tally.errors))[:10],
            "retried_after_failure": tally.retried,
            "double_clicks": tally.duplicates_checked,
            "double_clicks_with_another_receipt": tally.duplicate_mismatches,
            "killed_worker": killed,
        },
    }


def verify(env: dict[str, str], run: dict[str, Any]) -> dict[str, Any]:
    output = run_step("count in the database", [PYTHON, __file__, "--django-step", "verify"], env, timeout=300)
    stored = json.loads(output)["rows"]
    by_token: dict[str, list[str]] = {}
    for token, receipt in stored:
        by_token.setdefault(token, []).append(receipt)
    tally: Tally = run["tally"]
    missing_receipts = [t for t, r in tally.receipts.items() if by_token.get(t) != [r]]
    return {
        "stored": len(stored),
        "stored_once": all(len(v) == 1 for v in by_token.values()),
        "receipts_given": len(tally.receipts),
        "receipts_missing_in_database": len(missing_receipts),
        "tokens_not_stored": sum(1 for t in run["tokens"] if t not in by_token),
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


def one_run(*, postgres: bool, count: int, clients: int, workers: int, kill: bool) -> dict[str, Any]:
    database_url = prepare(postgres)
    env = bench_env(database_url)
    run_step("migrate", [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env, timeout=300)
    run_step("consultation", [PYTHON, __file__, "--django-step", "setup"], env, timeout=120)
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = RESULTS / "rush-gunicorn.log"
    port = free_port()
    server = start_gunicorn(env, port, workers, log)
    try:
        wait_until_healthy(server, port, log)
        run = rush(port, server, count, clients, kill)
    finally:
        stop(server)
    result: dict[str, Any] = {"database": "postgresql" if postgres else "sqlite", "sigkill": kill, "workers": workers}
    result.update(run["summary"])
    result.update(verify(env, run))
    result["ok"] = (
        result["receipts_given"] > 0
        and result["stored_once"]
        and result["receipts_missing_in_database"] == 0
        and result["double_clicks_with_another_receipt"] == 0
        and (kill or (result["errors"] == 0 and result["stored"] == count and result["tokens_not_stored"] == 0))
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (4)")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL only (default: SQLite, then PostgreSQL)")
    parser.add_argument("--sqlite", action="store_true", help="SQLite only")
    parser.add_argument("--skip-kill", action="store_true", help="no run with a worker SIGKILLed (a quick comparison)")
    parser.add_argument("--django-step", choices=["setup", "verify"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.django_step:
        django_step(args.django_step)
        return 0
    databases = [True] if args.postgres else [False] if args.sqlite else [False, True]
    results = []
    try:
        for postgres in databases:
            for kill in (False,) if args.skip_kill else (False, True):
                label = f"{'PostgreSQL' if postgres else 'SQLite'}{', one worker SIGKILLed' if kill else ''}"
                print(f"Deadline rush: {args.count} submissions, {args.clients} clients, {label}", flush=True)
                result = one_run(
                    postgres=postgres, count=args.count, clients=args.clients, workers=args.workers, kill=kill
                )
                results.append(result)
                print(json.dumps({k: v for k, v in result.items() if k != "error_kinds"}), flush=True)
    except BenchError as error:
        print(f"deadline rush: {error}", file=sys.stderr)
        return 2
    (RESULTS / "rush.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\n{'run':<34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'stored':>7}  ok")
    for r in results:
        name = f"{r['database']}{' + SIGKILL' if r['sigkill'] else ''}"
        print(
            f"{name:<34} {r['requests_per_second']:>8} {r['p50_ms']:>8} {r['p99_ms']:>8} {r['errors']:>7} "
            f"{r['stored']:>7}  {r['ok']}"
        )
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
