from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from samskap.commitments.models import Commitment
from samskap.jurisdictions.models import Jurisdiction
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan


class I18nSitemap(Sitemap[Any]):
    i18n = True
    alternates = True
    x_default = True


class StaticPages(I18nSitemap):
    def items(self) -> list[str]:
        return ["core:home", "organisations:list", "opendata:index", "api_pages:docs"]

    def location(self, item: str) -> str:
        return reverse(item)


class Jurisdictions(I18nSitemap):
    def items(self) -> QuerySet[Jurisdiction]:
        return Jurisdiction.objects.order_by("pk")


class Organisations(I18nSitemap):
    def items(self) -> QuerySet[Organisation]:
        return Organisation.objects.order_by("pk")


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


class Commitments(I18nSitemap):
    limit = 5000

    def items(self) -> QuerySet[Commitment]:
        return Commitment.objects.select_related("plan__jurisdiction").order_by("pk")

    def lastmod(self, item: Commitment) -> Any:
        return item.updated_at


class ConsultationPages(I18nSitemap):
    def items(self) -> list[Any]:
        from samskap.consultations.models import Consultation

        pages: list[Any] = ["list"]
        for consultation in Consultation.objects.select_related("jurisdiction").order_by("pk"):
            pages += [("detail", consultation), ("submissions", consultation)]
        return pages

    def location(self, item: Any) -> str:
        if item == "list":
            return reverse("consultations:list")
        name, consultation = item
        return str(consultation.url(name))


class PublishedSubmissions(I18nSitemap):
    limit = 5000

    def items(self) -> Any:
        from samskap.consultations.models import Submission

        return (
            Submission.objects.filter(status__in=Submission.PUBLIC_STATUSES)
            .select_related("consultation__jurisdiction")
            .order_by("pk")
        )


SITEMAPS = {
    "pages": StaticPages,
    "jurisdictions": Jurisdictions,
    "organisations": Organisations,
    "plans": Plans,
    "comparisons": PlanComparisons,
    "commitments": Commitments,
    "consultations": ConsultationPages,
    "submissions": PublishedSubmissions,
}
