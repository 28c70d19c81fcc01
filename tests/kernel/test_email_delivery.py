"""Email delivery that survives faults (issue 10, found 6): a real SMTP server on 127.0.0.1 (aiosmtpd)
that is stopped, refuses for a while or hangs; a worker that is killed (SIGKILL) in the middle of sending;
a database connection terminated under the worker. Every email arrives, once."""

import contextlib
import datetime
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from samskap.kernel import jobs, schedule
from samskap.kernel.models import SentEmail
from samskap.kernel.tasks import retry_delay, send_email

MANAGE = Path(__file__).resolve().parents[2] / "manage.py"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Counter:
    """An SMTP handler that counts the messages it accepts, by Message-ID; `hang` holds DATA open."""

    def __init__(self, *, refuse_first: int = 0, hang: float = 0.0) -> None:
        self.messages: list[str] = []
        self.refuse_first = refuse_first
        self.hang = hang
        self.in_data = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        import asyncio

        if self.refuse_first > 0:
            self.refuse_first -= 1
            return "451 Try again later"
        if self.hang:
            self.in_data.set()
            await asyncio.sleep(self.hang)
        text = envelope.content.decode("utf-8", "replace")
        ids = [line for line in text.splitlines() if line.lower().startswith("message-id:")]
        self.messages.append(ids[0] if ids else "")
        return "250 OK"


@pytest.fixture
def smtp(settings):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    settings.EMAIL_TIMEOUT = 5
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    servers: list[Controller] = []

    def start(handler: Counter) -> Counter:
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        servers.append(controller)
        return handler

    yield start, port
    for controller in servers:
        with contextlib.suppress(Exception):  # already stopped
            controller.stop()


def work() -> None:
    """One pass of the real worker over what is ready now."""
    call_command("run_worker", batch=True, startup_delay=False, verbosity=0)


def due_now() -> None:
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())


@pytest.mark.django_db
def test_the_delay_between_attempts_grows_to_an_hour():
    assert [retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert retry_delay(20) == datetime.timedelta(hours=1)


@pytest.mark.django_db(transaction=True)  # the worker closes connections between tasks
def test_a_stopped_smtp_server_delays_the_email_and_it_arrives_once_when_it_is_back(smtp):
    start, _port = smtp
    send_email.enqueue(subject="Kvittering", body="Hei", to=["kari@example.no"], key="k1")
    work()  # connection refused: put off
    record = SentEmail.objects.get(key="k1")
    assert record.sent_at is None and "Connection" in record.last_error
    waiting = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert waiting.run_after > timezone.now()
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()
    inbox = start(Counter(refuse_first=1))  # back, but says "451 try later" once
    due_now()
    work()
    assert inbox.messages == []
    due_now()
    work()
    assert len(inbox.messages) == 1 and "k1@" in inbox.messages[0]
    due_now()
    work()
    assert len(inbox.messages) == 1
    assert SentEmail.objects.get(key="k1").attempts == 3


@pytest.mark.django_db(transaction=True)  # the worker closes connections between tasks
def test_the_same_key_is_sent_once(smtp):
    start, _port = smtp
    inbox = start(Counter())
    for _ in range(3):
        send_email.enqueue(subject="Kvittering", body="Hei", to=["kari@example.no"], key="same")
    work()
    assert len(inbox.messages) == 1


@pytest.mark.django_db(transaction=True)  # the worker closes connections between tasks
def test_a_task_left_running_by_a_dead_worker_is_queued_again_and_sent_once(smtp):
    start, _port = smtp
    inbox = start(Counter())
    result = send_email.enqueue(subject="Kvittering", body="Hei", to=["kari@example.no"], key="lost")
    already = send_email.enqueue(subject="Kvittering", body="Hei", to=["ola@example.no"], key="done")
    long_ago = timezone.now() - jobs.STALE_RUNNING - datetime.timedelta(minutes=1)
    DBTaskResult.objects.filter(pk__in=[result.id, already.id]).update(
        status=TaskResultStatus.RUNNING, started_at=long_ago
    )
    # "done" died after the server accepted it: its sent marker is there.
    SentEmail.objects.create(key="done", claimed_at=long_ago, sent_at=long_ago, attempts=1)
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    assert inbox.messages == []  # django-tasks' own worker leaves RUNNING rows alone for ever...
    schedule.run_due(timezone.now())  # ...the scheduled job (and run_worker when it starts) queues them again
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 2
    work()
    assert len(inbox.messages) == 1 and "lost@" in inbox.messages[0]


def _env() -> dict[str, str]:
    db = connection.settings_dict
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "SAMSKAP_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "SAMSKAP_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "SAMSKAP_EMAIL_HOST": "127.0.0.1",
        "SAMSKAP_DEBUG": "1",
    }


def _wait(condition: Any, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_sending_loses_nothing_and_sends_once(smtp):
    if connection.vendor != "postgresql":
        pytest.fail("needs PostgreSQL; SQLite runs deselect the 'postgres' marker")
    start, port = smtp
    hanging = start(Counter(hang=30))
    send_email.enqueue(subject="Kvittering", body="Hei", to=["kari@example.no"], key="killed")
    env = {**_env(), "SAMSKAP_EMAIL_PORT": str(port)}
    worker = subprocess.Popen(  # noqa: S603 (our own command)
        [sys.executable, str(MANAGE), "run_worker", "--interval", "0.2", "--no-startup-delay"],
        env=env,
        start_new_session=True,
    )
    try:
        assert hanging.in_data.wait(30), "the worker reached the SMTP DATA phase"
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert DBTaskResult.objects.get().status == TaskResultStatus.RUNNING  # what the issue saw: stuck for ever
    assert hanging.messages == []
    long_ago = timezone.now() - jobs.STALE_RUNNING - datetime.timedelta(minutes=1)
    DBTaskResult.objects.update(started_at=long_ago)
    SentEmail.objects.update(claimed_at=long_ago)
    hanging.hang = 0  # the server answers again
    assert jobs.requeue_now() == 1
    subprocess.run(  # noqa: S603
        [sys.executable, str(MANAGE), "run_worker", "--batch", "--no-startup-delay"], env=env, check=True, timeout=60
    )
    assert len(hanging.messages) == 1 and "killed@" in hanging.messages[0]
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_worker_survives_its_database_connection_being_terminated(smtp):
    if connection.vendor != "postgresql":
        pytest.fail("needs PostgreSQL; SQLite runs deselect the 'postgres' marker")
    start, port = smtp
    inbox = start(Counter())
    env = {**_env(), "SAMSKAP_EMAIL_PORT": str(port)}
    worker = subprocess.Popen(  # noqa: S603 (our own command)
        [sys.executable, str(MANAGE), "run_worker", "--interval", "0.2", "--no-startup-delay"],
        env=env,
        start_new_session=True,
    )
    try:
        send_email.enqueue(subject="En", body="Hei", to=["kari@example.no"], key="before")
        assert _wait(lambda: len(inbox.messages) == 1, 30)
        name = connection.settings_dict["NAME"]
        with connection.cursor() as cursor:
            for _ in range(5):  # the worker reconnects: terminate it a few times over a second
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = %s AND pid <> pg_backend_pid()",
                    [name],
                )
                time.sleep(0.2)
        send_email.enqueue(subject="To", body="Hei", to=["kari@example.no"], key="after")
        assert _wait(lambda: len(inbox.messages) == 2, 60), "the worker came back and sent the second email"
        assert worker.poll() is None, "the worker is still running"
    finally:
        worker.terminate()
        try:
            worker.wait(10)
        except subprocess.TimeoutExpired:
            worker.kill()


@pytest.mark.django_db(transaction=True)
def test_a_task_that_finds_a_fresh_claim_tries_again_later_and_does_not_count_as_done(smtp):
    """A worker died mid-send, so its claim is fresh when its task is run again: the email is put off
    until the claim is stale, then sent (it was once reported done and never sent)."""
    start, _port = smtp
    inbox = start(Counter())
    SentEmail.objects.create(key="held", claimed_at=timezone.now(), attempts=1)
    send_email.enqueue(subject="Kvittering", body="Hei", to=["kari@example.no"], key="held")
    work()
    assert inbox.messages == []
    later = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert later.run_after > timezone.now() + datetime.timedelta(minutes=9)
    SentEmail.objects.update(claimed_at=timezone.now() - datetime.timedelta(minutes=11))
    due_now()
    work()
    assert len(inbox.messages) == 1


@pytest.mark.django_db
def test_extra_headers_go_with_the_message_and_the_message_id_stays_the_keys(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core import mail

    headers = {"List-Unsubscribe": "<https://example.no/u/1/>", "Message-ID": "<not-this@example.no>"}
    send_email.enqueue(subject="Nytt", body="Hei", to=["kari@example.no"], key="with-headers", headers=headers)
    (message,) = mail.outbox
    assert message.extra_headers["List-Unsubscribe"] == "<https://example.no/u/1/>"
    assert message.extra_headers["Message-ID"].startswith("<with-headers@")
