"""Scheduled work of the evidence repository (`samskap.kernel.schedule`): checking linked documents."""

import datetime

from django.db import transaction
from django.db.models import Q

from samskap.evidence import tasks
from samskap.evidence.models import Document
from samskap.kernel.schedule import Key, scheduled

LINK_CHECK = "evidence.link_check"
#: How often a link is checked again.
CHECK_EVERY = datetime.timedelta(days=7)
#: At most this many links per run, so one run stays short; the rest are due at the next.
PER_RUN = 50


def _stale_links(since: datetime.datetime, now: datetime.datetime) -> list[Key]:
    """Linked documents never checked or last checked a week ago or more, keyed by the day (one check
    a day at most, whichever worker runs it)."""
    stale = Q(link_checked_at__isnull=True) | Q(link_checked_at__lte=now - CHECK_EVERY)
    rows = Document.objects.exclude(url="").filter(stale).order_by("link_checked_at", "pk")[:PER_RUN]
    return [(pk, now.date().isoformat()) for pk in rows.values_list("pk", flat=True)]


@scheduled(LINK_CHECK, due=_stale_links, catch_up=datetime.timedelta(days=2))
def check_link(key: Key, now: datetime.datetime) -> None:
    """The check itself runs in the task worker once this claim is committed (no lock held over HTTP)."""
    assert isinstance(key, tuple)
    document_id, moment = int(key[0]), now.isoformat()
    transaction.on_commit(lambda: tasks.check_link.enqueue(document_id=document_id, checked_at=moment))
