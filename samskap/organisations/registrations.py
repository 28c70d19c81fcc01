"""What the organisations app adds to the site: its download file and sitemap section."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samskap.kernel.registry import (
    NavItem,
    SearchHit,
    SearchSource,
    download_kinds,
    navigation,
    search_sources,
    sitemap_sections,
)
from samskap.kernel.search import matching
from samskap.kernel.sitemaps import I18nSitemap
from samskap.kernel.tabular import Kind, fields
from samskap.kernel.text import first_words
from samskap.organisations.models import Organisation

download_kinds.register(
    "organisations",
    Kind(
        "organisations",
        "Ministries, agencies, municipalities and civil-society organisations",
        fields(Organisation, ["id", "name", "slug", "type", "jurisdiction", "website", "description"]),
        lambda plan: Organisation.objects.filter(jurisdiction=plan.jurisdiction_id) if plan else Organisation.objects,
        position=20,
    ),
)


class Organisations(I18nSitemap):
    def items(self) -> QuerySet[Organisation]:
        return Organisation.objects.order_by("pk")


sitemap_sections.register("organisations", Organisations)
navigation.register("organisations", NavItem(_("Organisations"), "organisations:list", order=40))


def _find_organisations(words: list[str], query: str, jurisdiction: Any, limit: int) -> list[SearchHit]:
    items = Organisation.objects.select_related("jurisdiction")
    if jurisdiction is not None:
        items = items.filter(jurisdiction=jurisdiction)
    found = matching(
        items, ["name", "description"], query, language_path="jurisdiction__default_language", stored_vector=True
    )
    return [
        SearchHit(
            kind="organisations",
            title=item.name,
            url=item.get_absolute_url(),
            snippet=first_words(item.description, 30),
            context=item.jurisdiction.name if item.jurisdiction_id else "",
            language=item.jurisdiction.default_language if item.jurisdiction_id else "",
        )
        for item in found.order_by("name", "pk")[:limit]
    ]


search_sources.register("organisations", SearchSource(_("Organisations"), _find_organisations, order=60))
