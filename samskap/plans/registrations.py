"""What the plans app adds to the site: download files, sitemap sections, the home page's plans."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from samskap.kernel.registry import (
    NavItem,
    Panel,
    SearchHit,
    SearchSource,
    download_kinds,
    home_panels,
    navigation,
    search_sources,
    sitemap_sections,
)
from samskap.kernel.search import matching
from samskap.kernel.sitemaps import I18nSitemap
from samskap.kernel.tabular import Kind, fields
from samskap.plans.models import ActionPlan, Theme
from samskap.plans.selectors import current_plans


def _plans(plan: ActionPlan | None) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.public().filter(pk=plan.pk) if plan else ActionPlan.objects.public()


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
        lambda plan: (
            Theme.objects.filter(plan=plan) if plan else Theme.objects.filter(plan__published_at__isnull=False)
        ),
        position=40,
    ),
)


class Plans(I18nSitemap):
    def items(self) -> QuerySet[ActionPlan]:
        return ActionPlan.objects.public().select_related("jurisdiction").order_by("pk")

    def lastmod(self, item: ActionPlan) -> Any:
        return item.updated_at


class PlanComparisons(I18nSitemap):
    def items(self) -> QuerySet[ActionPlan]:
        return (
            ActionPlan.objects.public()
            .filter(revises__isnull=False, revises__published_at__isnull=False)
            .select_related("jurisdiction", "revises")
            .order_by("pk")
        )

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


navigation.register("plans", NavItem(_("Plans"), "plan_index:list", order=10))


class PlanIndex(I18nSitemap):
    def items(self) -> list[str]:
        return ["plan_index:list"]

    def location(self, item: str) -> str:
        return reverse(item)


sitemap_sections.register("plan_index", PlanIndex)


def _find_plans(words: list[str], query: str, jurisdiction: Any, limit: int) -> list[SearchHit]:
    plans = ActionPlan.objects.public().select_related("jurisdiction")
    if jurisdiction is not None:
        plans = plans.filter(jurisdiction=jurisdiction)
    found = matching(plans, ["label", "title", "summary"], query, language_path="jurisdiction__default_language")
    return [
        SearchHit(
            kind="plans",
            title=f"{plan.label}: {plan.title}",
            url=plan.get_absolute_url(),
            snippet=Truncator(plan.summary).words(30),
            context=f"{plan.jurisdiction.name} · {plan.period}",
            language=plan.jurisdiction.default_language,
        )
        for plan in found.order_by("-start_date", "pk")[:limit]
    ]


search_sources.register("plans", SearchSource(_("Action plans"), _find_plans, order=10))
