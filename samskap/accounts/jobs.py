"""Scheduled work of accounts (`samskap.kernel.schedule`): the login throttle's records are pruned."""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog  # type: ignore[import-untyped]
from django.conf import settings

from samskap.kernel.schedule import Key, scheduled

PRUNE_LOGINS = "accounts.prune_login_records"
# Who logged in from which address is kept this long (to look into an incident), then deleted.
LOGIN_RECORDS_KEPT = datetime.timedelta(days=30)


def _daily(since: datetime.datetime, now: datetime.datetime) -> list[Key]:
    """One occurrence a day (UTC), keyed by the day."""
    days: list[Key] = []
    day = since.date()
    while day <= now.date():
        moment = datetime.datetime.combine(day, datetime.time(3), tzinfo=datetime.UTC)
        if since < moment <= now:
            days.append(day.isoformat())
        day += datetime.timedelta(days=1)
    return days


@scheduled(PRUNE_LOGINS, due=_daily, catch_up=datetime.timedelta(days=2))
def prune_login_records(key: Key, now: datetime.datetime) -> None:
    """Failed attempts count only within the cool-off time; past it they lock nobody out and only hold
    addresses. Successful logins and the failure log go after LOGIN_RECORDS_KEPT."""
    cooloff = settings.AXES_COOLOFF_TIME
    AccessAttempt.objects.filter(attempt_time__lt=now - cooloff).delete()
    AccessLog.objects.filter(attempt_time__lt=now - LOGIN_RECORDS_KEPT).delete()
    AccessFailureLog.objects.filter(attempt_time__lt=now - LOGIN_RECORDS_KEPT).delete()
