"""Scheduled work of following (`samskap.kernel.schedule`): the follow emails, and work notices.

Follow emails: each stream has moments (every five minutes for real time; 07:00 each day; 07:00 each
Monday, in the site's time zone) and each moment is one occurrence, claimed once however many
schedulers run; its emails are keyed by the moment and the cursors move in the claim's transaction.
A moment missed while no scheduler ran is run at the next start (within the catch-up); one older than
that is dropped, but its events are not: the cursors have not moved, so the next moment carries them.

Work notices: coordinators hear of new input (one email an hour per jurisdiction, when some came),
moderators of each report; each can turn these off (`accounts.notices`).
"""

import datetime
import zoneinfo
from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from django.db.models.functions import TruncHour
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from samskap.accounts.models import RoleGrant, User
from samskap.accounts.notices import wanting
from samskap.consultations.models import Consultation, Report, Submission
from samskap.following.delivery import deliver
from samskap.following.models import Frequency
from samskap.kernel.schedule import Key, key_text, scheduled
from samskap.kernel.tasks import send_email

REALTIME = "following.realtime"
DAILY = "following.daily"
WEEKLY = "following.weekly"
NEW_INPUT = "following.new_input"
REPORTED = "following.reported"

REALTIME_STEP = datetime.timedelta(minutes=5)
DIGEST_HOUR = 7
#: Work notice kinds (registered in `registrations`, read by `accounts.notices.wants_notice`).
NOTICE_NEW_INPUT = "consultations.new_input"
NOTICE_REPORTED = "consultations.reported"


def _zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _moment(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


def realtime_moments(since: datetime.datetime, now: datetime.datetime) -> list[Key]:
    step = int(REALTIME_STEP.total_seconds())
    first = (int(since.timestamp()) // step + 1) * step
    last = int(now.timestamp()) // step * step
    return [datetime.datetime.fromtimestamp(t, datetime.UTC).isoformat() for t in range(first, last + 1, step)]


def digest_moments(since: datetime.datetime, now: datetime.datetime, *, weekly: bool) -> list[Key]:
    zone = _zone()
    day = since.astimezone(zone).date()
    moments: list[Key] = []
    while day <= now.astimezone(zone).date():
        moment = datetime.datetime.combine(day, datetime.time(DIGEST_HOUR), tzinfo=zone)
        if since < moment <= now and (not weekly or day.weekday() == 0):
            moments.append(moment.astimezone(datetime.UTC).isoformat())
        day += datetime.timedelta(days=1)
    return moments


# A short catch-up: a missed moment loses nothing (the cursors have not moved), the next one carries it.
@scheduled(REALTIME, due=realtime_moments, catch_up=datetime.timedelta(minutes=30))
def send_realtime(key: Key, now: datetime.datetime) -> None:
    deliver(Frequency.REALTIME, _moment(str(key)))


@scheduled(DAILY, due=lambda since, now: digest_moments(since, now, weekly=False), catch_up=datetime.timedelta(days=2))
def send_daily(key: Key, now: datetime.datetime) -> None:
    deliver(Frequency.DAILY, _moment(str(key)))


@scheduled(WEEKLY, due=lambda since, now: digest_moments(since, now, weekly=True), catch_up=datetime.timedelta(days=8))
def send_weekly(key: Key, now: datetime.datetime) -> None:
    deliver(Frequency.WEEKLY, _moment(str(key)))


# --- Work notices --------------------------------------------------------------------------------------


def _notice(template: str, users: list[User], language: str, context: dict[str, object], key: str) -> None:
    with translation.override(language):  # the jurisdiction's language, as the closing notice
        context = {**context, "settings_url": f"{settings.SITE_URL}{reverse('following:notices')}"}
        subject = " ".join(render_to_string(f"following/email/{template}_subject.txt", context).split())
        body = render_to_string(f"following/email/{template}_body.txt", context)
    for user in users:
        send_email.enqueue(subject=subject, body=body, to=[user.email], key=f"{key}:{user.pk}")


def _new_input_hours(since: datetime.datetime, now: datetime.datetime) -> list[Key]:
    """(jurisdiction, hour) for each full hour in the window in which input was confirmed there."""
    rows = (
        Submission.objects.filter(confirmed_at__gte=since - datetime.timedelta(hours=1), confirmed_at__lt=now)
        .annotate(hour=TruncHour("confirmed_at", tzinfo=datetime.UTC))
        .values_list("consultation__jurisdiction_id", "hour")
        .distinct()
    )
    due: list[Key] = []
    for jurisdiction_id, hour in rows:
        end = hour + datetime.timedelta(hours=1)
        if since < end <= now:
            due.append((jurisdiction_id, end.isoformat()))
    return sorted(set(due))


@scheduled(NEW_INPUT, due=_new_input_hours, catch_up=datetime.timedelta(days=1))
def tell_coordinators_of_new_input(key: Key, now: datetime.datetime) -> None:
    """The jurisdiction's coordinators get one email: how much input each consultation had in the hour.
    Counts and links only: the input itself is read in Samskap, after signing in."""
    assert isinstance(key, tuple)
    jurisdiction_id, end = int(key[0]), _moment(str(key[1]))
    counts: dict[int, int] = defaultdict(int)
    for consultation_id in Submission.objects.filter(
        consultation__jurisdiction_id=jurisdiction_id,
        confirmed_at__gte=end - datetime.timedelta(hours=1),
        confirmed_at__lt=end,
    ).values_list("consultation_id", flat=True):
        counts[consultation_id] += 1
    consultations = Consultation.objects.filter(pk__in=list(counts)).select_related("jurisdiction")
    if not consultations:
        return
    coordinators = wanting(
        User.objects.filter(
            role_grants__role=RoleGrant.Role.COORDINATOR, role_grants__jurisdiction=jurisdiction_id
        ).distinct(),
        NOTICE_NEW_INPUT,
    )
    jurisdiction = consultations[0].jurisdiction
    with translation.override(jurisdiction.default_language):
        rows = [(c, counts[c.pk], f"{settings.SITE_URL}{c.url('manage')}") for c in consultations]
    _notice(
        "new_input",
        coordinators,
        jurisdiction.default_language,
        {"rows": rows, "total": sum(counts.values()), "jurisdiction": jurisdiction},
        f"{NEW_INPUT}:{key_text(key)}",
    )


def _reports(since: datetime.datetime, now: datetime.datetime) -> list[Key]:
    return list(Report.objects.filter(created_at__gt=since, created_at__lte=now).values_list("pk", flat=True))


@scheduled(REPORTED, due=_reports, catch_up=datetime.timedelta(days=2))
def tell_moderators_of_a_report(key: Key, now: datetime.datetime) -> None:
    """The moderators of the consultation's jurisdiction (and those of everywhere) get one email."""
    report = Report.objects.select_related("submission__consultation__jurisdiction").filter(pk=str(key)).first()
    if report is None or report.resolved:
        return
    consultation = report.submission.consultation
    moderators = wanting(
        User.objects.filter(
            Q(role_grants__jurisdiction__isnull=True) | Q(role_grants__jurisdiction=consultation.jurisdiction_id),
            role_grants__role=RoleGrant.Role.MODERATOR,
        ).distinct(),
        NOTICE_REPORTED,
    )
    language = consultation.jurisdiction.default_language
    with translation.override(language):
        url = f"{settings.SITE_URL}{consultation.url('manage')}"
    _notice("reported", moderators, language, {"consultation": consultation, "url": url}, f"{REPORTED}:{key_text(key)}")
