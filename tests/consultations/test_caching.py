"""Consultation pages are cached for visitors without a session, and still show a change at once: a
confirmed submission, an answer, the deadline passing."""

import datetime
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samskap.consultations import services
from samskap.consultations.models import Submission
from tests import factories as f
from tests.queries import stamp_queries

pytestmark = pytest.mark.django_db


def pages(consultation, submission):
    base = consultation.get_absolute_url()
    return [
        base,
        base + "submissions/",
        base + "submissions/?page=1",
        submission.get_absolute_url(),
        "/nb/consultations/",
    ]


def test_a_second_visit_costs_only_the_version_and_the_same_page(client):
    consultation = f.consultation()
    submission = f.submission(consultation, text="Første innspill.")
    for url in pages(consultation, submission):
        first = client.get(url)
        assert first.status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url)
        assert again.content == first.content and len(queries) == stamp_queries(), (url, [q["sql"] for q in queries])
        assert client.get(url, HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304


def test_a_confirmed_submission_shows_at_once_on_every_page(client):
    consultation = f.consultation()
    shown = f.submission(consultation, text="Første innspill.")
    for url in pages(consultation, shown):
        client.get(url)
    waiting = f.submission(consultation, text="Andre innspill om åpenhet.", status=Submission.Status.UNCONFIRMED)
    assert "Andre innspill" not in client.get(consultation.get_absolute_url() + "submissions/").content.decode()
    services.confirm(submission=waiting)
    assert "Andre innspill" in client.get(consultation.get_absolute_url() + "submissions/").content.decode()
    assert client.get(waiting.get_absolute_url()).status_code == 200


def test_the_page_follows_the_deadline_to_the_minute(client):
    now = timezone.now().replace(second=0, microsecond=0)
    consultation = f.consultation(
        opens_at=now - datetime.timedelta(days=3), closes_at=now + datetime.timedelta(minutes=1)
    )
    url = consultation.get_absolute_url()
    assert "send/" in client.get(url).content.decode()  # the link to the form, while open
    later = now + datetime.timedelta(minutes=1, seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        page = client.get(url).content.decode()
    assert "send/" not in page


def test_logged_in_visitors_get_a_fresh_page(client):
    consultation = f.consultation()
    client.get(consultation.get_absolute_url())
    client.force_login(f.user())
    with CaptureQueriesContext(connection) as queries:
        assert client.get(consultation.get_absolute_url()).status_code == 200
    assert len(queries) > 1
