"""The public dashboards: the site's, a jurisdiction's and a plan's, and each chart's data as CSV.

Anonymous readers get the page from the page cache (`kernel.pages.render_public`) under a stamp that
changes with the plans in scope, the day and a ten-minute bucket (`selectors.version`).
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from samskap.dashboards import selectors
from samskap.kernel.pages import render_public


def _page(request: HttpRequest, scope: Callable[[], selectors.Scope], version: str) -> HttpResponse:
    def context() -> dict[str, Any]:
        dashboard = selectors.Dashboard(scope(), version=version)
        return {
            "dashboard": dashboard,
            "scope": dashboard.scope,
            "jurisdiction": dashboard.scope.jurisdiction,
            "plan": dashboard.scope.plan,
            "csv_base": request.path,  # a chart's CSV is <the page's address><chart>.csv
        }

    return render_public(request, "dashboards/dashboard.html", context, version=version)


@require_GET
def site_dashboard(request: HttpRequest) -> HttpResponse:
    return _page(request, selectors.site_scope, selectors.version("site"))


@require_GET
def jurisdiction_dashboard(request: HttpRequest, jurisdiction: str) -> HttpResponse:
    version = selectors.version("jurisdiction", jurisdiction)
    return _page(request, lambda: selectors.jurisdiction_scope(jurisdiction), version)


@require_GET
def plan_dashboard(request: HttpRequest, jurisdiction: str, plan: str) -> HttpResponse:
    version = selectors.version("plan", jurisdiction, plan)
    return _page(request, lambda: selectors.plan_scope(jurisdiction, plan), version)


def _csv(scope: selectors.Scope, chart: str, name: str) -> HttpResponse:
    table = selectors.Dashboard(scope).chart(chart)
    response = HttpResponse(table.csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{table.slug}.csv"'
    return response


@require_GET
def site_csv(request: HttpRequest, chart: str) -> HttpResponse:
    return _csv(selectors.site_scope(), chart, "samskap")


@require_GET
def jurisdiction_csv(request: HttpRequest, jurisdiction: str, chart: str) -> HttpResponse:
    return _csv(selectors.jurisdiction_scope(jurisdiction), chart, jurisdiction)


@require_GET
def plan_csv(request: HttpRequest, jurisdiction: str, plan: str, chart: str) -> HttpResponse:
    return _csv(selectors.plan_scope(jurisdiction, plan), chart, f"{jurisdiction}-{plan}")
