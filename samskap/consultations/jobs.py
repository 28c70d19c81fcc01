"""Scheduled work of consultations (`samskap.kernel.schedule`)."""

import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from samskap.accounts.models import RoleGrant, User
from samskap.accounts.notices import wanting
from samskap.consultations.models import Consultation
from samskap.consultations.selectors import totals
from samskap.kernel.schedule import Key, key_text, scheduled
from samskap.kernel.tasks import send_email

CLOSED = "consultations.closed"
NOTICE = "consultations.closed"  # the work notice kind a coordinator can turn off (accounts.notices)


def _closed(since: datetime.datetime, now: datetime.datetime) -> list[Key]:
    """The consultations whose deadline passed in the window, keyed by the deadline too: a consultation that
    is reopened (its deadline moved on) and closes again is a new occurrence."""
    rows = Consultation.objects.filter(closes_at__gt=since, closes_at__lte=now).values_list("pk", "closes_at")
    return [(pk, closes_at.isoformat()) for pk, closes_at in rows]


@scheduled(CLOSED, due=_closed)
def tell_coordinators_it_closed(key: Key, now: datetime.datetime) -> None:
    """Each coordinator of the consultation's jurisdiction gets one email: what came in, what waits."""
    assert isinstance(key, tuple)
    consultation = Consultation.objects.select_related("jurisdiction").filter(pk=key[0]).first()
    if consultation is None or consultation.closes_at.isoformat() != key[1]:
        return  # deleted, or its deadline was moved since: the new deadline is its own occurrence
    coordinators = wanting(
        User.objects.filter(
            role_grants__role=RoleGrant.Role.COORDINATOR, role_grants__jurisdiction=consultation.jurisdiction_id
        ).distinct(),
        NOTICE,
    )
    counted = totals(consultation)
    with translation.override(consultation.jurisdiction.default_language):  # the link too: /nb/…, /da/…
        context = {
            "consultation": consultation,
            "received": counted.received,
            "waiting": counted.unanswered,
            "url": f"{settings.SITE_URL}{consultation.url('manage')}",
        }
        subject = render_to_string("consultations/email/closed_subject.txt", context).strip()
        body = render_to_string("consultations/email/closed_body.txt", context)
    for coordinator in coordinators:
        # Enqueued in the scheduler's transaction with its claim: both or neither.
        send_email.enqueue(
            subject=subject, body=body, to=[coordinator.email], key=f"{CLOSED}:{key_text(key)}:{coordinator.pk}"
        )
