"""When a consultation closes, each coordinator of its jurisdiction is told once what came in."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from samskap.accounts.models import RoleGrant
from samskap.consultations.jobs import CLOSED
from samskap.consultations.models import Outcome, Response, Submission
from samskap.kernel import schedule
from samskap.kernel.models import ScheduledRun
from tests import factories

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def run(now: datetime.datetime) -> schedule.Outcome:
    return schedule.run_due(now, names=[CLOSED])


@pytest.fixture
def closing():
    """A consultation closing in an hour, with three confirmed submissions (one answered) and one unconfirmed."""
    land = factories.jurisdiction(default_language="en")
    consultation = factories.consultation(jurisdiction=land, closes_at=timezone.now() + HOUR)
    answer = Response.objects.create(consultation=consultation, outcome=Outcome.TAKEN_UP, reason="Good idea.")
    factories.submission(consultation, response=answer)
    factories.submission(consultation)
    factories.submission(consultation, status=Submission.Status.PENDING)
    factories.submission(consultation, status=Submission.Status.UNCONFIRMED)
    return consultation


def test_the_job_is_registered():
    assert CLOSED in schedule.jobs


def test_each_coordinator_is_told_once_after_the_deadline(closing, settings):
    settings.SITE_URL = "https://samskap.example"
    first = factories.user(role=RoleGrant.Role.COORDINATOR, scope=closing.jurisdiction)
    second = factories.user(role=RoleGrant.Role.COORDINATOR, scope=closing.jurisdiction)
    factories.user(role=RoleGrant.Role.COORDINATOR, scope=closing.jurisdiction, is_active=False)
    factories.user(role=RoleGrant.Role.COORDINATOR, scope=factories.jurisdiction())  # another jurisdiction's
    factories.user(role=RoleGrant.Role.EDITOR, scope=factories.organisation())

    run(timezone.now())
    assert mail.outbox == []  # still open

    run(closing.closes_at + datetime.timedelta(minutes=1))
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])
    message = mail.outbox[0]
    assert message.subject == f"The consultation “{closing.title}” has closed"
    assert f"The consultation “{closing.title}” closed with 3 submissions. 2 are waiting for an answer." in message.body
    manage = f"https://samskap.example/en/consultations/{closing.jurisdiction.slug}/{closing.slug}/manage/"
    assert manage in message.body

    run(closing.closes_at + HOUR)
    assert len(mail.outbox) == 2


def test_singular_and_nothing_waiting(settings):
    settings.SITE_URL = "https://samskap.example"
    land = factories.jurisdiction(default_language="en")
    factories.user(role=RoleGrant.Role.COORDINATOR, scope=land)
    consultation = factories.consultation(jurisdiction=land, closes_at=timezone.now() - HOUR)
    answer = Response.objects.create(consultation=consultation, outcome=Outcome.PARTLY, reason="Partly.")
    factories.submission(consultation, response=answer)

    run(timezone.now())
    body = mail.outbox[0].body
    assert "closed with 1 submission. 0 are waiting for an answer." in body
    assert f"https://samskap.example/en/consultations/{land.slug}/{consultation.slug}/manage/" in body


def test_the_email_is_in_the_jurisdictions_language(closing):
    closing.jurisdiction.default_language = "nb"
    closing.jurisdiction.save()
    factories.user(role=RoleGrant.Role.COORDINATOR, scope=closing.jurisdiction)

    run(closing.closes_at + HOUR)
    message = mail.outbox[0]
    assert message.subject == f"Høringen «{closing.title}» er avsluttet"
    assert "3 innspill" in message.body
    assert f"/nb/consultations/{closing.jurisdiction.slug}/{closing.slug}/manage/" in message.body


def test_a_consultation_reopened_and_closed_again_is_told_again(closing):
    factories.user(role=RoleGrant.Role.COORDINATOR, scope=closing.jurisdiction)
    run(closing.closes_at + HOUR)
    assert len(mail.outbox) == 1

    closing.closes_at += datetime.timedelta(days=2)  # the deadline was extended after it had passed
    closing.save()
    run(closing.closes_at - HOUR)
    assert len(mail.outbox) == 1
    run(closing.closes_at + HOUR)
    assert len(mail.outbox) == 2


def test_a_deadline_moved_between_finding_and_running_sends_nothing_for_the_old_one(closing, monkeypatch):
    factories.user(role=RoleGrant.Role.COORDINATOR, scope=closing.jurisdiction)
    job = schedule.jobs[CLOSED]
    stale_keys = list(job.due(closing.closes_at - HOUR, closing.closes_at + HOUR))
    closing.closes_at += datetime.timedelta(days=2)
    closing.save()

    job.run(stale_keys[0], closing.closes_at)
    assert mail.outbox == []


def test_a_consultation_that_closed_long_before_the_scheduler_started_is_not_reported(closing):
    factories.user(role=RoleGrant.Role.COORDINATOR, scope=closing.jurisdiction)
    run(closing.closes_at + datetime.timedelta(days=30))
    assert mail.outbox == []
    assert not ScheduledRun.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_new_process_does_not_tell_them_again():
    """Two real runs of `manage.py run_scheduled`, each a fresh process: the emails are enqueued once."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    if connection.vendor != "postgresql":
        pytest.fail("needs PostgreSQL (make test-postgres); SQLite runs deselect the 'postgres' marker")
    land = factories.jurisdiction()
    factories.user(role=RoleGrant.Role.COORDINATOR, scope=land)
    factories.user(role=RoleGrant.Role.COORDINATOR, scope=land)
    factories.consultation(jurisdiction=land, closes_at=timezone.now() - HOUR)
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "SAMSKAP_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "SAMSKAP_DEBUG": "1",
    }
    manage = Path(__file__).resolve().parents[2] / "manage.py"
    for _ in range(2):
        subprocess.run(  # noqa: S603 (our own command)
            [sys.executable, str(manage), "run_scheduled", "--job", CLOSED], env=env, check=True, timeout=120
        )
    assert DBTaskResult.objects.count() == 2
    assert ScheduledRun.objects.filter(job=CLOSED).count() == 1
