"""Recording a change is what marks the cached pages of its plan and commitment as stale."""

import datetime

import pytest
from django.utils import timezone

from samskap.commitments.models import Commitment
from samskap.commitments.services import save_milestone
from samskap.history.services import record_change
from samskap.plans.models import ActionPlan
from tests import factories as f

pytestmark = pytest.mark.django_db


def _stamps(commitment):
    return (
        Commitment.objects.get(pk=commitment.pk).updated_at,
        ActionPlan.objects.get(pk=commitment.plan_id).updated_at,
    )


def test_a_recorded_change_bumps_its_commitment_and_plan():
    commitment = f.commitment()
    old = timezone.now() - datetime.timedelta(days=3)
    Commitment.objects.filter(pk=commitment.pk).update(updated_at=old)
    ActionPlan.objects.filter(pk=commitment.plan_id).update(updated_at=old)
    other = f.commitment(commitment.plan, identifier="NO0002")
    Commitment.objects.filter(pk=other.pk).update(updated_at=old)
    save_milestone(actor=None, commitment=commitment, values={"order": 1, "activity": "Publish the register."})
    commitment_stamp, plan_stamp = _stamps(commitment)
    assert commitment_stamp > old and plan_stamp > old
    assert Commitment.objects.get(pk=other.pk).updated_at == old, "only the changed commitment's pages"


def test_nothing_changed_bumps_nothing():
    commitment = f.commitment()
    old = timezone.now() - datetime.timedelta(days=3)
    Commitment.objects.filter(pk=commitment.pk).update(updated_at=old)
    same = {"title": "x"}
    assert record_change(actor=None, instance=commitment, before=same, after=same, plan_id=commitment.plan_id) is None
    assert Commitment.objects.get(pk=commitment.pk).updated_at == old


def test_a_change_shows_at_once_on_the_cached_public_page(client):
    commitment = f.commitment()
    first = client.get(commitment.get_absolute_url()).content.decode()
    assert "Publish the register." not in first
    save_milestone(actor=None, commitment=commitment, values={"order": 1, "activity": "Publish the register."})
    assert "Publish the register." in client.get(commitment.get_absolute_url()).content.decode()
