"""The public face in a browser: the served font, every sitemap page at 320 CSS px (WCAG 1.4.10
Reflow), the menu that folds without JavaScript, and tables that scroll in their own region."""

import re

from tests.browser.test_accessibility import MOST_PER_SECTION, sitemap_urls

PHONE = {"width": 320, "height": 720}


def test_the_served_font_renders_not_the_serif_fallback(demo, page):
    page.goto(f"{demo.url}/en/")
    page.evaluate("document.fonts.ready")
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.split(",")[0].strip().strip("\"'") == "Inter"
    assert "serif" not in [part.strip() for part in family.split(",")]
    # The font file was fetched and is in use for Norwegian and Danish letters.
    assert page.evaluate("document.fonts.check('16px Inter', 'Æøå Ærø')")
    assert page.evaluate(
        "[...document.fonts].some(f => f.family.replace(/[\"']/g, '') === 'Inter' && f.status === 'loaded')"
    )
    heading = page.locator("h1").first.evaluate("e => getComputedStyle(e).fontFamily")
    assert heading.startswith(("Inter", '"Inter"'))


def test_every_sitemap_page_in_every_language_fits_a_320_px_screen(demo, browser):
    urls = sitemap_urls(demo.url, most_per_section=MOST_PER_SECTION)
    assert {re.match(r"https?://[^/]+/(\w\w)/", url).group(1) for url in urls} == {"nb", "da", "en"}
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    too_wide: dict[str, int] = {}
    try:
        for url in urls:
            response = page.goto(url)
            assert response is not None and response.status == 200, url
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide[url] = width
    finally:
        context.close()
    assert len(urls) > 100
    assert too_wide == {}


def test_a_wide_table_scrolls_in_its_own_labelled_focusable_region(demo, browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(f"{demo.url}/en/organisations/")
        region = page.locator(".table-scroll").first
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("tabindex") == "0"
        label_id = region.get_attribute("aria-labelledby")
        assert label_id and page.locator(f"#{label_id}").count() == 1
        assert region.evaluate("e => e.scrollWidth > e.clientWidth")  # the table is wider than the phone...
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # ...the page is not
        region.focus()
        page.keyboard.press("ArrowRight")  # the keyboard scrolls the focused region (scrolling may be smooth)
        # Polled from here: wait_for_function evaluates a string in the page, which the CSP forbids.
        for _ in range(50):
            if page.evaluate("document.querySelector('.table-scroll').scrollLeft") > 0:
                break
            page.wait_for_timeout(100)
        assert page.evaluate("document.querySelector('.table-scroll').scrollLeft") > 0
    finally:
        context.close()


def test_the_menu_folds_on_a_phone_and_opens_without_javascript(demo, browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{demo.url}/en/")
        link = page.locator(".site-nav a", has_text="Organisations")
        toggle = page.locator(".site-menu__toggle")
        assert toggle.is_visible()
        assert not link.is_visible()
        toggle.click()
        assert link.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()
    wide = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = wide.new_page()
    try:
        page.goto(f"{demo.url}/en/")
        assert not page.locator(".site-menu__toggle").is_visible()
        assert page.locator(".site-nav a", has_text="Organisations").is_visible()
    finally:
        wide.close()


#: Signed-in users of the demo, each with work of their own: a national and a municipal coordinator, an
#: institution's editor, a reviewer, a moderator.
SIGNED_IN = (
    "koordinator@example.no",
    "kommune@example.no",
    "redaktor@example.no",
    "reviewer@example.org",
    "moderator@example.org",
)
FILES = re.compile(r"\.(csv|xlsx|pdf|docx|ics|zip|json|xml|rss|atom)(\?|$)|/(feed|download)s?/")


def test_the_pages_signed_in_users_work_on_fit_a_320_px_screen(demo, browser):
    """ "My work" and the pages it links to, for each kind of signed-in user: the sitemap's pages are all
    public, and a signed-in page has forms, tables of one's own work and a frame with the user's name."""
    from tests.browser.conftest import log_in

    checked: set[str] = set()
    too_wide: dict[str, int] = {}
    for email in SIGNED_IN:
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            log_in(page, demo.url, email)
            page.goto(f"{demo.url}/nb/dashboard/")
            assert page.locator("a[href*='logout'], form[action*='logout']").count() > 0, email  # signed in
            links = page.eval_on_selector_all("main a[href]", "links => links.map(a => a.href.split('#')[0])")
            wanted = [
                url
                for url in dict.fromkeys([f"{demo.url}/nb/dashboard/", f"{demo.url}/en/dashboard/", *links])
                if url.startswith(demo.url) and not FILES.search(url) and "logout" not in url
            ][:15]
            for url in wanted:
                if url in checked:
                    continue
                checked.add(url)
                response = page.goto(url)
                assert response is not None and response.status == 200, (email, url)
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > PHONE["width"]:
                    too_wide[f"{email} {url}"] = width
        finally:
            context.close()
    assert len(checked) > 20
    assert too_wide == {}
