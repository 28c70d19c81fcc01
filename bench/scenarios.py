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
from django.urls import reverse  # noqa: E402
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


API_LISTS = [
    "/api/v1/commitments/",
    "/api/v1/milestones/",
    "/api/v1/progress-updates/",
    "/api/v1/changes/",
    "/api/v1/plans/",
    "/api/v1/organisations/",
    "/api/v1/submissions/",
]


def api_paths(limit: int) -> list[str]:
    """API list pages: commitments 100 a page, then every list endpoint at 10 and 100 a page."""
    paths = [f"{path}?page_size={size}" for size in (100, 10) for path in API_LISTS]
    return paths[:limit]


def api_figures(requests: int = 30) -> list[dict[str, object]]:
    """Per list endpoint and page size (10, 100): p50 and p99 in-process latency (Django's test client,
    no network) and the SQL queries per request, which must not grow with the page size."""
    import statistics
    import time

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings, setup_test_environment

    setup_test_environment()
    client = Client()
    rows: list[dict[str, object]] = []
    from django.conf import settings

    unthrottled = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None}}
    with override_settings(REST_FRAMEWORK=unthrottled, ALLOWED_HOSTS=["testserver"]):
        for path in API_LISTS:
            counts = {}
            for size in (10, 100):
                url = f"{path}?page_size={size}"
                with CaptureQueriesContext(connection) as captured:
                    first = client.get(url)
                queries = len(captured)  # read now: the next request clears the log it slices
                assert first.status_code == 200, (url, first.status_code)
                timings = []
                for _n in range(requests):
                    started = time.perf_counter()
                    client.get(url)
                    timings.append((time.perf_counter() - started) * 1000)
                timings.sort()
                counts[size] = queries
                rows.append(
                    {
                        "path": url,
                        "queries": queries,
                        "p50_ms": round(statistics.median(timings), 2),
                        "p99_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.99))], 2),
                        "bytes": len(first.content),
                    }
                )
            rows[-1]["queries_constant"] = counts[10] == counts[100]
    return rows


def site_search_paths(limit: int) -> list[str]:
    """The site search (every registered source) with inflected Norwegian and Danish words, a kind filter
    and a government filter; the first one, a plain search over everything, is the headline figure."""
    from urllib.parse import urlencode

    place = Jurisdiction.objects.order_by("pk").values_list("slug", flat=True).first() or ""
    queries = [
        {"q": "kommunene"},
        {"q": "åpenhet"},
        {"q": "kommunernes"},
        {"q": "innsyn åpenhet"},
        {"q": "kommunenes", "kind": "commitments"},
        {"q": "data", "jurisdiction": place},
        {"q": "plan", "kind": "submissions"},
    ]
    with translation.override(LANGUAGE):
        base = reverse("core:search")
    return [f"{base}?{urlencode(query)}" for query in queries][:limit]


def dashboard_paths(limit: int) -> list[str]:
    """The site's dashboard first (every plan: 100 plans, 5,000 commitments), then each jurisdiction's."""
    with translation.override(LANGUAGE):
        paths = [reverse("dashboards:site")]
        places = Jurisdiction.objects.filter(plans__published_at__isnull=False).distinct().order_by("pk")
        paths += [
            reverse("dashboards:jurisdiction", kwargs={"jurisdiction": slug})
            for slug in places.values_list("slug", flat=True)
        ]
    return paths[:limit]


def dashboard_figures(requests: int = 40) -> dict[str, object]:
    """The dashboard of ONE jurisdiction with every plan of the dataset (100 plans, 5,000 commitments,
    25,000 milestones), in-process (Django's test client): rendered afresh (every cache emptied before each
    request), as the page cache serves it to anonymous readers, and for a signed-in reader (no page cache;
    the counts kept under the page's stamp): p50/p95/p99 and the SQL queries per request.

    The generated data spreads the plans over 20 jurisdictions; they are moved to one (with slugs made
    unique) in a transaction that is rolled back, so the bench database is left as it was."""
    import statistics
    import time

    from django.core.cache import cache
    from django.db import connection, transaction
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings, setup_test_environment

    setup_test_environment()
    client = Client()
    result: dict[str, object] = {}

    def timed(url: str, *, fresh: bool, reader: Client | None = None) -> tuple[list[float], int]:
        timings = []
        queries = 0
        for _n in range(requests):
            if fresh:
                cache.clear()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = (reader or client).get(url)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            queries = len(captured)  # the last request's: a rendered page's, or a cached page's
        return sorted(timings), queries

    def figures(timings: list[float], queries: int) -> dict[str, object]:
        def at(fraction: float) -> float:
            return round(timings[min(len(timings) - 1, int(len(timings) * fraction))], 1)

        return {
            "requests": len(timings),
            "p50_ms": round(statistics.median(timings), 1),
            "p95_ms": at(0.95),
            "p99_ms": at(0.99),
            "queries": queries,
        }

    with override_settings(ALLOWED_HOSTS=["testserver"]), transaction.atomic():
        place = Jurisdiction.objects.order_by("pk").first()
        assert place is not None
        ActionPlan.objects.update(
            jurisdiction=place, slug=Concat("slug", Value("-"), Cast("pk", CharField()), output_field=CharField())
        )
        result["plans"] = ActionPlan.objects.public().filter(jurisdiction=place).count()
        result["commitments"] = Commitment.objects.filter(plan__jurisdiction=place).count()
        with translation.override(LANGUAGE):
            url = reverse("dashboards:jurisdiction", kwargs={"jurisdiction": place.slug})
        result["path"] = url
        result["rendered"] = figures(*timed(url, fresh=True))
        cache.clear()
        result["cached"] = figures(*timed(url, fresh=False))
        # A reader with a session gets no cached page; the counts are kept under the page's stamp.
        from samskap.accounts.models import User

        reader = Client()
        reader.force_login(User.objects.create_user(email="bench-reader@example.org", password=None))
        result["signed_in"] = figures(*timed(url, fresh=False, reader=reader))
        transaction.set_rollback(True)
    cache.clear()
    rendered = result["rendered"]
    assert isinstance(rendered, dict)
    result["meets_target"] = rendered["p95_ms"] < DASHBOARD_TARGET_MS
    return result


#: The dashboard of a jurisdiction with 100 plans and 5,000 commitments, rendered afresh (p95).
DASHBOARD_TARGET_MS = 100

#: The baseline every page is compared with: a view that does nothing.
BASELINE = "ping"

SCENARIOS: list[Scenario] = [
    Scenario(BASELINE, "trivial view (baseline)", lambda limit: ["/ping/"]),
    Scenario("health", "health check (one SELECT 1)", lambda limit: ["/health/"]),
    Scenario("plan", "plan page, ~50 commitments", plan_paths),
    Scenario("commitment", "commitment page, 5 milestones and 10 updates", commitment_paths),
    Scenario("api", "API lists (commitments 100 a page first)", api_paths),
    Scenario("site-search", "site search over every kind (target: p95 under 100 ms)", site_search_paths),
    Scenario(
        "dashboard", "dashboards: the site's (100 plans, 5,000 commitments), then each jurisdiction's", dashboard_paths
    ),
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
    parser.add_argument("--api", action="store_true", help="measure the API lists in-process instead (JSON)")
    parser.add_argument(
        "--dashboard", action="store_true", help="measure a 100-plan jurisdiction's dashboard in-process (JSON)"
    )
    args = parser.parse_args(argv)
    if args.dashboard:
        json.dump({"dashboard": dashboard_figures()}, sys.stdout, indent=1)
        print()
        return 0
    if args.api:
        json.dump({"api": api_figures()}, sys.stdout, indent=1)
        print()
        return 0
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
