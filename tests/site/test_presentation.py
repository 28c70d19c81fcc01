"""The page head and the response: description, icon, font, feed autodiscovery, compression, and
`lang` on content in another language than the interface."""

import gzip
import re

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


def head(html: str) -> str:
    return html.split("</head>", 1)[0]


def test_every_page_has_a_description_an_icon_and_the_served_font(client):
    html = client.get("/en/").content.decode()
    assert re.search(r'<meta name="description" content="[^"]{40,}">', head(html))
    assert re.search(r'<link rel="icon" href="[^"]*favicon\.svg"', head(html))
    assert re.search(r'<link rel="stylesheet" href="[^"]*vendor/inter/inter\.css"', head(html))


def test_a_jurisdiction_page_announces_its_feeds_and_describes_itself(client):
    norway = f.jurisdiction(name="Norge", slug="norge")
    html = head(client.get("/en/j/norge/").content.decode())
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Norge (Atom)" href="/en/data/feeds/norge/atom/">'
        in html
    )
    assert 'href="/en/data/feeds/norge/consultations/atom/"' in html
    assert "Norge" in re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    assert client.get("/en/data/feeds/norge/atom/").status_code == 200
    assert norway.default_language == "nb"


def test_the_consultations_page_announces_the_consultation_feed(client):
    html = head(client.get("/nb/consultations/").content.decode())
    assert 'type="application/atom+xml"' in html and 'href="/nb/data/feeds/consultations/atom/"' in html


def test_html_is_compressed_for_a_client_that_accepts_gzip(client):
    response = client.get("/en/", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert b"<!DOCTYPE html>" in gzip.decompress(response.content)
    assert "Content-Encoding" not in client.get("/en/")


def test_a_page_built_for_one_request_is_compressed_fast_and_padded_against_breach(client):
    client.force_login(f.user())
    bodies = [client.get("/en/", headers={"accept-encoding": "gzip"}) for _ in range(8)]
    assert all(response["Content-Encoding"] == "gzip" for response in bodies)
    assert all(b"<!DOCTYPE html>" in gzip.decompress(response.content) for response in bodies)
    assert all(response.content[8] == 4 for response in bodies)  # XFL 4: the fastest compression
    assert all(response.content[3] & 8 for response in bodies)  # FNAME: the random padding
    assert len({len(response.content) for response in bodies}) > 1  # of random length
    assert "Accept-Encoding" in bodies[0]["Vary"]


def test_content_in_another_language_carries_lang_and_the_interface_language_does_not(client):
    plan = f.plan(title="Norges handlingsplan", jurisdiction=f.jurisdiction(slug="norge", default_language="nb"))
    english = client.get(plan.get_absolute_url().replace("/nb/", "/en/", 1)).content.decode()
    assert re.search(r'<h1 class="ds-heading" data-size="lg" lang="nb">Norges handlingsplan</h1>', english)
    norwegian = client.get("/nb" + plan.get_absolute_url()[3:]).content.decode()
    assert '<h1 class="ds-heading" data-size="lg">Norges handlingsplan</h1>' in norwegian


def test_api_responses_are_not_compressed_by_the_page_middleware(client):
    response = client.get("/api/v1/jurisdictions/", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert "Content-Encoding" not in response
