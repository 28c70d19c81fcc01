"""Seats under concurrent registrations: PostgreSQL only (several connections writing at once)."""

import threading
import uuid

import pytest
from django.db import connection

from samskap.forum import services
from samskap.forum.models import Registration
from samskap.organisations.models import Organisation
from tests import factories as f

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _run_at_once(jobs):
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_concurrent_registrations_fill_the_seats_and_the_rest_wait_in_order():
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL (run it with DATABASE_URL=postgres://…)")
    place = f.jurisdiction()
    f.organisation(jurisdiction=place, name="Finansdepartementet", type=Organisation.Type.MINISTRY)
    meeting = f.meeting(jurisdiction=place, capacity=5, reserved_seats=2)

    def register(n, organisation):
        return lambda: services.register(
            meeting=meeting,
            form_token=uuid.uuid4(),
            values={"name": f"Person {n}", "email": f"p{n}@example.no", "organisation": organisation},
        )

    jobs = [register(n, "Finansdepartementet" if n % 4 == 0 else f"Org {n}") for n in range(16)]
    assert _run_at_once(jobs) == []
    rows = Registration.objects.filter(meeting=meeting)
    attending = rows.filter(status="attending")
    assert attending.count() == 5
    assert attending.filter(reserved_seat=True).count() <= 2
    assert attending.filter(reserved_seat=False).count() == 3
    assert rows.filter(status="waitlisted").count() == 11
    # Cancellations at the same moment promote exactly as many as they free, never more.
    freed = list(attending.filter(reserved_seat=False)[:2])
    assert _run_at_once([lambda r=r: services.cancel(registration=r) for r in freed]) == []
    assert Registration.objects.filter(meeting=meeting, status="attending").count() == 5
