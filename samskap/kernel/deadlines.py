"""Deadlines as people give them: a date means the end of that day in the government's time zone."""

import datetime
from zoneinfo import ZoneInfo


def start_of_day(day: datetime.date, zone: str) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(0), tzinfo=ZoneInfo(zone))


def deadline_from(day: datetime.date, at: datetime.time | None, zone: str) -> datetime.datetime:
    """A deadline given as a date means the end of that day in the zone: the start of the next local
    day, as an exclusive bound. Correct on the days daylight saving begins or ends, which are 23 or 25
    hours long. With a time, the deadline is that local moment."""
    if at is None:
        return start_of_day(day + datetime.timedelta(days=1), zone)
    moment = datetime.datetime.combine(day, at, tzinfo=ZoneInfo(zone))
    # A local time that does not exist (skipped at the spring change) is taken as the moment after.
    return moment.astimezone(datetime.UTC).astimezone(ZoneInfo(zone))


def deadline_parts(moment: datetime.datetime, zone: str) -> tuple[datetime.date, datetime.time | None]:
    """The inverse of deadline_from: (the last day, the time or None when the deadline is the day's end)."""
    local = moment.astimezone(ZoneInfo(zone))
    if local.time() == datetime.time(0):
        return local.date() - datetime.timedelta(days=1), None
    return local.date(), local.time().replace(tzinfo=None)
