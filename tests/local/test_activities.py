"""Activities: draft -> submitted -> changes requested -> submitted -> accepted (published) / declined; nothing a
local government drafted is public before the national coordinator accepts it."""

import datetime
import io
import zipfile

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from samskap.accounts.models import RoleGrant
from samskap.history.models import ChangeRecord
from samskap.jurisdictions.models import Jurisdiction
from samskap.local import services
from samskap.local.models import Activity
from samskap.local.services import Decision
from tests import factories as f
from tests.local.conftest import activity
from tests.opendata.test_downloads import body
from tests.sitemap import sitemap_text

pytestmark = pytest.mark.django_db

TITLE = "Åpne digitale møter i kommunestyret"


def form(**changes):
    data = {
        "title": TITLE,
        "description": "Alle åpne møter strømmes og opptakene publiseres med saksdokumentene.",
        "ogp_value": "access_to_information",
        "start_date": "2024-01-01",
        "end_date": "2024-12-31",
        "results": "",
        "links": "https://fjordvik.example.no/moter",
        "contact_name": "Siri Demo",
        "contact_email": "siri@example.no",
    }
    data.update(changes)
    return data


def public_places(client, place, item):
    """Every public output an activity could show up in, as text."""
    pages = [
        client.get(place.get_absolute_url()),
        client.get(place.parent.get_absolute_url()),
        client.get(reverse("local:activities", kwargs={"jurisdiction": place.slug})),
        client.get(reverse("local:activities", kwargs={"jurisdiction": place.parent.slug})),
        client.get("/api/v1/local-activities/"),
        client.get(reverse("opendata:local_rss")),
        client.get(reverse("opendata:j_local_atom", kwargs={"jurisdiction": place.parent.slug})),
        client.get(reverse("core:search") + "?q=digitale", follow=True),
    ]
    texts = [
        r.content.decode() if not getattr(r, "streaming", False) else b"".join(r.streaming_content).decode()
        for r in pages
    ]
    texts.append(sitemap_text(client))
    archive = zipfile.ZipFile(io.BytesIO(body(client.get("/en/data/download/samskap.zip"))))
    texts.append(archive.read("local_activities.csv").decode())
    texts.append(archive.read("changes.csv").decode())
    texts.append(client.get("/api/v1/changes/").content.decode())
    texts.append(client.get("/en/").content.decode())  # the latest changes
    detail = client.get(reverse("local:activity", kwargs={"jurisdiction": place.slug, "pk": item.pk}))
    return "\n".join(texts), detail.status_code


def test_the_whole_cycle_and_nothing_public_before_acceptance(client, fjordvik, national, local_coordinator):
    client.force_login(local_coordinator)
    new = reverse("local:activity_create", kwargs={"jurisdiction": "fjordvik"})
    assert client.post(new, form(submit="draft")).status_code == 302
    item = Activity.objects.get()
    assert item.status == "draft" and item.links == ["https://fjordvik.example.no/moter"]

    client.logout()
    text, status = public_places(client, fjordvik, item)
    assert TITLE not in text and status == 404

    # Sent; the national coordinator asks for changes with a comment.
    services.submit_activity(actor=local_coordinator, activity=item)
    text, status = public_places(client, fjordvik, item)
    assert TITLE not in text and status == 404
    client.force_login(national)
    review = reverse("local:activity_review", kwargs={"jurisdiction": "fjordvik", "pk": item.pk})
    response = client.post(review, {"decision": "changes", "note": ""})
    assert response.status_code == 400 and "Say what should change" in response.content.decode()
    client.post(review, {"decision": "changes", "note": "Legg ved lenke til retningslinjene."})
    item.refresh_from_db()
    assert item.status == "changes_requested" and mail.outbox[-1].to == ["siri@example.no"]
    assert "Legg ved lenke til retningslinjene." in mail.outbox[-1].body
    client.logout()
    text, status = public_places(client, fjordvik, item)
    assert TITLE not in text and status == 404

    # Changed and sent again from the form; accepted, marked a good example.
    client.force_login(local_coordinator)
    edit = reverse("local:activity_edit", kwargs={"jurisdiction": "fjordvik", "pk": item.pk})
    assert "Legg ved lenke" in client.get(edit).content.decode()
    client.post(
        edit, form(links="https://fjordvik.example.no/moter\nhttps://fjordvik.example.no/regler", submit="review")
    )
    item.refresh_from_db()
    assert item.status == "submitted" and len(item.links) == 2
    client.force_login(national)
    client.post(review, {"decision": "accept", "note": "", "good_example": "on"})
    item.refresh_from_db()
    assert item.status == "accepted" and item.good_example and item.published_at is not None

    client.logout()
    text, status = public_places(client, fjordvik, item)
    assert status == 200
    assert text.count(TITLE) >= 9
    assert "siri@example.no" not in text  # the contact's email stays out of every public output
    assert "Legg ved lenke" not in text  # so does the review before the acceptance
    sitemap = sitemap_text(client)
    assert "/en/local/fjordvik/activities/" in sitemap and "/nb/local/norge/activities/" in sitemap
    actions = ChangeRecord.objects.filter(object_id=item.pk, content_type__model="activity").count()
    assert actions >= 5  # created, submitted, changes asked, changed, submitted, accepted


def test_a_declined_activity_needs_a_reason_and_stays_hidden(client, fjordvik, national, local_coordinator):
    item = activity(fjordvik, status="submitted")
    with pytest.raises(ValidationError):
        services.review_activity(actor=national, activity=item, decision=Decision.DECLINE, note=" ")
    services.review_activity(actor=national, activity=item, decision=Decision.DECLINE, note="Ikke en OGP-aktivitet.")
    item.refresh_from_db()
    assert item.status == "declined" and item.published_at is None
    assert client.get(item.get_absolute_url()).status_code == 404
    with pytest.raises(services.WrongStep):
        services.save_activity(actor=local_coordinator, jurisdiction=fjordvik, activity=item, values={"title": "Ny"})
    with pytest.raises(services.WrongStep):
        services.submit_activity(actor=local_coordinator, activity=item)


def test_states_that_cannot_be_skipped(fjordvik, national, local_coordinator):
    item = activity(fjordvik)
    with pytest.raises(services.WrongStep):  # a draft is not reviewed
        services.review_activity(actor=national, activity=item, decision=Decision.ACCEPT)
    with pytest.raises(services.WrongStep):  # a good example must be accepted first
        services.mark_good_example(actor=national, activity=item, good_example=True)
    services.submit_activity(actor=local_coordinator, activity=item)
    with pytest.raises(services.WrongStep):  # with the coordinator: not edited meanwhile
        services.save_activity(actor=local_coordinator, jurisdiction=fjordvik, activity=item, values={"title": "X"})
    with pytest.raises(services.WrongStep):
        services.submit_activity(actor=local_coordinator, activity=item)
    services.review_activity(actor=national, activity=item, decision=Decision.ACCEPT)
    with pytest.raises(services.WrongStep):
        services.review_activity(actor=national, activity=item, decision=Decision.DECLINE, note="Likevel ikke")


def test_linked_to_a_commitment_of_the_countrys_published_plan_only(fjordvik, norway, national):
    einnsyn = f.commitment(f.plan(jurisdiction=norway), title="eInnsyn i kommuner og fylkeskommuner")
    draft_commitment = f.commitment(f.plan(jurisdiction=norway, published_at=None))
    danish = f.commitment(f.plan(jurisdiction=f.jurisdiction(country_code="DNK")))
    item = activity(fjordvik, status="accepted", published_at=datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC))
    for wrong in (draft_commitment, danish):
        with pytest.raises(ValidationError):
            services.mark_good_example(actor=national, activity=item, good_example=True, commitment=wrong)
    services.mark_good_example(actor=national, activity=item, good_example=True, commitment=einnsyn)
    item.refresh_from_db()
    assert item.commitment == einnsyn and item.good_example


def test_permission_boundaries(client, norway, fjordvik, national, local_coordinator):
    other = f.jurisdiction(name="Havøy kommune", slug="havoy", kind=Jurisdiction.Kind.MUNICIPALITY, parent=norway)
    neighbour = f.user(role=RoleGrant.Role.COORDINATOR, scope=other)
    item = activity(fjordvik)
    edit = reverse("local:activity_edit", kwargs={"jurisdiction": "fjordvik", "pk": item.pk})
    review = reverse("local:activity_review", kwargs={"jurisdiction": "fjordvik", "pk": item.pk})
    new = reverse("local:activity_create", kwargs={"jurisdiction": "fjordvik"})
    # Another municipality's coordinator neither edits, sees nor reports for Fjordvik.
    client.force_login(neighbour)
    assert client.get(edit).status_code == 403
    assert client.post(new, form()).status_code == 403
    assert client.get(item.get_absolute_url()).status_code == 404
    # The national coordinator reviews, but does not write the municipality's activity or report for it.
    client.force_login(national)
    assert client.get(item.get_absolute_url()).status_code == 200
    assert client.get(edit).status_code == 403
    assert client.post(new, form()).status_code == 403
    assert client.post(reverse("local:activity_create", kwargs={"jurisdiction": "norge"}), form()).status_code == 404
    # The municipality does not review its own activity.
    client.force_login(local_coordinator)
    services.submit_activity(actor=local_coordinator, activity=item)
    assert client.post(review, {"decision": "accept"}).status_code == 403
    item.refresh_from_db()
    assert item.status == "submitted"


def test_bad_input_is_a_form_error(client, fjordvik, local_coordinator):
    client.force_login(local_coordinator)
    new = reverse("local:activity_create", kwargs={"jurisdiction": "fjordvik"})
    for bad in (
        {"start_date": "2024-13-45"},
        {"start_date": "2025-01-01", "end_date": "2024-01-01"},
        {"links": "javascript:alert(1)"},
        {"title": "x" * 400},
        {"title": "To\nlinjer"},
        {"ogp_value": "nonsense"},
        {"pillar": "99999"},
        {"description": "\x00"},
    ):
        response = client.post(new, form(**bad))
        assert response.status_code == 400, bad
    assert not Activity.objects.exists()
    assert client.get(reverse("local:activity", kwargs={"jurisdiction": "fjordvik", "pk": 999999})).status_code == 404
    assert client.get("/en/local/fjordvik/activities/12ab/").status_code == 404


def test_the_public_activity_page_is_served_from_the_cache_with_one_query(
    client, fjordvik, django_assert_max_num_queries
):
    item = activity(fjordvik, status="accepted", published_at=datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC))
    assert client.get(item.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(1):
        assert TITLE in client.get(item.get_absolute_url()).content.decode()


def test_the_public_history_of_an_activity_starts_at_its_acceptance(fjordvik, national, local_coordinator):
    from samskap.history.selectors import public_changes

    item = services.save_activity(
        actor=local_coordinator,
        jurisdiction=fjordvik,
        values={"title": TITLE, "description": "Utkast.", "ogp_value": "civic_participation", "contact_name": "Siri"},
    )
    services.submit_activity(actor=local_coordinator, activity=item)
    services.review_activity(actor=national, activity=item, decision=Decision.CHANGES, note="Mer om resultatene.")
    services.submit_activity(actor=local_coordinator, activity=item)
    mine = ChangeRecord.objects.filter(content_type__model="activity", object_id=item.pk)
    assert mine.count() == 4 and not public_changes().filter(pk__in=mine).exists()

    services.review_activity(actor=national, activity=item, decision=Decision.ACCEPT, note="Takk!")
    services.mark_good_example(actor=national, activity=item, good_example=True)
    shown = list(public_changes().filter(pk__in=mine).order_by("pk"))
    assert [sorted(r.changes) for r in shown] == [["published_at", "status"], ["good_example"]]
    assert mine.count() == 7  # the note before the acceptance is recorded, and withheld


def test_the_national_commitments_page_lists_the_activities_that_contribute(client, fjordvik, norway, national):
    einnsyn = f.commitment(f.plan(jurisdiction=norway), title="eInnsyn i kommuner og fylkeskommuner")
    item = activity(fjordvik, status="submitted", title="Postjournalen i eInnsyn")
    assert "Postjournalen i eInnsyn" not in client.get(einnsyn.get_absolute_url()).content.decode()  # now cached
    services.review_activity(actor=national, activity=item, decision=Decision.ACCEPT, commitment=einnsyn)
    assert "Postjournalen i eInnsyn" in client.get(einnsyn.get_absolute_url()).content.decode()
    services.mark_good_example(actor=national, activity=item, good_example=True, commitment=None)
    assert "Postjournalen i eInnsyn" not in client.get(einnsyn.get_absolute_url()).content.decode()


@pytest.mark.parametrize("number", ["99999999999999999999999", "0"])
def test_ids_out_of_range_are_404_not_500(client, fjordvik, national, local_coordinator, number):
    for user, paths in (
        (national, [f"/en/local/norge/requests/{number}/", f"/en/local/fjordvik/activities/{number}/review/"]),
        (
            local_coordinator,
            [
                f"/en/local/fjordvik/activities/{number}/",
                f"/en/local/fjordvik/activities/{number}/edit/",
                f"/en/local/fjordvik/start-plan/{number}/",
            ],
        ),
    ):
        client.force_login(user)
        for path in paths:
            assert client.get(path).status_code == 404, path
    client.force_login(local_coordinator)
    assert client.post(f"/en/local/fjordvik/activities/{number}/submit/").status_code == 404


def test_the_site_search_finds_accepted_activities_only(client, fjordvik, norway):
    activity(fjordvik, status="accepted", published_at=datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC))
    activity(fjordvik, title="Hemmelig utkast om digitale møter")
    for scope in ({}, {"jurisdiction": "norge"}, {"jurisdiction": "fjordvik"}):
        page = client.get("/en/search/", {"q": "digitale møter", **scope}).content.decode()
        assert TITLE in page and "Hemmelig utkast" not in page, scope


def test_the_api_filters_good_examples_and_refuses_another_word(client, fjordvik):
    now = timezone.now()
    good = activity(fjordvik, status="accepted", published_at=now, good_example=True, title="Godt eksempel")
    activity(fjordvik, status="accepted", published_at=now, title="Vanlig")
    listed = client.get("/api/v1/local-activities/?good_example=true").json()["results"]
    assert [item["id"] for item in listed] == [good.pk]
    assert len(client.get("/api/v1/local-activities/?good_example=false").json()["results"]) == 1
    refused = client.get("/api/v1/local-activities/?good_example=maybe")
    assert refused.status_code == 400 and refused.json() == {"good_example": ["Enter true or false."]}
