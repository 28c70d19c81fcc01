"""Bugs found in issue 8, each with the test that failed before its fix."""

import datetime
import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from samskap.consultations import services
from samskap.consultations.models import Consultation, Submission
from tests import factories as f
from tests.consultations.test_submitting import form_data, send_url

pytestmark = pytest.mark.django_db


def url(consultation, rest="", language="en"):
    return f"/{language}/consultations/{consultation.jurisdiction.slug}/{consultation.slug}/{rest}"


def closed(**fields):
    now = timezone.now()
    return f.consultation(
        opens_at=now - datetime.timedelta(days=30), closes_at=now - datetime.timedelta(days=1), **fields
    )


def test_the_text_before_the_first_section_heading_is_shown(client):
    coordinator_place = f.jurisdiction()
    coordinator = f.user(role="coordinator", scope=coordinator_place)
    consultation = services.save_consultation(
        actor=coordinator,
        jurisdiction=coordinator_place,
        values={
            "title": "Utkast til plan",
            "stage": Consultation.Stage.DRAFT_PLAN,
            "body": "Innledningen forklarer utkastet.\n\n## Første del\n\nTekst én.\n\n## Andre del\n\nTekst to.",
            "split_into_sections": True,
            "opens_at": timezone.now() - datetime.timedelta(days=1),
            "closes_at": timezone.now() + datetime.timedelta(days=10),
        },
    )
    assert consultation.sections.count() == 2
    body = client.get(consultation.get_absolute_url()).content.decode()
    assert "Innledningen forklarer utkastet." in body
    assert body.index("Innledningen") < body.index("Første del")


def test_the_answer_email_is_in_the_language_the_sender_wrote_in(client):
    consultation = f.consultation(jurisdiction=f.jurisdiction(default_language="nb"))
    response = client.post(send_url(consultation, "en"), form_data(email="english@example.no"))
    assert response.status_code == 302
    submission = Submission.objects.get(email="english@example.no")
    assert submission.language == "en"
    services.confirm(submission=submission)
    coordinator = f.user(role="coordinator", scope=consultation.jurisdiction)
    mail.outbox.clear()
    services.answer(
        actor=coordinator, consultation=consultation, submissions=[submission], outcome="taken_up", reason="Ja."
    )
    (email,) = mail.outbox
    assert "/en/consultations/" in email.body
    assert "/nb/" not in email.body


def test_input_without_a_known_language_is_answered_in_the_governments(client):
    consultation = f.consultation(jurisdiction=f.jurisdiction(default_language="nb"))
    submission = f.submission(consultation, language="")
    coordinator = f.user(role="coordinator", scope=consultation.jurisdiction)
    services.answer(
        actor=coordinator, consultation=consultation, submissions=[submission], outcome="taken_up", reason="Ja."
    )
    assert "/nb/consultations/" in mail.outbox[-1].body


def test_a_late_submission_is_not_offered_before_the_deadline(client):
    consultation = f.consultation()  # open
    client.force_login(f.user(role="coordinator", scope=consultation.jurisdiction))
    manage = client.get(url(consultation, "manage/")).content.decode()
    assert url(consultation, "late/") not in manage
    response = client.get(url(consultation, "late/"))
    assert response.status_code == 302
    post = client.post(url(consultation, "late/"), form_data())
    assert post.status_code == 302
    assert not Submission.objects.filter(consultation=consultation).exists()


def test_a_late_submission_form_speaks_of_the_sender_not_the_coordinator(client):
    consultation = closed()
    client.force_login(f.user(role="coordinator", scope=consultation.jurisdiction))
    assert url(consultation, "late/") in client.get(url(consultation, "manage/")).content.decode()
    page = client.get(url(consultation, "late/")).content.decode()
    assert "The sender&#x27;s name" in page or "The sender's name" in page
    assert "Your input" not in page
    assert "May we publish your submission?" not in page
    response = client.post(url(consultation, "late/"), form_data(email="late@example.no"))
    assert response.status_code == 302
    late = Submission.objects.get(email="late@example.no")
    assert late.is_late
    assert late.language == ""  # the coordinator's interface is not the sender's language


def test_a_summary_cannot_be_published_while_the_consultation_is_open(client):
    consultation = f.consultation()
    coordinator = f.user(role="coordinator", scope=consultation.jurisdiction)
    with pytest.raises(ValidationError):
        services.save_summary(actor=coordinator, consultation=consultation, summary="Oppsummering.")
    client.force_login(coordinator)
    assert url(consultation, "summary/") not in client.get(consultation.get_absolute_url()).content.decode()
    response = client.post(url(consultation, "summary/"), {"summary": "Oppsummering."})
    assert response.status_code == 400
    assert "when the deadline has passed" in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.summary == ""
    assert consultation.state == Consultation.State.OPEN


def test_a_summary_is_published_after_the_deadline(client):
    consultation = closed()
    coordinator = f.user(role="coordinator", scope=consultation.jurisdiction)
    services.save_summary(actor=coordinator, consultation=consultation, summary="Oppsummering.")
    consultation.refresh_from_db()
    assert consultation.state == Consultation.State.ANSWERED


def test_the_submit_service_keeps_the_active_language():
    from django.utils import translation

    consultation = f.consultation()
    values = {k: v for k, v in form_data().items() if k not in {"form_token"}}
    with translation.override("da"):
        sent = services.submit(consultation=consultation, form_token=uuid.uuid4(), values=values)
    assert sent.submission.language == "da"


def test_feeds_name_changed_fields_by_their_labels_not_their_names(client):
    from samskap.plans import services as plan_services

    plan = f.plan(jurisdiction=f.jurisdiction(slug="norge"))
    coordinator = f.user(role="coordinator", scope=plan.jurisdiction)
    plan_services.update_plan(
        actor=coordinator,
        plan=plan,
        values={"start_date": datetime.date(2020, 1, 1), "end_date": datetime.date(2022, 1, 1)},
    )
    feed = client.get("/en/data/feeds/norge/rss/").content.decode()
    assert "end_date" not in feed
    assert "start_date" not in feed
    # Each changed field by its label with the old and new value (the feed escapes the entry's HTML).
    assert "Start: Sept. 1, 2019 → Jan. 1, 2020" in feed and "End: Aug. 31, 2021 → Jan. 1, 2022" in feed


def test_an_assessment_is_named_by_its_report_and_commitment_number_not_an_id():
    from samskap.review.models import IRMAssessment

    commitment = f.commitment(identifier="3.2")
    assessment = IRMAssessment(commitment=commitment, report_type=IRMAssessment.ReportType.END_OF_TERM)
    assert str(assessment).endswith(": 3.2")
    assert str(commitment.pk) not in str(assessment).split(":")[0]


def test_the_api_documentation_does_not_take_the_language_of_the_first_request():
    import json

    from django.utils import translation

    from samskap.api import docs

    docs.schema.cache_clear()
    docs.operations.cache_clear()
    with translation.override("nb"):  # the first request after start is Norwegian
        first = json.dumps(docs.operations(), ensure_ascii=False)
    docs.schema.cache_clear()
    docs.operations.cache_clear()
    with translation.override("en"):
        english = json.dumps(docs.operations(), ensure_ascii=False)
    # The description is English for everyone (docs/OPEN_DATA.md), however the cache was filled.
    assert first == english
    assert "Endret" not in first


def test_the_api_page_keeps_its_two_links_apart(client):
    body = client.get("/en/api/").content.decode()
    start = body.index('href="/en/accounts/api-token/"')
    end = body.index('href="/api/openapi.json"')
    between = body[start:end]
    assert "</li>" in between and "<li>" in between
