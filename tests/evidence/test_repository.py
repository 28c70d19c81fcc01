"""The repository: adding documents (files judged by content, links), the public list with its search
and filters, permanent addresses, drafts kept out, panels, search, API and downloads."""

import datetime

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samskap.accounts.models import RoleGrant
from samskap.evidence import services
from samskap.evidence.models import Document
from samskap.forum.models import Minutes
from samskap.history.models import ChangeRecord
from samskap.kernel.links import absolute
from tests import factories as f

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    return f.jurisdiction(name="Norge", slug="norge", default_language="nb")


def link(place, title="Invitasjon til innspill", **values):
    base = {
        "kind": "letter",
        "title": title,
        "date": D(2021, 4, 12),
        "language": "nb",
        "url": "https://example.org/brev",
    }
    return services.save_document(actor=None, jurisdiction=place, values={**base, **values})


def form(**changes):
    values = {
        "kind": "letter",
        "title": "Invitasjon til innspill til handlingsplan 4B",
        "date": "2021-04-12",
        "language": "nb",
    }
    values.update(changes)
    return values


def coordinator(client, place):
    client.force_login(f.user(role=RoleGrant.Role.COORDINATOR, scope=place))


def test_a_coordinator_uploads_a_letter_judged_by_its_content(client, place):
    plan = f.plan(jurisdiction=place)
    url = reverse("evidence:add", kwargs={"jurisdiction": "norge"})
    assert client.get(url).status_code == 302
    client.force_login(f.user(role=RoleGrant.Role.EDITOR, scope=f.organisation(jurisdiction=place)))
    assert client.get(url).status_code == 403
    coordinator(client, place)
    letter = SimpleUploadedFile(
        "brev.txt", "Kommunal- og moderniseringsdepartementet (KMD) ønsker nå innspill.".encode()
    )
    response = client.post(url, form(file=letter, plan=plan.pk))
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.content_type, document.original_name, document.plan) == ("text/plain", "brev.txt", plan)
    assert response["Location"] == document.get_absolute_url() == f"/en/documents/{document.pk}/"
    download = client.get(reverse("evidence:file", kwargs={"pk": document.pk}))
    assert b"".join(download.streaming_content).decode().startswith("Kommunal-")
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert ChangeRecord.objects.filter(plan=plan, action=ChangeRecord.Action.CREATED).exists()


def test_a_program_or_a_misnamed_file_is_refused_with_a_clear_message_and_nothing_is_lost(client, place):
    coordinator(client, place)
    url = reverse("evidence:add", kwargs={"jurisdiction": "norge"})
    program = SimpleUploadedFile("rapport.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    response = client.post(url, form(file=program, description="Viktig beskrivelse"))
    assert response.status_code == 400
    text = response.content.decode()
    assert "programs are not accepted" in text
    assert "Viktig beskrivelse" in text and "choose the file again" in text
    assert client.post(url, form()).status_code == 400  # neither file nor link
    both = client.post(url, form(file=SimpleUploadedFile("a.txt", b"tekst"), url="https://example.org/"))
    assert both.status_code == 400 and "not both" in both.content.decode()
    assert client.post(url, form(title="x\x00y", url="https://example.org/")).status_code == 400
    assert client.post(url, form(date="2021-02-30", url="https://example.org/")).status_code == 400
    assert client.post(url, form(plan="999999", url="https://example.org/")).status_code == 400
    assert not Document.objects.exists()


def test_a_plan_of_another_government_cannot_be_chosen(client, place):
    coordinator(client, place)
    other = f.plan()
    response = client.post(
        reverse("evidence:add", kwargs={"jurisdiction": "norge"}), form(url="https://example.org/", plan=other.pk)
    )
    assert response.status_code == 400
    assert not Document.objects.exists()


def test_editing_and_removing_are_recorded_and_the_link_is_checked_again(client, place):
    document = link(place)
    Document.objects.filter(pk=document.pk).update(link_status="broken")
    coordinator(client, place)
    edit = reverse("evidence:edit", kwargs={"jurisdiction": "norge", "pk": document.pk})
    assert client.get(edit).status_code == 200
    response = client.post(edit, form(url="https://example.org/nytt-brev", title="Nytt brev"))
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.link_status) == ("Nytt brev", "")
    other_place = f.jurisdiction()
    assert (
        client.get(reverse("evidence:edit", kwargs={"jurisdiction": other_place.slug, "pk": document.pk})).status_code
        == 403
    )
    remove = reverse("evidence:remove", kwargs={"pk": document.pk})
    assert client.post(remove).status_code == 302
    assert not Document.objects.exists()
    actions = set(ChangeRecord.objects.filter(object_id=document.pk).values_list("action", flat=True))
    assert actions == {"created", "updated", "deleted"}


def test_the_public_list_searches_and_filters_and_includes_published_minutes(client, place):
    link(place, "Invitasjon til innspill til handlingsplan 4B")
    link(place, "Midtvejsselvevaluering", kind="self_assessment", language="da", date=D(2018, 9, 30))
    meeting = f.meeting(jurisdiction=place, title="Møte i interessentforumet")
    Minutes.objects.create(meeting=meeting, text="Referat", status=Minutes.Status.APPROVED)
    url = reverse("evidence:repository")
    page = client.get(url).content.decode()
    assert (
        "Invitasjon til innspill" in page and "Midtvejsselvevaluering" in page and "Møte i interessentforumet" in page
    )
    assert 'lang="nb"' in page  # Norwegian titles in an English page
    found = client.get(url, {"q": "innspillene"}).content.decode()  # another form of the word
    assert "Invitasjon til innspill" in found and "Midtvejsselvevaluering" not in found
    by_kind = client.get(url, {"kind": "self_assessment"}).content.decode()
    assert "Midtvejsselvevaluering" in by_kind and "Invitasjon" not in by_kind
    assert "Invitasjon" not in client.get(url, {"year": "2018"}).content.decode()
    minutes_only = client.get(url, {"origin": "published"}).content.decode()
    assert "Møte i interessentforumet" in minutes_only and "Invitasjon" not in minutes_only
    assert "Invitasjon" not in client.get(url, {"jurisdiction": f.jurisdiction().slug}).content.decode()
    for bad in (
        {"year": "abc"},
        {"kind": "nope"},
        {"page": "-1"},
        {"plan": "x"},
        {"q": "ord " * 500},
        {"jurisdiction": "ø"},
    ):
        assert client.get(url, bad).status_code == 200
    assert client.get(url, {"q": "a\x00b"}).status_code == 400  # the site's answer to a NUL byte


def test_the_list_reads_with_a_fixed_number_of_queries(client, place, django_assert_max_num_queries):
    for n in range(3):
        link(place, f"Dokument {n}")
    client.get(reverse("evidence:repository"))
    cache.clear()  # the page rendered, not served from the page cache
    with django_assert_max_num_queries(8) as first:
        client.get(reverse("evidence:repository"))
    for n in range(10):
        link(place, f"Flere {n}")
    cache.clear()
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("evidence:repository"))


def test_a_draft_plan_s_documents_stay_out_of_every_public_place(client, place):
    draft = f.plan(jurisdiction=place, published_at=None)
    secret = link(place, "Utkast til plan", plan=draft)
    assert "Utkast til plan" not in client.get(reverse("evidence:repository")).content.decode()
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert client.get("/api/v1/documents/").json()["count"] == 0
    assert "Utkast" not in client.get(reverse("core:search"), {"q": "utkast"}).content.decode()
    coordinator(client, place)
    assert client.get(secret.get_absolute_url()).status_code == 200


def test_document_pages_api_search_and_panels(client, place):
    plan = f.plan(jurisdiction=place)
    commitment = f.commitment(plan)
    document = link(place, "Rapport om eInnsyn", kind="report", plan=plan, commitment=commitment)
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Rapport om eInnsyn" in page and "https://example.org/brev" in page
    assert absolute(document.get_absolute_url()) in page  # the permanent address under the public base address
    assert client.get(reverse("evidence:document", kwargs={"pk": 999999})).status_code == 404
    assert client.get(reverse("evidence:file", kwargs={"pk": document.pk})).status_code == 404  # a link, no file
    data = client.get("/api/v1/documents/", {"plan": plan.pk}).json()
    assert data["results"][0]["title"] == "Rapport om eInnsyn"
    assert data["results"][0]["address"].endswith(document.get_absolute_url())
    assert "Rapport om eInnsyn" in client.get(reverse("core:search"), {"q": "eInnsyn"}).content.decode()
    plan_page = client.get(plan.get_absolute_url()).content.decode()
    assert 'id="standards-heading"' in plan_page and "Rapport om eInnsyn" in plan_page
    assert "Rapport om eInnsyn" in client.get(commitment.get_absolute_url()).content.decode()
    assert reverse("evidence:repository") in client.get("/en/").content.decode()  # in the menu


def test_a_new_file_replaces_the_old_one_and_a_link_replaces_a_file(place, django_capture_on_commit_callbacks):
    first = services.save_document(
        actor=None,
        jurisdiction=place,
        values={"kind": "report", "title": "Rapport", "date": D(2021, 1, 1), "language": "nb"},
        upload=SimpleUploadedFile("a.txt", b"forste utgave"),
    )
    old = first.file.name
    storage = first.file.storage
    with django_capture_on_commit_callbacks(execute=True):  # the old file goes once the change is committed
        services.save_document(
            actor=None,
            jurisdiction=place,
            values={},
            upload=SimpleUploadedFile("b.txt", b"andre utgave"),
            document=first,
        )
    assert first.file.name != old and not storage.exists(old)
    assert first.file.open("rb").read() == b"andre utgave"
    replaced = first.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.save_document(
            actor=None, jurisdiction=place, values={"url": "https://example.org/rapport"}, document=first
        )
    first.refresh_from_db()
    assert (first.file.name, first.url, first.content_type) == ("", "https://example.org/rapport", "")
    assert not storage.exists(replaced)
