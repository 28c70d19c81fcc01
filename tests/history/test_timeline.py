import datetime

import pytest
from django.utils import translation

from samskap.commitments.services import save_milestone
from samskap.history.selectors import timeline_for_commitment
from tests import factories as f


@pytest.mark.django_db
def test_timeline_labels_and_values_are_in_the_readers_language():
    commitment = f.commitment()
    milestone = f.milestone(commitment, status="on_track")
    save_milestone(
        actor=f.user(full_name="Kari"), commitment=commitment, milestone=milestone, values={"status": "delayed"}
    )
    with translation.override("nb"):
        [entry] = timeline_for_commitment(commitment.pk)
        [change] = entry["changes"]
        assert (change.label, change.old, change.new) == ("Status", "I rute", "Forsinket")
        assert entry["kind"] == "milepæl"
    with translation.override("en"):
        [change] = timeline_for_commitment(commitment.pk)[0]["changes"]
        assert (change.old, change.new) == ("On track", "Delayed")


@pytest.mark.django_db
def test_commitment_page_shows_its_change_history_with_old_and_new_values(client):
    commitment = f.commitment()
    milestone = f.milestone(commitment, end_date=datetime.date(2020, 12, 31))
    save_milestone(
        actor=f.user(full_name="Ola Nordmann"),
        commitment=commitment,
        milestone=milestone,
        values={"end_date": datetime.date(2021, 6, 30)},
    )
    body = client.get(commitment.get_absolute_url()).content.decode()
    assert "Ola Nordmann" in body
    assert "<td>Dec. 31, 2020</td><td>June 30, 2021</td>" in body
