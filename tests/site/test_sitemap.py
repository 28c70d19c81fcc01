"""The sitemap is an index of sections, each in pages: every section is named, every page of the site is
reachable from the index, robots.txt points to the index, and all of it names the public base address."""

import re

import pytest

from samskap.commitments.models import Commitment
from samskap.kernel.sitemaps import I18nSitemap, LanguagePairs
from samskap.site.sitemaps import SITEMAPS
from tests import factories as f
from tests.sitemap import section_addresses, sitemap_text

pytestmark = pytest.mark.django_db


def test_the_index_names_every_section_and_is_small(client):
    f.commitment()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    index = response.content.decode()
    assert "<sitemapindex" in index and "<urlset" not in index
    assert set(SITEMAPS) >= {"pages", "plans", "commitments", "organisations"}
    for section in SITEMAPS:
        assert f"/sitemap-{section}.xml</loc>" in index, section
    assert client.get("/sitemap-nonsense.xml").status_code == 404


def test_sections_are_paged_and_every_page_is_reachable_from_the_index(client, monkeypatch):
    monkeypatch.setattr(I18nSitemap, "limit", 2)  # each page holds two addresses
    plan = f.plan()
    commitments = [f.commitment(plan=plan) for _ in range(3)]  # 3 x 3 languages: 5 pages
    index = client.get("/sitemap.xml").content.decode()
    pages = [address for address in section_addresses(index) if address.startswith("/sitemap-commitments.xml")]
    assert pages == ["/sitemap-commitments.xml"] + [f"/sitemap-commitments.xml?p={n}" for n in range(2, 6)]
    for address in pages:
        assert len(re.findall(r"<url>", client.get(address).content.decode())) <= 2
    assert client.get("/sitemap-commitments.xml?p=6").status_code == 404
    text = sitemap_text(client)
    for commitment in commitments:
        for language in ("nb", "da", "en"):
            assert f"/{language}/j/{plan.jurisdiction.slug}/{plan.slug}/{commitment.slug}/</loc>" in text


def test_a_new_page_shows_in_its_section_at_once(client):
    plan = f.plan()
    assert "/nyheit/" not in sitemap_text(client)
    f.commitment(plan=plan, slug="nyheit")
    assert f"/{plan.slug}/nyheit/</loc>" in sitemap_text(client)


def test_robots_and_index_name_the_public_address(client, settings):
    settings.SITE_URL = "https://ogp.example.no"
    robots = client.get("/robots.txt", HTTP_HOST="127.0.0.1")
    assert robots.status_code == 200 and robots["Content-Type"].startswith("text/plain")
    assert "Sitemap: https://ogp.example.no/sitemap.xml" in robots.content.decode()
    index = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1").content.decode()
    assert "<loc>https://ogp.example.no/sitemap-pages.xml</loc>" in index and "127.0.0.1" not in index


def test_the_pages_of_a_section_are_read_lazily_and_in_djangos_order(django_assert_num_queries):
    plan = f.plan()
    for _ in range(4):
        f.commitment(plan=plan)
    items = Commitment.objects.order_by("pk")
    languages = ["nb", "da", "en"]
    expected = [(item, language) for item in items for language in languages]  # what Django would build
    pairs = LanguagePairs(Commitment.objects.order_by("pk"), languages)  # not yet read
    with django_assert_num_queries(1):
        assert len(pairs) == 12
    for start, stop in ((0, 12), (0, 5), (5, 7), (4, 9), (11, 12), (10, 20)):
        with django_assert_num_queries(1):  # only the page's items
            assert pairs[start:stop] == expected[start:stop], (start, stop)
    assert pairs[7] == expected[7]
