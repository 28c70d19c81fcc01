"""What the jurisdictions app adds to the site: its download file and sitemap section."""

from django.db.models import QuerySet

from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.registry import download_kinds, sitemap_sections
from samskap.kernel.sitemaps import I18nSitemap
from samskap.kernel.tabular import Kind, fields

download_kinds.register(
    "jurisdictions",
    Kind(
        "jurisdictions",
        "Countries and local governments",
        [
            *fields(Jurisdiction, ["id", "name", "slug", "kind", "parent", "country_code", "time_zone"]),
            *fields(Jurisdiction, ["default_language", "contact_name", "contact_email", "contact_phone"]),
            *fields(Jurisdiction, ["description"]),
        ],
        lambda plan: Jurisdiction.objects.filter(pk=plan.jurisdiction_id) if plan else Jurisdiction.objects.all(),
        position=10,
    ),
)


class Jurisdictions(I18nSitemap):
    def items(self) -> QuerySet[Jurisdiction]:
        return Jurisdiction.objects.order_by("pk")


sitemap_sections.register("jurisdictions", Jurisdictions)
