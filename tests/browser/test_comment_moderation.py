"""A public comment reported and hidden, as people do it on a 320 px wide screen: a reader reports a comment
on a draft self-assessment (first with an empty reason), the moderator hides it from the comment's page,
and the draft shows the placeholder with the reason. axe-core checks each page; none scrolls sideways."""

import datetime
import uuid

from django.utils import timezone

from samskap.evaluation import services
from samskap.evaluation.models import CommentReport
from samskap.plans.models import ActionPlan
from tests.browser.axe import violations
from tests.browser.conftest import log_in
from tests.browser.test_forum import NARROW, no_sideways_scroll

TEXT = "Forumet møttes for sjelden, og Per Hansen er en idiot."


def test_a_reported_comment_is_hidden_by_a_moderator(demo, browser):
    plan = ActionPlan.objects.filter(jurisdiction__slug="norge").order_by("-start_date")[0]
    assessment = services.start_self_assessment(actor=None, plan=plan, kind="end_of_term")
    today = timezone.localdate()
    services.set_comment_window(
        actor=None, assessment=assessment, opens_on=today, closes_on=today + datetime.timedelta(days=14)
    )
    section = assessment.sections.get(kind="process")
    sent = services.comment(
        target=section,
        form_token=uuid.uuid4(),
        values={"name": "Ola", "email": "ola@example.no", "text": TEXT, "consent": "named"},
    )
    comment = services.confirm_comment(comment=sent.comment)
    context = browser.new_context(viewport=NARROW, locale="nb-NO")
    try:
        reader = context.new_page()
        reader.set_default_timeout(15_000)
        reader.goto(f"{demo.url}{assessment.url()}".replace("/en/", "/nb/"))
        assert TEXT in reader.content()
        assert no_sideways_scroll(reader)
        reader.locator(f"#comment-{comment.pk}").get_by_role("link", name="Rapporter").click()
        reader.wait_for_load_state()
        assert violations(reader) == []
        assert no_sideways_scroll(reader)
        reader.click("form.samskap-form button[type=submit]")  # an empty reason first
        reader.wait_for_load_state()
        assert reader.locator("#error-summary").is_visible()
        assert no_sideways_scroll(reader)
        reader.fill("#id_reason", "Personangrep på en navngitt person.")
        reader.click("form.samskap-form button[type=submit]")
        reader.wait_for_load_state()
        assert "En moderator vil se på kommentaren." in reader.content()
        assert CommentReport.objects.filter(comment=comment, resolved=False).exists()

        moderator = context.new_page()
        moderator.set_default_timeout(15_000)
        log_in(moderator, demo.url, "moderator@example.org")
        moderator.goto(f"{demo.url}/en/dashboard/")
        moderator.get_by_role("link", name=f"Comment {comment.receipt} was reported").click()
        moderator.wait_for_load_state()
        assert "Personangrep på en navngitt person." in moderator.content()
        assert violations(moderator) == []
        assert no_sideways_scroll(moderator)
        moderator.fill("#id_reason", "Personangrep.")
        moderator.get_by_role("button", name="Hide").click()
        moderator.wait_for_load_state()
        assert "The comment was hidden." in moderator.content()

        reader.goto(f"{demo.url}{assessment.url()}".replace("/en/", "/nb/"))
        html = reader.content()
        assert TEXT not in html and "Skjult av en moderator: Personangrep." in html
        assert violations(reader) == []
        assert no_sideways_scroll(reader)
        assert not CommentReport.objects.filter(comment=comment, resolved=False).exists()
    finally:
        context.close()
