"""Cached public answers are compressed once, when stored: a browser's request is answered with the
stored gzip body (no compression work, never compressed twice), a client without gzip gets the plain
body, and each encoding has its own ETag, with 304s for each."""

import gzip

import pytest
from django.core.cache import cache

from samskap.kernel import pages
from tests import factories as f

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture
def compressions(monkeypatch):
    """Every gzip compression made while serving: the cache's and Django's GZipMiddleware's."""
    made: list[int] = []
    real = gzip.compress

    def counted(data, *args, **kwargs):
        made.append(len(data))
        return real(data, *args, **kwargs)

    def compressed_by_middleware(*args, **kwargs):
        made.append(-1)
        return b""

    monkeypatch.setattr("samskap.kernel.pages.gzip.compress", counted)
    monkeypatch.setattr("samskap.site.middleware.compress_page", compressed_by_middleware)
    return made


def addresses():
    plan = f.plan()
    f.commitment(plan=plan)
    return {
        "page": plan.get_absolute_url(),  # HTML, which HtmlGZipMiddleware would otherwise compress
        "feed": f"/nb/data/feeds/{plan.jurisdiction.slug}/rss/",
        "calendar": "/nb/data/calendar.ics",
        "api": "/api/v1/commitments/",
        "sitemap": "/sitemap-commitments.xml",
    }


def test_a_cached_answer_is_compressed_once_and_served_gzipped(client, compressions):
    cache.clear()
    for kind, url in addresses().items():
        plain = client.get(url)
        assert plain.status_code == 200 and "Content-Encoding" not in plain, kind
        assert len(compressions) == 1, kind  # when it was stored, and only then
        assert "Accept-Encoding" in plain["Vary"], kind
        for _ in range(3):
            zipped = client.get(url, **GZIP)
            assert zipped["Content-Encoding"] == "gzip", kind
            assert gzip.decompress(zipped.content) == plain.content, kind  # compressed once, not twice
            assert zipped["Content-Type"] == plain["Content-Type"], kind
            assert "Accept-Encoding" in zipped["Vary"], kind
        assert len(compressions) == 1, kind  # the hits did no compression work
        compressions.clear()


def test_each_encoding_has_its_etag_and_its_304(client):
    cache.clear()
    for kind, url in addresses().items():
        plain = client.get(url)
        zipped = client.get(url, **GZIP)
        assert plain["ETag"] != zipped["ETag"] and zipped["ETag"].endswith('-gzip"'), kind
        assert client.get(url, HTTP_IF_NONE_MATCH=plain["ETag"]).status_code == 304, kind
        assert client.get(url, HTTP_IF_NONE_MATCH=zipped["ETag"], **GZIP).status_code == 304, kind
        # A copy in the other encoding is not the client's: the whole body, in the encoding asked for.
        other = client.get(url, HTTP_IF_NONE_MATCH=zipped["ETag"])
        assert other.status_code == 200 and other.content == plain.content, kind
        other = client.get(url, HTTP_IF_NONE_MATCH=plain["ETag"], **GZIP)
        assert other.status_code == 200 and gzip.decompress(other.content) == plain.content, kind


def test_a_change_is_served_at_once_in_both_encodings(client):
    cache.clear()
    f.plan(title="Første tittel")
    url = "/api/v1/plans/"
    assert b"F\xc3\xb8rste tittel" in gzip.decompress(client.get(url, **GZIP).content) + client.get(url).content
    f.plan(title="Andre plan")
    assert b"Andre plan" in client.get(url).content
    assert b"Andre plan" in gzip.decompress(client.get(url, **GZIP).content)


def test_small_answers_and_downloads_are_kept_plain(rf):
    from django.http import HttpResponse

    request = rf.get("/", **GZIP)
    small = pages.keep("test:small", HttpResponse(b'{"id": 1}', content_type="application/json"))
    archive = pages.keep("test:zip", HttpResponse(b"PK" + bytes(300), content_type="application/zip"))
    text = pages.keep("test:text", HttpResponse(b"Samskap " * 100, content_type="text/calendar"))
    assert small.gzipped is None and archive.gzipped is None and text.gzipped is not None
    for answer in (small, archive):
        response = pages.respond(request, answer)
        assert "Content-Encoding" not in response and response.content == answer.content
        assert not response.has_header("Vary")  # one encoding only: nothing varies
    assert pages.respond(request, text)["Content-Encoding"] == "gzip"
    for kind in ("text/html; charset=utf-8", "application/json", "application/rss+xml", "application/atom+xml"):
        assert pages.COMPRESSIBLE.match(kind), kind
