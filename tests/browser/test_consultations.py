"""A consultation as people use it: a new visitor sends input with an attachment, gets a receipt and
confirms by the emailed link; the coordinator answers; axe-core checks the forms with their errors."""

import re

from django.core import mail

from samskap.consultations.models import Submission
from tests.browser.axe import violations
from tests.browser.conftest import log_in

OPEN = "/consultations/norge/innspill-til-handlingsplan-5/"
CLOSED = "/consultations/danmark/ideer-til-handlingsplan-2017-2019/"


def test_a_new_visitor_sends_input_and_the_coordinator_answers_it(demo, page, tmp_path):
    attachment = tmp_path / "innspill.pdf"
    attachment.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")

    page.goto(f"{demo.url}/en/")
    page.get_by_role("link", name="Innspill til Handlingsplan 5").first.click()
    page.get_by_role("link", name="Send your input").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Send your input"

    # First without the text: the error shows, what was typed stays.
    page.fill("#id_name", "Nora Innbygger")
    page.fill("#id_email", "nora@example.no")
    page.select_option("#id_respondent_type", "civil_society")
    page.fill("#id_organisation", "Åpenhetsforeningen")
    page.set_input_files("#id_attachments", str(attachment))
    page.click("form.samskap-form button[type=submit]")
    assert page.locator("#error-summary").is_visible()
    assert page.locator("#id_name").input_value() == "Nora Innbygger"
    assert page.locator("#id_organisation").input_value() == "Åpenhetsforeningen"
    assert page.locator("#files-again").is_visible()

    page.fill("#id_text", "Alle kommunene bør publisere postjournalen sin som åpne data.")
    page.fill("#id_answer_0", "Innsyn i kommunene.")
    page.set_input_files("#id_attachments", str(attachment))
    page.click("form.samskap-form button[type=submit]")
    page.wait_for_load_state()
    receipt = page.locator("#receipt-number").inner_text()
    assert re.fullmatch(r"H-[0-9A-Z]{4}-[0-9A-Z]{4}", receipt)
    # Going back and sending the same form again gives the same receipt, not a second submission.
    page.go_back()
    page.click("form.samskap-form button[type=submit]")
    page.wait_for_load_state()
    assert Submission.objects.filter(email="nora@example.no").count() == 1

    message = next(m for m in mail.outbox if m.to == ["nora@example.no"])
    assert receipt in message.subject
    link = re.search(r"https?://\S+/confirm/\S+/", str(message.body)).group(0)
    page.goto(demo.url + "/" + link.split("://", 1)[1].split("/", 1)[1])
    page.get_by_role("button", name="Confirm my email address").click()
    page.wait_for_load_state()
    assert "Published" in page.content()
    page.get_by_role("link", name="See your published submission").click()
    assert "Alle kommunene bør publisere postjournalen sin" in page.content()
    assert "nora@example.no" not in page.content()
    assert page.get_by_role("link", name="innspill.pdf").count() == 1
    submission_url = page.url

    # The coordinator answers it.
    log_in(page, demo.url, "koordinator@example.no")
    page.goto(f"{demo.url}/en{OPEN}manage/?show=unanswered")
    page.get_by_role("link", name=f"Answer {receipt}").click()
    page.fill("#id_topics", "Innsyn, Kommuner")
    page.select_option("#id_outcome", "taken_up")
    page.fill("#id_reason", "Forslaget blir en forpliktelse i Handlingsplan 5.")
    page.click("form.samskap-form button[type=submit]")
    page.wait_for_load_state()
    assert "The answer was published" in page.locator(".messages").inner_text()
    answered = [m for m in mail.outbox if m.to == ["nora@example.no"] and m is not message]
    assert len(answered) == 1
    assert receipt in answered[0].subject
    assert "Forslaget blir en forpliktelse i Handlingsplan 5." in str(answered[0].body)

    page.goto(submission_url)
    assert "Taken up" in page.content()
    assert "Forslaget blir en forpliktelse i Handlingsplan 5." in page.content()


def test_the_closed_consultation_says_so(demo, page):
    response = page.goto(f"{demo.url}/en{CLOSED}send/")
    assert response is not None and response.status == 200
    assert "The deadline has passed" in page.content()
    assert page.locator("#id_text").count() == 0
    page.goto(f"{demo.url}/en{CLOSED}")
    assert "10 submissions, 100 % answered, 50 % taken up" in page.content()


def test_forms_and_moderation_pages_with_errors_have_no_axe_violations(demo, page):
    checked = []
    for language in ("nb", "da", "en"):
        page.goto(f"{demo.url}/{language}{OPEN}send/")
        page.fill("#id_email", "not-an-email")
        page.fill("#id_text", "")
        page.click("form.samskap-form button[type=submit]")
        assert page.locator("#error-summary").is_visible()
        checked.append((page.url, violations(page)))

        page.goto(f"{demo.url}/{language}/consultations/receipt/H-0000-0000/")
        checked.append((page.url, violations(page)))

    # A report with no reason.
    page.goto(f"{demo.url}/en{CLOSED}submissions/")
    page.locator(".submission-card a.ds-link").first.click()
    submission_url = page.url
    page.locator("section[aria-labelledby=report-heading] a").click()
    checked.append((page.url, violations(page)))
    page.evaluate("document.querySelector('#id_reason').removeAttribute('required')")
    page.click("form.samskap-form button[type=submit]")
    checked.append((page.url, violations(page)))

    log_in(page, demo.url, "koordinator@example.dk")
    for language in ("nb", "da", "en"):
        page.goto(f"{demo.url}/{language}{CLOSED}manage/")
        checked.append((page.url, violations(page)))
        page.locator("table a.ds-link").first.click()
        page.select_option("#id_outcome", "")
        page.fill("#id_reason", "")
        page.check("#id_whole_group")
        page.fill("#id_group", "")
        page.click("form.samskap-form button[type=submit]")
        assert page.locator("#error-summary").is_visible()
        checked.append((page.url, violations(page)))
        page.goto(f"{demo.url}/{language}{CLOSED}edit/")
        page.fill("#id_title", "")
        page.fill("#id_closes_on", "2000-01-01")
        page.click("form.samskap-form button[type=submit]")
        assert page.locator("#error-summary").is_visible()
        checked.append((page.url, violations(page)))
        page.goto(f"{demo.url}/{language}{CLOSED}summary/")
        checked.append((page.url, violations(page)))
        page.goto(f"{demo.url}/{language}{CLOSED}late/")
        checked.append((page.url, violations(page)))

    log_in(page, demo.url, "moderator@example.org")
    for language in ("nb", "da", "en"):
        page.goto(f"{demo.url}/{language}{CLOSED}manage/?show=reported")
        checked.append((page.url, violations(page)))
        page.goto(submission_url.replace("/en/", f"/{language}/"))
        page.get_by_role("link", name=re.compile("Moder")).first.click()
        page.fill("#id_reason", "")
        page.click("form.samskap-form:has(#id_reason) button[type=submit]")
        assert page.locator("#error-summary").is_visible()
        checked.append((page.url, violations(page)))

    assert len(checked) >= 25
    assert {url: found for url, found in checked if found} == {}
