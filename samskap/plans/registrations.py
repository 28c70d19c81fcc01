"""What the plans app adds to the site: download files, sitemap sections, the home page's plans."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse

from samskap.kernel.registry import Panel, download_kinds, home_panels, sitemap_sections
from samskap.kernel.sitemaps import I18nSitemap
from samskap.kernel.tabular import Kind, fields
from samskap.plans.models import ActionPlan, Theme
from samskap.plans.selectors import current_plans


def _plans(plan: ActionPlan | None) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(pk=plan.pk) if plan else ActionPlan.objects.all()


download_kinds.register(
    "plans",
    Kind(
        "plans",
        "Action plans",
        fields(
            ActionPlan,
            ["id", "jurisdiction", "label", "slug", "title", "summary", "start_date", "end_date", "status"],
        )
        + fields(ActionPlan, ["revises", "updated_at", "created_at"]),
        _plans,
        position=30,
    ),
)

download_kinds.register(
    "themes",
    Kind(
        "themes",
        "Themes (pillars) of the plans",
        fields(Theme, ["id", "plan", "order", "title", "description"]),
        lambda plan: Theme.objects.filter(plan=plan) if plan else Theme.objects,
        position=40,
    ),
)


class Plans(I18nSitemap):
    def items(self) -> QuerySet[ActionPlan]:
        return ActionPlan.objects.select_related("jurisdiction").order_by("pk")

    def lastmod(self, item: ActionPlan) -> Any:
        return item.updated_at


class PlanComparisons(I18nSitemap):
    def items(self) -> QuerySet[ActionPlan]:
        return ActionPlan.objects.filter(revises__isnull=False).select_related("jurisdiction", "revises").order_by("pk")

    def location(self, item: ActionPlan) -> str:
        assert item.revises is not None
        return reverse(
            "plans:compare",
            kwargs={"jurisdiction": item.jurisdiction.slug, "plan": item.revises.slug, "other": item.slug},
        )


sitemap_sections.register("plans", Plans)
sitemap_sections.register("comparisons", PlanComparisons)


def _current_plans(request: HttpRequest | None, subject: Any) -> dict[str, Any]:
    return {"plans": current_plans()}


home_panels.register("plans", Panel("plans/panels/home.html", _current_plans, order=30))
