"""The pages: coordinators write and publish a self-assessment, the public comments, reviewers enter the
IRM's assessments, the commitment page compares the two, the comments export for the IRM."""

import csv
import datetime
import io
import re
import uuid

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samskap.accounts.models import RoleGrant
from samskap.evaluation import services
from samskap.evaluation.models import Comment, SelfAssessment
from samskap.history.models import ChangeRecord
from samskap.review.models import IRMAssessment, Report
from tests import factories as f

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def world():
    place = f.jurisdiction(name="Norge", slug="norge", default_language="nb")
    plan = f.plan(jurisdiction=place, slug="plan-4", title="Handlingsplan 4")
    commitments = [f.commitment(plan, completion=level) for level in ("limited", "substantial", "complete")]
    return {
        "place": place,
        "plan": plan,
        "commitments": commitments,
        "coordinator": f.user(role=RoleGrant.Role.COORDINATOR, scope=place),
        "reviewer": f.user(role=RoleGrant.Role.REVIEWER, full_name="Ingrid Forsker"),
    }


def _url(name, plan, **kwargs):
    return reverse(f"evaluation:{name}", kwargs={"jurisdiction": plan.jurisdiction.slug, "plan": plan.slug, **kwargs})


def test_a_coordinator_starts_writes_opens_and_publishes(client, world):
    plan = world["plan"]
    client.force_login(world["coordinator"])
    page = client.post(_url("start", plan), {"kind": "end_of_term"})
    assessment = SelfAssessment.objects.get(plan=plan)
    assert page.status_code == 302 and page["Location"] == assessment.url("edit")
    intro = assessment.sections.get(kind="introduction")
    page = client.post(
        assessment.url("edit"),
        {"section": intro.pk, f"s{intro.pk}-narrative": "Planen er gjennomført.", f"s{intro.pk}-narrative_en": ""},
    )
    assert page.status_code == 302
    intro.refresh_from_db()
    assert intro.narrative == "Planen er gjennomført."
    # Ten days: saved, with a warning.
    today = TODAY()
    window = {
        "form": "window",
        "comments_open_on": today.isoformat(),
        "comments_close_on": (today + datetime.timedelta(days=9)).isoformat(),
    }
    page = client.post(assessment.url("edit"), window, follow=True)
    assert "shorter than 14 days" in page.content.decode()
    page = client.post(assessment.url("publish"), follow=True)
    assert "The comment period has not ended yet." in page.content.decode()
    SelfAssessment.objects.filter(pk=assessment.pk).update(
        comments_open_on=today - datetime.timedelta(days=30), comments_close_on=today - datetime.timedelta(days=1)
    )
    page = client.post(assessment.url("publish"), follow=True)
    assert page.status_code == 200
    assessment.refresh_from_db()
    assert assessment.is_published and assessment.versions.count() == 1  # no English text: Norwegian only
    assert "1 begrenset, 1 betydelig, 1 fullført" in page.content.decode()
    assert ChangeRecord.objects.filter(plan=plan, object_repr__contains="(nb)").exists()


def test_the_edit_pages_are_the_coordinators(client, world):
    assessment = services.start_self_assessment(actor=None, plan=world["plan"], kind="mid_term")
    client.force_login(world["reviewer"])
    assert client.get(assessment.url("edit")).status_code == 403
    assert client.post(_url("start", world["plan"]), {"kind": "end_of_term"}).status_code == 403
    client.logout()
    assert client.get(assessment.url()).status_code == 404  # a draft before its comment period


def test_bad_input_is_a_clear_error_not_a_500(client, world):
    assessment = services.start_self_assessment(actor=None, plan=world["plan"], kind="mid_term")
    client.force_login(world["coordinator"])
    intro = assessment.sections.get(kind="introduction")
    page = client.post(assessment.url("edit"), {"section": intro.pk, f"s{intro.pk}-narrative": "a\x00b"})
    assert page.status_code == 400 and "Null characters are not allowed." in page.content.decode()
    page = client.post(assessment.url("edit"), {"section": intro.pk, f"s{intro.pk}-narrative": "x" * 20_001})
    assert page.status_code == 400
    window = {"form": "window", "comments_open_on": "2018-08-22", "comments_close_on": "2018-08-01"}
    page = client.post(assessment.url("edit"), window)
    assert page.status_code == 400 and "cannot end before it starts" in page.content.decode()
    window = {"form": "window", "comments_open_on": "2018-02-31", "comments_close_on": "x"}
    assert client.post(assessment.url("edit"), window).status_code == 400
    assert client.post(assessment.url("edit"), {"section": "nan"}).status_code == 404
    url = reverse(
        "evaluation:detail", kwargs={"jurisdiction": "norge", "plan": world["plan"].slug, "kind": "quarterly"}
    )
    assert client.get(url).status_code == 404
    huge = _url("report", world["plan"], pk=10**20)
    assert client.get(huge).status_code == 404
    assert client.get(assessment.url("comment", section=10**20)).status_code == 404


def form_token_in(page):
    """The one-time token in the form a visitor got (the page is kept with a stand-in for it)."""
    found = re.search(r'name="form_token" value="([0-9a-f-]{36})"', page.content.decode())
    assert found is not None
    return found[1]


def _open(world, kind="mid_term"):
    assessment = services.start_self_assessment(actor=None, plan=world["plan"], kind=kind)
    services.set_comment_window(
        actor=None,
        assessment=assessment,
        opens_on=TODAY() - datetime.timedelta(days=1),
        closes_on=TODAY() + datetime.timedelta(days=13),
    )
    return assessment


def test_the_public_comments_on_a_section_and_confirms(client, world):
    assessment = _open(world)
    section = assessment.sections.get(kind="process")
    page = client.get(assessment.url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "1 limited, 1 substantial, 1 complete" in html
    comment_url = assessment.url("comment", section=section.pk)
    assert comment_url in html
    values = {
        "form_token": form_token_in(client.get(comment_url)),
        "name": "Ola",
        "email": "ola@example.no",
        "text": "Forumet møttes for sjelden.",
        "consent": "named",
    }
    bad = client.post(comment_url, {**values, "email": "no"})
    assert bad.status_code == 400 and "Forumet møttes for sjelden." in bad.content.decode()  # nothing lost
    page = client.post(comment_url, values)
    assert page.status_code == 200
    comment = Comment.objects.get()
    assert comment.receipt in page.content.decode() and comment.section == section
    confirm = reverse("evaluation:confirm", kwargs={"token": comment.confirmation_token})
    assert confirm in mail.outbox[0].body
    client.get(confirm)
    comment.refresh_from_db()
    assert comment.confirmed_at is None  # a GET (a mail scanner) confirms nothing
    client.post(confirm)
    assert type(comment).objects.get(pk=comment.pk).confirmed_at is not None
    assert "Forumet møttes for sjelden." in client.get(assessment.url()).content.decode()


def test_the_coordinator_answers_comments_on_the_page(client, world):
    assessment = _open(world)
    section = assessment.sections.get(kind="introduction")
    sent = services.comment(
        target=section, form_token=uuid.uuid4(), values={"name": "Ola", "email": "o@example.no", "text": "Hei"}
    )
    services.confirm_comment(comment=sent.comment)
    client.force_login(world["coordinator"])
    prefix = f"c{sent.comment.pk}"
    page = client.post(assessment.url("comments"), {"comment": sent.comment.pk, f"{prefix}-outcome": "taken_up"})
    assert page.status_code == 400
    page = client.post(
        assessment.url("comments"),
        {"comment": sent.comment.pk, f"{prefix}-outcome": "not_taken_up", f"{prefix}-reason": "Utenfor planen."},
    )
    assert page.status_code == 302
    sent.comment.refresh_from_db()
    assert sent.comment.outcome == "not_taken_up" and sent.comment.answered_by == world["coordinator"]


def test_my_work_lists_comments_to_answer_and_assessments_to_enter(client, world):
    assessment = _open(world)
    sent = services.comment(
        target=assessment.sections.first(),
        form_token=uuid.uuid4(),
        values={"name": "Ola", "email": "o@example.no", "text": "Hei"},
    )
    services.confirm_comment(comment=sent.comment)
    Report.objects.create(plan=world["plan"], report_type="design", title="Norway Design Report 2019-2021")
    client.force_login(world["coordinator"])
    assert "1 comment to answer" in client.get(reverse("core:dashboard")).content.decode()
    client.force_login(world["reviewer"])
    assert (
        "Norway Design Report 2019-2021: 3 commitments to assess"
        in client.get(reverse("core:dashboard")).content.decode()
    )


def test_a_reviewer_adds_a_report_and_enters_assessments(client, world):
    plan = world["plan"]
    client.force_login(world["reviewer"])
    today = TODAY()
    page = client.post(
        _url("report_create", plan),
        {
            "report_type": "design",
            "title": "Norway Design Report 2019-2021",
            "stage": "draft",
            "language": "en",
            "comments_open_on": today.isoformat(),
            "comments_close_on": (today + datetime.timedelta(days=13)).isoformat(),
            "ogp_url": "https://www.opengovpartnership.org/documents/norway-design-report-2019-2021/",
        },
    )
    report = Report.objects.get()
    assert page.status_code == 302
    target = world["commitments"][0]
    url = _url("assess", plan, pk=report.pk, commitment=target.pk)
    page = client.post(
        url,
        {
            "verifiable": "true",
            "open_government_lens": "true",
            "potential_for_results": "modest",
            "promising": "false",
            "completion": "substantial",
            "starred": "unknown",
        },
    )
    assert page.status_code == 302
    assessment = IRMAssessment.objects.get()
    assert (assessment.verifiable, assessment.open_government_lens, assessment.promising) == (True, True, False)
    assert assessment.starred is None and assessment.source == "reviewer" and assessment.report == report
    assert assessment.reviewer_name == "Ingrid Forsker" and assessment.report_type == "design"
    assert client.post(url, {"completion": "limited"}).status_code == 302  # changed, not a second one
    assert IRMAssessment.objects.get().completion == "limited"
    assert ChangeRecord.objects.filter(commitment=target, object_repr__startswith="Design report").count() == 2
    assert client.post(url, {"completion": "huge"}).status_code == 400
    client.force_login(world["coordinator"])
    assert client.get(url).status_code == 403


def test_the_commitment_page_shows_both_assessments_and_the_difference(client, world):
    plan = world["plan"]
    target = world["commitments"][1]  # the government: substantial
    _open(world, kind="mid_term")
    report = Report.objects.create(
        plan=plan, report_type="progress", title="IRM progress report", published_on=TODAY(), stage="final"
    )
    IRMAssessment.objects.create(
        commitment=target, report=report, report_type="progress", completion="limited", source="reviewer"
    )
    html = client.get(target.get_absolute_url()).content.decode()
    assert "Self-assessment and independent review" in html
    assert "Substantial" in html and "Limited" in html and "Differs" in html
    same = world["commitments"][0]  # limited and limited
    IRMAssessment.objects.create(
        commitment=same, report=report, report_type="progress", completion="limited", source="reviewer"
    )
    html = client.get(same.get_absolute_url()).content.decode()
    assert "Differs" not in html and "Same" in html


def test_the_draft_reports_comments_export_for_the_irm_formula_safe(client, world):
    report = Report.objects.create(
        plan=world["plan"],
        report_type="design",
        title="Norway Design Report",
        comments_open_on=TODAY(),
        comments_close_on=TODAY() + datetime.timedelta(days=13),
    )
    page = client.get(_url("report", world["plan"], pk=report.pk))
    assert page.status_code == 200 and _url("report_comment", world["plan"], pk=report.pk) in page.content.decode()
    client.post(
        _url("report_comment", world["plan"], pk=report.pk),
        {
            "form_token": form_token_in(client.get(_url("report_comment", world["plan"], pk=report.pk))),
            "name": "Kari",
            "email": "kari@example.no",
            "text": '=HYPERLINK("http://evil")',
            "consent": "anonymous",
        },
    )
    services.confirm_comment(comment=Comment.objects.get())
    assert client.get(_url("report_comments", world["plan"], pk=report.pk, fmt="csv")).status_code == 302  # log in
    client.force_login(world["reviewer"])
    body = client.get(_url("report_comments", world["plan"], pk=report.pk, fmt="csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["Receipt", "Sent", "Name"] and rows[1][2] == "Kari"
    assert rows[1][4].startswith("'=")  # never a formula
    assert "kari@example.no" not in body
    xlsx = client.get(_url("report_comments", world["plan"], pk=report.pk, fmt="xlsx"))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client.get(_url("report_comments", world["plan"], pk=report.pk, fmt="pdf")).status_code == 404


def test_a_report_is_hidden_until_it_is_out(client, world):
    report = Report.objects.create(plan=world["plan"], report_type="design", title="Not out yet")
    assert client.get(_url("report", world["plan"], pk=report.pk)).status_code == 404
    client.force_login(world["reviewer"])
    assert client.get(_url("report", world["plan"], pk=report.pk)).status_code == 200


def test_the_api_lists_published_assessments_and_reports_that_are_out(client, world):
    Report.objects.create(plan=world["plan"], report_type="design", title="Hidden")
    Report.objects.create(plan=world["plan"], report_type="design", title="Out", published_on=TODAY())
    titles = [r["title"] for r in client.get("/api/v1/irm-reports/").json()["results"]]
    assert titles == ["Out"]
    assessment = _open(world)
    assert client.get("/api/v1/self-assessments/").json()["results"] == []
    SelfAssessment.objects.filter(pk=assessment.pk).update(comments_close_on=TODAY() - datetime.timedelta(days=1))
    services.publish(actor=None, assessment=assessment)
    found = client.get("/api/v1/self-assessments/").json()["results"]
    assert len(found) == 1 and found[0]["versions"][0]["sha256"] == assessment.versions.get().sha256


def test_the_calendar_has_the_comment_deadlines(client, world):
    _open(world)
    from samskap.kernel.registry import deadline_sources

    deadlines = deadline_sources["evaluation"](None)
    assert [d.last_day for d in deadlines] == [TODAY() + datetime.timedelta(days=13)]


def test_a_reviewers_assessments_stay_private_until_the_report_is_out(client, world):
    report = Report.objects.create(plan=world["plan"], report_type="design", title="In the works")
    target = world["commitments"][0]
    IRMAssessment.objects.create(
        commitment=target, report=report, report_type="design", verifiable=True, source="reviewer"
    )
    assert client.get("/api/v1/assessments/").json()["results"] == []
    assert "In the works" not in client.get(target.get_absolute_url()).content.decode()
    Report.objects.filter(pk=report.pk).update(published_on=TODAY())
    assert len(client.get("/api/v1/assessments/").json()["results"]) == 1


def test_the_comparison_reads_a_fixed_number_of_queries(world, django_assert_num_queries):
    from samskap.evaluation.selectors import comparisons

    _open(world, kind="mid_term")
    _open(world, kind="end_of_term")
    report = Report.objects.create(plan=world["plan"], report_type="progress", title="R", published_on=TODAY())
    for c in world["commitments"]:
        IRMAssessment.objects.create(commitment=c, report=report, report_type="progress", completion="limited")
    with django_assert_num_queries(2):
        found = comparisons(world["commitments"][1])
    assert [(c.government, c.irm.completion, c.differs) for c in found] == [
        ("substantial", "limited", True),
        ("substantial", "limited", True),
    ]


def test_the_plan_page_leads_coordinators_and_reviewers_to_the_evaluation(client, world):
    plan = world["plan"]
    evaluation = _url("plan", plan)
    assert evaluation not in client.get(plan.get_absolute_url()).content.decode()  # nothing out yet
    coordinator, reviewer = Client(), Client()
    coordinator.force_login(world["coordinator"])
    assert evaluation in coordinator.get(plan.get_absolute_url()).content.decode()
    assert _url("start", plan) in coordinator.get(evaluation).content.decode()
    reviewer.force_login(world["reviewer"])
    assert evaluation in reviewer.get(reverse("core:dashboard")).content.decode()  # My work
    assert _url("report_create", plan) in reviewer.get(evaluation).content.decode()
