"""The demo's evaluation: Denmark's mid-term self-assessment as seed 000 tells it, Norway's design report."""

import datetime

import pytest

from samskap.demo.loader import load_demo
from samskap.evaluation.models import SelfAssessment
from samskap.kernel.documents import from_dict
from samskap.review.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_denmarks_mid_term_self_assessment_says_seven_five_two(client):
    load_demo()
    assessment = SelfAssessment.objects.get(plan__jurisdiction__slug="danmark", kind="mid_term")
    assert (assessment.comments_open_on, assessment.comments_close_on) == (
        datetime.date(2018, 8, 1),
        datetime.date(2018, 8, 22),
    )
    assert assessment.published_at.date() == datetime.date(2018, 9, 30)
    versions = {v.language: from_dict(v.document) for v in assessment.versions.all()}
    assert set(versions) == {"da", "en"}
    danish = [b.text for s in versions["da"].sections for b in s.blocks]
    assert "Af planens 14 forpligtelser: 7 begrænset, 5 væsentlig, 2 afsluttet." in danish
    english = [b.text for s in versions["en"].sections for b in s.blocks]
    assert "Of the plan's 14 commitments: 7 limited, 5 substantial, 2 complete." in english
    page = client.get(assessment.url() + "?language=en")
    assert page.status_code == 200 and "984 proposals" in page.content.decode()


def test_norways_design_report_is_open_for_comment(client):
    load_demo()
    report = Report.objects.get(plan__jurisdiction__slug="norge", report_type="design")
    assert report.takes_comments and report.stage == "draft"
    assert "civicomment.org" in report.draft_url
