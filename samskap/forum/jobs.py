"""Scheduled work of the forum (`samskap.kernel.schedule`): reminders before a meeting."""

import datetime

from samskap.forum import services
from samskap.forum.models import Meeting, Registration
from samskap.kernel.schedule import Key, scheduled

REMINDER = "forum.reminder"
#: The longest lead time a meeting may ask for its reminder (a bigger one is read as this).
LONGEST_LEAD = datetime.timedelta(days=30)


def _lead(meeting: Meeting) -> datetime.timedelta:
    return min(datetime.timedelta(hours=meeting.reminder_hours), LONGEST_LEAD)


def _reminders(since: datetime.datetime, now: datetime.datetime) -> list[Key]:
    """Meetings whose reminder moment (start minus its lead time) fell in the window, before the start.
    Keyed by the start too: a meeting moved to another time is reminded again for the new time."""
    rows = Meeting.objects.filter(
        starts_at__gt=now, starts_at__lte=now + LONGEST_LEAD, reminder_hours__gt=0
    ).select_related("forum__jurisdiction")
    due: list[Key] = []
    for meeting in rows:
        moment = meeting.starts_at - _lead(meeting)
        if since < moment <= now:
            due.append((meeting.pk, meeting.starts_at.isoformat()))
    return due


@scheduled(REMINDER, due=_reminders, catch_up=datetime.timedelta(days=1))
def remind(key: Key, now: datetime.datetime) -> None:
    """Everyone with a seat gets one reminder with the date, time, place and their own link."""
    assert isinstance(key, tuple)
    meeting = Meeting.objects.select_related("forum__jurisdiction").filter(pk=key[0]).first()
    if meeting is None or meeting.starts_at.isoformat() != key[1] or meeting.starts_at <= now:
        return
    for registration in meeting.registrations.filter(status=Registration.Status.ATTENDING):
        services.send_reminder(registration=registration, meeting=meeting)
