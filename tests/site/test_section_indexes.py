"""Every section has a front page: /local/, /status/ and /evaluation/ list what is public in them (a
visitor who shortens an address lands on a page, not on a 404), and the sitemap lists them."""

import re

import pytest
from django.test import Client
from django.utils import timezone, translation

from samskap.evaluation.models import SelfAssessment
from samskap.monitoring.models import StatusRound
from samskap.review.models import Report
from tests.sitemap import sitemap_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_data")]


def text(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_local_front_page_lists_each_countrys_local_governments_and_how_to_join():
    page = text(Client(), "/en/local/")
    assert "Local governments in OGP" in page
    norway = page[page.index(">Norge<") :]
    assert "Vestfjord fylkeskommune" in norway and "Havøy kommune" in norway
    assert 'href="/en/local/norge/join/"' in page and 'href="/en/local/danmark/join/"' in page
    assert 'href="/en/local/norge/activities/"' in page


def test_the_status_page_lists_published_rounds_only():
    status_round = StatusRound.objects.get(plan__jurisdiction__slug="norge", plan__label="4")
    assert status_round.state != StatusRound.State.PUBLISHED
    assert "No status round has been published yet." in text(Client(), "/en/status/")

    StatusRound.objects.filter(pk=status_round.pk).update(
        state=StatusRound.State.PUBLISHED, published_at=timezone.now(), updated_at=timezone.now()
    )
    page = text(Client(), "/en/status/")
    assert f'href="/en/status/{status_round.pk}/"' in page
    assert '<time datetime="2020-12-01">' in page


def test_the_evaluation_page_lists_what_is_out_and_nothing_else():
    danish = SelfAssessment.objects.get(plan__jurisdiction__slug="danmark", kind="mid_term")
    with translation.override("en"):
        link = f'href="{danish.get_absolute_url()}"'
    page = text(Client(), "/en/evaluation/")
    assert link in page
    report = Report.objects.get(plan__jurisdiction__slug="norge", report_type="design")
    assert report.title in page and "open for public comment" in page

    # Back to a draft that is not out for comment: it is no longer listed.
    SelfAssessment.objects.filter(pk=danish.pk).update(published_at=None, comments_open_on=None)
    assert link not in text(Client(), "/en/evaluation/")


def test_the_sitemap_has_the_front_pages_and_each_evaluation_page_in_every_language():
    sitemap = sitemap_text(Client())
    locations = set(re.findall(r"<loc>https?://[^/]+([^<]+)</loc>", sitemap))
    for section in ("local", "status", "evaluation"):
        assert {f"/{language}/{section}/" for language in ("nb", "da", "en")} <= locations
    evaluation_pages = {loc for loc in locations if loc.split("/")[2:3] == ["evaluation"]}
    for language in ("nb", "da", "en"):
        assert len([p for p in evaluation_pages if p.startswith(f"/{language}/")]) >= 3
