"""The forum's meetings in the feeds and calendars."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.forum.models import Meeting
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.registry import Deadline


def deadlines(place: Jurisdiction | None) -> list[Deadline]:
    """Meetings and their registration deadlines, for the iCalendar feeds."""
    items = Meeting.objects.select_related("forum__jurisdiction").filter(
        starts_at__gte=timezone.now() - datetime.timedelta(days=365)
    )
    if place is not None:
        items = items.filter(forum__jurisdiction=place)
    found = []
    for meeting in items.order_by("starts_at", "pk"):
        zone = meeting.forum.jurisdiction.time_zone
        found.append(
            Deadline(
                uid=f"forum-registration-{meeting.pk}",
                title=_("Registration deadline: %(title)s") % {"title": meeting.title},
                moment=meeting.registration_closes_at,
                time_zone=zone,
                url=meeting.get_absolute_url(),
            )
        )
        found.append(
            Deadline(
                uid=f"forum-meeting-{meeting.pk}",
                title=_("Forum meeting: %(title)s") % {"title": meeting.title},
                moment=meeting.starts_at,
                time_zone=zone,
                url=meeting.get_absolute_url(),
            )
        )
    return found


class MeetingNews(Feed):  # type: ignore[type-arg]
    """The forum's meetings, newest announced first (all, or one jurisdiction's)."""

    def get_object(self, request: HttpRequest, jurisdiction: str | None = None) -> Jurisdiction | None:
        return get_object_or_404(Jurisdiction, slug=jurisdiction) if jurisdiction else None

    def title(self, obj: Jurisdiction | None) -> str:
        return _("Forum meetings: %(name)s (Samskap)") % {"name": obj.name if obj else "Samskap"}

    def link(self, obj: Jurisdiction | None) -> str:
        return reverse("forum:detail", kwargs={"jurisdiction": obj.slug}) if obj else reverse("core:home")

    def description(self, obj: Jurisdiction | None) -> str:
        return _("Meetings of the stakeholder forum: when, where and the agenda.")

    def items(self, obj: Jurisdiction | None) -> list[Meeting]:
        meetings = Meeting.objects.select_related("forum__jurisdiction")
        if obj is not None:
            meetings = meetings.filter(forum__jurisdiction=obj)
        return list(meetings.order_by("-created_at", "-pk")[:100])

    def item_title(self, item: Meeting) -> str:
        return item.title

    def item_description(self, item: Meeting) -> str:
        local = item.local_start
        return f"{local:%Y-%m-%d %H:%M} ({item.forum.jurisdiction.time_zone}) {item.place}".strip()

    def item_link(self, item: Meeting) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Meeting) -> datetime.datetime:
        return item.created_at

    def item_updateddate(self, item: Meeting) -> datetime.datetime:
        return item.updated_at
