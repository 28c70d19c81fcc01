"""The Nu Html Checker over the evaluation's pages: the published self-assessment in both its languages,
the draft out for comment, an IRM report, the forms with their errors, the coordinator's and reviewer's pages."""

import datetime
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from samskap.accounts.models import User
from samskap.evaluation import services
from samskap.evaluation.models import SelfAssessment
from samskap.review.models import Report
from tests.site.test_html_checker import check, demo, page  # noqa: F401 (the demo fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.html_checker]


def test_the_evaluation_pages_pass_the_checker(demo):  # noqa: F811
    client = Client()
    published = SelfAssessment.objects.get(plan__jurisdiction__slug="danmark", kind="mid_term")
    assert published.is_published
    report = Report.objects.get(plan__jurisdiction__slug="norge", report_type="design")
    plan_4 = report.plan
    draft = services.start_self_assessment(actor=None, plan=plan_4, kind="mid_term")
    today = timezone.localdate()
    services.set_comment_window(
        actor=None, assessment=draft, opens_on=today, closes_on=today + datetime.timedelta(days=5)
    )
    section = draft.sections.get(kind="process")
    pages: dict[str, str] = {}
    for language in ("nb", "da", "en"):
        base = f"/{language}/evaluation"
        pages[f"{language} published"] = page(client, f"{base}/danmark/2017-2019/self/mid_term/")
        pages[f"{language} published, English"] = page(client, f"{base}/danmark/2017-2019/self/mid_term/?language=en")
        pages[f"{language} draft"] = page(client, f"{base}/norge/{plan_4.slug}/self/mid_term/")
        pages[f"{language} plan"] = page(client, f"{base}/norge/{plan_4.slug}/")
        pages[f"{language} report"] = page(client, f"{base}/norge/{plan_4.slug}/reports/{report.pk}/")
        pages[f"{language} comment, empty"] = page(
            client, f"{base}/norge/{plan_4.slug}/self/mid_term/comment/{section.pk}/", {}
        )
        pages[f"{language} report comment, bad email"] = page(
            client, f"{base}/norge/{plan_4.slug}/reports/{report.pk}/comment/", {"email": "x", "text": "Hei"}
        )
    coordinator = Client()
    coordinator.force_login(User.objects.get(email="koordinator@example.no"))
    for language in ("nb", "en"):
        base = f"/{language}/evaluation/norge/{plan_4.slug}"
        pages[f"{language} edit, short window"] = page(coordinator, f"{base}/self/mid_term/edit/")
        pages[f"{language} edit, window backwards"] = page(
            coordinator,
            f"{base}/self/mid_term/edit/",
            {"form": "window", "comments_open_on": "2030-01-02", "comments_close_on": "2030-01-01"},
        )
        pages[f"{language} answers"] = page(coordinator, f"{base}/self/mid_term/comments/")
        pages[f"{language} start"] = page(coordinator, f"{base}/self/new/", {})
        pages[f"{language} commitment with comparison"] = page(
            coordinator, plan_4.commitments.order_by("pk").first().get_absolute_url().replace("/en/", f"/{language}/")
        )
    reviewer = Client()
    reviewer.force_login(User.objects.get(email="reviewer@example.org"))
    commitment = plan_4.commitments.order_by("pk").first()
    for language in ("nb", "en"):
        base = f"/{language}/evaluation/norge/{plan_4.slug}/reports"
        pages[f"{language} report, reviewer"] = page(reviewer, f"{base}/{report.pk}/")
        pages[f"{language} assess, bad value"] = page(
            reviewer, f"{base}/{report.pk}/assess/{commitment.pk}/", {"completion": "huge"}
        )
        pages[f"{language} new report, empty"] = page(reviewer, f"{base}/new/", {})
        pages[f"{language} my work"] = page(reviewer, f"/{language}/dashboard/")
    # Moderation: a reported comment on the draft, then hidden; one on the IRM report.
    sent = services.comment(
        target=section,
        form_token=uuid.uuid4(),
        values={"name": "Ola", "email": "ola@example.no", "text": "Forumet møttes for sjelden.", "consent": "named"},
    )
    comment = services.confirm_comment(comment=sent.comment)
    services.report_comment(comment=comment, reason="Usaklig.")
    Report.objects.filter(pk=report.pk).update(
        stage=Report.Stage.DRAFT, comments_open_on=today, comments_close_on=today + datetime.timedelta(days=5)
    )
    on_report = services.comment(
        target=Report.objects.get(pk=report.pk),
        form_token=uuid.uuid4(),
        values={"name": "Kari", "email": "kari@example.no", "text": "Rapporten er grundig.", "consent": "anonymous"},
    ).comment
    services.confirm_comment(comment=on_report)
    moderator = Client()
    moderator.force_login(User.objects.get(email="moderator@example.org"))
    for language in ("nb", "da", "en"):
        base = f"/{language}/evaluation/norge/{plan_4.slug}/comments/{comment.pk}"
        pages[f"{language} comment page"] = page(client, f"{base}/")
        pages[f"{language} report a comment, empty"] = page(client, f"{base}/report/", {"reason": ""})
        pages[f"{language} comment page, moderator"] = page(moderator, f"{base}/")
        pages[f"{language} hide, no reason"] = page(moderator, f"{base}/", {"action": "hide", "reason": ""})
        pages[f"{language} my work, moderator"] = page(moderator, f"/{language}/dashboard/")
    services.hide_comment(actor=None, comment=comment, reason="Personangrep.")
    services.hide_comment(actor=None, comment=on_report, reason="Personangrep.")
    for language in ("nb", "da", "en"):
        base = f"/{language}/evaluation/norge/{plan_4.slug}"
        pages[f"{language} draft, hidden comment"] = page(client, f"{base}/self/mid_term/")
        pages[f"{language} report, hidden comment"] = page(client, f"{base}/reports/{report.pk}/")
        pages[f"{language} hidden comment, moderator"] = page(moderator, f"{base}/comments/{comment.pk}/")
    assert f"Comment {comment.receipt} was reported" in pages["en my work, moderator"]
    assert "Personangrep." in pages["da draft, hidden comment"] and "sjelden" not in pages["da draft, hidden comment"]
    assert "grundig" not in pages["nb report, hidden comment"]
    assert "7 begrænset, 5 væsentlig, 2 afsluttet" in pages["da published"]
    assert "984 proposals" in pages["nb published, English"]
    assert "Comment on this section" in pages["en draft"]
    assert "shorter than the two weeks" in pages["en edit, short window"]
    assert "Self-assessment and independent review" in pages["en commitment with comparison"]
    assert "commitments to assess" in pages["en my work"], pages["en my work"][-3000:]
    assert "Assess" in pages["en report, reviewer"]
    assert "Please correct the following" in pages["en assess, bad value"]
    assert check(pages) == {}
