"""axe-core (WCAG 2.1 A and AA) over every page in the sitemap, in all three languages,
and over the forms with their errors showing: zero violations."""

import re
import urllib.parse
import urllib.request

from tests.browser.axe import violations
from tests.browser.conftest import log_in
from tests.sitemap import whole_sitemap


def sitemap_urls(base_url: str, *, most_per_section: int | None = None) -> list[str]:
    """The sitemap's pages on the test server. With `most_per_section`, at most that many pages of each
    language and section (the first path segment: "organisations", "j", "proposals", ...), spread evenly
    over the section's sorted list, so that every kind of page in every government is still visited while
    the run stays within the time `make test` has (the sitemap holds over 600 pages)."""

    def fetch(path: str) -> str:
        with urllib.request.urlopen(f"{base_url}{path}", timeout=30) as response:  # noqa: S310 (the live test server)
            return str(response.read().decode())

    xml = whole_sitemap(fetch)  # the index, then every page of every section it names
    # The sitemap names pages under the public base URL (SAMSKAP_SITE_URL); the test server has its own.
    paths = sorted({urllib.parse.urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", xml)})
    if most_per_section is not None:
        sections: dict[tuple[str, ...], list[str]] = {}
        for path in paths:
            sections.setdefault(tuple(path.split("/")[1:3]), []).append(path)
        paths = []
        for members in sections.values():
            step = max(1, -(-len(members) // most_per_section))  # ceiling: at most `most_per_section`
            paths += members[::step]
    return sorted(f"{base_url}{path}" for path in paths)


#: Pages per language and section that the whole-sitemap browser checks visit (see `sitemap_urls`).
MOST_PER_SECTION = 16


def test_every_sitemap_page_in_every_language_has_no_violations(demo, page):
    urls = sitemap_urls(demo.url, most_per_section=MOST_PER_SECTION)
    languages = {re.match(r"https?://[^/]+/(\w\w)/", url).group(1) for url in urls}
    assert languages == {"nb", "da", "en"}
    assert len(urls) > 100  # the demo's plans, commitments, organisations, in three languages
    assert len(urls) < len(sitemap_urls(demo.url))  # sampled: every section, not every page of it
    problems: dict[str, list[str]] = {}
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        found = violations(page)
        if found:
            problems[url] = found
    assert problems == {}


def test_forms_with_errors_showing_have_no_violations(demo, page):
    checked = []

    # Login with a wrong password.
    page.goto(f"{demo.url}/da/accounts/login/")
    page.fill("#id_username", "nobody@example.no")
    page.fill("#id_password", "wrong")
    page.click("form.samskap-form button[type=submit]")
    assert page.locator("#error-summary").is_visible()
    checked.append((page.url, violations(page)))

    page.goto(f"{demo.url}/nb/accounts/password-reset/")
    page.fill("#id_email", "not-an-email")
    page.click("form.samskap-form button[type=submit]")
    checked.append((page.url, violations(page)))

    log_in(page, demo.url, "koordinator@example.no")
    norway_plan = page.goto(f"{demo.url}/en/j/norge/4b/")
    assert norway_plan is not None and norway_plan.status == 200
    commitment_href = page.locator("table.commitment-table a.ds-link").first.get_attribute("href")
    assert commitment_href

    for language in ("nb", "da", "en"):
        base = f"{demo.url}/{language}"
        path = commitment_href[3:]
        # Progress update with every field wrong.
        page.goto(f"{base}{path}progress/")
        page.fill("#id_as_of", "2999-01-01")
        page.fill("#id_narrative", "")
        page.fill("#id_evidence_links", "not a link")
        page.click("form.samskap-form button[type=submit]")
        assert page.locator("#error-summary").is_visible()
        checked.append((page.url, violations(page)))

        # Commitment form with end before start and no title.
        page.goto(f"{base}{path}edit/")
        page.fill("#id_title", "")
        page.fill("#id_start_date", "2022-01-01")
        page.fill("#id_end_date", "2021-01-01")
        page.click("form.samskap-form button[type=submit]")
        assert page.locator("#error-summary").is_visible()
        checked.append((page.url, violations(page)))

        # Milestone form (coordinator: every field) with errors.
        page.goto(f"{base}{path}new-milestone/")
        page.fill("#id_activity", "")
        page.click("form.samskap-form button[type=submit]")
        checked.append((page.url, violations(page)))

        # New plan with a bad period, theme form, revision form and invitation, each with errors.
        page.goto(f"{base}/j/norge/new-plan/")
        page.fill("#id_start_date", "2030-01-01")
        page.fill("#id_end_date", "2029-01-01")
        page.click("form.samskap-form button[type=submit]")
        checked.append((page.url, violations(page)))
        page.goto(f"{base}/j/norge/4b/new-theme/")
        page.click("form.samskap-form button[type=submit]")
        checked.append((page.url, violations(page)))
        page.goto(f"{base}/j/norge/4b/revise/")
        page.fill("#id_label", "4")
        page.click("form.samskap-form button[type=submit]")
        checked.append((page.url, violations(page)))
        page.goto(f"{base}/organisations/invite/norge/")
        page.fill("#id_email", "bad")
        page.click("form.samskap-form button[type=submit]")
        checked.append((page.url, violations(page)))
        page.goto(f"{base}/dashboard/")
        checked.append((page.url, violations(page)))

    # 403 and 404 pages.
    page.goto(f"{demo.url}/en/j/danmark/2017-2019/edit/")
    checked.append((page.url, violations(page)))
    page.goto(f"{demo.url}/da/j/nowhere/")
    checked.append((page.url, violations(page)))

    assert len(checked) >= 25
    assert {url: found for url, found in checked if found} == {}
