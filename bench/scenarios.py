"""The pages the benchmark load-tests, and how each picks its URLs from the generated dataset.

To benchmark another page, add a Scenario to SCENARIOS: a name, a description and a function that
returns up to `limit` paths. The first path is measured on its own (one URL, as warm as it gets);
when there are more, they are also measured together, round-robin, so that per-URL caching is not
the only thing measured.

Run by bench/run.py as `python -m bench.scenarios` (against the bench database); it prints JSON.
"""

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskap.settings")

import django  # noqa: E402

django.setup()

from django.db.models import Count, F, Func, IntegerField  # noqa: E402
from django.utils import translation  # noqa: E402

from samskap.commitments.models import Commitment, Milestone, ProgressUpdate  # noqa: E402
from samskap.history.models import ChangeRecord  # noqa: E402
from samskap.jurisdictions.models import Jurisdiction  # noqa: E402
from samskap.organisations.models import Organisation  # noqa: E402
from samskap.plans.models import ActionPlan  # noqa: E402

# Addresses are built in the default language, as a first-time visitor gets them.
LANGUAGE = "nb"


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    paths: Callable[[int], list[str]]


def plan_paths(limit: int) -> list[str]:
    """Plans with about 50 commitments (closest first), the size the targets are set for."""
    plans = (
        ActionPlan.objects.select_related("jurisdiction")
        .annotate(
            size=Count("commitments"),
            distance=Func(F("size") - 50, function="ABS", output_field=IntegerField()),
        )
        .order_by("distance", "pk")[:limit]
    )
    return [plan.get_absolute_url() for plan in plans]


def commitment_paths(limit: int) -> list[str]:
    """Commitments with exactly 5 milestones and 10 progress updates, from as many plans as possible."""
    candidates = (
        Commitment.objects.select_related("plan__jurisdiction")
        .annotate(
            milestone_count=Count("milestones", distinct=True),
            update_count=Count("progress_updates", distinct=True),
        )
        .filter(milestone_count=5, update_count=10)
        .order_by("plan_id", "pk")
    )
    first_of_plan: list[Commitment] = []
    others: list[Commitment] = []
    seen: set[int] = set()
    for commitment in candidates:
        (others if commitment.plan_id in seen else first_of_plan).append(commitment)
        seen.add(commitment.plan_id)
    return [commitment.get_absolute_url() for commitment in (first_of_plan + others)[:limit]]


#: The baseline every page is compared with: a view that does nothing.
BASELINE = "ping"

SCENARIOS: list[Scenario] = [
    Scenario(BASELINE, "trivial view (baseline)", lambda limit: ["/ping/"]),
    Scenario("health", "health check (one SELECT 1)", lambda limit: ["/health/"]),
    Scenario("plan", "plan page, ~50 commitments", plan_paths),
    Scenario("commitment", "commitment page, 5 milestones and 10 updates", commitment_paths),
]


def dataset_counts() -> dict[str, int]:
    return {
        "jurisdictions": Jurisdiction.objects.count(),
        "organisations": Organisation.objects.count(),
        "plans": ActionPlan.objects.count(),
        "commitments": Commitment.objects.count(),
        "milestones": Milestone.objects.count(),
        "progress_updates": ProgressUpdate.objects.count(),
        "change_records": ChangeRecord.objects.count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the benchmark scenarios and their paths as JSON.")
    parser.add_argument("--limit", type=int, default=50, help="most paths per scenario")
    args = parser.parse_args(argv)
    counts = dataset_counts()
    if not counts["plans"]:
        print("The benchmark database has no plans: generate the dataset first.", file=sys.stderr)
        return 2
    with translation.override(LANGUAGE):
        scenarios = [{"name": s.name, "description": s.description, "paths": s.paths(args.limit)} for s in SCENARIOS]
    empty = [s["name"] for s in scenarios if not s["paths"]]
    if empty:
        print(f"No paths found for: {', '.join(map(str, empty))}.", file=sys.stderr)
        return 2
    json.dump({"baseline": BASELINE, "dataset": counts, "scenarios": scenarios}, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
