"""A consultation's address: the title's slug with Nordic letters transliterated, unique in its jurisdiction."""

import datetime

import pytest
from django.utils import timezone

from samskap.consultations import services
from tests import factories as f

pytestmark = pytest.mark.django_db


def values(title):
    now = timezone.now()
    return {
        "title": title,
        "body": "Tekst.",
        "stage": "ideas",
        "opens_at": now,
        "closes_at": now + datetime.timedelta(days=14),
    }


def test_the_slug_transliterates_nordic_letters():
    place = f.jurisdiction()
    consultation = services.save_consultation(actor=None, jurisdiction=place, values=values("Høring om åpne data"))
    assert consultation.slug == "horing-om-apne-data"
    again = services.save_consultation(actor=None, jurisdiction=place, values=values("Høring om åpne data"))
    assert again.slug == "horing-om-apne-data-2"
    assert services.save_consultation(actor=None, jurisdiction=place, values=values("Ærlig talt")).slug == "aerlig-talt"


def test_a_new_title_keeps_the_address():
    place = f.jurisdiction()
    consultation = services.save_consultation(actor=None, jurisdiction=place, values=values("Høring om åpne data"))
    services.save_consultation(
        actor=None, jurisdiction=place, consultation=consultation, values=values("Ny tittel på høringen")
    )
    consultation.refresh_from_db()
    assert consultation.slug == "horing-om-apne-data"
