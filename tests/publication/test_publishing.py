"""Publishing freezes a version: its files and hashes never change; an edit goes into the next version."""

import datetime
import io

import pdfplumber
import pikepdf
import pytest
from django.core.exceptions import ValidationError
from docx import Document as Docx

from samskap.commitments import services as commitment_services
from samskap.history.models import ChangeRecord
from samskap.kernel import documents as renderers
from samskap.kernel.registry import evidence_sources
from samskap.plans.models import ActionPlan
from samskap.publication import services
from samskap.publication.models import Frozen, FrozenDocument, PublishedVersion
from tests.publication.conftest import SECRET, approve

pytestmark = pytest.mark.django_db


def test_publishing_is_refused_until_the_government_has_approved(world):
    draft = world["draft"]
    missing = [m.text for m in services.completeness(draft)]
    assert any("government" in text for text in missing)
    # Commitment 6.2 has no English texts, nor the questions of the template answered: both listed.
    assert any("6.2" in text and "English" in text for text in missing)
    assert any("6.2" in text and "What public problem" in text for text in missing)
    with pytest.raises(ValidationError):
        services.publish(actor=world["coordinator"], plan=draft)
    draft.refresh_from_db()
    assert draft.published_at is None and not PublishedVersion.objects.exists()


def test_the_forum_endorses_only_a_shared_draft(world):
    with pytest.raises(ValidationError):
        services.record_forum_endorsement(
            actor=world["coordinator"], plan=world["draft"], values={"forum_endorsed_on": datetime.date(2025, 12, 1)}
        )
    approve(world)
    draft = world["draft"]
    draft.refresh_from_db()
    assert draft.status == ActionPlan.Status.APPROVED
    assert draft.approval.government_reference == "25/1234"
    recorded = ChangeRecord.objects.filter(plan=draft, content_type__model="approval")
    assert recorded.count() == 3  # shared, endorsed, approved: each in the history
    assert not any(m.blocking for m in services.completeness(draft))


def _pdf_structure(pdf: pikepdf.Pdf) -> list[str]:
    found: list[str] = []

    def walk(node) -> None:
        kind = node.get("/S")
        if kind is not None:
            found.append(str(kind))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary):
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


def test_publishing_freezes_the_files_and_an_edit_goes_into_the_next_version(world, client):
    approve(world)
    draft, coordinator, first = world["draft"], world["coordinator"], world["first"]
    version = services.publish(actor=coordinator, plan=draft)
    draft.refresh_from_db()
    assert draft.published_at is not None and version.number == 1
    documents = {d.language: d for d in FrozenDocument.objects.filter(version=version)}
    assert sorted(documents) == ["en", "nb"]
    nb, en = documents["nb"], documents["en"]
    assert version.content_hash == nb.content_hash == renderers.content_hash(renderers.from_dict(nb.document))
    assert version.government_reference == "25/1234"

    # The PDF: tagged, its language and title set, the text readable.
    pdf = pikepdf.open(io.BytesIO(bytes(nb.pdf)))
    assert str(pdf.Root.Lang) == "nb"
    assert bool(pdf.Root.MarkInfo.Marked)
    assert str(pdf.docinfo["/Title"]) == f"{SECRET} handlingsplan"
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
    structure = _pdf_structure(pdf)
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD"} <= set(structure)
    assert structure.index("/H1") < structure.index("/H2") < structure.index("/H3")
    assert any("Inter" in str(font.get("/BaseFont")) for font in pdf.pages[0].Resources.Font.values())
    with pdfplumber.open(io.BytesIO(bytes(nb.pdf))) as plumber:
        text = "\n".join(page.extract_text() or "" for page in plumber.pages)
    for expected in ("Innledning", "Regjeringen vil ha åpenhet.", "6.1", "veileder om journalføring", "25/1234"):
        assert expected in text
    assert f"{SECRET} leveranse 6.2" in text  # the milestones table
    english_pdf = pikepdf.open(io.BytesIO(bytes(en.pdf)))
    assert str(english_pdf.Root.Lang) == "en"
    assert str(english_pdf.docinfo["/Title"]) == "Norway's sixth action plan"

    # The DOCX: headings in the order of OGP's template, the language and title in its properties.
    docx = Docx(io.BytesIO(bytes(en.docx)))
    headings = [(p.style.name, p.text) for p in docx.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[:4] == [
        ("Title", "Norway's sixth action plan"),
        ("Heading 1", "Introduction"),
        ("Heading 1", "The process of making the plan"),
        ("Heading 1", "Commitments"),
    ]
    commitment_headings = [text for style, text in headings if style == "Heading 2"]
    assert commitment_headings == ["6.1 Guidance on keeping journals", "6.2 Åpenhet om algoritmer"]
    first_block = headings[headings.index(("Heading 2", "6.1 Guidance on keeping journals")) + 1 :][:6]
    assert [text for _style, text in first_block] == [
        "What public problem does the commitment address?",
        "What is the commitment?",
        "How will the commitment contribute to solving the problem?",
        "Why is it relevant to OGP values?",
        "Additional information",
        "Milestones",
    ]
    assert docx.core_properties.language == "en" and docx.core_properties.title == "Norway's sixth action plan"
    # The decisions (in the process section), then the first commitment's information, additional information
    # and milestones.
    assert docx.tables[0].rows[1].cells[0].text == "Approved by the government"
    milestone_table = docx.tables[3]
    assert milestone_table.rows[0].cells[0].text == "Activity and verifiable deliverable"
    assert milestone_table.rows[1].cells[0].text == f"{SECRET} leveranse 6.1"

    # The files served at their permanent addresses are the frozen bytes.
    response = client.get(nb.file_url("pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content == bytes(nb.pdf)
    assert client.get(nb.file_url("pdf"), HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert client.get(en.file_url("docx"))["Content-Disposition"].startswith("attachment")
    frozen = {fmt: bytes(nb.content(fmt)) for fmt in ("html", "pdf", "docx")}
    hashes = dict(nb.file_hashes)

    # An edit after publication changes nothing that was published ...
    commitment_services.update_commitment(
        actor=coordinator, commitment=first, values={"title": "Ny tittel etter publisering"}
    )
    nb.refresh_from_db()
    assert {fmt: bytes(nb.content(fmt)) for fmt in frozen} == frozen
    assert nb.file_hashes == hashes and nb.content_hash == version.content_hash
    page = client.get(version.get_absolute_url())
    assert page.status_code == 200
    assert "veileder om journalføring" in page.content.decode() and "Ny tittel" not in page.content.decode()
    # ... and goes into the next version, with its own files and hash.
    second = services.publish_new_version(actor=coordinator, plan=draft)
    assert second.number == 2 and second.content_hash != version.content_hash
    new_nb = second.documents.get(language="nb")
    assert "Ny tittel etter publisering" in new_nb.content("html").decode()
    assert "Ny tittel" not in nb.content("html").decode()
    with pytest.raises(ValidationError):
        services.publish_new_version(actor=coordinator, plan=draft)  # nothing changed since version 2
    assert ChangeRecord.objects.filter(plan=draft, content_type__model="publishedversion").count() == 2

    # The versions are in the evidence repository and the API, with their hashes.
    keys = {item.key for item in evidence_sources["publication"](world["norway"].pk)}
    assert f"publication.version:{version.pk}:nb:pdf" in keys and f"publication.version:{second.pk}:en:docx" in keys
    api = client.get(f"/api/v1/plan-versions/?plan={draft.pk}").json()
    rows = api["results"] if isinstance(api, dict) and "results" in api else api
    assert [row["content_hash"] for row in rows] == [version.content_hash, second.content_hash]
    assert rows[0]["documents"][0]["files"]["pdf"].endswith("/versions/1/plan-nb.pdf")


def test_a_frozen_version_cannot_be_changed_or_deleted(world):
    approve(world)
    version = services.publish(actor=world["coordinator"], plan=world["draft"])
    document = version.documents.first()
    version.content_hash = "0" * 64
    with pytest.raises(Frozen):
        version.save()
    with pytest.raises(Frozen):
        document.delete()
    with pytest.raises(Frozen):
        PublishedVersion.objects.filter(pk=version.pk).update(content_hash="0" * 64)
    with pytest.raises(Frozen):
        FrozenDocument.objects.filter(version=version).delete()
    assert PublishedVersion.objects.get(pk=version.pk).content_hash != "0" * 64


def test_the_submission_to_ogp_is_recorded_after_publication(world, client):
    draft, coordinator = world["draft"], world["coordinator"]
    values = {"submitted_to_ogp_on": datetime.date(2026, 1, 5), "ogp_url": "https://www.opengovpartnership.org/x"}
    with pytest.raises(ValidationError):
        services.record_submission(actor=coordinator, plan=draft, values=values)
    approve(world)
    services.publish(actor=coordinator, plan=draft)
    services.record_submission(actor=coordinator, plan=draft, values=values)
    page = client.get(f"/en{draft.get_absolute_url()[3:]}").content.decode()
    assert "https://www.opengovpartnership.org/x" in page and "Version 1" in page
