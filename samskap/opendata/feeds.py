"""RSS and Atom feeds of a jurisdiction's news and changes, and an iCalendar feed of deadlines."""

import datetime
import hashlib
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from samskap.commitments.models import Milestone
from samskap.history.models import ChangeRecord
from samskap.history.selectors import describe
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.feeds import AtomFeed, PublicFeed
from samskap.kernel.links import absolute, site_host
from samskap.kernel.registry import deadline_sources

FEED_SIZE = 50
TIMED_DEADLINE_LEAD = datetime.timedelta(hours=1)


class JurisdictionChanges(PublicFeed):
    """News and changes in a jurisdiction's plans: new plans, commitments, progress, milestones."""

    def get_object(self, request: HttpRequest, jurisdiction: str) -> Jurisdiction:
        return get_object_or_404(Jurisdiction, slug=jurisdiction)

    def title(self, obj: Jurisdiction) -> str:
        return _("%(name)s: news and changes (Samskap)") % {"name": obj.name}

    def page(self, obj: Jurisdiction) -> str:
        return obj.get_absolute_url()

    def author_name(self, obj: Jurisdiction) -> str:
        return obj.name

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
        model = item.content_type.model_class()
        kind = str(model._meta.verbose_name) if model is not None else ""
        action = item.get_action_display()
        return _("%(kind)s %(action)s: %(name)s") % {
            "kind": kind[:1].upper() + kind[1:],
            "action": action,
            "name": item.object_repr,
        }

    def item_description(self, item: ChangeRecord) -> str:
        """The changed fields by their names in the reader's language, with the old and new values."""
        lines = []
        for change in describe(item):
            if item.action == ChangeRecord.Action.UPDATED:
                value = _("%(old)s → %(new)s") % {"old": _short(change.old), "new": _short(change.new)}
            else:
                value = _short(change.new if item.action == ChangeRecord.Action.CREATED else change.old)
            lines.append(f"<li>{escape(change.label)}: {escape(value)}</li>")
        return f"<ul>{''.join(lines)}</ul>" if lines else ""

    def item_page(self, item: ChangeRecord) -> str:
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

    def item_tag(self, item: ChangeRecord) -> tuple[datetime.date, str]:
        return item.created_at.date(), f"change/{item.pk}"

    def item_pubdate(self, item: ChangeRecord) -> datetime.datetime:
        return item.created_at

    def item_author_name(self, item: ChangeRecord) -> str | None:
        return item.actor_name or None


class JurisdictionChangesAtom(AtomFeed, JurisdictionChanges):
    pass


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\N{HORIZONTAL ELLIPSIS}"


def _uid(kind: str, pk: Any) -> str:
    return f"{kind}-{pk}@{site_host()}"


def calendar(request: HttpRequest, jurisdiction: str | None = None) -> HttpResponse:
    """Deadlines as an iCalendar feed (RFC 5545) a calendar program can subscribe to.

    A deadline given as a date (a milestone's end, a consultation closing "at the end of 29 December")
    is an all-day event on its last day; a timed deadline is an event that ends at that moment (and
    starts TIMED_DEADLINE_LEAD before: calendar programs show an event with DTSTART alone as an hour
    from then, past the deadline). Times carry their TZID with its VTIMEZONE; the calendar's own zone is always
    included, so a calendar with no deadlines still has the component RFC 5545 requires."""
    from icalendar import Calendar, Event, Timezone

    place = get_object_or_404(Jurisdiction, slug=jurisdiction) if jurisdiction else None
    zone_name = place.time_zone if place else settings.TIME_ZONE
    feed = Calendar()
    feed.add("prodid", "-//Samskap//Open government deadlines//EN")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", _("Deadlines: %(name)s") % {"name": place.name if place else "Samskap"})
    feed.add("x-wr-timezone", zone_name)
    stamp = timezone.now()
    today = timezone.localdate()
    since = today - datetime.timedelta(days=365)
    milestones = Milestone.objects.filter(
        end_date__isnull=False, commitment__plan__published_at__isnull=False
    ).select_related("commitment__plan__jurisdiction")
    if place is not None:
        milestones = milestones.filter(commitment__plan__jurisdiction=place)
    latest = today
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
        event.add("url", absolute(commitment.get_absolute_url()))
        event.add("transp", "TRANSPARENT")
        feed.add_component(event)
        latest = max(latest, milestone.end_date)
    for source in deadline_sources:
        for deadline in source(place):
            event = Event()
            kind, _sep, pk = deadline.uid.rpartition("-")
            event.add("uid", _uid(kind, pk))
            event.add("dtstamp", stamp)
            if deadline.last_day is not None:
                event.add("dtstart", deadline.last_day)
                event.add("dtend", deadline.last_day + datetime.timedelta(days=1))
            else:
                moment = deadline.moment.astimezone(ZoneInfo(deadline.time_zone))
                event.add("dtstart", moment - TIMED_DEADLINE_LEAD)
                event.add("dtend", moment)
            event.add("summary", deadline.title)
            event.add("url", absolute(deadline.url))
            event.add("transp", "TRANSPARENT")
            feed.add_component(event)
            latest = max(latest, deadline.moment.date())
    last = datetime.date(latest.year + 2, 1, 1)
    if zone_name not in {str(tz.tz_name) for tz in feed.timezones}:
        feed.subcomponents.insert(0, Timezone.from_tzid(zone_name, first_date=since, last_date=last))
    feed.add_missing_timezones(first_date=since, last_date=last)
    body = feed.to_ical()
    digest = hashlib.sha256(body).hexdigest()[:16]
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="samskap-{place.slug if place else "all"}.ics"'
    response["ETag"] = f'"{digest}"'
    return response
