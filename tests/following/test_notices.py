"""Work notices: coordinators hear of new input, moderators of reports; each can turn them off."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from samskap.accounts.models import RoleGrant
from samskap.accounts.notices import wants_notice
from samskap.consultations import jobs as consultation_jobs
from samskap.consultations import services as consultation_services
from samskap.consultations.models import Submission
from samskap.following import jobs
from samskap.kernel import schedule
from tests import factories as f

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def test_coordinators_hear_of_new_input_once_an_hour_unless_turned_off():
    consultation = f.consultation()
    wants = f.user(role=RoleGrant.Role.COORDINATOR, scope=consultation.jurisdiction)
    declines = f.user(
        role=RoleGrant.Role.COORDINATOR, scope=consultation.jurisdiction, notices_off=[jobs.NOTICE_NEW_INPUT]
    )
    elsewhere = f.user(role=RoleGrant.Role.COORDINATOR, scope=f.jurisdiction())
    for _n in range(3):
        submission = f.submission(consultation, status=Submission.Status.UNCONFIRMED)
        consultation_services.confirm(submission=submission)
    mail.outbox.clear()
    later = timezone.now() + 2 * HOUR
    schedule.run_due(later, names=[jobs.NEW_INPUT])
    schedule.run_due(later, names=[jobs.NEW_INPUT])
    assert [m.to for m in mail.outbox] == [[wants.email]]
    assert "3 nye innspill" in mail.outbox[0].subject  # in the jurisdiction's language
    assert consultation.title in mail.outbox[0].body
    assert "Innspill" not in mail.outbox[0].body  # counts and links, never the input
    assert declines.email and elsewhere.email


def test_moderators_hear_of_a_report_unless_turned_off():
    consultation = f.consultation()
    everywhere = f.user(role=RoleGrant.Role.MODERATOR)
    here = f.user(role=RoleGrant.Role.MODERATOR, scope=consultation.jurisdiction)
    f.user(role=RoleGrant.Role.MODERATOR, scope=consultation.jurisdiction, notices_off=[jobs.NOTICE_REPORTED])
    f.user(role=RoleGrant.Role.MODERATOR, scope=f.jurisdiction())
    consultation_services.report(submission=f.submission(consultation), reason="Hets")
    schedule.run_due(timezone.now() + HOUR, names=[jobs.REPORTED])
    assert sorted(m.to[0] for m in mail.outbox) == sorted([everywhere.email, here.email])
    assert "Hets" not in mail.outbox[0].body
    assert "/following/notices/" in mail.outbox[0].body  # where to turn it off


def test_the_closing_notice_asks_whether_the_coordinator_wants_it():
    consultation = f.consultation(closes_at=timezone.now() + datetime.timedelta(minutes=5))
    wants = f.user(role=RoleGrant.Role.COORDINATOR, scope=consultation.jurisdiction)
    f.user(role=RoleGrant.Role.COORDINATOR, scope=consultation.jurisdiction, notices_off=[consultation_jobs.NOTICE])
    schedule.run_due(timezone.now() + HOUR, names=[consultation_jobs.CLOSED])
    assert [m.to for m in mail.outbox] == [[wants.email]]


def test_the_settings_page_turns_a_kind_off_and_on(client):
    person = f.user(role=RoleGrant.Role.MODERATOR)
    client.force_login(person)
    page = client.get("/en/following/notices/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "A submission was reported" in content and "New input" not in content  # a moderator's kinds only
    client.post("/en/following/notices/", {})
    person.refresh_from_db()
    assert not wants_notice(person, jobs.NOTICE_REPORTED)
    client.post("/en/following/notices/", {"wanted": [jobs.NOTICE_REPORTED]})
    person.refresh_from_db()
    assert wants_notice(person, jobs.NOTICE_REPORTED)
    assert client.post("/en/following/notices/", {"wanted": ["nonsense"]}).status_code == 400


def test_people_without_a_role_have_no_notice_settings(client):
    client.force_login(f.user())
    assert client.get("/en/following/notices/").status_code == 403
    assert client.get("/en/dashboard/").status_code in (200, 302)


def test_an_editor_sees_the_notices_of_their_role_only(client):
    organisation = f.organisation()
    client.force_login(f.user(role=RoleGrant.Role.EDITOR, scope=organisation))
    page = client.get("/en/following/notices/").content.decode()
    assert "A status your institution owes is due or late" in page  # the status rounds' reminders
    assert "A status round falls behind" not in page  # a coordinator's
    assert "Your roles have no emails about work yet." not in page
