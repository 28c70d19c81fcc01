"""What the dashboards add to the site: the menu entry, links from plan and jurisdiction pages, and the
dashboard pages in the sitemap."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.registry import NavItem, Panel, jurisdiction_panels, navigation, plan_panels, sitemap_sections
from samskap.kernel.sitemaps import I18nSitemap
from samskap.plans.models import ActionPlan

navigation.register("dashboards", NavItem(_("Dashboards"), "dashboards:site", order=15))


def _plan_link(request: HttpRequest | None, plan: Any) -> dict[str, Any] | None:
    """Only a published plan has a dashboard."""
    if plan.published_at is None:
        return None
    url = reverse("dashboards:plan", kwargs={"jurisdiction": plan.jurisdiction.slug, "plan": plan.slug})
    return {"dashboard_url": url}


def _jurisdiction_link(request: HttpRequest | None, jurisdiction: Any) -> dict[str, Any] | None:
    if not ActionPlan.objects.public().filter(jurisdiction=jurisdiction).exists():
        return None
    return {"dashboard_url": reverse("dashboards:jurisdiction", kwargs={"jurisdiction": jurisdiction.slug})}


plan_panels.register("dashboards", Panel("dashboards/panels/plan.html", _plan_link, order=5))
jurisdiction_panels.register("dashboards", Panel("dashboards/panels/jurisdiction.html", _jurisdiction_link, order=5))


class DashboardPages(I18nSitemap):
    """The site's dashboard, each jurisdiction's that has a published plan, and each published plan's."""

    def items(self) -> list[tuple[str, dict[str, str]]]:
        pages: list[tuple[str, dict[str, str]]] = [("dashboards:site", {})]
        places = Jurisdiction.objects.filter(plans__published_at__isnull=False).distinct().order_by("pk")
        pages += [("dashboards:jurisdiction", {"jurisdiction": slug}) for slug in places.values_list("slug", flat=True)]
        plans = ActionPlan.objects.public().order_by("pk").values_list("jurisdiction__slug", "slug")
        pages += [("dashboards:plan", {"jurisdiction": place, "plan": plan}) for place, plan in plans]
        return pages

    def location(self, item: tuple[str, dict[str, str]]) -> str:
        name, kwargs = item
        return reverse(name, kwargs=kwargs)


sitemap_sections.register("dashboards", DashboardPages)
