"""Proposals in the feeds and calendars: proposals sent and decisions taken; round deadlines."""

import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.feeds import PublicFeed
from samskap.kernel.registry import Deadline
from samskap.proposals.models import Proposal, Round, Step


def deadlines(place: Jurisdiction | None) -> list[Deadline]:
    """The deadlines of proposal rounds, for the calendars."""
    rows = Round.objects.select_related("plan__jurisdiction").filter(
        closes_at__gte=timezone.now() - datetime.timedelta(days=365)
    )
    if place is not None:
        rows = rows.filter(plan__jurisdiction=place)
    return [
        Deadline(
            uid=f"proposal-round-{item.pk}",
            title=_("Deadline for proposals: %(title)s") % {"title": item.title},
            moment=item.closes_at,
            time_zone=item.plan.jurisdiction.time_zone,
            url=item.get_absolute_url(),
        )
        for item in rows.order_by("closes_at", "pk")
    ]


class ProposalNews(PublicFeed):
    """Proposals sent and what was decided about them (all, or one jurisdiction's). Never a draft."""

    def get_object(self, request: HttpRequest, jurisdiction: str | None = None) -> Jurisdiction | None:
        return get_object_or_404(Jurisdiction, slug=jurisdiction) if jurisdiction else None

    def title(self, obj: Jurisdiction | None) -> str:
        return _("Proposals for commitments: %(name)s (Samskap)") % {"name": obj.name if obj else "Samskap"}

    def page(self, obj: Jurisdiction | None) -> str:
        return reverse("proposals:register")

    def description(self, obj: Jurisdiction | None) -> str:
        return _("New proposals for commitments and the decisions on them.")

    def items(self, obj: Jurisdiction | None) -> list[Step]:
        rows = Step.objects.exclude(status=Proposal.Status.DRAFT).select_related("proposal__plan__jurisdiction")
        if obj is not None:
            rows = rows.filter(proposal__plan__jurisdiction=obj)
        return list(rows.order_by("-at", "-pk")[:50])

    def item_title(self, item: Step) -> str:
        return f"{item.get_status_display()}: {item.proposal.title}"

    def item_description(self, item: Step) -> str:
        return Truncator(item.note or item.proposal.description).words(60)

    def item_page(self, item: Step) -> str:
        return item.proposal.get_absolute_url()

    def item_tag(self, item: Step) -> tuple[datetime.date, str]:
        return item.at.date(), f"proposal-step-{item.pk}"

    def item_pubdate(self, item: Step) -> datetime.datetime:
        return item.at
