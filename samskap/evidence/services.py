"""Writes of the evidence repository, each recorded in the public history."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.consultations.attachments import judge
from samskap.evidence import linkcheck
from samskap.evidence.models import Document, Override, Verdict
from samskap.history.services import delete_tracked, save_tracked
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.types import Actor, person
from samskap.plans.models import ActionPlan

FIELDS = ("kind", "title", "description", "date", "language", "plan", "commitment", "milestone", "meeting", "url")


@transaction.atomic
def save_document(
    *,
    actor: Actor,
    jurisdiction: Jurisdiction,
    values: dict[str, Any],
    upload: UploadedFile | None = None,
    document: Document | None = None,
) -> Document:
    """Add or change a document. A new file is judged by its content first (as consultations judge
    attachments); a file replaces a link and a link a file. A changed link is checked again."""
    document = document or Document(jurisdiction=jurisdiction, added_by=person(actor))
    storage = document.file.storage
    previous = document.file.name or ""
    changes = {name: values[name] for name in FIELDS if name in values}
    if upload is not None:
        judged = judge(upload.name or "", upload, upload.size or 0)
        document.file.save(upload.name or "document", upload, save=False)
        changes.update(
            {"original_name": (upload.name or "")[:255], "content_type": judged.content_type, "size": judged.size}
        )
        changes["url"] = ""
    elif changes.get("url"):
        changes.update({"file": "", "original_name": "", "content_type": "", "size": 0})
    if changes.get("url") and changes["url"] != document.url:
        changes.update({"link_status": Document.LinkStatus.UNCHECKED, "link_checked_at": None, "link_problem": ""})
    try:
        save_tracked(actor=actor, instance=document, values=changes)
    except ValidationError:
        if upload is not None and document.file.name:
            storage.delete(document.file.name)  # nothing refers to the new file
        raise
    if previous and previous != document.file.name:
        transaction.on_commit(lambda: storage.delete(previous))  # the replaced file, once the change is in
    return document


@transaction.atomic
def remove_document(*, actor: Actor, document: Document) -> None:
    stored = document.file.name if document.file else ""
    storage = document.file.storage if document.file else None
    delete_tracked(actor=actor, instance=document)
    if stored and storage is not None:
        transaction.on_commit(lambda: storage.delete(stored))


def check_link(*, document: Document, now: datetime.datetime | None = None) -> Document:
    """Check the document's link; a change between working and broken is recorded in the history, a
    check that finds what it found before only stamps the time."""
    now = now or timezone.now()
    if not document.url:
        return document
    checked = linkcheck.check(document.url)
    status = Document.LinkStatus.OK if checked.ok else Document.LinkStatus.BROKEN
    if status == document.link_status:
        Document.objects.filter(pk=document.pk).update(link_checked_at=now, link_problem=checked.problem)
        document.link_checked_at, document.link_problem = now, checked.problem
        return document
    with transaction.atomic():
        save_tracked(
            actor=None,
            instance=document,
            values={"link_status": status, "link_checked_at": now, "link_problem": checked.problem},
        )
    return document


@transaction.atomic
def override_verdict(*, actor: Actor, plan: ActionPlan, requirement: str, verdict: str, reason: str) -> Override:
    from samskap.evidence.standards import REQUIREMENTS

    if requirement not in REQUIREMENTS:
        raise ValidationError(_("There is no such minimum requirement."))
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": _("Choose a verdict.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the verdict.")})
    found = Override.objects.select_for_update().filter(plan=plan, requirement=requirement).first()
    override = found or Override(plan=plan, requirement=requirement)
    save_tracked(
        actor=actor,
        instance=override,
        values={"verdict": verdict, "reason": reason.strip(), "decided_by": person(actor)},
    )
    return override


@transaction.atomic
def clear_override(*, actor: Actor, plan: ActionPlan, requirement: str) -> None:
    found = Override.objects.filter(plan=plan, requirement=requirement).first()
    if found is not None:
        delete_tracked(actor=actor, instance=found)
