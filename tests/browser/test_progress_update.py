"""An institution editor keeps a commitment up to date, as a person would, with and without JavaScript."""

from tests.browser.conftest import log_in


def test_editor_reports_progress_through_the_form_with_its_error_states(demo, page):
    log_in(page, demo.url, "redaktor@example.no")
    page.goto(f"{demo.url}/en/dashboard/")
    page.get_by_role("link", name="Report progress").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Report progress"

    # Sent empty: the error summary names the problems and nothing is saved.
    page.fill("#id_narrative", "")
    page.fill("#id_as_of", "2999-12-31")
    page.select_option("#id_completion", "substantial")
    page.click("form.samskap-form button[type=submit]")
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert "The status cannot be dated in the future." in summary.inner_text()
    assert "This field is required." in summary.inner_text()
    assert page.locator("#id_narrative").get_attribute("aria-invalid") == "true"
    # What was typed stays.
    assert page.locator("#id_completion").input_value() == "substantial"

    # The summary's link takes the keyboard to the field.
    summary.get_by_role("link").first.click()

    page.fill("#id_as_of", "2022-06-01")
    page.fill("#id_narrative", "Veilederen er publisert og sendt til alle departementer.")
    page.fill("#id_evidence_links", "https://www.regjeringen.no/")
    page.click("form.samskap-form button[type=submit]")
    page.wait_for_load_state()
    assert "The progress update was published." in page.locator(".messages").inner_text()
    assert "Veilederen er publisert og sendt til alle departementer." in page.content()
    assert page.locator(".facts .completion[data-level='substantial']").count() == 1
    # The change shows in the public change history.
    assert "Ola Nordmann" in page.locator(".timeline").first.inner_text()


def test_editor_cannot_report_on_another_ministrys_commitment(demo, page):
    log_in(page, demo.url, "redaktor@example.no")
    response = page.goto(f"{demo.url}/nb/j/norge/4b/")
    assert response is not None and response.status == 200
    # A commitment of another ministry: KMD's youth panel.
    link = page.get_by_role("link", name="ungdomspanel", exact=False).first
    link.click()
    assert page.get_by_role("link", name="Rapporter framdrift").count() == 0
    response = page.goto(page.url + "progress/")
    assert response is not None and response.status == 403


def test_the_site_works_without_javascript(demo, no_script_page):
    page = no_script_page
    log_in(page, demo.url, "redaktor@example.no")
    page.goto(f"{demo.url}/en/dashboard/")
    page.get_by_role("link", name="Report progress").first.click()
    page.fill("#id_as_of", "2022-05-01")
    page.select_option("#id_completion", "limited")
    page.fill("#id_narrative", "Sent without JavaScript.")
    page.click("form.samskap-form button[type=submit]")
    assert "Sent without JavaScript." in page.content()
    # Changing language is a plain link.
    page.get_by_role("link", name="Dansk").click()
    assert page.locator("html").get_attribute("lang") == "da"


def test_keyboard_skip_link_and_language_switcher(demo, page):
    page.goto(f"{demo.url}/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # From the top of a fresh page, reach the Norwegian button by keyboard only and press it.
    page.goto(f"{demo.url}/en/organisations/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('lang')") == "nb":
            break
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "nb"
    assert page.evaluate("document.cookie").find("django_language=nb") >= 0
