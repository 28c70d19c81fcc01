"""Benchmark of the IRM import: OGP's 558-row file and a synthetic file N times larger.

Each import runs in its own process against a fresh SQLite database (bench/import.sqlite3), with
production-like settings; the figures are the wall time and the process's peak resident memory
(ru_maxrss). A flat memory means the import does not hold the file, or what it made, in memory.

    .venv/bin/python -m bench.import_bench [--scale 100] [--file PATH]

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

ROOT = Path(__file__).resolve().parent.parent
REAL_FILE = ROOT.parent / "shared" / "data" / "ogp-irm-commitments.csv"
RESULTS = ROOT / "bench" / "results"
DATABASE = ROOT / "bench" / "import.sqlite3"
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable

CHILD = """
import os, resource, sys, time, django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from samskap.opendata.irm.importer import import_irm
started = time.monotonic()
with open(sys.argv[1], "rb") as stream:
    result = import_irm(stream)
seconds = time.monotonic() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{result.rows} {result.created} {seconds:.2f} {peak}")
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


def run_import(path: Path) -> dict[str, float | int]:
    for suffix in ("", "-wal", "-shm", "-journal"):
        DATABASE.with_name(DATABASE.name + suffix).unlink(missing_ok=True)
    env = {key: value for key, value in os.environ.items() if key != "SAMSKAP_DEBUG"}
    env.update(
        DATABASE_URL=f"sqlite:///{DATABASE}",
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
    rows, created, seconds, peak_kb = done.stdout.split()[-4:]
    return {
        "rows": int(rows),
        "created": int(created),
        "import_seconds": float(seconds),
        "rows_per_second": round(int(rows) / float(seconds), 1),
        "peak_memory_mb": round(int(peak_kb) / 1024, 1),
        "process_seconds": round(time.monotonic() - started, 2),
        "file_mb": round(path.stat().st_size / 1e6, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", type=Path, default=REAL_FILE)
    parser.add_argument("--scale", type=int, action="append", help="sizes to measure, as multiples (default 1, 100)")
    args = parser.parse_args(argv)
    if not args.file.exists():
        print(f"No IRM file at {args.file}; the import benchmark needs it.", file=sys.stderr)
        return 2
    RESULTS.mkdir(parents=True, exist_ok=True)
    report: dict[str, object] = {"file": str(args.file), "database": "sqlite", "runs": []}
    for scale in args.scale or [1, 100]:
        path = args.file if scale == 1 else RESULTS / f"irm-x{scale}.csv"
        if scale != 1:
            synthetic(args.file, path, scale)
        figures = {"scale": scale, **run_import(path)}
        report["runs"].append(figures)  # type: ignore[attr-defined]
        print(
            f"  import x{scale}: {figures['rows']:,} rows in {figures['import_seconds']:.1f} s "
            f"({figures['rows_per_second']} rows/s), peak memory {figures['peak_memory_mb']} MB",
            file=sys.stderr,
            flush=True,
        )
        if scale != 1:
            path.unlink(missing_ok=True)
    for suffix in ("", "-wal", "-shm"):
        DATABASE.with_name(DATABASE.name + suffix).unlink(missing_ok=True)
    report["parent_peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    (RESULTS / "import.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    json.dump(report, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
