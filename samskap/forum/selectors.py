"""Reads of the co-creation calendar, each with a fixed number of queries."""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from samskap.forum.models import Forum, Meeting, Member, Phase, Registration, TimelinePublication
from samskap.jurisdictions.models import Jurisdiction
from samskap.plans.models import ActionPlan


def forum_of(jurisdiction: Jurisdiction) -> Forum | None:
    return Forum.objects.select_related("jurisdiction").filter(jurisdiction=jurisdiction).first()


@dataclass(frozen=True)
class Members:
    government: list[Member]
    civil_society: list[Member]
    observers: list[Member]


def members(forum: Forum) -> Members:
    """The forum's members, the government's and civil society's apart, and the observers."""
    rows = list(forum.members.select_related("organisation").order_by("organisation__name"))
    observers = [m for m in rows if m.role == Member.Role.OBSERVER]
    government = [m for m in rows if m.role == Member.Role.MEMBER and m.is_government]
    civil = [m for m in rows if m.role == Member.Role.MEMBER and not m.is_government]
    return Members(government, civil, observers)


def meetings(forum: Forum) -> QuerySet[Meeting]:
    attending = Q(registrations__status=Registration.Status.ATTENDING)
    return (
        forum.meetings.select_related("forum__jurisdiction", "plan")
        .annotate(attending=Count("registrations", filter=attending))
        .order_by("-starts_at", "pk")
    )


def upcoming(limit: int = 5, jurisdiction: Jurisdiction | None = None) -> list[Meeting]:
    items = Meeting.objects.select_related("forum__jurisdiction").filter(ends_at__gt=timezone.now())
    if jurisdiction is not None:
        items = items.filter(forum__jurisdiction=jurisdiction)
    return list(items.order_by("starts_at", "pk")[:limit])


def meeting_detail(jurisdiction: str, slug: str) -> Meeting | None:
    return (
        Meeting.objects.select_related("forum__jurisdiction", "plan", "minutes")
        .prefetch_related("agenda", Prefetch("minutes__outcomes"))
        .filter(forum__jurisdiction__slug=jurisdiction, slug=slug)
        .first()
    )


@dataclass(frozen=True)
class Seats:
    attending: int
    reserved_taken: int
    waitlisted: int
    free: int | None  # None: no limit


def seats(meeting: Meeting) -> Seats:
    counts = meeting.registrations.aggregate(
        attending=Count("pk", filter=Q(status=Registration.Status.ATTENDING)),
        reserved=Count("pk", filter=Q(status=Registration.Status.ATTENDING, reserved_seat=True)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
    )
    free = None
    if meeting.capacity is not None:
        general_taken = counts["attending"] - counts["reserved"]
        free = max(0, (meeting.capacity - meeting.reserved_seats) - general_taken)
    return Seats(counts["attending"], counts["reserved"], counts["waiting"], free)


def public_attendees(meeting: Meeting) -> list[Registration]:
    """Those attending who agreed to be shown; never the waiting list, never an email or a need."""
    return list(
        meeting.registrations.filter(
            status=Registration.Status.ATTENDING, show_publicly=True, confirmed_at__isnull=False
        ).order_by("organisation", "name")
    )


def registrations(meeting: Meeting) -> QuerySet[Registration]:
    return meeting.registrations.select_related("invitation").order_by("status", "submitted_at", "pk")


@dataclass(frozen=True)
class Timeline:
    phases: list[Phase]
    current: Phase | None
    published: TimelinePublication | None


def timeline(plan: ActionPlan, today: datetime.date | None = None) -> Timeline:
    """The plan's phases, the one under way today (in the jurisdiction's time zone) and its publication."""
    today = today or timezone.localdate(timezone=zoneinfo.ZoneInfo(plan.jurisdiction.time_zone))
    phases = list(
        Phase.objects.filter(plan=plan)
        .select_related("meeting__forum__jurisdiction")
        .order_by("starts_on", "ends_on", "pk")
    )
    current = next((p for p in phases if p.starts_on <= today <= p.ends_on), None)
    published = TimelinePublication.objects.filter(plan=plan).order_by("-published_at", "-pk").first()
    return Timeline(phases, current, published)
