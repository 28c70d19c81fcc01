"""Every write to consultations, submissions and answers. Emails go out through the task worker."""

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samskap.accounts.models import User
from samskap.accounts.permissions import Actor
from samskap.consultations.attachments import judge
from samskap.consultations.models import (
    Attachment,
    Consultation,
    Report,
    Response,
    Section,
    Submission,
    SubmissionGroup,
    Topic,
)
from samskap.consultations.text import normalise_for_search, search_config, split_sections
from samskap.history.services import record_change, save_tracked
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel import intake
from samskap.kernel.slugs import unique_slug as kernel_unique_slug


class ConsultationClosed(Exception):
    """The deadline has passed (or the consultation has not opened yet)."""


def unique_slug(jurisdiction: Jurisdiction, title: str, exclude_pk: int | None = None) -> str:
    """The title's slug, unique in the jurisdiction; æ, ø and å are transliterated ("horing-om-apne-data")."""
    others = Consultation.objects.filter(jurisdiction=jurisdiction).exclude(pk=exclude_pk or 0)
    return kernel_unique_slug(
        title,
        taken=lambda slug: others.filter(slug=slug).exists(),
        max_length=Consultation._meta.get_field("slug").max_length or 80,
        fallback="consultation",
    )


def sync_sections(consultation: Consultation) -> None:
    """Sections follow the text's level-2 headings; a section keeps its comments by its position."""
    parts = split_sections(consultation.body) if consultation.split_into_sections else []
    existing = {section.order: section for section in consultation.sections.all()}
    for order, (title, body) in enumerate(parts, start=1):
        section = existing.pop(order, None) or Section(consultation=consultation, order=order)
        section.title, section.body = title, body
        section.save()
    for section in existing.values():
        section.delete()


@transaction.atomic
def save_consultation(
    *, actor: Actor, jurisdiction: Jurisdiction, consultation: Consultation | None = None, values: dict[str, Any]
) -> Consultation:
    consultation = consultation or Consultation(jurisdiction=jurisdiction)
    if consultation.jurisdiction_id != jurisdiction.pk:
        raise ValueError("The consultation belongs to another jurisdiction.")
    values = dict(values)
    if not consultation.slug:  # the address stays the same when the title changes: links keep working
        values.setdefault("slug", unique_slug(jurisdiction, values.get("title", ""), consultation.pk))
    save_tracked(actor=actor, instance=consultation, values=values)
    sync_sections(consultation)
    return consultation


@transaction.atomic
def add_document(*, actor: Actor, consultation: Consultation, title: str, file: UploadedFile | None, link: str) -> None:
    document = consultation.documents.create(title=title, link=link)
    if file is not None:
        judged = judge(file.name or "", file, file.size or 0)
        document.file.save(file.name or "document", file, save=False)
        document.content_type = judged.content_type
        document.save()


# --- Submissions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    submission: Submission
    created: bool  # False: the same form was sent again; the first receipt stands


def _email(template: str, to: str, context: dict[str, Any], *, key: str = "") -> None:
    intake.send_templated_email(f"consultations/email/{template}", to, context, key=key)


def send_receipt(submission: Submission, *, key: str = "") -> None:
    """Email the receipt and the confirmation link. The address is not confirmed yet, so the email
    carries nothing the sender wrote (not even the name): it cannot be used to mail others a message."""
    consultation = submission.consultation
    _email(
        "receipt",
        submission.email,
        {
            "submission": submission,
            "consultation": consultation,
            "confirm_url": intake.absolute(
                reverse("consultations:confirm", kwargs={"token": submission.confirmation_token})
            ),
            "receipt_url": intake.absolute(reverse("consultations:receipt", kwargs={"receipt": submission.receipt})),
        },
        key=key,
    )


def resend_receipt(*, receipt: str, email: str, key: str = "") -> bool:
    """Send the confirmation link again when the receipt number and the email match a submission that is
    still unconfirmed; otherwise nothing. Runs in the worker (`consultations.tasks`)."""
    submission = (
        Submission.objects.select_related("consultation__jurisdiction")
        .filter(receipt=receipt.strip().upper()[:16], status=Submission.Status.UNCONFIRMED)
        .first()
    )
    if submission is None or submission.email.strip().lower() != email.strip().lower():
        return False
    send_receipt(submission, key=key)
    return True


def submit(
    *,
    consultation: Consultation,
    form_token: uuid.UUID,
    values: dict[str, Any],
    files: list[UploadedFile] | None = None,
    late: bool = False,
    now: datetime.datetime | None = None,
    address: str = "",
    throttle: bool = False,
    language: str | None = None,
) -> Sent:
    """Store a submission once per form token and email its receipt with a confirmation link.

    A double click or a resend of the same form returns the first submission. Late submissions are
    only taken when a coordinator accepts them (`late=True`); they are marked late. With `throttle`
    (the public form), a new submission counts against the intake's limit for the sender's address
    and email and raises `intake.TooManySubmissions` past it. The sender's language (by default the
    active one, the interface they wrote through; "" when unknown, as for input registered by a
    coordinator) is kept for the emails they get later.
    """
    existing = intake.already_stored(Submission, form_token)
    if existing is not None:
        return Sent(existing, created=False)
    now = now or timezone.now()
    if not late and consultation.state_at(now) != Consultation.State.OPEN:
        raise ConsultationClosed
    if throttle:
        intake.throttle("consultation", address=address, email=str(values.get("email", "")))
    section = values.pop("section", None)
    if section is not None and section.consultation_id != consultation.pk:
        section = None
    submission = Submission(
        consultation=consultation,
        section=section,
        form_token=form_token,
        is_late=late or now >= consultation.closes_at,
        submitted_at=now,
        language=((translation.get_language() if language is None else language) or "")[:8],
        search_config=search_config(consultation.jurisdiction.default_language),
        **values,
    )
    submission.search_text = normalise_for_search(
        submission.text, submission.organisation, " ".join(a.get("answer", "") for a in submission.answers)
    )
    # The consultation and section are objects read above, not input: checking that they exist would
    # cost a query per submission at the deadline rush.
    submission.full_clean(exclude=[*Submission.GENERATED_FIELDS, "consultation", "section"])

    def attach_and_send_receipt(stored: Submission) -> None:
        for upload in files or []:
            judged = judge(upload.name or "", upload, upload.size or 0)
            attachment = Attachment(
                submission=stored,
                original_name=(upload.name or "file")[:255],
                content_type=judged.content_type,
                size=judged.size,
            )
            attachment.file.save(upload.name or "file", upload, save=False)
            attachment.save()
        send_receipt(stored)

    stored = intake.store_once(submission, then=attach_and_send_receipt)
    return Sent(stored.record, created=stored.created)


def _publish_status(submission: Submission) -> str:
    if submission.consent == Submission.Consent.NONE:
        return Submission.Status.NOT_PUBLISHED
    if submission.consultation.moderation:
        return Submission.Status.PENDING
    return Submission.Status.PUBLISHED


@transaction.atomic
def confirm(*, submission: Submission) -> Submission:
    """The sender confirmed the email address; publish (or queue for moderation)."""
    if submission.status != Submission.Status.UNCONFIRMED:
        return submission
    now = timezone.now()
    submission.mark_confirmed(now)
    submission.status = _publish_status(submission)
    if submission.status == Submission.Status.PUBLISHED:
        submission.published_at = now
    submission.save(update_fields=["confirmed_at", "status", "published_at"])
    return submission


def _record_status(actor: Actor, submission: Submission, before: dict[str, Any]) -> None:
    record_change(
        actor=actor,
        instance=submission,
        before=before,
        after={"status": submission.status, "hidden_reason": submission.hidden_reason},
        plan_id=submission.consultation.plan_id,
    )


@transaction.atomic
def approve(*, actor: Actor, submission: Submission) -> Submission:
    if submission.status != Submission.Status.PENDING:
        return submission
    before = {"status": submission.status, "hidden_reason": submission.hidden_reason}
    submission.status = Submission.Status.PUBLISHED
    submission.published_at = timezone.now()
    submission.save(update_fields=["status", "published_at"])
    _record_status(actor, submission, before)
    return submission


class NothingToHide(Exception):
    """Only a published submission (or one held for moderation) can be hidden: hiding never publishes."""


@transaction.atomic
def hide(*, actor: Actor, submission: Submission, reason: str) -> Submission:
    """Hide a submission with a public reason; the hiding is in the change history.

    A published submission is then listed as a placeholder with the reason; one held for moderation
    is rejected and stays unpublished. Unconfirmed and "do not publish" input is not public: refused.
    """
    if submission.status not in (Submission.Status.PUBLISHED, Submission.Status.PENDING, Submission.Status.HIDDEN):
        raise NothingToHide
    before = {"status": submission.status, "hidden_reason": submission.hidden_reason}
    submission.status = Submission.Status.HIDDEN
    submission.hidden_reason = reason
    submission.save(update_fields=["status", "hidden_reason"])
    submission.reports.update(resolved=True)
    _record_status(actor, submission, before)
    return submission


@transaction.atomic
def report(*, submission: Submission, reason: str) -> Report:
    return Report.objects.create(submission=submission, reason=reason)


@transaction.atomic
def dismiss_reports(*, submission: Submission) -> None:
    submission.reports.update(resolved=True)


# --- Reasoned response -----------------------------------------------------------------------


@transaction.atomic
def classify(*, consultation: Consultation, submission: Submission, topic_names: list[str], group_title: str) -> None:
    """Tag a submission with themes and put it in a group of similar ones (created as needed)."""
    topics = []
    for name in dict.fromkeys(n.strip()[:120] for n in topic_names if n.strip()):
        topic, _created = Topic.objects.get_or_create(consultation=consultation, name=name)
        topics.append(topic)
    submission.topics.set(topics)
    group = None
    if group_title.strip():
        group, _created = SubmissionGroup.objects.get_or_create(
            consultation=consultation, title=group_title.strip()[:300]
        )
    submission.group = group
    submission.save(update_fields=["group"])


@transaction.atomic
def answer(
    *,
    actor: Actor,
    consultation: Consultation,
    submissions: list[Submission],
    outcome: str,
    reason: str,
    commitments: list[Any] | None = None,
    themes: list[Any] | None = None,
) -> Response:
    """Answer one submission or a group with an outcome and a reason; each sender gets an email."""
    current = {s.response_id for s in submissions if s.response_id is not None}
    response = (
        Response.objects.get(pk=next(iter(current))) if len(current) == 1 else Response(consultation=consultation)
    )
    person = actor if isinstance(actor, User) else None
    values = {
        "outcome": outcome,
        "reason": reason,
        "answered_by": person,
        "answered_by_name": person.get_full_name() if person is not None else "",
    }
    save_tracked(
        actor=actor,
        instance=response,
        values=values,
        related={"commitments": list(commitments or []), "themes": list(themes or [])},
    )
    newly_answered = [s for s in submissions if s.response_id is None]
    Submission.objects.filter(pk__in=[s.pk for s in submissions]).update(response=response)
    for submission in submissions:
        submission.response = response
    for submission in newly_answered:
        if submission.status in (Submission.Status.UNCONFIRMED, Submission.Status.HIDDEN):
            continue
        # In the language the sender wrote in, with links under that language's prefix (/en/...).
        with translation.override(submission.language or consultation.jurisdiction.default_language):
            _email(
                "answered",
                submission.email,
                {
                    "submission": submission,
                    "consultation": consultation,
                    "response": response,
                    "url": intake.absolute(submission.get_absolute_url())
                    if submission.status == Submission.Status.PUBLISHED
                    else intake.absolute(consultation.get_absolute_url()),
                },
            )
    return response


@transaction.atomic
def save_summary(*, actor: Actor, consultation: Consultation, summary: str) -> Consultation:
    """Publish the summary (the consultation becomes answered). Refused while the consultation has not
    closed: input may still come, and the state would stay "open" with an answer already given."""
    if summary.strip() and consultation.state in (Consultation.State.UPCOMING, Consultation.State.OPEN):
        raise ValidationError(
            {
                "summary": _(
                    "The summary can be published when the deadline has passed, not while input may still come."
                )
            },
            code="still_open",
        )
    save_tracked(actor=actor, instance=consultation, values={"summary": summary})
    return consultation
