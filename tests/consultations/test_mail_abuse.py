"""The public form is no mail relay (issue 10, found 5 and 6): names are one line and stay out of the
email to an unconfirmed address; the confirmation link can be sent again, throttled, with the same answer
whether or not the receipt and email match."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError

from samskap.consultations.models import Submission
from samskap.consultations.views import public
from tests import factories as f
from tests.consultations.test_submitting import form_data, send_url

pytestmark = pytest.mark.django_db

AGAIN = "/en/consultations/confirm/again/"


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()


@pytest.mark.parametrize(
    "name", ["Kari\nBcc: victim@example.org", "Kari\r\nNordmann", "Kari\u2028Nordmann", "Kari\x0bN"]
)
def test_a_name_on_several_lines_is_refused_with_a_clear_message(client, name):
    consultation = f.consultation()
    response = client.post(send_url(consultation), form_data(name=name))
    assert response.status_code == 400
    assert "Write this on one line, without line breaks." in response.content.decode()
    assert not Submission.objects.exists()
    assert mail.outbox == []


def test_the_model_refuses_a_name_on_several_lines_too():
    submission = f.submission(f.consultation())
    submission.name = "Kari\nNordmann"
    with pytest.raises(ValidationError):
        submission.full_clean()


def test_the_email_to_an_unconfirmed_address_carries_nothing_the_sender_wrote(client):
    consultation = f.consultation()
    client.post(send_url(consultation), form_data(name="Kjøp billig medisin på example.com"))
    assert len(mail.outbox) == 1
    assert "medisin" not in mail.outbox[0].body and "medisin" not in mail.outbox[0].subject


def test_the_confirmation_link_is_sent_again_only_for_a_match_with_the_same_answer(client):
    consultation = f.consultation()
    client.post(send_url(consultation), form_data(email="kari@example.no"))
    submission = Submission.objects.get()
    first_link = mail.outbox[0].body
    mail.outbox.clear()

    wrong = client.post(AGAIN, {"receipt": submission.receipt, "email": "other@example.no"})
    unknown = client.post(AGAIN, {"receipt": "H-0000-0000", "email": "kari@example.no"})
    right = client.post(AGAIN, {"receipt": submission.receipt.lower(), "email": "KARI@example.no"})
    assert wrong.status_code == unknown.status_code == right.status_code == 200
    assert wrong.content.decode().count("we have sent the link") == 1
    assert [m.to for m in mail.outbox] == [["kari@example.no"]]
    assert submission.confirmation_token in mail.outbox[0].body and submission.confirmation_token in first_link


def test_a_confirmed_submission_gets_no_link_again(client):
    submission = f.submission(f.consultation(), email="kari@example.no")
    client.post(AGAIN, {"receipt": submission.receipt, "email": "kari@example.no"})
    assert mail.outbox == []


def test_sending_the_link_again_is_throttled_per_email_and_per_client(client):
    submission = f.submission(f.consultation(), email="kari@example.no", status=Submission.Status.UNCONFIRMED)
    codes = [
        client.post(AGAIN, {"receipt": submission.receipt, "email": "kari@example.no"}).status_code for _ in range(5)
    ]
    assert codes == [200] * public.AGAIN_PER_EMAIL + [429] * (5 - public.AGAIN_PER_EMAIL)
    assert len(mail.outbox) == public.AGAIN_PER_EMAIL
    cache.clear()
    codes = [
        client.post(AGAIN, {"receipt": "H-0000-0000", "email": f"n{n}@example.no"}).status_code
        for n in range(public.AGAIN_PER_ADDRESS + 1)
    ]
    assert codes[-1] == 429


def test_the_receipt_page_links_to_sending_the_link_again(client):
    consultation = f.consultation()
    response = client.post(send_url(consultation), form_data(), follow=True)
    assert "/en/consultations/confirm/again/?receipt=" in response.content.decode()


def test_a_resend_of_the_same_form_sends_no_second_email(client):
    consultation = f.consultation()
    same = form_data()
    for _ in range(4):
        assert client.post(send_url(consultation), same).status_code == 302
    assert len(mail.outbox) == 1  # a resend of the same form sends nothing
