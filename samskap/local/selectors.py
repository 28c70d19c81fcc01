"""Reads for local governments taking part, each with a fixed number of queries."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.jurisdictions.models import Jurisdiction
from samskap.local.models import Activity, JoinRequest
from samskap.plans.models import ActionPlan


def public_activities(
    *, jurisdiction: Jurisdiction | None = None, country: Jurisdiction | None = None
) -> QuerySet[Activity]:
    """Accepted activities, newest first: one local government's, or those of all of a country's."""
    found = Activity.objects.public().select_related("jurisdiction", "pillar", "commitment__plan__jurisdiction")
    if jurisdiction is not None:
        found = found.filter(jurisdiction=jurisdiction)
    if country is not None:
        found = found.filter(jurisdiction__parent=country)
    return found.order_by("-good_example", "-published_at", "-pk")


def taking_part(country: Jurisdiction | None = None) -> list[Jurisdiction]:
    """The country's local governments (every country's when None), with how many accepted activities and
    published plans each has."""
    places = Jurisdiction.objects.filter(parent__isnull=False)
    if country is not None:
        places = places.filter(parent=country)
    return list(
        places.annotate(
            activity_count=Count(
                "local_activities",
                filter=Q(local_activities__status=Activity.Status.ACCEPTED),
                distinct=True,
            ),
            plan_count=Count("plans", filter=Q(plans__published_at__isnull=False), distinct=True),
        ).order_by("name")
    )


def taking_part_by_country() -> list[tuple[Jurisdiction, list[Jurisdiction]]]:
    """Each national government with its local governments (as `taking_part`). Two queries."""
    by_country: dict[int | None, list[Jurisdiction]] = {}
    for place in taking_part():
        by_country.setdefault(place.parent_id, []).append(place)
    countries = Jurisdiction.objects.filter(kind=Jurisdiction.Kind.NATIONAL).order_by("name", "pk")
    return [(country, by_country.get(country.pk, [])) for country in countries]


def pending_join_requests(country: Jurisdiction) -> QuerySet[JoinRequest]:
    """Requests the national coordinator should answer: the sender's email is confirmed."""
    return JoinRequest.objects.filter(
        country=country, status=JoinRequest.Status.PENDING, confirmed_at__isnull=False
    ).order_by("submitted_at", "pk")


def activities_to_review(country: Jurisdiction) -> QuerySet[Activity]:
    return (
        Activity.objects.filter(jurisdiction__parent=country, status=Activity.Status.SUBMITTED)
        .select_related("jurisdiction")
        .order_by("submitted_at", "pk")
    )


@dataclass
class OverviewRow:
    """One local government in the national overview."""

    jurisdiction: Jurisdiction
    joined: datetime.date | None
    plans: list[ActionPlan] = field(default_factory=list)
    accepted: int = 0
    pending: int = 0
    drafts: int = 0
    good_examples: int = 0

    @property
    def phase(self) -> str:
        """How far along the cycle it is: its newest plan's status, or reporting activities without a plan."""
        today = timezone.localdate()
        if self.plans:
            newest = self.plans[0]
            if newest.published_at is None:
                return _("Drafting a plan (%(status)s)") % {"status": newest.status_on(today)}
            return newest.status_on(today)
        if self.accepted or self.pending:
            return _("Reporting activities without a plan")
        return _("Joined; nothing reported yet")

    def plan_summary(self) -> str:
        parts = []
        for plan in self.plans:
            state = _("published") if plan.published_at else _("draft")
            parts.append(
                f"{plan.label} ({state}, {plan.status_on(timezone.localdate())}, {plan.start_date}/{plan.end_date})"
            )
        return "; ".join(parts)


def overview(country: Jurisdiction) -> list[OverviewRow]:
    """Every local government of the country, its plans (drafts too: this is the coordinator's view),
    its activities by state, and how far along its cycle it is. Three queries."""
    places = list(
        Jurisdiction.objects.filter(parent=country)
        .annotate(
            accepted=Count("local_activities", filter=Q(local_activities__status=Activity.Status.ACCEPTED)),
            pending=Count("local_activities", filter=Q(local_activities__status=Activity.Status.SUBMITTED)),
            drafts=Count(
                "local_activities",
                filter=Q(local_activities__status__in=[Activity.Status.DRAFT, Activity.Status.CHANGES_REQUESTED]),
            ),
            good=Count(
                "local_activities",
                filter=Q(local_activities__good_example=True, local_activities__status=Activity.Status.ACCEPTED),
            ),
        )
        .prefetch_related(Prefetch("plans", queryset=ActionPlan.objects.order_by("-start_date", "-pk")))
        .order_by("name")
    )
    joined = dict(
        JoinRequest.objects.filter(country=country, status=JoinRequest.Status.ACCEPTED, jurisdiction__isnull=False)
        .order_by("decided_at")
        .values_list("jurisdiction_id", "decided_at")
    )
    rows = []
    for place in places:
        moment: Any = joined.get(place.pk)
        rows.append(
            OverviewRow(
                jurisdiction=place,
                joined=timezone.localtime(moment).date() if moment else None,
                plans=list(place.plans.all()),
                accepted=place.accepted,
                pending=place.pending,
                drafts=place.drafts,
                good_examples=place.good,
            )
        )
    return rows
