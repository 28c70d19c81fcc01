"""Rules that belong to the model, so every way in (forms, the API, imports) meets them."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from samskap.commitments.services import create_commitment
from samskap.history.models import ChangeRecord
from samskap.plans.models import ActionPlan
from samskap.plans.services import create_plan
from tests import factories as f

pytestmark = pytest.mark.django_db

PLAN = {"title": "Handlingsplan", "start_date": datetime.date(2019, 9, 1), "end_date": datetime.date(2021, 8, 31)}


def test_a_plan_label_is_unique_in_its_jurisdiction_whatever_the_case():
    norway = f.jurisdiction(name="Norge", slug="norge")
    create_plan(actor=None, jurisdiction=norway, values={**PLAN, "label": "4B"})
    with pytest.raises(ValidationError) as refused:
        create_plan(actor=None, jurisdiction=norway, values={**PLAN, "label": "4b"})
    assert "label" in refused.value.message_dict
    assert ActionPlan.objects.filter(jurisdiction=norway).count() == 1
    # Another jurisdiction may use the same label.
    create_plan(actor=None, jurisdiction=f.jurisdiction(name="Danmark", slug="danmark"), values={**PLAN, "label": "4B"})


def test_a_commitment_identifier_is_unique_in_its_plan():
    plan = f.plan()
    create_commitment(actor=None, plan=plan, values={"identifier": "NO0063", "title": "Åpne data", "order": 1})
    records = ChangeRecord.objects.count()
    with pytest.raises(ValidationError) as refused:
        create_commitment(actor=None, plan=plan, values={"identifier": "no0063", "title": "Igjen", "order": 2})
    assert "identifier" in refused.value.message_dict
    assert plan.commitments.count() == 1 and ChangeRecord.objects.count() == records
