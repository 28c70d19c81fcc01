"""Every write of the self-assessments and of the public comments on them and on the IRM's draft reports."""

import datetime
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samskap.consultations.models import Outcome
from samskap.consultations.services import NothingToHide
from samskap.evaluation import documents
from samskap.evaluation.drafting import gather
from samskap.evaluation.models import Comment, CommentReport, PublishedVersion, Section, SelfAssessment
from samskap.history.services import record_change, save_tracked, snapshot
from samskap.kernel import documents as shared_documents
from samskap.kernel import intake
from samskap.kernel.documents import Document
from samskap.kernel.filecache import cached_file
from samskap.kernel.types import Actor, person
from samskap.plans.models import ActionPlan
from samskap.review.models import Report


class CommentsClosed(Exception):
    """The comment period is not open (or the report is final, or the self-assessment published)."""


class AlreadyPublished(Exception):
    """A published self-assessment is frozen: its text and window no longer change."""


# --- Self-assessments ------------------------------------------------------------------------


@transaction.atomic
def start_self_assessment(*, actor: Actor, plan: ActionPlan, kind: str) -> SelfAssessment:
    """Start a self-assessment with a section for the introduction, the process, each commitment of the
    record and the conclusions; the record's facts are drafted beside the narratives, not copied."""
    if SelfAssessment.objects.filter(plan=plan, kind=kind).exists():
        raise ValidationError({"kind": _("This plan already has this self-assessment.")}, code="exists")
    assessment = SelfAssessment(plan=plan, kind=kind, created_by=person(actor))
    save_tracked(actor=actor, instance=assessment, values={"language": plan.jurisdiction.default_language})
    parts: list[dict[str, Any]] = [{"kind": Section.Kind.INTRODUCTION}, {"kind": Section.Kind.PROCESS}]
    parts += [{"kind": Section.Kind.COMMITMENT, "commitment": c.commitment} for c in gather(plan).commitments]
    parts.append({"kind": Section.Kind.CONCLUSION})
    for order, values in enumerate(parts, 1):
        save_tracked(actor=actor, instance=Section(assessment=assessment), values={**values, "order": order})
    return assessment


def _unpublished(assessment: SelfAssessment) -> None:
    if SelfAssessment.objects.filter(pk=assessment.pk, published_at__isnull=False).exists():
        raise AlreadyPublished


@transaction.atomic
def save_section(*, actor: Actor, section: Section, narrative: str, narrative_en: str = "") -> Section:
    _unpublished(section.assessment)
    save_tracked(actor=actor, instance=section, values={"narrative": narrative, "narrative_en": narrative_en})
    return section


@transaction.atomic
def set_comment_window(
    *, actor: Actor, assessment: SelfAssessment, opens_on: datetime.date | None, closes_on: datetime.date | None
) -> bool:
    """Set the public comment period; True when it is shorter than two weeks (allowed, but warned about)."""
    _unpublished(assessment)
    save_tracked(
        actor=actor, instance=assessment, values={"comments_open_on": opens_on, "comments_close_on": closes_on}
    )
    return assessment.short_window


def _parts_and_comments(assessment: SelfAssessment) -> tuple[list[Section], list[Comment]]:
    parts = list(assessment.sections.select_related("commitment").order_by("order", "pk"))
    comments = list(
        Comment.objects.filter(section__assessment=assessment, confirmed_at__isnull=False)
        .select_related("section__commitment")
        .order_by("submitted_at", "pk")
    )
    return parts, comments


def draft_document(assessment: SelfAssessment, language: str | None = None) -> Document:
    """The self-assessment as it would be published now (the draft's preview)."""
    parts, comments = _parts_and_comments(assessment)
    return documents.build_document(
        assessment, parts, gather(assessment.plan), comments, language or assessment.language
    )


def languages(assessment: SelfAssessment) -> list[str]:
    """The plan's language, and English where the coordinator gave English text."""
    found = [assessment.language]
    if assessment.language != "en" and assessment.sections.exclude(narrative_en="").exists():
        found.append("en")
    return found


@transaction.atomic
def publish(
    *, actor: Actor, assessment: SelfAssessment, now: datetime.datetime | None = None
) -> list[PublishedVersion]:
    """Freeze the self-assessment: one stored document per language, with its hash. Once only."""
    assessment = SelfAssessment.objects.select_for_update().select_related("plan__jurisdiction").get(pk=assessment.pk)
    if assessment.published_at is not None:
        raise AlreadyPublished
    now = now or timezone.now()
    if assessment.comments_close_on and timezone.localdate(now) <= assessment.comments_close_on:
        raise ValidationError(_("The comment period has not ended yet."), code="comments_open")
    parts, comments = _parts_and_comments(assessment)
    record = gather(assessment.plan)
    versions = []
    for language in languages(assessment):
        document = documents.build_document(assessment, parts, record, comments, language)
        version = PublishedVersion(
            assessment=assessment,
            language=language,
            document=shared_documents.to_dict(document),
            sha256=shared_documents.content_hash(document),
            published_at=now,
        )
        version.save()
        record_change(
            actor=actor,
            instance=version,
            before=None,
            after={"language": language, "sha256": version.sha256},
            plan_id=assessment.plan_id,
        )
        versions.append(version)
    completions = {str(c.commitment.pk): c.completion for c in record.commitments}
    save_tracked(actor=actor, instance=assessment, values={"published_at": now, "completions": completions})
    return versions


#: The files a published version is offered as, and their content types.
FILE_TYPES: dict[str, str] = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def file_formats() -> list[str]:
    return list(FILE_TYPES)


def render_file(version: PublishedVersion, fmt: str) -> bytes:
    """A published version as HTML (our template), tagged PDF or DOCX (the renderers every frozen document
    shares, `kernel.documents`), from the stored document."""
    document = shared_documents.from_dict(version.document)
    if fmt == "pdf":
        return shared_documents.to_pdf(document)
    if fmt == "docx":
        return shared_documents.to_docx(document)
    with translation.override(version.language):
        return render_to_string("evaluation/frozen_document.html", {"document": document}).encode()


def published_file(version: PublishedVersion, fmt: str) -> Path | None:
    """The file on disk, rendered once: the version never changes, so its hash names the file for good
    (`kernel.filecache`); a PDF takes seconds to render and is asked for many times. None while another
    request renders it."""

    def write(out: IO[bytes]) -> None:
        out.write(render_file(version, fmt))

    return cached_file(f"self-assessment-{version.pk}-{fmt}", version.sha256, f".{fmt}", write)


# --- Public comments -------------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    comment: Comment
    created: bool


def _send_receipt(comment: Comment) -> None:
    intake.send_templated_email(
        "evaluation/email/comment_receipt",
        comment.email,
        {
            "comment": comment,
            "confirm_url": intake.absolute(reverse("evaluation:confirm", kwargs={"token": comment.confirmation_token})),
        },
        key=f"evaluation-comment-receipt-{comment.pk}",
    )


def comment(
    *,
    target: Section | Report,
    form_token: uuid.UUID,
    values: dict[str, Any],
    address: str = "",
    throttle: bool = False,
    now: datetime.datetime | None = None,
) -> Sent:
    """Store a public comment once per form token and email a confirmation link (the shared intake)."""
    existing = intake.already_stored(Comment, form_token)
    if existing is not None:
        return Sent(existing, created=False)
    day = timezone.localdate(now or timezone.now())
    open_ = target.assessment.takes_comments_on(day) if isinstance(target, Section) else target.takes_comments_on(day)
    if not open_:
        raise CommentsClosed
    if throttle:
        intake.throttle("evaluation", address=address, email=str(values.get("email", "")))
    instance = Comment(
        section=target if isinstance(target, Section) else None,
        report=target if isinstance(target, Report) else None,
        form_token=form_token,
        submitted_at=now or timezone.now(),
        language=(translation.get_language() or "")[:8],
        **values,
    )
    instance.full_clean(exclude=list(Comment.GENERATED_FIELDS))
    with transaction.atomic():
        stored = intake.store_once(instance, then=_send_receipt)
    return Sent(stored.record, stored.created)


#: Never in the public history: the sender's address and the secrets of the intake.
_PRIVATE = ("email", "confirmation_token", "form_token")


def _public(comment: Comment) -> dict[str, Any]:
    return {k: v for k, v in snapshot(comment).items() if k not in _PRIVATE}


@transaction.atomic
def confirm_comment(*, comment: Comment) -> Comment:
    if comment.confirmed_at is None:
        before = _public(comment)
        comment.mark_confirmed()
        comment.save(update_fields=["confirmed_at"])
        plan_id, _commitment = comment.history_scope()
        record_change(actor=None, instance=comment, before=before, after=_public(comment), plan_id=plan_id)
    return comment


@transaction.atomic
def answer_comment(*, actor: Actor, comment: Comment, outcome: str, reason: str) -> Comment:
    """The coordinator's reasoned answer to a comment on a self-assessment (consultations' outcomes)."""
    if comment.section_id is None:
        raise ValidationError(_("Comments on IRM reports are answered by the IRM."), code="report_comment")
    assert comment.section is not None
    _unpublished(comment.section.assessment)
    if outcome not in Outcome.values or not reason.strip():
        raise ValidationError({"reason": _("Choose an outcome and give the reason.")}, code="incomplete")
    before = _public(comment)
    comment.outcome, comment.reason = outcome, reason.strip()
    comment.answered_by, comment.answered_at = person(actor), timezone.now()
    comment.full_clean()
    comment.save()
    record_change(
        actor=actor, instance=comment, before=before, after=_public(comment), plan_id=comment.section.assessment.plan_id
    )
    return comment


# --- Moderation ------------------------------------------------------------------------------


def _frozen(comment: Comment) -> bool:
    """A published self-assessment's stored files hold its comments (they never change)."""
    return comment.section_id is not None and comment.section.assessment.published_at is not None  # type: ignore[union-attr]


def _moderation(comment: Comment) -> dict[str, Any]:
    # Only the hiding itself: the history never repeats the text (registrations: withheld_changes).
    return {k: v for k, v in snapshot(comment).items() if k in ("hidden_at", "hidden_reason")}


def _record_moderation(actor: Actor, comment: Comment, before: dict[str, Any]) -> None:
    plan_id, _commitment = comment.history_scope()
    record_change(actor=actor, instance=comment, before=before, after=_moderation(comment), plan_id=plan_id)


@transaction.atomic
def hide_comment(*, actor: Actor, comment: Comment, reason: str) -> Comment:
    """Hide a public comment with a public reason: it is then listed as a placeholder with the reason, its
    text in no public page, file or history; its open reports are resolved. Hiding again changes the reason.

    Only a listed comment (confirmed, publication consented) can be hidden (`NothingToHide`); one on a
    published self-assessment is refused (its published files are frozen)."""
    if not comment.is_listed:
        raise NothingToHide
    if _frozen(comment):
        raise ValidationError(
            _("This self-assessment is published: its files are frozen and its comments can no longer be hidden."),
            code="frozen",
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the public reason for hiding the comment.")}, code="required")
    before = _moderation(comment)
    comment.hidden_at = comment.hidden_at or timezone.now()
    comment.hidden_reason = reason
    comment.full_clean(exclude=list(Comment.GENERATED_FIELDS))
    comment.save(update_fields=["hidden_at", "hidden_reason"])
    comment.reports.update(resolved=True)
    _record_moderation(actor, comment, before)
    return comment


@transaction.atomic
def unhide_comment(*, actor: Actor, comment: Comment) -> Comment:
    """Undo a hiding (a moderator's mistake): the comment is listed with its text again."""
    if comment.hidden_at is None:
        return comment
    before = _moderation(comment)
    comment.hidden_at, comment.hidden_reason = None, ""
    comment.save(update_fields=["hidden_at", "hidden_reason"])
    _record_moderation(actor, comment, before)
    return comment


#: Reports on comments one address may send in the intake's window (an hour): enough for a reader, not a flood.
REPORTS_PER_ADDRESS = 20


@transaction.atomic
def report_comment(*, comment: Comment, reason: str, address: str = "") -> CommentReport:
    """Anyone's report that a comment breaks the rules (throttled per address like the other public forms)."""
    if address:
        intake.throttle("evaluation-report", address=address, per_address=REPORTS_PER_ADDRESS)
    found = CommentReport(comment=comment, reason=reason.strip())
    found.full_clean()
    found.save()
    return found


@transaction.atomic
def dismiss_comment_reports(*, comment: Comment) -> int:
    return comment.reports.filter(resolved=False).update(resolved=True)
