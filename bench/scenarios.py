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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskap.settings")

import django  # noqa: E402

django.setup()

from django.db.models import Count, F, Func, IntegerField  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

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
    logged_in: bool = False  # measured with a coordinator's session: never served from the page cache
    target: float = 0.5  # the least ratio to the baseline's req/s (0.1 for pages built for one visitor)
    varied_only: bool = False  # only the row of all its paths (a sitemap section's row)


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
    """API list pages: commitments 100 a page, then every list endpoint at 10 and 100 a page; then what a
    harvester reads next, in turn: the commitments' later pages of 100 and single commitments."""
    lists = [f"{path}?page_size={size}" for size in (100, 10) for path in API_LISTS]
    rest = max(0, limit - len(lists))
    ids = Commitment.objects.filter(plan__published_at__isnull=False).order_by("pk").values_list("pk", flat=True)
    step = max(1, ids.count() // max(1, rest))
    details = [f"/api/v1/commitments/{pk}/" for pk in ids[::step][: rest - rest // 2]]
    pages = [f"/api/v1/commitments/?page_size=100&page={n}" for n in range(2, 2 + rest // 2)]
    harvest = [path for pair in zip(pages, details, strict=False) for path in pair] + details[len(pages) :]
    return (lists + harvest)[:limit]


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


def _consultations() -> list[Any]:
    from samskap.consultations.models import Consultation

    # The one with 1,000 submissions (the page the targets are set for) first.
    return sorted(
        Consultation.objects.select_related("jurisdiction").annotate(size=Count("submissions")),
        key=lambda c: (abs(c.size - 1000), c.pk),
    )


def consultation_paths(limit: int) -> list[str]:
    """Consultation pages, anonymous: the one with 1,000 published submissions first."""
    return [c.get_absolute_url() for c in _consultations()][:limit]


def submission_list_paths(limit: int) -> list[str]:
    """Submission lists: the first page of each consultation, then later pages and filters."""
    bases = [c.get_absolute_url() + "submissions/" for c in _consultations()]
    extra = [f"{bases[0]}?page={n}" for n in range(2, 12)] + [
        f"{bases[0]}?outcome=unanswered",
        f"{bases[0]}?q=kommunene",
    ]
    return (bases + extra)[:limit]


def submission_paths(limit: int) -> list[str]:
    """Single submissions, spread over the consultations."""
    from samskap.consultations.models import Submission

    rows = Submission.objects.select_related("consultation__jurisdiction").order_by("pk")
    step = max(1, rows.count() // max(1, limit))
    return [s.get_absolute_url() for s in rows[::step][:limit]]


def feed_paths(limit: int) -> list[str]:
    """Every registered feed, and the RSS and Atom feeds of each government."""
    from samskap.kernel.registry import feed_routes

    with translation.override(LANGUAGE):
        fixed = [reverse(f"opendata:{route.name}") for route in feed_routes if "<" not in route.path]
        places = list(Jurisdiction.objects.order_by("pk").values_list("slug", flat=True))
        per_place = [reverse(f"opendata:feed_{kind}", args=[slug]) for slug in places for kind in ("rss", "atom")]
    return (per_place[:1] + fixed + per_place[1:])[:limit]


def calendar_paths(limit: int) -> list[str]:
    with translation.override(LANGUAGE):
        places = list(Jurisdiction.objects.order_by("pk").values_list("slug", flat=True))
        return ([reverse("opendata:calendar")] + [reverse("opendata:calendar_jurisdiction", args=[p]) for p in places])[
            :limit
        ]


def opendata_paths(limit: int) -> list[str]:
    """The open-data page, the sitemap index and the first and second page (1,000 addresses each) of the
    largest sections."""
    sections = [f"/sitemap-{name}.xml" for name in ("commitments", "plans", "organisations")]
    with translation.override(LANGUAGE):
        return [reverse("opendata:index"), "/sitemap.xml", *sections, "/sitemap-commitments.xml?p=2"][:limit]


def logged_in_paths(limit: int) -> list[str]:
    """What a coordinator opens: a plan, a commitment, "My work", a consultation."""
    with translation.override(LANGUAGE):
        work = reverse("core:dashboard")
    return [*plan_paths(2), *commitment_paths(2), work, *consultation_paths(2)][:limit]


def form_paths(limit: int) -> list[str]:
    """Forms a first-time visitor opens without an account: sending input to an open consultation,
    registering for a meeting, asking to join a forum, sending a proposal in an open round. Each visitor
    gets a copy of the kept blank form with their own CSRF and one-time form tokens (`kernel.pages.blank_form`)."""
    from samskap.forum.models import Forum, Meeting
    from samskap.proposals.models import Round

    with translation.override(LANGUAGE):
        now = timezone.now()
        consultations = [c.url("submit") for c in _consultations() if c.state_at(now) == c.State.OPEN][:3]
        meetings = [
            m.url("register")
            for m in Meeting.objects.filter(access=Meeting.Access.OPEN).select_related("forum__jurisdiction")[:20]
            if m.takes_registrations
        ][:3]
        joins = [reverse("forum:join", kwargs={"jurisdiction": f.jurisdiction.slug}) for f in Forum.objects.all()[:2]]
        rounds = [
            reverse("proposals:send_in_round", kwargs={"plan": r.plan_id, "round": r.pk})
            for r in Round.objects.order_by("-closes_at")[:20]
            if r.is_open
        ][:2]
    return [*consultations, *meetings, *joins, *rounds][:limit]


def coordinator_cookie() -> str:
    """A session of a coordinator of the first government, for the logged-in rows."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from samskap.accounts.models import RoleGrant, User

    user, _created = User.objects.get_or_create(email="bench-koordinator@example.no", defaults={"full_name": "Bench"})
    RoleGrant.objects.get_or_create(
        user=user, role=RoleGrant.Role.COORDINATOR, jurisdiction=Jurisdiction.objects.order_by("pk").first()
    )
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


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
    from django.utils import timezone

    setup_test_environment()
    client = Client()
    result: dict[str, object] = {}

    def timed(
        url: str, *, fresh: bool, reader: Client | None = None, before: Callable[[], object] | None = None
    ) -> tuple[list[float], int]:
        timings = []
        queries = 0
        for _n in range(requests):
            if fresh:
                cache.clear()
            if before is not None:
                before()
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
        # The first reader after an edit of a plan: the page and the plans' counts are made again, the
        # counts under other stamps (the input's uptake over 200,000 submissions) are not.
        edited = ActionPlan.objects.filter(jurisdiction=place).order_by("pk")[:1]
        edited = ActionPlan.objects.filter(pk__in=edited.values("pk"))
        # On PostgreSQL a process hears of a write after its commit, and this transaction is rolled back:
        # the versions are read from the database instead, so the edit is seen as after a commit.
        with override_settings(VERSIONS_ANNOUNCED=False):
            result["after_plan_edit"] = figures(
                *timed(url, fresh=False, before=lambda: edited.update(updated_at=timezone.now()))
            )
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
    Scenario("api", "API: lists (commitments 100 a page first), later pages, single commitments", api_paths),
    Scenario("site-search", "site search over every kind (target: p95 under 100 ms)", site_search_paths),
    Scenario("consultation", "consultation page, 1,000 published submissions", consultation_paths),
    Scenario("submission-list", "submission list (first page, later pages, filters)", submission_list_paths),
    Scenario("submission", "a submission's page", submission_paths),
    Scenario("feeds", "RSS and Atom feeds", feed_paths),
    Scenario("calendar", "iCalendar feeds", calendar_paths),
    Scenario("opendata", "open-data page and sitemap", opendata_paths),
    Scenario("logged-in", "pages for a logged-in coordinator", logged_in_paths, logged_in=True, target=0.1),
    Scenario(
        "forms", "blank forms for a visitor without an account (a copy each)", form_paths, target=0.1, varied_only=True
    ),
    Scenario(
        "dashboard", "dashboards: the site's (100 plans, 5,000 commitments), then each jurisdiction's", dashboard_paths
    ),
]


#: The sitemap sections (`kernel.registry.sitemap_sections`) whose pages the rows above measure. Every other
#: registered section (a capability's public pages: the forum and its meetings, proposals, documents...) is
#: a row of its own, over up to `limit` of its addresses spread through the section: a new capability that
#: registers its pages is benchmarked without a change here.
SECTIONS_MEASURED_ABOVE = frozenset({"plans", "commitments", "consultations", "submissions", "dashboards"})


def section_paths(key: str) -> Callable[[int], list[str]]:
    def paths(limit: int) -> list[str]:
        from samskap.site.sitemaps import RegisteredSitemaps

        sitemap = RegisteredSitemaps()[key]()
        with translation.override(LANGUAGE):
            items = list(sitemap.items())
            step = max(1, len(items) // max(1, limit))
            return [str(sitemap.location(item)) for item in items[::step][:limit]]

    return paths


def section_scenarios() -> list[Scenario]:
    from samskap.site.sitemaps import RegisteredSitemaps

    return [
        Scenario(key.replace("_", "-"), f"pages of the sitemap section {key!r}", section_paths(key), varied_only=True)
        for key in RegisteredSitemaps()  # the site's own pages (home, organisations, API), then the registry's
        if key not in SECTIONS_MEASURED_ABOVE
    ]


def dataset_counts() -> dict[str, int]:
    from samskap.forum.models import Meeting
    from samskap.proposals.models import Proposal

    return {
        "jurisdictions": Jurisdiction.objects.count(),
        "organisations": Organisation.objects.count(),
        "plans": ActionPlan.objects.count(),
        "commitments": Commitment.objects.count(),
        "milestones": Milestone.objects.count(),
        "progress_updates": ProgressUpdate.objects.count(),
        "change_records": ChangeRecord.objects.count(),
        "meetings": Meeting.objects.count(),
        "proposals": Proposal.objects.count(),
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
        cookie = coordinator_cookie()
        scenarios = [
            {
                "name": s.name,
                "description": s.description,
                "paths": s.paths(args.limit),
                "target": s.target,
                "varied_only": s.varied_only,
                **({"cookie": cookie} if s.logged_in else {}),
            }
            for s in [*SCENARIOS, *section_scenarios()]
        ]
    # A registered section the bench's data has no page of is said, not measured (a hand-written row is an error).
    sections = {s.name for s in section_scenarios()}
    nothing = [s["name"] for s in scenarios if not s["paths"] and s["name"] in sections]
    if nothing:
        print(f"No pages in the bench data for the sections: {', '.join(map(str, nothing))}.", file=sys.stderr)
        scenarios = [s for s in scenarios if s["paths"] or s["name"] not in sections]
    empty = [s["name"] for s in scenarios if not s["paths"]]
    if empty:
        print(f"No paths found for: {', '.join(map(str, empty))}.", file=sys.stderr)
        return 2
    json.dump({"baseline": BASELINE, "dataset": counts, "scenarios": scenarios}, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
