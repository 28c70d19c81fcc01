"""The public intake (samskap.kernel.intake): one-time form token, receipt numbers, confirmation, throttle.

The intake model is abstract; consultation submissions are its first user and stand in for it here.
"""

import datetime
import re
import uuid

import pytest
from django.core import mail

from samskap.consultations.models import Submission
from samskap.consultations.text import search_config
from samskap.kernel import intake
from tests import factories as f

RECEIPT = re.compile(r"[A-Z]-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")


def unsaved(consultation, token=None, **fields):
    values = {
        "name": "Kari Nordmann",
        "email": "kari@example.no",
        "respondent_type": Submission.RespondentType.CITIZEN,
        "text": "Innspill.",
        "search_config": search_config(consultation.jurisdiction.default_language),
    }
    values.update(fields)
    return Submission(consultation=consultation, form_token=token or uuid.uuid4(), **values)


def test_a_receipt_number_has_the_prefix_and_no_letter_misheard_on_the_phone():
    numbers = {intake.receipt_number("H") for _ in range(200)}
    assert all(RECEIPT.fullmatch(number) and number.startswith("H-") for number in numbers)
    assert not any(letter in number[2:] for number in numbers for letter in "ILOU")
    assert len(numbers) == 200  # 40 random bits: no repeats in a few hundred
    assert intake.receipt_number("M").startswith("M-")


def test_a_consultation_receipt_keeps_todays_format():
    from samskap.consultations.models import new_receipt

    assert re.fullmatch(r"H-[0-9A-Z]{4}-[0-9A-Z]{4}", new_receipt())


def test_a_blank_form_gets_a_new_one_time_token_and_a_sent_form_keeps_its_own():
    first, second = intake.IntakeForm(), intake.IntakeForm()
    assert isinstance(first.initial["form_token"], uuid.UUID)
    assert first.initial["form_token"] != second.initial["form_token"]
    token = uuid.uuid4()
    sent = intake.IntakeForm({"form_token": str(token)})
    assert sent.is_valid()
    assert sent.cleaned_data["form_token"] == token


@pytest.mark.django_db
def test_the_same_form_token_stores_once_and_returns_the_same_record_twice():
    consultation = f.consultation()
    token = uuid.uuid4()
    calls: list[Submission] = []
    first = intake.store_once(unsaved(consultation, token), then=calls.append)
    assert first.created
    assert intake.already_stored(Submission, token) == first.record
    # A double click: the service finds the stored record before building another.
    again = intake.already_stored(Submission, token)
    assert again is not None and again.pk == first.record.pk and again.receipt == first.record.receipt
    # Two requests at the same moment: the second save clashes on the token and gets the first record.
    raced = intake.store_once(unsaved(consultation, token, text="The same form, again."), then=calls.append)
    assert not raced.created
    assert raced.record.pk == first.record.pk
    assert calls == [first.record]  # what follows the save (attachments, the email) ran once
    assert Submission.objects.count() == 1


@pytest.mark.django_db
def test_a_clash_on_a_receipt_number_is_retried_with_a_new_one():
    consultation = f.consultation()
    taken = intake.store_once(unsaved(consultation)).record
    clashing = unsaved(consultation, receipt=taken.receipt)
    stored = intake.store_once(clashing)
    assert stored.created
    assert stored.record.receipt != taken.receipt
    assert RECEIPT.fullmatch(stored.record.receipt)


@pytest.mark.django_db
def test_the_confirmation_email_goes_through_the_task_worker_and_its_link_finds_the_record(settings):
    consultation = f.consultation()
    record = intake.store_once(unsaved(consultation)).record
    link = intake.absolute(f"/confirm/{record.confirmation_token}/")
    intake.send_templated_email(
        "consultations/email/receipt",
        record.email,
        {"submission": record, "consultation": consultation, "confirm_url": link, "receipt_url": "x"},
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["kari@example.no"]
    assert record.receipt in mail.outbox[0].subject
    assert link.startswith(settings.SITE_URL) and link in mail.outbox[0].body
    assert len(record.confirmation_token) >= 40
    assert intake.by_confirmation_token(Submission, record.confirmation_token) == record
    assert intake.by_confirmation_token(Submission.objects.all(), "forged") is None
    assert intake.by_confirmation_token(Submission, "") is None
    assert record.confirmed_at is None
    moment = record.submitted_at + datetime.timedelta(minutes=5)
    record.mark_confirmed(moment)
    assert record.confirmed_at == moment


def test_the_throttle_counts_per_email_and_per_address(settings):
    settings.INTAKE_THROTTLE = True
    for _ in range(intake.PER_EMAIL):
        intake.throttle("test", email="Kari@Example.no")
    with pytest.raises(intake.TooManySubmissions) as raised:
        intake.throttle("test", email="kari@example.no ")
    assert "what you wrote is kept" in raised.value.message
    intake.throttle("test", email="ola@example.no")  # someone else
    intake.throttle("other", email="kari@example.no")  # another capability counts on its own
    for _ in range(intake.PER_ADDRESS):
        intake.throttle("test", address="192.0.2.1")
    with pytest.raises(intake.TooManySubmissions):
        intake.throttle("test", address="192.0.2.1")


def test_the_throttle_can_be_switched_off(settings):
    settings.INTAKE_THROTTLE = False
    for _ in range(intake.PER_EMAIL + 5):
        intake.throttle("test", email="kari@example.no")


def test_send_public_keeps_the_form_and_gives_each_refusal_its_status():
    from django import forms
    from django.core.exceptions import ValidationError

    from samskap.kernel import intake

    class NameForm(forms.Form):
        name = forms.CharField()

    def refuse(error):
        def send():
            raise error

        return send

    assert intake.send_public(NameForm({}), lambda: "sent").status == 400
    form = NameForm({"name": "Kari"})
    assert intake.send_public(form, lambda: "sent") == intake.Posted("sent", 200)
    form = NameForm({"name": "Kari"})
    throttled = intake.send_public(form, refuse(intake.TooManySubmissions()))
    assert throttled.status == 429 and form.non_field_errors() and form.data["name"] == "Kari"
    form = NameForm({"name": "Kari"})
    refused = intake.send_public(form, refuse(ValidationError({"name": "Taken."})))
    assert refused == intake.Posted(None, 400) and form.errors["name"] == ["Taken."]
