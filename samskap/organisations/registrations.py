"""What the organisations app adds to the site: its download file and sitemap section."""

from django.db.models import QuerySet

from samskap.kernel.registry import download_kinds, sitemap_sections
from samskap.kernel.sitemaps import I18nSitemap
from samskap.kernel.tabular import Kind, fields
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
