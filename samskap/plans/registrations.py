"""What the plans app adds to the site: download files, sitemap sections, the home page's plans."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskap.accounts.permissions import can, grants_for
from samskap.jurisdictions.models import Jurisdiction
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
    work_items,
)
from samskap.kernel.search import matching
from samskap.kernel.sitemaps import I18nSitemap
from samskap.kernel.tabular import Kind, fields
from samskap.kernel.text import first_words
from samskap.plans.models import ActionPlan, Theme
from samskap.plans.permissions import PlanAction
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
    found = matching(
        plans, ["label", "title", "summary"], query, language_path="jurisdiction__default_language", stored_vector=True
    )
    return [
        SearchHit(
            kind="plans",
            title=f"{plan.label}: {plan.title}",
            url=plan.get_absolute_url(),
            snippet=first_words(plan.summary, 30),
            context=f"{plan.jurisdiction.name} · {plan.period}",
            language=plan.jurisdiction.default_language,
        )
        for plan in found.order_by("-start_date", "pk")[:limit]
    ]


search_sources.register("plans", SearchSource(_("Action plans"), _find_plans, order=10))


def _work(request: HttpRequest | None, subject: Any) -> dict[str, Any] | None:
    """My work: the governments the user coordinates and their draft plans, waiting to be published."""
    if request is None or not request.user.is_authenticated:
        return None
    user = request.user
    places = [
        place
        for place in Jurisdiction.objects.filter(pk__in=grants_for(user).coordinator_of).order_by("kind", "name")
        if can(user, PlanAction.CREATE_PLAN, place)
    ]
    drafts = [
        plan
        for plan in ActionPlan.objects.filter(published_at__isnull=True, jurisdiction__in=places)
        .select_related("jurisdiction")
        .order_by("jurisdiction__name", "-start_date")
        if can(user, PlanAction.PUBLISH_PLAN, plan)
    ]
    if not places:
        return None
    return {"coordinated": places, "draft_plans": drafts}


work_items.register("plans", Panel("plans/panels/work.html", _work, order=10))
