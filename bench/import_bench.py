"""Benchmark of the IRM import: OGP's 558-row file and a synthetic file N times larger.

Each import runs in its own process against a fresh database (SQLite: bench/import.sqlite3; with
--postgres: the PostgreSQL database $SAMSKAP_IMPORT_BENCH_PG_DB, default samskap_import_bench, dropped and
created for each run), with production-like settings. The figures: the wall time, the process's peak
resident memory (ru_maxrss) and its resident memory after every chunk of 500 rows (first, last, and ten
samples spread over the file); and, separately, the seconds the search indexing of the imported rows
takes afterwards (`index_seconds`: `manage.py index_search` in the same process, as the task worker would
after the import commits; the import's own seconds do not include it). Flat memory means the last chunk's
RSS is the first chunk's: the import holds neither the file nor what it made.

    .venv/bin/python -m bench.import_bench [--scale 1 --scale 100] [--postgres] [--file PATH]

Prints one JSON object (also written to bench/results/import.json).
"""

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REAL_FILE = ROOT.parent / "shared" / "data" / "ogp-irm-commitments.csv"
RESULTS = ROOT / "bench" / "results"
DATABASE = ROOT / "bench" / "import.sqlite3"
POSTGRES_DB = os.environ.get("SAMSKAP_IMPORT_BENCH_PG_DB", "samskap_import_bench")
POSTGRES_URL = f"postgres://samskap:samskap@127.0.0.1:5432/{POSTGRES_DB}"
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable

CHILD = """
import json, os, resource, sys, time, django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from samskap.opendata.irm.importer import import_irm
PAGE = os.sysconf("SC_PAGE_SIZE")
samples = []  # (rows read, resident MB) after every chunk of 500 rows
calls = [0]


def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE / 2**20


def progress(_bytes):  # called every 50 rows
    calls[0] += 1
    if calls[0] % 10 == 0:
        samples.append((calls[0] * 50, round(rss_mb(), 1)))


started = time.monotonic()
with open(sys.argv[1], "rb") as stream:
    result = import_irm(stream, progress=progress)
seconds = time.monotonic() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
# What the task worker does after the import commits: the search indexing of the rows it left pending.
started = time.monotonic()
call_command("index_search", verbosity=0)
index_seconds = time.monotonic() - started
print(json.dumps({
    "rows": result.rows, "created": result.created, "seconds": seconds, "peak_kb": peak, "rss": samples,
    "index_seconds": index_seconds,
}))
"""


def synthetic(source: Path, target: Path, scale: int) -> int:
    """The real rows `scale` times, each copy with its own identifiers, written as a stream."""
    rows = 0
    with source.open(encoding="utf-8", newline="") as inp, target.open("w", encoding="utf-8", newline="") as out:
        reader = csv.reader(inp)
        writer = csv.writer(out)
        header = next(reader)
        writer.writerow(header)
        key = header.index("Commitment Unique Identifier")
        body = list(reader)
        for copy in range(scale):
            for cells in body:
                cells = list(cells)
                cells[key] = f"{cells[key]}-{copy:03d}" if scale > 1 else cells[key]
                writer.writerow(cells)
                rows += 1
    return rows


def as_postgres(*command: str) -> list[str]:
    return list(command) if os.geteuid() != 0 else ["runuser", "-u", "postgres", "--", *command]


def fresh_database(postgres: bool) -> str:
    """An empty database for one run: its URL."""
    if postgres:
        subprocess.run(as_postgres("dropdb", "--if-exists", "--force", POSTGRES_DB), check=True, capture_output=True)
        subprocess.run(as_postgres("createdb", "-O", "samskap", POSTGRES_DB), check=True, capture_output=True)
        return POSTGRES_URL
    for suffix in ("", "-wal", "-shm", "-journal"):
        DATABASE.with_name(DATABASE.name + suffix).unlink(missing_ok=True)
    return f"sqlite:///{DATABASE}"


def drop_databases(postgres: bool) -> None:
    if postgres:
        subprocess.run(as_postgres("dropdb", "--if-exists", "--force", POSTGRES_DB), check=False, capture_output=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        DATABASE.with_name(DATABASE.name + suffix).unlink(missing_ok=True)


def run_import(path: Path, *, postgres: bool = False) -> dict[str, Any]:
    database_url = fresh_database(postgres)
    env = {key: value for key, value in os.environ.items() if key != "SAMSKAP_DEBUG"}
    env.update(
        DATABASE_URL=database_url,
        SAMSKAP_ALLOW_INSECURE_KEY="1",
        DJANGO_SETTINGS_MODULE="samskap.settings",
        PYTHONPATH=str(ROOT),
    )
    started = time.monotonic()
    done = subprocess.run(
        [PYTHON, "-c", CHILD, str(path)], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"import of {path.name} failed:\n{done.stderr[-3000:]}")
    child = json.loads(done.stdout.strip().splitlines()[-1])
    rss = child["rss"]
    step = max(1, len(rss) // 10)
    return {
        "rows": child["rows"],
        "created": child["created"],
        "import_seconds": round(child["seconds"], 2),
        # The search indexing of the imported rows afterwards (`manage.py index_search`, as the task does).
        "index_seconds": round(child["index_seconds"], 2),
        "rows_per_second": round(child["rows"] / child["seconds"], 1),
        "peak_memory_mb": round(child["peak_kb"] / 1024, 1),
        "rss_first_chunk_mb": rss[0][1] if rss else None,
        "rss_last_chunk_mb": rss[-1][1] if rss else None,
        "rss_mb_by_rows": [*rss[::step], *rss[-1:]] if rss else [],
        "process_seconds": round(time.monotonic() - started, 2),
        "file_mb": round(path.stat().st_size / 1e6, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", type=Path, default=REAL_FILE)
    parser.add_argument("--scale", type=int, action="append", help="sizes to measure, as multiples (default 1, 100)")
    parser.add_argument("--postgres", action="store_true", help=f"PostgreSQL (database {POSTGRES_DB}), not SQLite")
    args = parser.parse_args(argv)
    if not args.file.exists():
        print(f"No IRM file at {args.file}; the import benchmark needs it.", file=sys.stderr)
        return 2
    RESULTS.mkdir(parents=True, exist_ok=True)
    report: dict[str, object] = {
        "file": str(args.file),
        "database": "postgresql" if args.postgres else "sqlite",
        "load_average": os.getloadavg()[0],
        "runs": [],
    }
    for scale in args.scale or [1, 100]:
        path = args.file if scale == 1 else RESULTS / f"irm-x{scale}-{os.getpid()}.csv"  # runs may overlap
        if scale != 1:
            synthetic(args.file, path, scale)
        try:
            figures = {"scale": scale, **run_import(path, postgres=args.postgres)}
        finally:
            drop_databases(args.postgres)
        report["runs"].append(figures)  # type: ignore[attr-defined]
        print(
            f"  import x{scale}: {figures['rows']:,} rows in {figures['import_seconds']:.1f} s "
            f"({figures['rows_per_second']} rows/s), then indexed in {figures['index_seconds']:.1f} s, "
            f"peak memory {figures['peak_memory_mb']} MB, "
            f"RSS {figures['rss_first_chunk_mb']} MB after the first chunk, "
            f"{figures['rss_last_chunk_mb']} MB after the last",
            file=sys.stderr,
            flush=True,
        )
        if scale != 1:
            path.unlink(missing_ok=True)
    report["parent_peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    output = RESULTS / ("import-postgres.json" if args.postgres else "import.json")
    output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    json.dump(report, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
