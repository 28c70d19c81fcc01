"""What the evidence repository adds to the site: the menu, sitemap sections, the bulk download, the site
search, and the standards summary and documents on the plan's and the commitment's pages."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskap.evidence.models import Document
from samskap.evidence.selectors import Entry, Filters, entries, public_documents
from samskap.evidence.standards import check_plan
from samskap.kernel.registry import (
    NavItem,
    Panel,
    SearchHit,
    SearchSource,
    commitment_panels,
    download_kinds,
    navigation,
    plan_panels,
    search_sources,
    sitemap_sections,
)
from samskap.kernel.search import matching
from samskap.kernel.sitemaps import I18nSitemap
from samskap.kernel.tabular import Column, Kind, fields
from samskap.kernel.text import first_words
from samskap.plans.models import ActionPlan

PANEL_ENTRIES = 10

download_kinds.register(
    "evidence_documents",
    Kind(
        "evidence_documents",
        "Documents of the evidence repository, uploaded or linked (address: the permanent page)",
        fields(Document, ["id", "jurisdiction", "plan", "commitment", "milestone", "meeting", "kind", "title"])
        + fields(Document, ["description", "date", "language", "url", "link_status", "link_checked_at"])
        + fields(Document, ["content_type", "size", "updated_at", "created_at"])
        + [Column("address", "The document's permanent page", lambda d: d.get_absolute_url())],
        lambda plan: public_documents().filter(plan=plan).order_by("pk") if plan else public_documents().order_by("pk"),
        position=180,
    ),
)

navigation.register("documents", NavItem(_("Documents"), "evidence:repository", order=60))


class Repository(I18nSitemap):
    def items(self) -> list[str]:
        return ["evidence:repository"]

    def location(self, item: str) -> str:
        return reverse(item)


class Documents(I18nSitemap):
    def items(self) -> Any:
        return public_documents().order_by("pk")

    def lastmod(self, item: Document) -> Any:
        return item.updated_at


class StandardsPages(I18nSitemap):
    def items(self) -> Any:
        return ActionPlan.objects.public().select_related("jurisdiction").order_by("pk")

    def location(self, item: ActionPlan) -> str:
        return reverse("evidence:standards", kwargs={"jurisdiction": item.jurisdiction.slug, "plan": item.slug})


sitemap_sections.register("evidence_repository", Repository)
sitemap_sections.register("evidence_documents", Documents)
sitemap_sections.register("standards", StandardsPages)


def _find_documents(words: list[str], query: str, jurisdiction: Any, limit: int) -> list[SearchHit]:
    documents = public_documents().select_related("jurisdiction")
    if jurisdiction is not None:
        documents = documents.filter(jurisdiction=jurisdiction)
    found = matching(documents, ["title", "description"], query, language_path="language")
    return [
        SearchHit(
            kind="documents",
            title=document.title,
            url=document.get_absolute_url(),
            snippet=first_words(document.description, 30),
            context=f"{document.jurisdiction.name} · {document.get_kind_display()} · {document.date.isoformat()}",
            language=document.language,
        )
        for document in found.order_by("-date", "pk")[:limit]
    ]


search_sources.register("documents", SearchSource(_("Documents"), _find_documents, order=70))


def _plan_panel(request: HttpRequest | None, plan: ActionPlan) -> dict[str, Any] | None:
    found = entries(Filters(jurisdiction_id=plan.jurisdiction_id))
    return {
        "plan": plan,
        "standards": check_plan(plan, repository=found),
        "entries": [entry for entry in found if entry.plan_id == plan.pk][:PANEL_ENTRIES],
    }


def _commitment_panel(request: HttpRequest | None, commitment: Any) -> dict[str, Any] | None:
    found: list[Entry] = entries(Filters(jurisdiction_id=commitment.plan.jurisdiction_id, commitment_id=commitment.pk))
    return {"entries": found[:PANEL_ENTRIES]} if found else None


plan_panels.register("evidence", Panel("evidence/panels/plan.html", _plan_panel, order=90))
commitment_panels.register("evidence", Panel("evidence/panels/commitment.html", _commitment_panel, order=90))
