"""Sending a submission as anyone would: receipt, email confirmation, idempotency and bad input."""

import datetime
import re
import uuid

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from samskap.consultations.models import Attachment, Submission
from tests import factories as f
from tests.consultations import helpers

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "form_token": str(uuid.uuid4()),
        "name": "Kari Nordmann",
        "email": "kari@example.no",
        "respondent_type": "citizen",
        "organisation": "",
        "on_behalf_of": "",
        "text": "Alle kommunene bør publisere postjournalen sin.",
        "consent": "named",
    }
    data.update(overrides)
    return data


def send_url(consultation, language="en"):
    return f"/{language}/consultations/{consultation.jurisdiction.slug}/{consultation.slug}/send/"


def test_the_form_shows_the_questions_and_a_one_time_token(client):
    consultation = f.consultation(questions="Hva bør planen løse?\nHvilke tiltak foreslår du?")
    body = client.get(send_url(consultation)).content.decode()
    assert "Hva bør planen løse?" in body
    assert re.search(r'name="form_token" value="[0-9a-f-]{36}"', body)


def test_sending_gives_a_receipt_and_an_email_with_a_confirmation_link(client):
    consultation = f.consultation(questions="Hva bør planen løse?")
    data = form_data(answer_0="Åpenhet i kommunene.", attachments=[helpers.pdf(), helpers.png()])
    response = client.post(send_url(consultation), data)
    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/consultations/receipt/{submission.receipt}/"
    assert re.fullmatch(r"H-[0-9A-Z]{4}-[0-9A-Z]{4}", submission.receipt)
    assert submission.status == Submission.Status.UNCONFIRMED
    assert submission.answers == [{"question": "Hva bør planen løse?", "answer": "Åpenhet i kommunene."}]
    assert sorted(a.content_type for a in submission.attachments.all()) == ["application/pdf", "image/png"]
    # Stored under a random name, not the sender's.
    assert all("innspill" not in a.file.name for a in Attachment.objects.all())

    receipt_page = client.get(response["Location"]).content.decode()
    assert submission.receipt in receipt_page
    assert "kari@example.no" not in receipt_page

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kari@example.no"]
    assert submission.receipt in message.subject
    link = re.search(r"https?://\S+/confirm/\S+/", str(message.body)).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200
    assert Submission.objects.get().status == Submission.Status.UNCONFIRMED  # a GET never confirms
    client.post("/" + path)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PUBLISHED
    assert submission.published_at is not None
    page = client.get(f"/en{submission.get_absolute_url()[3:]}").content.decode()
    assert "Alle kommunene bør publisere postjournalen sin." in page
    assert "kari@example.no" not in page


def test_a_double_click_or_a_resend_returns_the_same_receipt(client):
    consultation = f.consultation()
    data = form_data()
    first = client.post(send_url(consultation), data)
    second = client.post(send_url(consultation), data)
    assert Submission.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert len(mail.outbox) == 1


def test_the_service_returns_the_stored_submission_for_a_known_token():
    from samskap.consultations import services

    consultation = f.consultation()
    token = uuid.uuid4()
    values = {"name": "A", "email": "a@example.no", "respondent_type": "citizen", "text": "Tekst", "consent": "named"}
    first = services.submit(consultation=consultation, form_token=token, values=dict(values))
    again = services.submit(consultation=consultation, form_token=token, values=dict(values))
    assert first.created and not again.created
    assert first.submission.pk == again.submission.pk


def test_moderation_holds_a_confirmed_submission_and_no_consent_keeps_it_unpublished(client):
    from samskap.consultations import services

    moderated = f.consultation(moderation=True)
    held = f.submission(moderated, status=Submission.Status.UNCONFIRMED)
    services.confirm(submission=held)
    assert held.status == Submission.Status.PENDING
    private = f.submission(f.consultation(), status=Submission.Status.UNCONFIRMED, consent="none")
    services.confirm(submission=private)
    assert private.status == Submission.Status.NOT_PUBLISHED
    url = f"/en{private.get_absolute_url()[3:]}"
    assert client.get(url).status_code == 404


def test_a_forged_receipt_number_gets_a_clear_404(client):
    response = client.get("/en/consultations/receipt/H-AAAA-BBBB/")
    assert response.status_code == 404
    assert "Unknown receipt number" in response.content.decode()
    assert client.get("/en/consultations/confirm/forged-token/").status_code == 404


def test_an_unknown_consultation_is_a_404(client):
    response = client.post("/en/consultations/nowhere/nothing/send/", form_data())
    assert response.status_code == 404


def test_after_the_deadline_the_form_is_closed_and_keeps_what_was_typed(client):
    consultation = f.consultation(
        opens_at=timezone.now() - datetime.timedelta(days=10), closes_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    page = client.get(send_url(consultation)).content.decode()
    assert "The deadline has passed" in page
    assert 'name="text"' not in page
    response = client.post(send_url(consultation), form_data(text="Sent too late, but kept."))
    assert response.status_code == 409
    body = response.content.decode()
    assert "The deadline has passed" in body
    assert "Sent too late, but kept." in body
    assert not Submission.objects.exists()


def test_a_coordinator_registers_a_late_submission_and_it_is_marked_late(client):
    consultation = f.consultation(
        opens_at=timezone.now() - datetime.timedelta(days=10), closes_at=timezone.now() - datetime.timedelta(days=1)
    )
    url = f"/en/consultations/{consultation.jurisdiction.slug}/{consultation.slug}/late/"
    assert client.post(url, form_data()).status_code == 302  # to the login page
    client.force_login(f.user(role="coordinator", scope=f.jurisdiction()))
    assert client.post(url, form_data()).status_code == 403
    client.force_login(f.user(role="coordinator", scope=consultation.jurisdiction))
    response = client.post(url, form_data())
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.is_late
    assert submission.status == Submission.Status.UNCONFIRMED


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"text": ""}, "text", "This field is required."),
        ({"text": "   "}, "text", "This field is required."),
        ({"text": "x" * 1_000_000}, "text", "Ensure this value has at most 50000 characters"),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"respondent_type": "robot"}, "respondent_type", "Select a valid choice."),
        ({"consent": ""}, "consent", "This field is required."),
        ({"form_token": "forged"}, "form_token", "Enter a valid UUID."),
    ],
)
def test_bad_input_gets_a_clear_answer_and_keeps_the_typing(client, overrides, field, message):
    consultation = f.consultation()
    data = form_data(name="Ola <b>Nordmann</b>", organisation="Org", **overrides)
    response = client.post(send_url(consultation), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert 'value="Ola &lt;b&gt;Nordmann&lt;/b&gt;"' in body
    assert 'value="Org"' in body
    assert not Submission.objects.exists()


def test_script_in_any_field_is_shown_as_text(client):
    consultation = f.consultation()
    script = "<script>alert(1)</script>"
    client.post(
        send_url(consultation),
        form_data(name=script, organisation=script, on_behalf_of=script, text=f"Innspill {script}"),
    )
    submission = Submission.objects.get()
    from samskap.consultations import services

    services.confirm(submission=submission)
    for url in (
        f"/en{submission.get_absolute_url()[3:]}",
        f"/en/consultations/{consultation.jurisdiction.slug}/{consultation.slug}/submissions/",
        f"/en/consultations/{consultation.jurisdiction.slug}/{consultation.slug}/report/",
    ):
        response = client.get(url)
        data = b"".join(response.streaming_content) if response.streaming else response.content
        body = data.decode()
        assert script not in body
        assert "&lt;script&gt;" in body


def test_a_bad_attachment_is_refused_and_the_text_is_kept(client):
    consultation = f.consultation()
    response = client.post(
        send_url(consultation),
        form_data(text="My long, carefully written input.", attachments=[helpers.exe_renamed(), helpers.pdf()]),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "programs are not accepted" in body
    assert "My long, carefully written input." in body
    assert "choose your attachments again" in body
    assert not Submission.objects.exists()


def test_too_many_or_too_large_files_together_are_refused(client, settings):
    consultation = f.consultation()
    response = client.post(send_url(consultation), form_data(attachments=[helpers.pdf(f"{n}.pdf") for n in range(6)]))
    assert response.status_code == 400
    assert "Send at most 5 files." in response.content.decode()


def test_a_missing_csrf_token_gets_a_translated_page_and_not_a_500():
    consultation = f.consultation()
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(send_url(consultation, "nb"), form_data())
    assert response.status_code == 403
    assert 'lang="nb"' in response.content.decode()
    assert not Submission.objects.exists()


def test_a_section_comment_belongs_to_its_section(client):
    from samskap.consultations.services import sync_sections

    consultation = f.consultation(body="Intro\n\n## Tema 1\nTekst\n\n## Tema 2\nMer", split_into_sections=True)
    sync_sections(consultation)
    second = consultation.sections.get(order=2)
    assert [s.title for s in consultation.sections.all()] == ["Tema 1", "Tema 2"]
    page = client.get(send_url(consultation) + f"?section={second.pk}").content.decode()
    assert "Tema 2" in page
    client.post(send_url(consultation), form_data(section=second.pk))
    assert Submission.objects.get().section == second


def test_too_many_submissions_from_one_email_get_a_clear_error_that_keeps_the_input(client):
    from samskap.kernel.intake import PER_EMAIL

    consultation = f.consultation()
    for _ in range(PER_EMAIL):
        assert client.post(send_url(consultation), form_data()).status_code == 302
    repeated = form_data()
    response = client.post(send_url(consultation), form_data(text="One too many, but kept."))
    assert response.status_code == 429
    body = response.content.decode()
    assert "You have sent a lot in a short time" in body
    assert "One too many, but kept." in body
    assert Submission.objects.count() == PER_EMAIL
    # Sending a stored form again is never throttled: it returns its receipt.
    first_token = Submission.objects.order_by("pk").first().form_token
    again = client.post(send_url(consultation), {**repeated, "form_token": str(first_token)})
    assert again.status_code == 302
    assert Submission.objects.count() == PER_EMAIL


def test_the_norwegian_throttle_message_is_translated(client):
    from samskap.kernel.intake import PER_EMAIL

    consultation = f.consultation()
    for _ in range(PER_EMAIL):
        client.post(send_url(consultation, "nb"), form_data())
    response = client.post(send_url(consultation, "nb"), form_data())
    assert response.status_code == 429
    assert "Du har sendt mye på kort tid" in response.content.decode()
