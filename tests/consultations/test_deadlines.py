"""Deadlines: a date means the end of that day in the jurisdiction's time zone, across DST changes;
the state follows from the clock."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from samskap.consultations.forms import ConsultationForm
from samskap.consultations.models import Consultation
from samskap.consultations.text import deadline_from, deadline_parts
from tests import factories as f

OSLO = ZoneInfo("Europe/Oslo")
UTC = datetime.UTC


@pytest.mark.parametrize(
    ("day", "expected_utc"),
    [
        # An ordinary winter day: midnight in Oslo is 23:00 UTC.
        (datetime.date(2025, 1, 15), datetime.datetime(2025, 1, 15, 23, 0, tzinfo=UTC)),
        # 30 March 2025 has 23 hours in Oslo (summer time from 02:00); the next midnight is at 22:00 UTC.
        (datetime.date(2025, 3, 30), datetime.datetime(2025, 3, 30, 22, 0, tzinfo=UTC)),
        # The day before the spring change ends at 23:00 UTC (still winter time at midnight).
        (datetime.date(2025, 3, 29), datetime.datetime(2025, 3, 29, 23, 0, tzinfo=UTC)),
        # 26 October 2025 has 25 hours; the next midnight is winter time again: 23:00 UTC.
        (datetime.date(2025, 10, 26), datetime.datetime(2025, 10, 26, 23, 0, tzinfo=UTC)),
        (datetime.date(2025, 10, 25), datetime.datetime(2025, 10, 25, 22, 0, tzinfo=UTC)),
        # Seed 001's deadline: 29 February 2012 in Copenhagen's zone (same offsets as Oslo).
        (datetime.date(2012, 2, 29), datetime.datetime(2012, 2, 29, 23, 0, tzinfo=UTC)),
    ],
)
def test_a_date_means_the_end_of_that_day_in_the_zone(day, expected_utc):
    deadline = deadline_from(day, None, "Europe/Oslo")
    assert deadline == expected_utc
    assert deadline_parts(deadline, "Europe/Oslo") == (day, None)


def test_the_dst_days_are_23_and_25_hours_long():
    # Python subtracts wall-clock times within one zone; elapsed time needs UTC.
    def elapsed(a, b):
        return b.astimezone(UTC) - a.astimezone(UTC)

    start_spring = deadline_from(datetime.date(2025, 3, 29), None, "Europe/Oslo")
    end_spring = deadline_from(datetime.date(2025, 3, 30), None, "Europe/Oslo")
    assert elapsed(start_spring, end_spring) == datetime.timedelta(hours=23)
    start_autumn = deadline_from(datetime.date(2025, 10, 25), None, "Europe/Oslo")
    end_autumn = deadline_from(datetime.date(2025, 10, 26), None, "Europe/Oslo")
    assert elapsed(start_autumn, end_autumn) == datetime.timedelta(hours=25)


def test_a_time_is_the_local_moment_and_a_skipped_time_moves_forward():
    noon = deadline_from(datetime.date(2025, 6, 1), datetime.time(12, 0), "Europe/Oslo")
    assert noon == datetime.datetime(2025, 6, 1, 10, 0, tzinfo=UTC)
    assert deadline_parts(noon, "Europe/Oslo") == (datetime.date(2025, 6, 1), datetime.time(12, 0))
    # 02:30 does not exist on 30 March 2025 in Oslo; it is taken as 03:30 summer time (01:30 UTC).
    skipped = deadline_from(datetime.date(2025, 3, 30), datetime.time(2, 30), "Europe/Oslo")
    assert skipped.astimezone(UTC) == datetime.datetime(2025, 3, 30, 1, 30, tzinfo=UTC)


@pytest.mark.django_db
def test_the_state_follows_the_clock_to_the_last_second():
    deadline = deadline_from(datetime.date(2025, 10, 26), None, "Europe/Oslo")
    consultation = f.consultation(opens_at=datetime.datetime(2025, 10, 1, tzinfo=OSLO), closes_at=deadline)
    last_moment = deadline - datetime.timedelta(microseconds=1)
    assert consultation.state_at(datetime.datetime(2025, 9, 30, 23, 59, tzinfo=OSLO)) == Consultation.State.UPCOMING
    assert consultation.state_at(datetime.datetime(2025, 10, 1, tzinfo=OSLO)) == Consultation.State.OPEN
    assert consultation.state_at(datetime.datetime(2025, 10, 26, 23, 59, 59, tzinfo=OSLO)) == Consultation.State.OPEN
    assert consultation.state_at(last_moment) == Consultation.State.OPEN
    assert consultation.state_at(deadline) == Consultation.State.CLOSED
    consultation.summary = "Oppsummering."
    assert consultation.state_at(deadline) == Consultation.State.ANSWERED


@pytest.mark.django_db
def test_the_state_is_read_from_now_not_stored():
    from django.utils import timezone

    past = f.consultation(
        opens_at=timezone.now() - datetime.timedelta(days=10), closes_at=timezone.now() - datetime.timedelta(days=1)
    )
    future = f.consultation(
        opens_at=timezone.now() + datetime.timedelta(days=1), closes_at=timezone.now() + datetime.timedelta(days=10)
    )
    assert past.state == "closed"
    assert future.state == "upcoming"
    assert f.consultation().state == "open"


@pytest.mark.django_db
def test_the_form_converts_a_date_in_the_jurisdictions_zone():
    copenhagen = f.jurisdiction(time_zone="Europe/Copenhagen")
    form = ConsultationForm(
        {
            "stage": "ideas",
            "title": "Høring",
            "body": "Tekst",
            "opens_on": "2025-10-01",
            "closes_on": "2025-10-26",
        },
        jurisdiction=copenhagen,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["closes_at"] == datetime.datetime(2025, 10, 26, 23, 0, tzinfo=UTC)
    assert form.cleaned_data["opens_at"] == datetime.datetime(2025, 9, 30, 22, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_the_form_refuses_a_deadline_before_the_opening():
    form = ConsultationForm(
        {"stage": "ideas", "title": "Høring", "body": "Tekst", "opens_on": "2025-10-10", "closes_on": "2025-10-01"},
        jurisdiction=f.jurisdiction(),
    )
    assert not form.is_valid()
    assert "closes_on" in form.errors


@pytest.mark.django_db
def test_an_empty_post_to_a_closed_consultation_is_refused_with_a_message_not_a_500(client):
    from django.utils import timezone

    past = f.consultation(
        opens_at=timezone.now() - datetime.timedelta(days=10), closes_at=timezone.now() - datetime.timedelta(days=1)
    )
    response = client.post(f"/en/consultations/{past.jurisdiction.slug}/{past.slug}/send/", {})
    assert response.status_code == 409
    assert "The deadline has passed" in response.content.decode()
