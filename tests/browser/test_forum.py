"""A forwarded invitation as people use it: a visitor without an account opens the link someone passed on,
registers for the forum's meeting (first with a mistake), gets a receipt and confirms by the emailed link;
the coordinator sees who forwarded it. axe-core checks each public page, also with the form's errors, and
none of them scrolls sideways on a 320 px wide screen (WCAG 1.4.10, reflow)."""

import re

from django.core import mail

from samskap.forum import services
from samskap.forum.models import Meeting, Registration
from tests.browser.axe import violations
from tests.browser.conftest import log_in

NARROW = {"width": 320, "height": 800}


def no_sideways_scroll(page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= 320"))


def link_in(pattern: str, text: object) -> str:
    found = re.search(pattern, str(text))
    assert found is not None, text
    return found[0]


def path_of(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def test_a_forwarded_invitation_leads_to_a_confirmed_registration(demo, browser, page):
    meeting = Meeting.objects.get(forum__jurisdiction__slug="norge", slug="innspill-til-handlingsplan-5")
    [sent] = services.invite(
        actor=None,
        forum=meeting.forum,
        meeting=meeting,
        recipients=[("Transparency International Norge", "post@ti.example.org")],
        letter="Velkommen til interessentforumet. Send gjerne invitasjonen videre.",
    )
    link = path_of(link_in(r"https?://\S+/forum/i/\S+/", next(m.body for m in mail.outbox if m.to == [sent.email])))

    context = browser.new_context(viewport=NARROW, locale="nb-NO")
    visitor = context.new_page()
    visitor.set_default_timeout(15_000)
    try:
        # The public meeting page, as anyone sees it.
        visitor.goto(f"{demo.url}{meeting.get_absolute_url()}")
        assert visitor.get_by_role("heading", level=1).inner_text() == meeting.title
        assert violations(visitor) == []
        assert no_sideways_scroll(visitor)

        # The forwarded link: the invitation, then its registration form.
        visitor.goto(f"{demo.url}{link.replace('/nb/', '/en/')}")
        assert "Invitation from" in visitor.get_by_role("heading", level=1).inner_text()
        assert violations(visitor) == []
        assert no_sideways_scroll(visitor)
        visitor.get_by_role("link", name="Register with this invitation").click()
        visitor.wait_for_load_state()
        assert "Register for" in visitor.get_by_role("heading", level=1).inner_text()
        assert "All seats are taken" in visitor.content()
        assert violations(visitor) == []
        assert no_sideways_scroll(visitor)

        # A mistake first: the errors show, what was typed stays, and the page still passes.
        visitor.fill("#id_name", "Nora Videresendt")
        visitor.fill("#id_email", "ikke-en-adresse")
        visitor.fill("#id_organisation", "Åpenhetsforeningen")
        visitor.click("form.samskap-form button[type=submit]")
        visitor.wait_for_load_state()
        assert visitor.locator("#error-summary").is_visible()
        assert visitor.locator("#id_name").input_value() == "Nora Videresendt"
        assert violations(visitor) == []
        assert no_sideways_scroll(visitor)

        visitor.fill("#id_email", "nora@example.org")
        visitor.fill("#id_needs", "Trinnfri adkomst")
        visitor.click("form.samskap-form button[type=submit]")
        visitor.wait_for_load_state()
        receipt = visitor.locator("#receipt-number").inner_text()
        assert re.fullmatch(r"M-[0-9A-Z]{4}-[0-9A-Z]{4}", receipt)
        assert visitor.get_by_role("heading", level=1).inner_text() == "You are on the waiting list"
        assert violations(visitor) == []
        assert no_sideways_scroll(visitor)

        registration = Registration.objects.get(receipt=receipt)
        assert registration.forwarded_by == "Transparency International Norge"
        assert registration.status == Registration.Status.WAITLISTED and registration.confirmed_at is None

        # The emailed link confirms the address.
        message = next(m for m in mail.outbox if m.to == ["nora@example.org"])
        assert receipt in message.subject
        confirm = link_in(r"https?://\S+/forum/confirm/\S+/", message.body)
        visitor.goto(f"{demo.url}{path_of(confirm)}")
        visitor.get_by_role("button", name="Confirm my email address").click()
        visitor.wait_for_load_state()
        assert visitor.get_by_role("heading", level=1).inner_text() == "Your registration"
        assert violations(visitor) == []
        assert no_sideways_scroll(visitor)
        assert Registration.objects.get(pk=registration.pk).confirmed_at is not None
    finally:
        context.close()

    # The coordinator sees that the invitation came through Transparency International Norge.
    log_in(page, demo.url, "koordinator@example.no")
    page.goto(f"{demo.url}{meeting.url('manage_meeting')}")
    row = page.locator("tr", has_text="Nora Videresendt")
    assert "Forwarded by Transparency International Norge" in row.inner_text()
    assert "Trinnfri adkomst" in row.inner_text()
