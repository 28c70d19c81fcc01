"""A status round as people go through it: the coordinator asks, an institution's editor answers on a
narrow screen (an error on the way, a draft, then the answer), the coordinator publishes, and the public
reads the round. axe-core checks each page, and none scrolls sideways at 320 px (WCAG 1.4.10)."""

import datetime
import re

from django.core import mail
from django.utils import timezone

from samskap.monitoring.models import StatusRound
from tests.browser.axe import violations
from tests.browser.conftest import log_in

NARROW = {"width": 320, "height": 800}


def no_sideways_scroll(page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= 320"))


def test_a_status_round_from_the_request_to_the_public_record(demo, browser, page):
    today = timezone.localdate()
    log_in(page, demo.url, "koordinator@example.no")
    page.goto(f"{demo.url}/en/j/norge/4b/")
    page.get_by_role("link", name="Ask the institutions for status").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Ask for status"
    assert violations(page) == []
    page.fill("#id_as_of", (today - datetime.timedelta(days=1)).isoformat())
    page.fill("#id_due_date", (today + datetime.timedelta(days=14)).isoformat())
    page.fill("#id_letter", "KMD ber departementene om status for handlingsplan 4B.")
    page.click("form.samskap-form button[type=submit]")
    page.wait_for_load_state()
    status_round = StatusRound.objects.get(plan__label="4B")
    assert page.url.endswith(f"/status/{status_round.pk}/manage/")

    body = next(m.body for m in reversed(mail.outbox) if m.to == ["redaktor@example.no"])
    found = re.search(r"https?://\S+/status/\d+/answer/\d+/", str(body))
    assert found is not None
    answer_path = "/" + found[0].split("://", 1)[1].split("/", 1)[1].replace("nb/", "en/", 1)

    context = browser.new_context(viewport=NARROW, locale="nb-NO")
    editor = context.new_page()
    editor.set_default_timeout(15_000)
    try:
        log_in(editor, demo.url, "redaktor@example.no")
        editor.goto(f"{demo.url}{answer_path}")
        assert "Status" in editor.get_by_role("heading", level=1).inner_text()
        assert violations(editor) == []
        assert no_sideways_scroll(editor)

        # Calling a milestone complete without a link, and no narrative: both explained, nothing lost.
        editor.locator("select[name$='-status']").first.select_option("completed")
        editor.locator("textarea[name$='-evidence']").first.fill("")
        editor.locator("textarea[name$='-next']").first.fill("Endelig veiledning publiseres i 2022.")
        editor.get_by_role("button", name="Submit the answer").click()
        editor.wait_for_load_state()
        summary = editor.locator("#error-summary")
        assert summary.is_visible()
        assert "Give a link to the evidence" in summary.inner_text()
        assert "Say what was done" in summary.inner_text()
        assert editor.locator("textarea[name$='-next']").first.input_value() == "Endelig veiledning publiseres i 2022."
        assert violations(editor) == []
        assert no_sideways_scroll(editor)

        editor.get_by_role("button", name="Save the draft").click()
        editor.wait_for_load_state()
        assert "The draft is saved." in editor.locator(".messages").inner_text()
        editor.locator("textarea[name$='-done']").first.fill("Veiledningen er sendt på høring.")
        evidence = editor.locator("textarea[name$='-evidence']")
        for index in range(evidence.count()):
            evidence.nth(index).fill("https://www.arkivverket.no/")
        editor.get_by_role("button", name="Submit the answer").click()
        editor.wait_for_load_state()
        assert "Your answer is submitted." in editor.locator(".messages").inner_text()
    finally:
        context.close()

    page.goto(f"{demo.url}/en/status/{status_round.pk}/manage/")
    assert "Veiledningen er sendt på høring." in page.content()
    assert violations(page) == []
    page.get_by_role("button", name="Publish the answers").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/status/{status_round.pk}/")

    public = browser.new_context(viewport=NARROW, locale="nb-NO").new_page()
    public.goto(f"{demo.url}/nb/status/{status_round.pk}/")
    assert "Status per" in public.get_by_role("heading", level=1).inner_text()
    assert violations(public) == []
    assert no_sideways_scroll(public)
    public.get_by_role("link", name=re.compile("journalføring")).first.click()
    assert "Veiledningen er sendt på høring." in public.content()
    public.context.close()
