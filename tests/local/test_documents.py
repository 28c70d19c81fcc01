"""Documents (uploaded files) on local activities: added and removed by the local government's coordinator
while the activity is theirs to write, judged by their content, public with the activity once accepted."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samskap.accounts.models import RoleGrant
from samskap.history.models import ChangeRecord
from samskap.history.selectors import public_changes
from samskap.history.services import save_tracked
from samskap.jurisdictions.models import Jurisdiction
from samskap.local import services
from samskap.local.models import ActivityDocument
from samskap.local.services import Decision
from tests import factories as f
from tests.local.conftest import activity

pytestmark = pytest.mark.django_db

TEXT = "Retningslinjer for åpne digitale møter.\n".encode()


def upload(name="retningslinjer.txt", content=TEXT):
    return SimpleUploadedFile(name, content, content_type="text/plain")


def add_url(item):
    return reverse("local:activity_document_add", kwargs={"jurisdiction": item.jurisdiction.slug, "pk": item.pk})


def remove_url(item, document_pk):
    kwargs = {"jurisdiction": item.jurisdiction.slug, "pk": item.pk, "document": document_pk}
    return reverse("local:activity_document_remove", kwargs=kwargs)


def file_url(item, document_pk):
    kwargs = {"jurisdiction": item.jurisdiction.slug, "pk": item.pk, "document": document_pk}
    return reverse("local:activity_document", kwargs=kwargs)


def content(response):
    return b"".join(response.streaming_content)


@pytest.fixture
def neighbour(norway):
    other = f.jurisdiction(name="Havøy kommune", slug="havoy", kind=Jurisdiction.Kind.MUNICIPALITY, parent=norway)
    return f.user(role=RoleGrant.Role.COORDINATOR, scope=other)


def accept(item, local_coordinator, national):
    services.submit_activity(actor=local_coordinator, activity=item)
    services.review_activity(actor=national, activity=item, decision=Decision.ACCEPT)


def test_added_to_a_draft_then_listed_on_the_page_and_in_the_api_once_accepted(
    client, fjordvik, national, local_coordinator
):
    item = activity(fjordvik)
    client.force_login(local_coordinator)
    response = client.post(add_url(item), {"title": "", "file": upload()})
    assert response.status_code == 302
    document = ActivityDocument.objects.get()
    # The title defaults to the file's name; the stored name is random, not the uploader's.
    assert document.title == "retningslinjer.txt" and document.original_name == "retningslinjer.txt"
    assert document.content_type == "text/plain" and document.size == len(TEXT)
    assert document.added_by == local_coordinator and "retningslinjer" not in document.file.name
    page = client.get(item.get_absolute_url()).content.decode()
    assert "retningslinjer.txt" in page and file_url(item, document.pk) in page and "Remove" in page
    edit = client.get(reverse("local:activity_edit", kwargs={"jurisdiction": "fjordvik", "pk": item.pk}))
    assert f"{item.get_absolute_url()}#documents-heading" in edit.content.decode()

    # Not public before the acceptance: neither the page nor the file nor the API shows it.
    client.logout()
    assert client.get(item.get_absolute_url()).status_code == 404
    assert client.get(file_url(item, document.pk)).status_code == 404
    assert client.get("/api/v1/local-activities/").json()["results"] == []

    accept(item, local_coordinator, national)
    page = client.get(item.get_absolute_url()).content.decode()
    assert "retningslinjer.txt" in page and "TXT" in page and "Add a document" not in page
    listed = client.get("/api/v1/local-activities/").json()["results"]
    assert listed[0]["documents"] == [
        {
            "title": "retningslinjer.txt",
            "url": listed[0]["documents"][0]["url"],
            "content_type": "text/plain",
            "size": len(TEXT),
        }
    ]
    assert listed[0]["documents"][0]["url"].startswith("http")
    assert listed[0]["documents"][0]["url"].endswith(file_url(item, document.pk))


def test_the_cached_public_page_shows_a_new_document_at_once(
    client, fjordvik, local_coordinator, django_assert_max_num_queries
):
    item = activity(fjordvik, status="accepted", published_at=datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC))
    assert "documents-heading" not in client.get(item.get_absolute_url()).content.decode()
    with django_assert_max_num_queries(1):  # served from the cache
        assert client.get(item.get_absolute_url()).status_code == 200
    # A document written outside the service (as an administrator could): its row alone changes the stamp.
    document = ActivityDocument(activity=item, content_type="text/plain", size=len(TEXT))
    document.file.save("notat.txt", upload(), save=False)
    save_tracked(actor=local_coordinator, instance=document, values={"title": "Møtenotat", "original_name": "a"})
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Møtenotat" in page and "documents-heading" in page
    document.delete()
    assert "Møtenotat" not in client.get(item.get_absolute_url()).content.decode()


def test_public_documents_are_downloaded_by_anyone_as_attachments(client, fjordvik, national, local_coordinator):
    item = activity(fjordvik)
    document = services.add_document(actor=local_coordinator, activity=item, title="Møteplan 2024", upload=upload())
    accept(item, local_coordinator, national)
    response = client.get(file_url(item, document.pk))
    assert response.status_code == 200 and content(response) == TEXT
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "M%C3%B8teplan%202024.txt" in response["Content-Disposition"]
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_a_drafts_documents_only_for_those_who_see_the_activity(
    client, fjordvik, national, local_coordinator, neighbour
):
    item = activity(fjordvik)
    document = services.add_document(actor=local_coordinator, activity=item, title="", upload=upload())
    url = file_url(item, document.pk)
    assert client.get(url).status_code == 404
    client.force_login(neighbour)
    assert client.get(url).status_code == 404
    client.force_login(local_coordinator)
    assert client.get(url).status_code == 200
    services.submit_activity(actor=local_coordinator, activity=item)
    client.force_login(national)  # reviewing it
    assert client.get(url).status_code == 200
    services.review_activity(actor=national, activity=item, decision=Decision.DECLINE, note="Ikke en OGP-aktivitet.")
    client.logout()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("verktoy.exe", b"MZ\x90\x00" + b"\x00" * 200, "programs are not accepted"),
        ("tom.txt", b"", "The file is empty."),
        ("stor.txt", b"x" * 301, "larger than"),
        ("latin1.txt", "Møteplan for året".encode("latin-1"), "not UTF-8"),
    ],
)
def test_a_refused_file_is_a_clear_error_and_must_be_chosen_again(
    client, fjordvik, local_coordinator, monkeypatch, name, data, message
):
    monkeypatch.setattr("samskap.consultations.attachments.MAX_FILE_SIZE", 300)
    item = activity(fjordvik)
    client.force_login(local_coordinator)
    response = client.post(add_url(item), {"title": "Et dokument", "file": upload(name, data)})
    page = response.content.decode()
    assert response.status_code == 400 and message in page
    assert "choose the file again" in page and 'value="Et dokument"' in page  # the title is kept
    assert not ActivityDocument.objects.exists()


def test_at_most_ten_documents(client, fjordvik, local_coordinator):
    item = activity(fjordvik)
    for number in range(services.MAX_DOCUMENTS):
        services.add_document(actor=local_coordinator, activity=item, title=f"Vedlegg {number}", upload=upload())
    client.force_login(local_coordinator)
    assert "Add a document" not in client.get(item.get_absolute_url()).content.decode()
    response = client.post(add_url(item), {"title": "", "file": upload()})
    assert response.status_code == 400 and "at most 10 documents" in response.content.decode()
    assert ActivityDocument.objects.count() == services.MAX_DOCUMENTS
    with pytest.raises(ValidationError):
        services.add_document(actor=local_coordinator, activity=item, title="", upload=upload())


def test_only_the_local_coordinator_adds_and_removes(client, fjordvik, national, local_coordinator, neighbour):
    item = activity(fjordvik)
    document = services.add_document(actor=local_coordinator, activity=item, title="", upload=upload())
    for user, status in ((neighbour, 403), (national, 403)):
        client.force_login(user)
        assert client.post(add_url(item), {"title": "", "file": upload()}).status_code == status
        assert client.post(remove_url(item, document.pk)).status_code == status
    client.logout()
    response = client.post(add_url(item), {"title": "", "file": upload()})
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.post(remove_url(item, document.pk)).status_code == 302
    assert ActivityDocument.objects.count() == 1
    for user in (neighbour, national):
        with pytest.raises(PermissionDenied):
            services.add_document(actor=user, activity=item, title="", upload=upload())
        with pytest.raises(PermissionDenied):
            services.remove_document(actor=user, document=document)


def test_nothing_added_or_removed_once_sent_or_accepted(client, fjordvik, national, local_coordinator):
    item = activity(fjordvik)
    document = services.add_document(actor=local_coordinator, activity=item, title="", upload=upload())
    services.submit_activity(actor=local_coordinator, activity=item)
    with pytest.raises(services.WrongStep):
        services.add_document(actor=local_coordinator, activity=item, title="", upload=upload())
    services.review_activity(actor=national, activity=item, decision=Decision.ACCEPT)
    client.force_login(local_coordinator)
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Add a document" not in page and remove_url(item, document.pk) not in page
    response = client.post(add_url(item), {"title": "", "file": upload()}, follow=True)
    assert "cannot be changed now" in response.content.decode()
    response = client.post(remove_url(item, document.pk), follow=True)
    assert "cannot be changed now" in response.content.decode()
    assert ActivityDocument.objects.count() == 1
    with pytest.raises(services.WrongStep):
        services.remove_document(actor=local_coordinator, document=document)


def test_removed_from_the_page_and_the_disk_and_in_the_history(
    client, fjordvik, local_coordinator, django_capture_on_commit_callbacks
):
    item = activity(fjordvik, status="changes_requested")
    document = services.add_document(actor=local_coordinator, activity=item, title="Gammel plan", upload=upload())
    stored = document.file.name
    assert default_storage.exists(stored)
    client.force_login(local_coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(remove_url(item, document.pk)).status_code == 302
    assert not ActivityDocument.objects.exists() and not default_storage.exists(stored)
    assert "Gammel plan" not in client.get(item.get_absolute_url()).content.decode()
    records = ChangeRecord.objects.filter(content_type__model="activitydocument", object_id=document.pk)
    assert sorted(records.values_list("action", flat=True)) == ["created", "deleted"]
    # Like the rest of the activity's history before its acceptance, these stay with the coordinators.
    assert not public_changes().filter(pk__in=records).exists()


def test_bad_input_is_a_form_error_or_a_404_never_a_500(client, fjordvik, norway, local_coordinator):
    item = activity(fjordvik)
    other = activity(fjordvik, title="En annen aktivitet")
    theirs = services.add_document(actor=local_coordinator, activity=other, title="", upload=upload())
    client.force_login(local_coordinator)
    missing = client.post(add_url(item), {"title": "Uten fil"})
    assert missing.status_code == 400 and "Choose a file." in missing.content.decode()
    nul = client.post(add_url(item), {"title": "Tittel\x00", "file": upload()})
    assert nul.status_code == 400 and "choose the file again" in nul.content.decode()
    broken = client.post(add_url(item), {"title": "To\nlinjer", "file": upload()})
    assert broken.status_code == 400 and "one line" in broken.content.decode()
    long = client.post(add_url(item), {"title": "x" * 5000, "file": upload()})
    assert long.status_code == 400
    assert not item.documents.exists()
    # A name with control characters becomes a one-line title.
    services.add_document(actor=local_coordinator, activity=item, title="", upload=upload("a\x00b\nc.txt"))
    assert item.documents.get().title == "a b c.txt"
    for number in ("99999999999999999999999", "0", str(theirs.pk)):
        assert client.get(f"{item.get_absolute_url()}documents/{number}/").status_code == 404
        assert client.post(f"{item.get_absolute_url()}documents/{number}/remove/").status_code == 404
    assert client.get(f"/en/local/havoy/activities/{other.pk}/documents/{theirs.pk}/").status_code == 404
    assert client.get(f"{item.get_absolute_url()}documents/").status_code == 405
    assert ActivityDocument.objects.filter(pk=theirs.pk).exists()
    default_storage.delete(theirs.file.name)  # a row whose file is gone is a 404 too
    assert client.get(file_url(other, theirs.pk)).status_code == 404
