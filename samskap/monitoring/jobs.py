"""Scheduled work of status rounds (`samskap.kernel.schedule`): reminders before and after the due date,
and after the last one, the coordinator is told who is missing."""

import datetime

from samskap.kernel.schedule import Key, scheduled
from samskap.monitoring import services
from samskap.monitoring.models import OFFSET_RANGE, StatusRound

REMINDER = "monitoring.reminder"


def _reminders(since: datetime.datetime, now: datetime.datetime) -> list[Key]:
    """Each open round's reminders whose moment fell in the window. Keyed by the due date too: a round
    given a new due date is reminded again on the new dates."""
    window = datetime.timedelta(days=OFFSET_RANGE + 2)
    rounds = StatusRound.objects.filter(
        state=StatusRound.State.OPEN, due_date__gte=(now - window).date(), due_date__lte=(now + window).date()
    ).select_related("plan__jurisdiction")
    due: list[Key] = []
    for status_round in rounds:
        for offset in status_round.offsets:
            if since < status_round.reminder_moment(offset) <= now:
                due.append((status_round.pk, offset, status_round.due_date.isoformat()))
    return due


@scheduled(REMINDER, due=_reminders, catch_up=datetime.timedelta(days=2))
def remind(key: Key, now: datetime.datetime) -> None:
    """Remind every institution that has not answered; after the last reminder, tell the coordinator."""
    assert isinstance(key, tuple)
    pk, offset, due_date = int(key[0]), int(key[1]), str(key[2])
    status_round = StatusRound.objects.select_related("plan__jurisdiction", "started_by").filter(pk=pk).first()
    if status_round is None or not status_round.is_open or status_round.due_date.isoformat() != due_date:
        return
    offsets = status_round.offsets
    if offset not in offsets:
        return
    services.send_reminders(status_round=status_round, offset=offset)
    if offset == min(offsets):
        services.report_missing(status_round=status_round)
