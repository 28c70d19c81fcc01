"""Moderation of the public comments: a moderator hides one with a public reason (and may undo it), anyone
reports one on its own page, the moderator finds the reports in My work. A hidden comment's text is in no
public page, file or history; its placeholder and reason are where it was listed."""

import csv
import datetime
import io
import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samskap.accounts.models import RoleGrant
from samskap.consultations.services import NothingToHide
from samskap.evaluation import services
from samskap.evaluation.models import Comment, CommentReport
from samskap.history.models import ChangeRecord
from samskap.review.models import Report
from tests import factories as f

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
TEXT = "Dette er en krenkende kommentar om Per Hansen."
REASON = "Personopplysninger om en navngitt person"


@pytest.fixture
def world():
    place = f.jurisdiction(name="Norge", slug="norge", default_language="nb")
    plan = f.plan(jurisdiction=place, slug="plan-4", title="Handlingsplan 4")
    f.commitment(plan, completion="limited")
    assessment = services.start_self_assessment(actor=None, plan=plan, kind="mid_term")
    services.set_comment_window(
        actor=None,
        assessment=assessment,
        opens_on=TODAY() - datetime.timedelta(days=1),
        closes_on=TODAY() + datetime.timedelta(days=13),
    )
    section = assessment.sections.get(kind="process")
    sent = services.comment(
        target=section,
        form_token=uuid.uuid4(),
        values={"name": "Ola Nordmann", "email": "ola@example.no", "text": TEXT, "consent": "named"},
    )
    comment = services.confirm_comment(comment=sent.comment)
    return {
        "place": place,
        "plan": plan,
        "assessment": assessment,
        "comment": comment,
        "coordinator": f.user(role=RoleGrant.Role.COORDINATOR, scope=place),
        "moderator": f.user(role=RoleGrant.Role.MODERATOR),
        "reviewer": f.user(role=RoleGrant.Role.REVIEWER),
    }


def _in(language, path):
    """The path in `language` (reverse() follows the language of the last request)."""
    return re.sub(r"^/[a-z]{2}/", f"/{language}/", path)


def _url(name, comment, language="en"):
    plan = comment.plan
    path = reverse(
        f"evaluation:{name}", kwargs={"jurisdiction": plan.jurisdiction.slug, "plan": plan.slug, "pk": comment.pk}
    )
    return _in(language, path)


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_only_a_moderator_hides_a_comment(world):
    comment = world["comment"]
    for who in (None, world["coordinator"], world["reviewer"]):
        page = _client(who).post(_url("public_comment", comment), {"action": "hide", "reason": REASON})
        assert page.status_code == 403
        for action in ("unhide", "dismiss"):
            assert _client(who).post(_url("public_comment", comment), {"action": action}).status_code == 403
    comment.refresh_from_db()
    assert not comment.is_hidden and comment.hidden_reason == ""
    # The moderation form is the moderator's only.
    assert 'value="hide"' not in _client(world["coordinator"]).get(_url("public_comment", comment)).content.decode()
    assert 'value="hide"' in _client(world["moderator"]).get(_url("public_comment", comment)).content.decode()


def test_a_hidden_comment_is_a_placeholder_with_the_reason_everywhere_it_was_listed(world):
    comment, assessment = world["comment"], world["assessment"]
    anyone = _client()
    assert TEXT in anyone.get(assessment.url()).content.decode()
    page = _client(world["moderator"]).post(_url("public_comment", comment), {"action": "hide", "reason": REASON})
    assert page.status_code == 302
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == REASON
    placeholders = {"en": "Hidden by a moderator", "nb": "Skjult av en moderator", "da": "Skjult af en moderator"}
    for language, placeholder in placeholders.items():
        for url in (_in(language, assessment.url()), _url("public_comment", comment, language)):
            page = anyone.get(url)
            html = page.content.decode()
            assert page.status_code == 200, url
            assert TEXT not in html and "Per Hansen" not in html
            assert placeholder in html and REASON in html
    # Nobody reports a hidden comment again: its report page leads back to the comment.
    assert anyone.get(_url("flag_comment", comment)).status_code == 302
    # The public history: the hiding (with its reason) is there, the text nowhere.
    history = [
        anyone.get("/api/v1/changes/"),
        anyone.get(world["plan"].get_absolute_url()),
    ]
    for page in history:
        assert page.status_code == 200
        assert TEXT not in page.content.decode()
    assert ChangeRecord.objects.filter(content_type__model="comment", changes__has_key="hidden_reason").exists()
    assert not any(TEXT in str(r.changes) for r in ChangeRecord.objects.all())
    # The coordinator still answers it, and sees that it is hidden.
    coordinator = _client(world["coordinator"])
    html = coordinator.get(assessment.url("comments")).content.decode()
    assert TEXT in html and REASON in html
    # The published self-assessment (its files) never holds the hidden text.
    services.answer_comment(actor=world["coordinator"], comment=comment, outcome="not_taken_up", reason="Skjult.")
    assessment.comments_open_on = TODAY() - datetime.timedelta(days=30)
    assessment.comments_close_on = TODAY() - datetime.timedelta(days=1)
    assessment.save()
    versions = services.publish(actor=world["coordinator"], assessment=assessment)
    assert versions and all(TEXT not in str(v.document) for v in versions)
    assert TEXT not in services.render_file(versions[0], "html").decode()


def test_a_moderator_shows_a_hidden_comment_again(world):
    comment = world["comment"]
    moderator = _client(world["moderator"])
    moderator.post(_url("public_comment", comment), {"action": "hide", "reason": REASON})
    assert TEXT in moderator.get(_url("public_comment", comment)).content.decode()  # the moderator reads it
    assert moderator.post(_url("public_comment", comment), {"action": "unhide"}).status_code == 302
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert TEXT in _client().get(world["assessment"].url()).content.decode()


def test_a_report_reaches_the_moderators_work_and_hiding_resolves_it(world):
    comment = world["comment"]
    anyone = _client()
    page = anyone.get(world["assessment"].url())
    assert _url("flag_comment", comment) in page.content.decode()
    form = anyone.get(_url("flag_comment", comment, "nb"))
    assert form.status_code == 200 and "<form" in form.content.decode()
    empty = anyone.post(_url("flag_comment", comment, "nb"), {"reason": "  "})
    assert empty.status_code == 400 and "Dette feltet er påkrevd." in empty.content.decode()
    huge = anyone.post(_url("flag_comment", comment), {"reason": "x" * 5000})
    assert huge.status_code == 400 and "at most 2000 characters" in huge.content.decode()
    nul = anyone.post(_url("flag_comment", comment), {"reason": "a\x00b"})
    assert nul.status_code == 400
    assert not CommentReport.objects.exists()
    sent = anyone.post(_url("flag_comment", comment), {"reason": "Navngir en privatperson."})
    assert sent.status_code == 302 and sent["Location"] == _url("public_comment", comment)
    report = CommentReport.objects.get()
    assert not report.resolved
    # My work: the moderator's, not the coordinator's.
    work = _client(world["moderator"]).get(reverse("core:dashboard")).content.decode()
    assert f"Comment {comment.receipt} was reported" in work and comment.get_absolute_url() in work
    assert "was reported" not in _client(world["coordinator"]).get(reverse("core:dashboard")).content.decode()
    moderator = _client(world["moderator"])
    assert "Navngir en privatperson." in moderator.get(_url("public_comment", comment)).content.decode()
    assert "Navngir en privatperson." not in anyone.get(_url("public_comment", comment)).content.decode()
    moderator.post(_url("public_comment", comment), {"action": "hide", "reason": REASON})
    assert CommentReport.objects.get(pk=report.pk).resolved
    assert "was reported" not in moderator.get(reverse("core:dashboard")).content.decode()


def test_a_moderator_dismisses_the_reports(world):
    comment = world["comment"]
    services.report_comment(comment=comment, reason="Uenig.")
    page = _client(world["moderator"]).post(_url("public_comment", comment), {"action": "dismiss"})
    assert page.status_code == 302
    assert not CommentReport.objects.filter(resolved=False).exists()
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_reports_are_throttled_per_address(world, monkeypatch):
    monkeypatch.setattr(services, "REPORTS_PER_ADDRESS", 2)
    anyone = _client()
    codes = [anyone.post(_url("flag_comment", world["comment"]), {"reason": f"Nr. {n}"}).status_code for n in range(3)]
    assert codes == [302, 302, 429]
    assert CommentReport.objects.count() == 2


def test_bad_input_is_a_clear_error_not_a_500(world):
    comment = world["comment"]
    moderator = _client(world["moderator"])
    empty = moderator.post(_url("public_comment", comment, "da"), {"action": "hide", "reason": ""})
    assert empty.status_code == 400 and "Dette felt er påkrævet." in empty.content.decode()
    huge = moderator.post(_url("public_comment", comment), {"action": "hide", "reason": "x" * 501})
    assert huge.status_code == 400 and "at most 500 characters" in huge.content.decode()
    unknown = moderator.post(_url("public_comment", comment), {"action": "explode"})
    assert unknown.status_code == 400 and "Choose what to do with the comment." in unknown.content.decode()
    comment.refresh_from_db()
    assert not comment.is_hidden
    base = _url("public_comment", comment).rsplit(f"/{comment.pk}/", 1)[0]
    for bad in ("999999", "0"):
        assert moderator.get(f"{base}/{bad}/").status_code == 404
        assert moderator.get(f"{base}/{bad}/report/").status_code == 404
    assert moderator.get(f"{base}/abc/").status_code == 404
    # A comment of another plan under this plan's address, and an unconfirmed one: not found.
    other = f.plan(jurisdiction=world["place"], slug="plan-5")
    wrong = _url("public_comment", comment).replace("/plan-4/", f"/{other.slug}/")
    assert moderator.get(wrong).status_code == 404
    unconfirmed = services.comment(
        target=comment.section,
        form_token=uuid.uuid4(),
        values={"name": "Kari", "email": "kari@example.no", "text": "Ubekreftet."},
    ).comment
    assert moderator.get(_url("public_comment", unconfirmed)).status_code == 404
    with pytest.raises(NothingToHide):
        services.hide_comment(actor=world["moderator"], comment=unconfirmed, reason=REASON)


def test_a_comment_on_a_published_self_assessment_is_not_hidden_its_files_are_frozen(world):
    comment, assessment = world["comment"], world["assessment"]
    assessment.comments_open_on = TODAY() - datetime.timedelta(days=30)
    assessment.comments_close_on = TODAY() - datetime.timedelta(days=1)
    assessment.save()
    services.publish(actor=world["coordinator"], assessment=assessment)
    page = _client(world["moderator"]).post(_url("public_comment", comment), {"action": "hide", "reason": REASON})
    assert page.status_code == 400 and "its files are frozen" in page.content.decode()
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_a_hidden_comment_on_an_irm_report_and_the_export_that_keeps_it(world):
    plan = world["plan"]
    report = Report.objects.create(
        plan=plan,
        report_type="design",
        title="Norway Design Report",
        comments_open_on=TODAY(),
        comments_close_on=TODAY() + datetime.timedelta(days=13),
    )
    sent = services.comment(
        target=report,
        form_token=uuid.uuid4(),
        values={"name": "Kari", "email": "kari@example.no", "text": TEXT, "consent": "anonymous"},
    )
    comment = services.confirm_comment(comment=sent.comment)
    report_url = reverse("evaluation:report", kwargs={"jurisdiction": "norge", "plan": "plan-4", "pk": report.pk})
    anyone = _client()
    html = anyone.get(report_url).content.decode()
    assert TEXT in html and "Kari" not in html  # anonymous: the name is never shown
    services.hide_comment(actor=world["moderator"], comment=comment, reason=REASON)
    for language in ("nb", "da", "en"):
        html = anyone.get(_in(language, report_url)).content.decode()
        assert TEXT not in html and REASON in html
        assert TEXT not in anyone.get(_url("public_comment", comment, language)).content.decode()
    reviewer = _client(world["reviewer"])
    export = reverse(
        "evaluation:report_comments", kwargs={"jurisdiction": "norge", "plan": "plan-4", "pk": report.pk, "fmt": "csv"}
    )
    rows = list(csv.reader(io.StringIO(reviewer.get(export).content.decode("utf-8-sig"))))
    assert rows[0][-1] == "Hidden" and rows[1][4] == TEXT and rows[1][-1] == f"Hidden by a moderator: {REASON}"


def test_the_comment_pages_read_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    comment = world["comment"]
    for n in range(3):
        services.report_comment(comment=comment, reason=f"Nr. {n}")
    moderator = _client(world["moderator"])
    moderator.get(_url("public_comment", comment))
    with django_assert_max_num_queries(20):
        assert moderator.get(_url("public_comment", comment)).status_code == 200
    assert Comment.objects.filter(pk=comment.pk).exists()
