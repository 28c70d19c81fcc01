"""Published plan versions in a feed: each frozen version is an entry (all governments, or one)."""

import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.feeds import PublicFeed
from samskap.publication.models import PublishedVersion
from samskap.publication.selectors import public_versions


class VersionNews(PublicFeed):
    def get_object(self, request: HttpRequest, jurisdiction: str | None = None) -> Jurisdiction | None:
        return get_object_or_404(Jurisdiction, slug=jurisdiction) if jurisdiction else None

    def title(self, obj: Jurisdiction | None) -> str:
        return _("Published action plans: %(name)s (Samskap)") % {"name": obj.name if obj else "Samskap"}

    def description(self, obj: Jurisdiction | None) -> str:
        return _("Each version of an action plan as it was published, with its PDF and DOCX files.")

    def page(self, obj: Jurisdiction | None) -> str:
        return obj.get_absolute_url() if obj else reverse("plan_index:list")

    def items(self, obj: Jurisdiction | None) -> list[PublishedVersion]:
        versions = public_versions().select_related("plan__jurisdiction")
        if obj is not None:
            versions = versions.filter(plan__jurisdiction=obj)
        return list(versions.order_by("-published_at", "-pk")[:50])

    def item_title(self, item: PublishedVersion) -> str:
        return _("%(plan)s, version %(number)s") % {"plan": item.plan.title, "number": item.number}

    def item_description(self, item: PublishedVersion) -> str:
        return _("%(government)s published plan %(label)s (version %(number)s).") % {
            "government": item.plan.jurisdiction.name,
            "label": item.plan.label,
            "number": item.number,
        }

    def item_page(self, item: PublishedVersion) -> str:
        return item.get_absolute_url()

    def item_tag(self, item: PublishedVersion) -> tuple[datetime.date, str]:
        return item.published_at.date(), f"plan-version:{item.pk}"

    def item_pubdate(self, item: PublishedVersion) -> datetime.datetime:
        return item.published_at
