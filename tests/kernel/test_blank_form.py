"""A public form's page is rendered once for every visitor and each gets it with tokens of their own
(`kernel.pages.blank_form`): their CSRF token and a new one-time form token."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from samskap.forum.models import Registration
from samskap.kernel import intake
from samskap.kernel.pages import CSRF_STAND_IN
from tests import factories as f

pytestmark = pytest.mark.django_db

FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _found(pattern, body):
    found = pattern.search(body)
    assert found is not None, pattern.pattern
    return found[1]


def _values(page, name):
    body = page.content.decode()
    return {
        "csrfmiddlewaretoken": _found(CSRF_TOKEN, body),
        "form_token": _found(FORM_TOKEN, body),
        "name": name,
        "email": f"{name.lower()}@example.no",
    }


def test_two_visitors_get_one_rendering_with_their_own_tokens_and_both_registrations_are_kept():
    meeting = f.meeting()
    url = meeting.url("register")
    kari, ola = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first = kari.get(url)
    with CaptureQueriesContext(connection) as queries:
        second = ola.get(url)
    assert first.status_code == second.status_code == 200
    assert len(queries) <= 1, "the second visitor's page is the kept one (at most the version is read)"
    for page in (first, second):
        body = page.content.decode()
        assert CSRF_STAND_IN not in body and str(intake.FORM_TOKEN_STAND_IN) not in body
        assert settings.CSRF_COOKIE_NAME in page.cookies, "each visitor gets the CSRF cookie their token needs"
    kari_values, ola_values = _values(first, "Kari"), _values(second, "Ola")
    assert kari_values["form_token"] != ola_values["form_token"]
    assert kari.post(url, kari_values).status_code == 302
    assert ola.post(url, ola_values).status_code == 302  # CSRF checked: each token fits its own cookie
    assert sorted(Registration.objects.values_list("name", flat=True)) == ["Kari", "Ola"]
    assert kari.post(url, kari_values).status_code == 302  # a resend is the first registration
    assert Registration.objects.count() == 2


def test_a_form_sent_with_the_stand_in_token_is_refused_and_its_text_kept():
    meeting = f.meeting()
    values = {"form_token": str(intake.FORM_TOKEN_STAND_IN), "name": "Per", "email": "per@example.no"}
    page = Client().post(meeting.url("register"), values)
    assert page.status_code == 400
    body = page.content.decode()
    assert "This form is out of date" in body and 'value="Per"' in body
    assert not Registration.objects.exists()


def test_a_change_shows_at_once_and_a_signed_in_visitor_gets_a_page_of_their_own():
    meeting = f.meeting()
    url = meeting.url("register")
    client = Client()
    client.get(url)
    type(meeting).objects.filter(pk=meeting.pk).update(title="Et nytt navn på møtet")
    assert "Et nytt navn på møtet" in client.get(url).content.decode()
    signed_in = Client()
    signed_in.force_login(f.user())
    with CaptureQueriesContext(connection) as queries:
        assert signed_in.get(url).status_code == 200
    assert len(queries) > 3, "rendered for the signed-in visitor"
