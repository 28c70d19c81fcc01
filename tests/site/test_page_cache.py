"""Every page the sitemap names is a public read served from the page cache (`kernel.pages`) to a visitor
without a session, and a write shows on it at once. Read from the demo (the `demo_data` fixture)."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samskap.evidence.models import Document, DocumentKind
from samskap.forum.models import Forum, Meeting
from samskap.jurisdictions.models import Jurisdiction
from samskap.organisations.models import Organisation
from samskap.proposals.models import Proposal
from tests.sitemap import sitemap_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_data")]

LOC = re.compile(r"<loc>https?://[^/]+(/en/[^<]*)</loc>")


def english_pages() -> list[str]:
    """The sitemap's pages in one language (the others are the same views under another prefix)."""
    return sorted(set(LOC.findall(sitemap_text(Client()))))


def test_every_page_of_the_sitemap_is_served_from_the_page_cache_the_second_time():
    pages = english_pages()
    assert len(pages) > 100, "the demo's sitemap names its pages"
    client = Client()
    uncached = []
    for path in pages:
        for _attempt in range(2):  # a page that follows the time is rendered again in a new minute
            minute = timezone.now().replace(second=0, microsecond=0)
            first = client.get(path)
            assert first.status_code == 200, path
            kept = set(first.cookies) - {settings.LANGUAGE_COOKIE_NAME}  # the language chosen by the address
            assert not kept, f"{path} sets {kept} for a visitor without a session: the page cannot be shared"
            with CaptureQueriesContext(connection) as queries:
                second = client.get(path)
            if timezone.now().replace(second=0, microsecond=0) == minute:
                break
        assert second.content == first.content, path
        if len(queries) > 1:  # at most the version stamp (none on PostgreSQL, where versions are announced)
            uncached.append(f"{path}: {len(queries)} queries")
    assert not uncached, "rendered again instead of served from the page cache:\n" + "\n".join(uncached)


def _cached(client: Client, path: str, text: str, *, present: bool) -> None:
    body = client.get(path).content.decode()
    assert (text in body) is present, (path, text)


def test_a_rename_shows_at_once_on_the_cached_government_organisation_and_index_pages():
    client = Client()
    organisation = Organisation.objects.filter(led_commitments__isnull=False).select_related("jurisdiction").first()
    place = organisation.jurisdiction
    pages = [organisation.get_absolute_url(), place.get_absolute_url(), "/en/organisations/", "/en/plans/"]
    for path in pages:
        _cached(client, path, "Renamed Directorate", present=False)
        _cached(client, path, "Renamed Directorate", present=False)  # now from the cache
    Organisation.objects.filter(pk=organisation.pk).update(name="Renamed Directorate")
    Jurisdiction.objects.filter(pk=place.pk).update(name="Renamed Directorate Land")
    for path in pages[:3]:
        _cached(client, path, "Renamed Directorate", present=True)
    _cached(client, "/en/plans/", "Renamed Directorate Land", present=True)


def test_a_new_meeting_and_a_proposals_fate_show_at_once_on_their_cached_pages():
    client = Client()
    forum = Forum.objects.select_related("jurisdiction").first()
    meeting = forum.meetings.order_by("pk").first()
    forum_page, meeting_page = forum.get_absolute_url(), meeting.url("meeting")
    for path in (forum_page, meeting_page):
        client.get(path)
    Meeting.objects.filter(pk=meeting.pk).update(title="A retitled meeting")
    _cached(client, forum_page, "A retitled meeting", present=True)
    _cached(client, meeting_page, "A retitled meeting", present=True)

    proposal = Proposal.objects.exclude(status=Proposal.Status.DRAFT).first()
    register = "/en/proposals/"
    _cached(client, register, "A renamed proposal", present=False)
    Proposal.objects.filter(pk=proposal.pk).update(title="A renamed proposal")
    _cached(client, register, "A renamed proposal", present=True)


def test_a_new_document_shows_at_once_in_the_cached_repository_and_a_filter_is_its_own_page():
    client = Client()
    place = Jurisdiction.objects.get(slug="norge")
    _cached(client, "/en/documents/", "Minutes of the new meeting", present=False)
    _cached(client, "/en/documents/?q=Minutes+of+the+new", "Minutes of the new meeting", present=False)
    Document.objects.create(
        jurisdiction=place,
        kind=DocumentKind.MINUTES,
        title="Minutes of the new meeting",
        date=timezone.localdate(),
        language="nb",
        url="https://example.no/minutes.pdf",
    )
    _cached(client, "/en/documents/", "Minutes of the new meeting", present=True)
    filtered = client.get("/en/documents/?q=zzzz-nothing").content.decode()
    assert "Minutes of the new meeting" not in filtered, "the query is part of the key"


def test_signed_in_readers_get_a_fresh_page(django_user_model):
    cache.clear()
    path = Jurisdiction.objects.get(slug="norge").get_absolute_url()
    anonymous = Client()
    anonymous.get(path)
    with CaptureQueriesContext(connection) as cached:
        anonymous.get(path)
    signed_in = Client()
    signed_in.force_login(django_user_model.objects.filter(is_active=True).first())
    with CaptureQueriesContext(connection) as fresh:
        response = signed_in.get(path)
    assert response.status_code == 200
    assert len(cached) <= 1
    assert len(fresh) > 5, "a signed-in reader's page is rendered for them (their session, the page's data)"


def test_a_visitor_s_query_string_is_not_shown_to_the_next_on_a_page_shared_under_its_path():
    cache.clear()
    client = Client()
    path = Jurisdiction.objects.get(slug="norge").get_absolute_url()
    first = client.get(path + "?campaign=sent-to-kari%40example.no").content.decode()
    later = client.get(path).content.decode()
    assert later == first, "the page kept under the path answered"
    assert "kari" not in later, "the login link and the language links show the path alone"
    assert f'?next={path}"' in later
    # A page keyed on its query (the search) keeps it in its links back: it is that visitor's own page.
    search = client.get("/en/search/", {"q": "åpenhet"}).content.decode()
    assert '?next=/en/search/%3Fq%3D%25C3%25A5penhet"' in search and 'href="/nb/search/?q=%C3%A5penhet"' in search
