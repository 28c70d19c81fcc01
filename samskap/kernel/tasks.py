"""Background work. Emails go through the task worker so that a slow mail server slows no page.

Delivery survives faults (issue 10):

- **Each email has a key** (made when it is enqueued). `kernel.SentEmail` records, in committed
  transactions of their own, the claim before the SMTP conversation and `sent_at` once the server has
  accepted the message. A task run again (re-queued after its worker died, see `kernel.jobs`) sends
  nothing if `sent_at` is set. The one window left is a worker killed after the server's "250 OK" and
  before `sent_at` commits (one database write); such an email is sent again, with the same Message-ID,
  which mail programs show once. We choose that (at least once) over losing a confirmation email for
  good (at most once, the claim alone would give).
- **Temporary failures are retried** with a growing delay (1, 2, 4 … minutes, at most an hour between
  attempts, for about a day): connection refused, timeouts, a dropped connection and 4xx replies. A 5xx
  reply (no such mailbox) fails the task at once: trying again would not help.
- **A claim left by a dead worker** is taken over once it is older than `STALE_CLAIM`.
"""

import contextlib
import datetime
import logging
import smtplib
import socket
import uuid
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

#: A claim older than this belongs to a worker that died (the SMTP timeout is far shorter).
STALE_CLAIM = datetime.timedelta(minutes=10)
MAX_ATTEMPTS = 30
MAX_DELAY = datetime.timedelta(hours=1)


def new_key() -> str:
    return uuid.uuid4().hex


def retry_delay(attempt: int) -> datetime.timedelta:
    """1, 2, 4, 8 … minutes after the first, second, third … failure; at most MAX_DELAY."""
    return min(datetime.timedelta(minutes=2 ** max(attempt - 1, 0)), MAX_DELAY)


def is_temporary(error: BaseException) -> bool:
    """A failure worth trying again: the server was away, slow, or said "try later" (4xx)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _message in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, (smtplib.SMTPServerDisconnected, ConnectionError, socket.timeout, TimeoutError, OSError))


class Held(Exception):
    """Another attempt holds a fresh claim on this email (it may be sending it right now)."""

    def __init__(self, until: datetime.datetime) -> None:
        super().__init__(until)
        self.until = until


def _claim(key: str, now: datetime.datetime) -> Any:
    """The delivery record, claimed for this attempt; None when it was sent already. Raises Held while
    another attempt's claim is fresh."""
    from samskap.kernel.models import SentEmail

    with transaction.atomic():
        record, created = SentEmail.objects.select_for_update().get_or_create(key=key, defaults={"claimed_at": now})
        if created:
            record.attempts = 1
            record.save(update_fields=["attempts"])
            return record
        if record.sent_at is not None:
            return None
        if record.claimed_at is not None and record.claimed_at > now - STALE_CLAIM:
            raise Held(record.claimed_at + STALE_CLAIM)
        record.claimed_at = now
        record.attempts += 1
        record.save(update_fields=["claimed_at", "attempts"])
        return record


@task()
def send_email(*, subject: str, body: str, to: list[str], key: str = "", headers: dict[str, str] | None = None) -> int:
    """Send one email once (see the module's notes). Returns 1 when sent now, 0 when it was already sent,
    -1 when it was put off for a later attempt (a temporary failure, or another attempt's fresh claim).
    `headers` are extra message headers (e.g. `List-Unsubscribe`); the Message-ID is always the key's."""
    key = key or new_key()
    now = timezone.now()
    try:
        record = _claim(key, now)
    except Held as held:
        # Not "done": if the holder died mid-send, this attempt takes over once the claim is stale.
        if not send_email.get_backend().supports_defer:
            raise
        send_email.using(run_after=held.until).enqueue(subject=subject, body=body, to=to, key=key, headers=headers)
        return -1
    if record is None:
        return 0
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "samskap"
    # The connection is opened first so that sending leaves it open: `sent_at` is then recorded right
    # after the server's "250 OK", before the QUIT exchange, which keeps the window for a duplicate small.
    connection = get_connection()
    message = EmailMessage(
        subject=subject,
        body=body,
        to=to,
        headers={**(headers or {}), "Message-ID": f"<{key}@{domain}>"},
        connection=connection,
    )
    try:
        connection.open()
        message.send()
    except Exception as error:
        record.claimed_at = None
        record.last_error = f"{type(error).__name__}: {error}"[:300]
        record.save(update_fields=["claimed_at", "last_error"])
        if not is_temporary(error) or record.attempts >= MAX_ATTEMPTS or not send_email.get_backend().supports_defer:
            raise
        delay = retry_delay(record.attempts)
        logger.warning("Email %s: %s; trying again in %s", key, record.last_error, delay)
        send_email.using(run_after=timezone.now() + delay).enqueue(
            subject=subject, body=body, to=to, key=key, headers=headers
        )
        return -1
    record.sent_at = timezone.now()
    record.save(update_fields=["sent_at"])
    with contextlib.suppress(Exception):
        connection.close()
    return 1


#: Batches (of `kernel.search.INDEX_BATCH` rows) one `index_search` task indexes before it hands the rest to
#: a new task: the worker runs other tasks (emails) in between instead of waiting for 55,800 rows.
INDEX_TASK_BATCHES = 20


@task()
def index_search() -> int:
    """Index the search text of rows a bulk writer left pending (`kernel.search.index_pending`); the rows
    written. Safe to run twice, and by two workers at once."""
    from samskap.kernel.search import index_pending, pending_count

    written = index_pending(batches=INDEX_TASK_BATCHES)
    if written and pending_count():
        index_search.enqueue()
    return written


def index_search_after_commit() -> None:
    """For a bulk writer that stored rows pending (`kernel.search.mark_search_pending`): enqueue
    `index_search` once the current transaction commits (a rolled-back import enqueues nothing). `robust`:
    the import has committed, so a failed enqueue is logged, not raised; the scheduled sweep
    (`kernel.jobs`) enqueues it within ten minutes."""
    transaction.on_commit(index_search.enqueue, robust=True)


#: Tasks that are safe to run again after their worker died mid-run (they send nothing twice: see above).
#: An app adds its own with `rerunnable(task)`; `kernel.jobs` re-queues only these.
RERUNNABLE: set[str] = set()


def rerunnable(item: Any) -> Any:
    RERUNNABLE.add(item.module_path)
    return item


rerunnable(send_email)
rerunnable(index_search)
