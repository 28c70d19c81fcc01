"""RSS and Atom feeds of a jurisdiction's news and changes, and an iCalendar feed of deadlines."""

import datetime
import hashlib
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from samskap.commitments.models import Milestone
from samskap.history.models import ChangeRecord
from samskap.history.selectors import describe
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.registry import deadline_sources

FEED_SIZE = 50


class JurisdictionChanges(Feed):  # type: ignore[type-arg]
    """News and changes in a jurisdiction's plans: new plans, commitments, progress, milestones."""

    def get_object(self, request: HttpRequest, jurisdiction: str) -> Jurisdiction:
        return get_object_or_404(Jurisdiction, slug=jurisdiction)

    def title(self, obj: Jurisdiction) -> str:
        return _("%(name)s: news and changes (Samskap)") % {"name": obj.name}

    def link(self, obj: Jurisdiction) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Jurisdiction) -> str:
        return _("New plans, commitments, progress and every change to %(name)s's OGP action plans.") % {
            "name": obj.name
        }

    def items(self, obj: Jurisdiction) -> list[ChangeRecord]:
        return list(
            ChangeRecord.objects.filter(plan__jurisdiction=obj, plan__published_at__isnull=False)
            .select_related("plan__jurisdiction", "commitment", "content_type")
            .order_by("-created_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item: ChangeRecord) -> str:
        return f"{item.get_action_display().capitalize()}: {item.object_repr}"

    def item_description(self, item: ChangeRecord) -> str:
        # The fields' names in the reader's language ("Start, End"), never the model's ("start_date").
        names = ", ".join(change.label for change in describe(item)) if isinstance(item.changes, dict) else ""
        return _("Fields: %(names)s") % {"names": names} if names else ""

    def item_link(self, item: ChangeRecord) -> str:
        if item.commitment_id and item.plan is not None:
            return reverse(
                "commitments:detail",
                kwargs={
                    "jurisdiction": item.plan.jurisdiction.slug,
                    "plan": item.plan.slug,
                    "commitment": item.commitment.slug if item.commitment else "",
                },
            )
        if item.plan is not None:
            return item.plan.get_absolute_url()
        return reverse("core:home")

    def item_guid(self, item: ChangeRecord) -> str:
        return f"samskap-change-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: ChangeRecord) -> datetime.datetime:
        return item.created_at

    def item_author_name(self, item: ChangeRecord) -> str:
        return item.actor_name


class JurisdictionChangesAtom(JurisdictionChanges):
    feed_type = Atom1Feed

    def subtitle(self, obj: Jurisdiction) -> str:
        return self.description(obj)


def _uid(kind: str, pk: Any) -> str:
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "samskap"
    return f"{kind}-{pk}@{host}"


def calendar(request: HttpRequest, jurisdiction: str | None = None) -> HttpResponse:
    """Deadlines as an iCalendar feed a calendar program can subscribe to: milestone ends (all-day events)
    and, when consultations exist, consultation deadlines (timed, in the jurisdiction's time zone)."""
    from icalendar import Calendar, Event

    place = get_object_or_404(Jurisdiction, slug=jurisdiction) if jurisdiction else None
    feed = Calendar()
    feed.add("prodid", "-//Samskap//Open government deadlines//EN")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", _("Deadlines: %(name)s") % {"name": place.name if place else "Samskap"})
    feed.add("x-wr-timezone", place.time_zone if place else settings.TIME_ZONE)
    stamp = timezone.now()
    milestones = Milestone.objects.filter(
        end_date__isnull=False, commitment__plan__published_at__isnull=False
    ).select_related("commitment__plan__jurisdiction")
    if place is not None:
        milestones = milestones.filter(commitment__plan__jurisdiction=place)
    since = timezone.localdate() - datetime.timedelta(days=365)
    for milestone in milestones.filter(end_date__gte=since).order_by("end_date", "pk").iterator(chunk_size=1000):
        assert milestone.end_date is not None
        commitment = milestone.commitment
        event = Event()
        event.add("uid", _uid("milestone", milestone.pk))
        event.add("dtstamp", stamp)
        event.add("dtstart", milestone.end_date)
        event.add("dtend", milestone.end_date + datetime.timedelta(days=1))
        event.add("summary", f"{commitment.identifier}: {milestone.activity[:120]}")
        event.add("description", _("Milestone deadline (%(status)s)") % {"status": milestone.get_status_display()})
        event.add("url", settings.SITE_URL + commitment.get_absolute_url())
        event.add("transp", "TRANSPARENT")
        feed.add_component(event)
    for source in deadline_sources:
        for deadline in source(place):
            event = Event()
            zone = ZoneInfo(deadline.time_zone)
            kind, _sep, pk = deadline.uid.rpartition("-")
            event.add("uid", _uid(kind, pk))
            event.add("dtstamp", stamp)
            event.add("dtstart", deadline.moment.astimezone(zone))
            event.add("dtend", deadline.moment.astimezone(zone))
            event.add("summary", deadline.title)
            event.add("url", settings.SITE_URL + deadline.url)
            feed.add_component(event)
    digest = hashlib.sha256(feed.to_ical()).hexdigest()[:16]
    response = HttpResponse(feed.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="samskap-{place.slug if place else "all"}.ics"'
    response["ETag"] = f'"{digest}"'
    return response
