"""Benchmark of the whole-site bulk downloads on the bench dataset (bench/generate.py), with
published consultation submissions added (200,000 by default) when the dataset has fewer.

Each download is produced in its own process, consumed chunk by chunk as a client would, and measured:
wall time, bytes, and peak resident memory against the process's memory before it started.

    DATABASE_URL=sqlite:///bench/bench.sqlite3 .venv/bin/python -m bench.download_bench [--submissions 200000]

Prints one JSON object (also written to bench/results/download.json).
"""

import argparse
import datetime
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable

CHILD = """
import resource, sys, time, django
django.setup()
from samskap.opendata import bulk
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.monotonic()
size = 0
if sys.argv[1] == "xlsx":
    with bulk.xlsx_file(None, "bench") as produced:
        while chunk := produced.read(1 << 20):
            size += len(chunk)
else:
    make = bulk.zip_of_csv if sys.argv[1] == "zip" else bulk.json_document
    for chunk in make(None, "bench"):
        size += len(chunk)
seconds = time.monotonic() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{seconds:.2f} {size} {before} {peak}")
"""


def ensure_submissions(count: int) -> dict[str, int]:
    """Published submissions spread over one consultation per jurisdiction (bulk_create: a fixture)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskap.settings")
    os.environ.setdefault("SAMSKAP_ALLOW_INSECURE_KEY", "1")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from samskap.consultations.models import Consultation, Submission
    from samskap.jurisdictions.models import Jurisdiction

    call_command("migrate", interactive=False, verbosity=0)
    existing = Submission.objects.count()
    if existing >= count:
        return {"submissions": existing, "consultations": Consultation.objects.count()}
    rng = random.Random(11)
    opens = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    with transaction.atomic():
        consultations = []
        for place in Jurisdiction.objects.order_by("pk"):
            consultation, _created = Consultation.objects.get_or_create(
                jurisdiction=place,
                slug="bench-ideas",
                defaults={
                    "title": f"Ideas for {place.name}'s next plan",
                    "body": "Send us your ideas.",
                    "opens_at": opens,
                    "closes_at": opens + datetime.timedelta(days=30),
                },
            )
            consultations.append(consultation)
        words = [
            "open",
            "data",
            "budget",
            "procurement",
            "registry",
            "council",
            "youth",
            "climate",
            "access",
            "transparency",
        ]
        batch: list[Submission] = []
        for n in range(existing, count):
            consent = rng.choice([Submission.Consent.NAMED, Submission.Consent.ANONYMOUS, Submission.Consent.NONE])
            batch.append(
                Submission(
                    consultation=consultations[n % len(consultations)],
                    receipt=f"B{n:010d}",
                    confirmation_token=f"bench-{n}",
                    name=f"Person {n}",
                    email=f"person{n}@bench.example",
                    respondent_type=Submission.RespondentType.CITIZEN,
                    text=" ".join(rng.choice(words) for _ in range(rng.randint(20, 120))),
                    consent=consent,
                    status=Submission.Status.NOT_PUBLISHED
                    if consent == Submission.Consent.NONE
                    else Submission.Status.PUBLISHED,
                    submitted_at=opens + datetime.timedelta(minutes=n % 40000),
                    published_at=opens + datetime.timedelta(minutes=n % 40000),
                )
            )
            if len(batch) >= 5000:
                Submission.objects.bulk_create(batch)
                batch = []
        Submission.objects.bulk_create(batch)
    return {"submissions": Submission.objects.count(), "consultations": Consultation.objects.count()}


def measure(kind: str) -> dict[str, float]:
    env = {key: value for key, value in os.environ.items() if key != "SAMSKAP_DEBUG"}
    env.update(SAMSKAP_ALLOW_INSECURE_KEY="1", DJANGO_SETTINGS_MODULE="samskap.settings", PYTHONPATH=str(ROOT))
    done = subprocess.run([PYTHON, "-c", CHILD, kind], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} download failed:\n{done.stderr[-3000:]}")
    seconds, size, before, peak = done.stdout.split()[-4:]
    return {
        "seconds": float(seconds),
        "megabytes": round(int(size) / 1e6, 1),
        "memory_before_mb": round(int(before) / 1024, 1),
        "peak_memory_mb": round(int(peak) / 1024, 1),
        "memory_growth_mb": round((int(peak) - int(before)) / 1024, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--submissions", type=int, default=200_000)
    parser.add_argument("--format", action="append", choices=["zip", "json", "xlsx"], help="default: zip, json")
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL"):
        print("Set DATABASE_URL to the benchmark database, e.g. sqlite:///bench/bench.sqlite3", file=sys.stderr)
        return 2
    started = time.monotonic()
    dataset = ensure_submissions(args.submissions)
    print(f"  submissions ready: {dataset} ({time.monotonic() - started:.1f} s)", file=sys.stderr, flush=True)
    from samskap.commitments.models import Commitment

    dataset["commitments"] = Commitment.objects.count()
    report: dict[str, object] = {"dataset": dataset, "downloads": {}}
    for kind in args.format or ["zip", "json"]:
        figures = measure(kind)
        report["downloads"][kind] = figures  # type: ignore[index]
        print(
            f"  whole-site {kind}: {figures['seconds']:.1f} s, {figures['megabytes']} MB, "
            f"peak memory {figures['peak_memory_mb']} MB (+{figures['memory_growth_mb']} MB while producing it)",
            file=sys.stderr,
            flush=True,
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "download.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    json.dump(report, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
