"""The main menu, the site search and My work in a real browser: reachable, usable without JavaScript,
no axe-core (WCAG 2.1 A and AA) violations."""

from tests.browser.axe import violations
from tests.browser.conftest import log_in


def test_the_menu_leads_to_the_search_and_the_search_finds_inflected_words(demo, no_script_page):
    page = no_script_page
    page.goto(f"{demo.url}/nb/")
    page.locator(".site-nav a", has_text="Søk").click()
    assert page.url.endswith("/nb/search/")
    page.fill("#id_q", "kommunene")
    page.locator("form[role=search] button[type=submit]").click()
    assert "q=kommunene" in page.url
    assert page.locator("section.section h2").count() >= 1
    for name in ("Planer", "Høringer", "Åpne data", "Organisasjoner"):
        assert page.locator(".site-nav a", has_text=name).count() == 1, name


def test_search_plans_list_and_my_work_have_no_violations(demo, page):
    checked = {}
    for path in ("/nb/search/?q=kommunene", "/en/search/?q=xx&kind=nonsense", "/da/plans/"):
        response = page.goto(f"{demo.url}{path}")
        assert response is not None and response.status == 200, path
        checked[path] = violations(page)
    for email in ("koordinator@example.no", "redaktor@example.no", "moderator@example.org"):
        log_in(page, demo.url, email)
        response = page.goto(f"{demo.url}/en/dashboard/")
        assert response is not None and response.status == 200
        assert page.locator("main h2").count() >= 1 or "Nothing awaits you" in page.content()
        checked[email] = violations(page)
        page.context.clear_cookies()
    assert {key: found for key, found in checked.items() if found} == {}
