"""Scheduled work of proposals (`samskap.kernel.schedule`): reminding the responsible ministry to
answer a civil-society proposal before its answer date."""

import datetime
import zoneinfo

from samskap.kernel.schedule import Key, scheduled
from samskap.proposals import services
from samskap.proposals.models import Comment, Proposal

ANSWER_REMINDER = "proposals.answer_reminder"
#: The reminder goes this long before the answer date (the start of that day, in the plan's time zone).
LEAD = datetime.timedelta(days=3)


def _moment(proposal: Proposal) -> datetime.datetime:
    assert proposal.answer_by is not None
    zone = zoneinfo.ZoneInfo(proposal.plan.jurisdiction.time_zone)
    return datetime.datetime.combine(proposal.answer_by, datetime.time(0), tzinfo=zone) - LEAD


def _waiting(since: datetime.datetime, now: datetime.datetime) -> list[Key]:
    """Open proposals without the responsible ministry's answer whose reminder moment fell in the window.
    Keyed by the answer date too: a proposal given a new date is reminded again for it."""
    rows = (
        Proposal.objects.filter(
            answer_by__isnull=False,
            responsible__isnull=False,
            answer_by__gte=(since - datetime.timedelta(days=2)).date(),
            answer_by__lte=(now + LEAD + datetime.timedelta(days=2)).date(),
        )
        .exclude(status__in=[Proposal.Status.DRAFT, *Proposal.FINAL])
        .exclude(pk__in=Comment.objects.filter(is_answer=True).values("proposal"))
        .select_related("plan__jurisdiction")
    )
    due: list[Key] = []
    for proposal in rows:
        if since < _moment(proposal) <= now:
            assert proposal.answer_by is not None
            due.append((proposal.pk, proposal.answer_by.isoformat()))
    return due


@scheduled(ANSWER_REMINDER, due=_waiting, catch_up=datetime.timedelta(days=2))
def remind(key: Key, now: datetime.datetime) -> None:
    assert isinstance(key, tuple)
    proposal = Proposal.objects.select_related("plan__jurisdiction", "responsible").filter(pk=key[0]).first()
    if proposal is None or proposal.answer_by is None or proposal.answer_by.isoformat() != key[1]:
        return
    if proposal.is_final or proposal.comments.filter(is_answer=True).exists():
        return
    services.send_answer_reminder(proposal=proposal)
