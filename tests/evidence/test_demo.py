"""The demo's repository and standards pages: the seeds' documents, and a mix of verdicts."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from samskap.demo.loader import load_demo
from samskap.evidence.models import Document, Override
from samskap.evidence.standards import check_plan
from samskap.plans.models import ActionPlan

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_repository_and_shows_every_kind_of_verdict(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo()
    letter = Document.objects.get(title__startswith="Interessentforumet", kind="letter")
    assert letter.plan.label == "4B" and letter.date == datetime.date(2021, 4, 12)
    assert "17/1886-108" in letter.file.open("rb").read().decode()
    assert Document.objects.exclude(url="").count() == 2
    fjordvik = ActionPlan.objects.get(label="2024-2026")
    verdicts = {c.code: c.verdict for c in check_plan(fjordvik, today=datetime.date(2026, 11, 29)).checks}
    assert verdicts == {
        "1.1": "at_risk", "2.1": "met", "2.2": "at_risk", "3.1": "not_met",
        "3.2": "not_met", "4.1": "not_met", "5.1": "met",
    }  # fmt: skip
    plan_4b = ActionPlan.objects.get(label="4B")
    check = next(c for c in check_plan(plan_4b).checks if c.code == "3.2")
    assert (check.computed, check.verdict) == ("not_met", "met")
    assert "postmottak@kmd.dep.no" in Override.objects.get(plan=plan_4b).reason
    page = Client().get(reverse("evidence:repository"), {"jurisdiction": "fjordvik"}).content.decode()
    assert "Statusrapport høsten 2026" in page and "Forslag til neste handlingsplan" in page  # minutes included
