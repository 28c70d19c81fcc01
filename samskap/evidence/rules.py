"""OGP's Participation and Co-Creation Standards as pure rules on dates and counts.

Each rule takes plain values (dates, counts) and the day it is judged on, and returns a verdict:
"met", "at_risk" (the period is not over and the requirement is not yet met, but still can be) or
"not_met". `evidence.standards` reads Samskap's record and feeds them; the tests check each rule at
its edges. Months are calendar months: six months after 31 August is the last day of February.
"""

import calendar
import datetime
from dataclasses import dataclass

MET = "met"
AT_RISK = "at_risk"
NOT_MET = "not_met"

#: MR 1.1: the forum meets at least every six months.
FORUM_GAP_MONTHS = 6
#: MR 2.2: the repository is updated at least this many times in each half-year (the decision for Samskap).
UPDATES_PER_HALF_YEAR = 2
#: MR 3.1: the timeline is published at least two weeks before co-creation starts.
NOTICE_DAYS = 14
#: MR 5.1: at least two meetings a year with civil society during implementation.
MEETINGS_PER_YEAR = 2


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it has fewer days."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Outcome:
    verdict: str
    reason: str  # a key the page turns into a sentence (see `standards.REASONS`)
    detail: dict[str, object]


def regular_meetings(
    meetings: list[datetime.date], start: datetime.date, end: datetime.date, today: datetime.date, *, rules: bool
) -> Outcome:
    """MR 1.1: public rules, and from `start` to `end` never more than six months without a meeting.

    Meetings on or before `today` were held; later ones are scheduled. A gap of exactly six months is
    allowed. While the period runs, a gap that is not over yet is at risk unless a meeting is scheduled
    before it becomes too long.
    """
    if not rules:
        return Outcome(NOT_MET, "no_rules", {})
    inside = sorted(day for day in meetings if start <= day <= end)
    previous = start
    for day in (d for d in inside if d <= today):
        if day > add_months(previous, FORUM_GAP_MONTHS):
            return Outcome(NOT_MET, "gap", {"after": previous, "until": day})
        previous = day
    horizon = min(today, end)
    deadline = add_months(previous, FORUM_GAP_MONTHS)
    if horizon > deadline:
        return Outcome(NOT_MET, "gap", {"after": previous, "until": horizon})
    if today >= end or deadline >= end:
        return Outcome(MET, "regular", {})
    if any(today < day <= deadline for day in inside):
        return Outcome(MET, "regular", {})
    return Outcome(AT_RISK, "next_due", {"deadline": deadline})


def public_page(published: bool, start: datetime.date, today: datetime.date) -> Outcome:
    """MR 2.1: the plan's page is public (published); before the plan starts its absence is a risk."""
    if published:
        return Outcome(MET, "published", {})
    return Outcome(AT_RISK if today < start else NOT_MET, "unpublished", {})


def half_years(start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The calendar half-years (January-June, July-December) that overlap the period."""
    halves = []
    first = datetime.date(start.year, 1 if start.month <= 6 else 7, 1)
    while first <= end:
        last = datetime.date(first.year, 6, 30) if first.month == 1 else datetime.date(first.year, 12, 31)
        halves.append((first, last))
        first = last + datetime.timedelta(days=1)
    return halves


@dataclass(frozen=True)
class HalfYear:
    first: datetime.date
    last: datetime.date
    updates: int
    state: str  # met, at_risk (running, too few so far), not_met (over, too few), or "" (not started)


def repository_updates(
    dates: list[datetime.date], start: datetime.date, end: datetime.date, today: datetime.date
) -> tuple[Outcome, list[HalfYear]]:
    """MR 2.2: at least `UPDATES_PER_HALF_YEAR` dated documents in each half-year of the period that has begun."""
    rows = []
    for first, last in half_years(start, end):
        count = sum(1 for day in dates if first <= day <= last)
        if first > today:
            state = ""
        elif count >= UPDATES_PER_HALF_YEAR:
            state = MET
        else:
            state = AT_RISK if last >= today else NOT_MET
        rows.append(HalfYear(first, last, count, state))
    if any(row.state == NOT_MET for row in rows):
        missed = next(row for row in rows if row.state == NOT_MET)
        return Outcome(NOT_MET, "too_few_updates", {"first": missed.first, "last": missed.last}), rows
    if any(row.state == AT_RISK for row in rows) or not any(row.state for row in rows):
        return Outcome(AT_RISK, "updates_pending", {}), rows
    return Outcome(MET, "updated", {}), rows


def timeline_notice(
    published_on: datetime.date | None, first_activity: datetime.date | None, today: datetime.date
) -> Outcome:
    """MR 3.1: the timeline was published at least 14 days before its first activity.

    Without a published timeline it is at risk while publishing today would still give 14 days' notice
    of the first activity (or, without phases, of the plan's start), and not met after that.
    """
    if first_activity is None:
        return Outcome(NOT_MET, "no_timeline", {})
    if published_on is None:
        in_time = (first_activity - today).days >= NOTICE_DAYS
        return Outcome(AT_RISK if in_time else NOT_MET, "no_timeline", {})
    notice = (first_activity - published_on).days
    return Outcome(MET if notice >= NOTICE_DAYS else NOT_MET, "notice", {"days": notice})


def way_to_give_input(opened: list[datetime.date], start: datetime.date, today: datetime.date) -> Outcome:
    """MR 3.2: during co-creation (up to the plan's start) the public could give input: a consultation or
    an open meeting of the plan opened by then. One only scheduled, or none before the start, is a risk;
    a way that opens after the start (e.g. on a self-assessment) is not co-creation and does not count."""
    during = [day for day in opened if day <= start]
    if any(day <= today for day in during):
        return Outcome(MET, "input_open", {})
    if today < start:
        return Outcome(AT_RISK, "input_pending", {})
    return Outcome(NOT_MET, "no_input_way", {})


def reasoned_response(received: int, answered: int, due: datetime.date, today: datetime.date) -> Outcome:
    """MR 4.1: every piece of input received has a reasoned response. Until `due` (the plan's start,
    when it is adopted) what is not answered yet is at risk; after it, not met."""
    details: dict[str, object] = {"received": received, "answered": answered}
    if received == 0:
        return Outcome(AT_RISK if today < due else NOT_MET, "no_input", details)
    if answered >= received:
        return Outcome(MET, "answered", details)
    return Outcome(AT_RISK if today < due else NOT_MET, "unanswered", details)


@dataclass(frozen=True)
class Year:
    first: datetime.date
    last: datetime.date
    held: int
    scheduled: int
    required: int
    state: str


def implementation_meetings(
    meetings: list[datetime.date], start: datetime.date, end: datetime.date, today: datetime.date
) -> tuple[Outcome, list[Year]]:
    """MR 5.1: in each year of implementation (counted from the plan's start) at least two meetings; a
    last part shorter than a year needs one. A year that is over with fewer is not met; a running or
    coming year is met when the meetings held and scheduled are enough, and at risk otherwise."""
    rows = []
    first = start
    while first <= end:
        following = add_months(first, 12)
        last = min(following - datetime.timedelta(days=1), end)
        required = MEETINGS_PER_YEAR if last == following - datetime.timedelta(days=1) else 1
        held = sum(1 for day in meetings if first <= day <= last and day <= today)
        scheduled = sum(1 for day in meetings if first <= day <= last and day > today)
        if last < today:
            state = MET if held >= required else NOT_MET
        else:
            state = MET if held + scheduled >= required else AT_RISK
        rows.append(Year(first, last, held, scheduled, required, state))
        first = following
    if any(row.state == NOT_MET for row in rows):
        missed = next(row for row in rows if row.state == NOT_MET)
        return Outcome(NOT_MET, "too_few_meetings", {"first": missed.first, "last": missed.last}), rows
    if any(row.state == AT_RISK for row in rows):
        return Outcome(AT_RISK, "meetings_pending", {}), rows
    return Outcome(MET, "meetings", {}), rows
