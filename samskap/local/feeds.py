"""Accepted local activities in the feeds (RSS and Atom; all, or one country's or local government's)."""

import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.feeds import AtomFeed, PublicFeed
from samskap.local.models import Activity
from samskap.local.selectors import public_activities


class ActivityNews(PublicFeed):
    def get_object(self, request: HttpRequest, jurisdiction: str | None = None) -> Jurisdiction | None:
        return get_object_or_404(Jurisdiction, slug=jurisdiction) if jurisdiction else None

    def title(self, obj: Jurisdiction | None) -> str:
        return _("Local OGP activities: %(name)s (Samskap)") % {"name": obj.name if obj else "Samskap"}

    def description(self, obj: Jurisdiction | None) -> str:
        return _("Openness activities of municipalities and counties, accepted as OGP activities.")

    def page(self, obj: Jurisdiction | None) -> str:
        if obj is None:
            return reverse("core:home")
        return reverse("local:activities", kwargs={"jurisdiction": obj.slug})

    def items(self, obj: Jurisdiction | None) -> list[Activity]:
        if obj is None:
            found = public_activities()
        elif obj.is_local:
            found = public_activities(jurisdiction=obj)
        else:
            found = public_activities(country=obj)
        return list(found.order_by("-published_at", "-pk")[:50])

    def item_title(self, item: Activity) -> str:
        return f"{item.jurisdiction.name}: {item.title}"

    def item_description(self, item: Activity) -> str:
        return Truncator(item.description).words(60)

    def item_page(self, item: Activity) -> str:
        return item.get_absolute_url()

    def item_author_name(self, item: Activity) -> str:
        return item.jurisdiction.name

    def item_tag(self, item: Activity) -> tuple[datetime.date, str]:
        return item.created_at.date(), f"local-activity/{item.pk}"

    def item_pubdate(self, item: Activity) -> datetime.datetime:
        assert item.published_at is not None  # public activities only
        return item.published_at

    def item_updateddate(self, item: Activity) -> datetime.datetime:
        return item.updated_at


class ActivityNewsAtom(AtomFeed, ActivityNews):
    pass
