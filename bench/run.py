"""`make bench`: generate the large dataset, serve it with gunicorn and load-test pages with wrk.

Each scenario (bench/scenarios.py) is measured against one URL and, when it has several, round-robin
over up to 50 URLs. Every page's requests per second is compared with the trivial /ping/ view's.
Results are printed and written to bench/results/latest.json. Exits non-zero when any scenario
answered with an error or a redirect, or the harness itself could not run. See bench/README.md.
"""

import argparse
import datetime
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.loadtest import LoadTestError, WrkResult, ensure_wrk, run_wrk  # noqa: E402

BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
SQLITE_PATH = BENCH / "bench.sqlite3"
# Several checkouts on one machine each keep their own PostgreSQL bench database.
POSTGRES_DB = os.environ.get("SAMSKAP_BENCH_PG_DB", "samskap_bench")
POSTGRES_URL = f"postgres://samskap:samskap@127.0.0.1:5432/{POSTGRES_DB}"
HOST = "127.0.0.1"  # the bench never talks to anything else
TARGET_RATIO = 0.5
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
GUNICORN = str(VENV_BIN / "gunicorn") if (VENV_BIN / "gunicorn").exists() else "gunicorn"


class BenchError(RuntimeError):
    """The harness could not set up or run; the message says what to do."""


@dataclass
class Row:
    scenario: str
    description: str
    urls: int
    example_path: str
    result: WrkResult | None = None
    error: str | None = None
    ratio: float | None = None
    target: float = TARGET_RATIO

    @property
    def ok(self) -> bool:
        return self.error is None and self.result is not None and self.result.failed_requests == 0

    @property
    def label(self) -> str:
        return f"{self.scenario} ({self.urls} URL{'s' if self.urls > 1 else ''})"

    def as_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "description": self.description,
            "urls": self.urls,
            "example_path": self.example_path,
            **(self.result.as_dict() if self.result else {}),
            "ratio_to_baseline": self.ratio,
            "target_ratio": self.target,
            "meets_target": None if self.ratio is None else self.ratio >= self.target,
            "ok": self.ok,
            "error": self.error,
        }


# --- Setting up ------------------------------------------------------------------------------


def bench_env(database_url: str) -> dict[str, str]:
    """The environment of every child: production-like settings (no debug, manifest static files)."""
    env = {key: value for key, value in os.environ.items() if key != "SAMSKAP_DEBUG"}
    env.update(
        DATABASE_URL=database_url,
        SAMSKAP_ALLOW_INSECURE_KEY="1",
        SAMSKAP_API_ANON_RATE="off",  # the API's anonymous rate limit would answer wrk with 429s
        SAMSKAP_INTAKE_THROTTLE="off",  # the deadline rush sends 10,000 submissions from one address
        SAMSKAP_ALLOWED_HOSTS=HOST,
        DJANGO_SETTINGS_MODULE="samskap.settings",
        PYTHONPATH=str(ROOT),
    )
    return env


def run_step(what: str, command: list[str], env: dict[str, str], timeout: float, *, quiet: bool = True) -> str:
    """Run a setup command from the repository root; on failure raise with its output."""
    started = time.monotonic()
    try:
        done = subprocess.run(command, cwd=ROOT, env=env, timeout=timeout, check=False, text=True, capture_output=quiet)
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"{what}: did not finish within {timeout:.0f} s") from error
    except OSError as error:
        raise BenchError(f"{what}: could not run {command[0]} ({error})") from error
    if done.returncode != 0:
        output = f"{done.stdout or ''}{done.stderr or ''}".strip()
        raise BenchError(f"{what} failed (exit {done.returncode}): {' '.join(command)}\n{output[-3000:]}")
    print(f"  {what}: {time.monotonic() - started:.1f} s", flush=True)
    return done.stdout or ""


def prepare_sqlite(*, reuse: bool) -> str:
    if reuse:
        if not SQLITE_PATH.exists():
            raise BenchError(f"--skip-generate: {SQLITE_PATH.relative_to(ROOT)} does not exist; run without it once.")
    else:
        for suffix in ("", "-wal", "-shm", "-journal"):
            SQLITE_PATH.with_name(SQLITE_PATH.name + suffix).unlink(missing_ok=True)
    return f"sqlite:///{SQLITE_PATH}"


def prepare_postgres(env: dict[str, str], *, reuse: bool) -> str:
    run_step("PostgreSQL running", ["bash", "scripts/ensure-postgres.sh"], env, timeout=120)

    def as_postgres(*command: str) -> list[str]:
        return list(command) if os.geteuid() != 0 else ["runuser", "-u", "postgres", "--", *command]

    exists = (
        run_step(
            "database lookup",
            as_postgres(
                "psql",
                "-tAq",
                "-d",
                "postgres",
                "-c",
                f"SELECT 1 FROM pg_database WHERE datname = '{POSTGRES_DB}'",  # noqa: S608 - a constant
            ),
            env,
            timeout=60,
        ).strip()
        == "1"
    )
    if reuse and not exists:
        raise BenchError(f"--skip-generate: the database {POSTGRES_DB} does not exist; run without it once.")
    if not reuse:
        if exists:  # --force ends sessions a crashed earlier run may have left behind
            run_step(f"drop {POSTGRES_DB}", as_postgres("dropdb", "--force", POSTGRES_DB), env, timeout=120)
        run_step(f"create {POSTGRES_DB}", as_postgres("createdb", "-O", "samskap", POSTGRES_DB), env, timeout=120)
    return POSTGRES_URL


def collectstatic_if_needed(env: dict[str, str]) -> None:
    """The manifest storage answers 500 for any file missing from the manifest, so keep it current."""
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    sources = [path for path in (ROOT / "static").rglob("*") if path.is_file()]
    newest = max((path.stat().st_mtime for path in sources), default=0.0)
    if manifest.exists() and manifest.stat().st_mtime >= newest:
        print("  collectstatic: up to date", flush=True)
        return
    run_step("collectstatic", [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env, timeout=300)


def load_scenarios(env: dict[str, str], limit: int) -> dict[str, Any]:
    output = run_step("choose URLs", [PYTHON, "-m", "bench.scenarios", "--limit", str(limit)], env, timeout=120)
    data: dict[str, Any] = json.loads(output)
    return data


# --- Serving ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def http_get(port: int, path: str, timeout: float = 30, headers: dict[str, str] | None = None) -> tuple[int, str]:
    """Status and the start of the body; no redirects followed (a redirect is a finding, not a page)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read(2000).decode("utf-8", "replace")
    finally:
        connection.close()


def start_gunicorn(env: dict[str, str], port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    command = [
        GUNICORN,
        "samskap.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--no-control-socket",  # leave ~/.gunicorn alone; several benches may run side by side
        "--error-logfile",
        "-",
    ]
    with log.open("wb") as output:
        # A session of its own, so stopping it can reach the workers too, and only them.
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )


def wait_until_healthy(server: subprocess.Popen[bytes], port: int, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"gunicorn exited (status {server.returncode}):\n{tail(log)}")
        try:
            status, body = http_get(port, "/health/", timeout=5)
            if status == 200:
                return
            last = f"HTTP {status}: {body[:300]}"
        except OSError as error:
            last = str(error)
        time.sleep(0.25)
    raise BenchError(f"/health/ did not answer 200 within {timeout:.0f} s ({last}).\n{tail(log)}")


def stop(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM lets gunicorn stop its workers; SIGKILL to its own process group if it hangs."""
    if server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


# --- Measuring -------------------------------------------------------------------------------


def check_paths(port: int, paths: list[str], headers: dict[str, str] | None = None) -> str | None:
    """One GET per path before the load: wrk does not count redirects, and a 500 page is fast."""
    deadline = time.monotonic() + 120
    for path in paths:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return f"checking the URLs took over 120 s (stopped at {path})"
        try:
            status, body = http_get(port, path, timeout=min(30, remaining), headers=headers)
        except OSError as error:
            return f"GET {path}: {error}"
        if not 200 <= status < 300:
            title = re.search(r"<title>(.*?)</title>", body, re.DOTALL | re.IGNORECASE)
            summary = title.group(1) if title else body
            return f"GET {path} answered HTTP {status}: {' '.join(summary.split())[:200]}"
    return None


def measure(
    wrk: str, port: int, scenario: dict[str, Any], paths: list[str], args: argparse.Namespace, log: Path
) -> Row:
    row = Row(scenario["name"], scenario["description"], urls=len(paths), example_path=paths[0])
    row.target = scenario.get("target", TARGET_RATIO)
    print(f"  {row.label}: {paths[0]}{' ...' if len(paths) > 1 else ''}", flush=True)
    cookie = scenario.get("cookie")
    row.error = check_paths(port, paths, {"Cookie": cookie} if cookie else None)
    if row.error:
        print(f"    FAILED: {row.error}", flush=True)
        return row
    base = f"http://{HOST}:{port}"
    options: dict[str, Any] = {"threads": args.threads, "connections": args.connections, "headers": []}
    if cookie:  # a logged-in visitor: pages built for them, never from the page cache
        options["headers"].append(f"Cookie: {cookie}")
    if args.gzip:  # as browsers ask: the cached answers are then served from their stored gzip
        options["headers"].append("Accept-Encoding: gzip")
    try:
        if args.warmup > 0:  # fills caches and starts lazy imports; not counted
            run_wrk(wrk, base, paths, duration=args.warmup, **options)
        row.result = run_wrk(wrk, base, paths, duration=args.duration, **options)
    except LoadTestError as error:
        row.error = str(error)
        print(f"    FAILED: {row.error}", flush=True)
        return row
    with log.open("a", encoding="utf-8") as output:
        output.write(f"### {row.label}\n{row.result.output}\n")
    if row.result.failed_requests:
        row.error = (
            f"{row.result.non_2xx} responses with status >= 400, socket errors {row.result.socket_errors or 'none'}"
        )
        print(f"    FAILED: {row.error}", flush=True)
    return row


def print_table(rows: list[Row], baseline: str) -> None:
    header = f"{'scenario':<28} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'ratio':>7}  note"
    print("\n" + header + "\n" + "-" * len(header))
    for row in rows:
        if row.result is None:
            print(f"{row.label:<28} {'-':>9} {'-':>9} {'-':>9} {'-':>7}  FAILED: {(row.error or '')[:80]}")
            continue
        ratio = "-" if row.ratio is None else f"{row.ratio:.2f}"
        if not row.ok:
            note = f"FAILED: {row.error}"
        elif row.scenario == baseline:
            note = "baseline"
        elif row.ratio is not None and row.ratio < row.target:
            note = f"below target ({row.target})"
        else:
            note = ""
        r = row.result
        print(f"{row.label:<28} {r.requests_per_second:>9.1f} {r.p50_ms:>9.2f} {r.p99_ms:>9.2f} {ratio:>7}  {note}")
    print(
        f"\nratio = the page's req/s divided by the baseline's ({baseline}); the target is >= {TARGET_RATIO} "
        "(pages built for one visitor, never shared: logged-in pages, blank forms with the visitor's tokens: >= 0.1)."
    )


def git_revision() -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


# --- Open-data steps: the import, the bulk download and the API's queries ----------------------

#: Steps that are not load tests; `--only NAME` selects them (`--only api` also runs api-queries).
OPENDATA_STEPS = ("import", "download", "api-queries", "dashboard-render")
LONG_STEPS = ("import", "download")


class _SkipLoadTest(Exception):
    """Only extra steps were chosen: no server, no wrk."""


def run_opendata_steps(args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    chosen = set(args.only or [])
    # The long runs (the 100x import, the whole-site downloads) only with --long or when named in --only.
    default = [step for step in OPENDATA_STEPS if args.long or step not in LONG_STEPS]
    wanted = [
        step
        for step in OPENDATA_STEPS
        if (not chosen and step in default)
        or step in chosen
        or (step == "api-queries" and "api" in chosen)
        or (step == "dashboard-render" and "dashboard" in chosen)
    ]
    results: dict[str, Any] = {}
    if "api-queries" in wanted:
        output = run_step("API queries and latency", [PYTHON, "-m", "bench.scenarios", "--api"], env, timeout=900)
        results["api"] = json.loads(output)["api"]
        print(f"\n{'API list (in-process)':<44} {'queries':>7} {'p50 ms':>9} {'p99 ms':>9}")
        for row in results["api"]:
            print(f"{row['path']:<44} {row['queries']:>7} {row['p50_ms']:>9.2f} {row['p99_ms']:>9.2f}")
    if "dashboard-render" in wanted:
        output = run_step("dashboard of 100 plans", [PYTHON, "-m", "bench.scenarios", "--dashboard"], env, timeout=900)
        board = results["dashboard"] = json.loads(output)["dashboard"]
        for kind in ("rendered", "after_plan_edit", "signed_in", "cached"):
            row = board[kind]
            print(
                f"dashboard, {board['plans']} plans and {board['commitments']:,} commitments ({kind}): "
                f"p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms, p99 {row['p99_ms']} ms, {row['queries']} queries"
            )
        print(f"dashboard target (rendered p95 < 100 ms): {'met' if board['meets_target'] else 'NOT met'}")
    if "download" in wanted:
        output = run_step("whole-site downloads", [PYTHON, "-m", "bench.download_bench"], env, timeout=3600)
        results["download"] = json.loads(output)
        for kind, figures in results["download"]["downloads"].items():
            print(
                f"whole-site {kind}: {figures['seconds']:.1f} s, {figures['megabytes']} MB, "
                f"peak memory {figures['peak_memory_mb']} MB (+{figures['memory_growth_mb']} MB)"
            )
    if "import" in wanted:
        scales = ["--scale", "1", "--scale", str(args.import_scale)]
        # With --postgres the import runs on PostgreSQL too, in a database of its own (see import_bench).
        scales += ["--postgres"] if args.postgres else []
        output = run_step("IRM import", [PYTHON, "-m", "bench.import_bench", *scales], env, timeout=14400)
        results["import"] = json.loads(output)
        for run in results["import"]["runs"]:
            print(
                f"import x{run['scale']}: {run['rows']:,} rows in {run['import_seconds']:.1f} s, "
                f"peak memory {run['peak_memory_mb']} MB (RSS {run['rss_first_chunk_mb']} MB after the first chunk, "
                f"{run['rss_last_chunk_mb']} MB after the last)"
            )
    return results


# --- The run ---------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=6, help="seconds of each measured wrk run (6)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of the uncounted run before each (2)")
    parser.add_argument("--connections", type=int, default=16, help="open connections (16)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="gunicorn sync workers (cores)")
    parser.add_argument("--paths", type=int, default=50, help="most URLs in a scenario's varied row (50)")
    parser.add_argument("--postgres", action="store_true", help=f"use PostgreSQL ({POSTGRES_DB}) instead of SQLite")
    # Browsers, feed readers and HTTP libraries (requests, curl --compressed) ask for gzip; wrk does not.
    parser.add_argument(
        "--plain",
        dest="gzip",
        action="store_false",
        help="send no Accept-Encoding (as wrk alone does); by default every row, the baseline too, asks for gzip",
    )
    parser.add_argument("--skip-generate", action="store_true", help="reuse the existing bench database")
    parser.add_argument("--only", action="append", metavar="SCENARIO", help="run only these (the baseline always runs)")
    parser.add_argument(
        "--long", action="store_true", help="also the long runs: the IRM import at --import-scale, whole-site downloads"
    )
    parser.add_argument("--import-scale", type=int, default=100, help="size of the synthetic IRM file (x the real one)")
    args = parser.parse_args(argv)
    if args.connections < args.threads:
        parser.error("--connections must be at least --threads")
    return args


#: Optional steps with their own harness, chosen with --only (never part of the default run).
EXTRA_STEPS = {"rush": "bench/deadline_rush.py", "search": "bench/submission_search.py"}


def run_extra_steps(args: argparse.Namespace) -> int | None:
    """Run `--only rush` / `--only search`; None when no other scenario was asked for either."""
    extra = [name for name in (args.only or []) if name in EXTRA_STEPS]
    if not extra:
        return None
    status = 0
    for name in extra:
        command = [PYTHON, EXTRA_STEPS[name], "--postgres" if args.postgres else "--sqlite"]
        status = max(status, subprocess.run(command, cwd=ROOT, check=False).returncode)
    args.only = [name for name in args.only if name not in EXTRA_STEPS]
    return status if not args.only else None


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    extra_status = run_extra_steps(args)
    if extra_status is not None:
        return extra_status

    def interrupted(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)  # unwinds through the finally that stops gunicorn

    signal.signal(signal.SIGTERM, interrupted)
    RESULTS.mkdir(parents=True, exist_ok=True)
    gunicorn_log, wrk_log = RESULTS / "gunicorn.log", RESULTS / "wrk.log"
    wrk_log.write_text("", encoding="utf-8")
    started_at = datetime.datetime.now(datetime.UTC)
    load_before = os.getloadavg()
    if load_before[0] > 0.5 * (os.cpu_count() or 1):
        # wrk and gunicorn share the cores with whatever else runs: the figures will be noisy.
        print(f"Note: the machine is busy (load average {load_before[0]:.2f}); expect noisy figures.", flush=True)
    server: subprocess.Popen[bytes] | None = None
    rows: list[Row] = []
    catalogue: dict[str, Any] = {}
    try:
        wrk = ensure_wrk()
        print(f"Preparing the {'PostgreSQL' if args.postgres else 'SQLite'} bench database", flush=True)
        env = bench_env("")
        database_url = (
            prepare_postgres(env, reuse=args.skip_generate)
            if args.postgres
            else prepare_sqlite(reuse=args.skip_generate)
        )
        env = bench_env(database_url)
        if args.skip_generate:
            run_step("migrate", [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env, timeout=300)
        else:
            run_step("generate", [PYTHON, "bench/generate.py"], env, timeout=600, quiet=False)
        collectstatic_if_needed(env)
        catalogue = load_scenarios(env, args.paths)
        baseline = catalogue["baseline"]
        wrk_only = [name for name in args.only or [] if name not in OPENDATA_STEPS]
        scenarios = [s for s in catalogue["scenarios"] if not args.only or s["name"] in {baseline, *wrk_only}]
        unknown = set(wrk_only) - {s["name"] for s in catalogue["scenarios"]}
        if unknown:
            raise BenchError(f"Unknown scenario(s): {', '.join(sorted(unknown))}")
        if args.only and not wrk_only:
            scenarios = []  # only the extra steps (import, download, api-queries)

        port = free_port()
        if not scenarios:
            raise _SkipLoadTest
        print(f"Starting gunicorn on {HOST}:{port} with {args.workers} sync workers", flush=True)
        server = start_gunicorn(env, port, args.workers, gunicorn_log)
        wait_until_healthy(server, port, gunicorn_log)
        print(
            f"Load-testing: wrk -t{args.threads} -c{args.connections} -d{args.duration}s "
            f"(after a {args.warmup} s warm-up)",
            flush=True,
        )
        for scenario in scenarios:
            # A section's row from the sitemap registry is measured over its addresses only (the default run
            # stays under ten minutes); the hand-written rows with one address too.
            variants = [] if scenario.get("varied_only") and len(scenario["paths"]) > 1 else [scenario["paths"][:1]]
            if len(scenario["paths"]) > 1:
                variants.append(scenario["paths"])
            for paths in variants:
                rows.append(measure(wrk, port, scenario, paths, args, wrk_log))
    except _SkipLoadTest:
        pass
    except (BenchError, LoadTestError) as error:
        print(f"\nbench: {error}", file=sys.stderr)
        return 2
    finally:
        if server is not None:
            stop(server)
    try:
        extra = run_opendata_steps(args, env)
    except BenchError as error:
        print(f"\nbench: {error}", file=sys.stderr)
        return 2

    base = next((r for r in rows if r.scenario == baseline and r.urls == 1 and r.ok), None)
    for row in rows:
        if base and base.result and row.result:
            row.ratio = row.result.requests_per_second / base.result.requests_per_second
    print_table(rows, baseline)
    failed = [row.label for row in rows if not row.ok]
    report = {
        "started_at": started_at.isoformat(timespec="seconds"),
        "finished_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "git_revision": git_revision(),
        "database": "postgresql" if args.postgres else "sqlite",
        "dataset": catalogue["dataset"],
        "server": {
            "gunicorn_workers": args.workers,
            "worker_class": "sync",
            "cpu_count": os.cpu_count(),
            "gzip": args.gzip,
        },
        "load_average_before": [round(value, 2) for value in load_before],
        "wrk": {
            "threads": args.threads,
            "connections": args.connections,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
        },
        "baseline": baseline,
        "target_ratio": TARGET_RATIO,
        "rows": [row.as_dict() for row in rows],
        "ok": not failed,
        "extra": extra,
    }
    latest = RESULTS / "latest.json"
    latest.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    shutil.copyfile(latest, RESULTS / f"{started_at:%Y%m%dT%H%M%SZ}.json")  # a history to compare runs with
    print(f"Results: {latest.relative_to(ROOT)}; wrk's reports: {wrk_log.relative_to(ROOT)}")
    if failed:
        print(f"bench: FAILED: {', '.join(failed)} (see above and {gunicorn_log.relative_to(ROOT)})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
