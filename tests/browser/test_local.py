"""A municipality reports an activity as people do it in the browser: the form first with a mistake, then sent
for review; the national coordinator accepts it as a good example; the public then finds it on the country's
page. axe-core checks each page (also with the form's errors), none scrolls sideways at 320 px, and a
visitor asks to take part without JavaScript."""

from django.core import mail

from samskap.local.models import Activity, JoinRequest
from tests.browser.axe import violations
from tests.browser.conftest import log_in

NARROW = {"width": 320, "height": 800}
TITLE = "Innbyggerpanel om åpne møter"


def test_an_activity_from_draft_to_the_countrys_page(demo, browser, page):
    havoy = Activity.objects.get(status="submitted").jurisdiction
    checked = []
    log_in(page, demo.url, "havoy@example.no")
    page.goto(f"{demo.url}/nb/local/{havoy.slug}/activities/new/")
    page.fill("#id_title", TITLE)
    page.click("button[value=review]")
    assert page.locator("#error-summary").is_visible()
    checked.append((page.url, violations(page)))
    page.fill("#id_description", "Et panel av innbyggere følger de digitale møtene og gir råd om åpenheten.")
    page.select_option("#id_ogp_value", "civic_participation")
    page.fill("#id_contact_name", "Nina Demo")
    page.click("button[value=review]")
    activity = Activity.objects.get(title=TITLE)
    assert activity.status == "submitted"
    checked.append((page.url, violations(page)))

    log_in(page, demo.url, "koordinator@example.no")
    page.goto(f"{demo.url}/nb/local/norge/overview/")
    checked.append((page.url, violations(page)))
    page.click(f"text={TITLE}")
    checked.append((page.url, violations(page)))
    page.check("input[name=decision][value=accept]")
    page.check("#id_good_example")
    page.click("form.samskap-form button[type=submit]")
    activity.refresh_from_db()
    assert activity.status == "accepted" and activity.good_example

    narrow = browser.new_context(viewport=NARROW)
    visitor = narrow.new_page()
    for path in ("/nb/j/norge/", activity.get_absolute_url(), f"/en/local/{havoy.slug}/activities/"):
        visitor.goto(f"{demo.url}{path}")
        assert visitor.evaluate("document.documentElement.scrollWidth <= 320"), path
        checked.append((visitor.url, violations(visitor)))
    visitor.goto(f"{demo.url}/nb/j/norge/")
    assert TITLE in visitor.content()
    narrow.close()
    assert [(url, found) for url, found in checked if found] == []


def test_asking_to_take_part_without_javascript(demo, no_script_page):
    page = no_script_page
    page.goto(f"{demo.url}/da/local/norge/join/")
    page.click("form.samskap-form button[type=submit]")
    assert page.locator("#error-summary").is_visible()
    page.fill("#id_name", "Fjellby kommune")
    page.check("input[name=kind][value=municipality]")
    page.fill("#id_organisation_number", "964 000 004")
    page.fill("#id_contact_name", "Per Demo")
    page.fill("#id_email", "post@fjellby.example.no")
    page.fill("#id_coordinator_name", "Per Demo")
    page.fill("#id_coordinator_email", "per@fjellby.example.no")
    page.click("form.samskap-form button[type=submit]")
    request = JoinRequest.objects.get(name="Fjellby kommune")
    assert request.confirmed_at is None and any(request.confirmation_token in m.body for m in mail.outbox)
