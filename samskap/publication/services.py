"""Writes of the publication flow: sharing a draft with the forum, the forum's endorsement, the government's
approval, the texts OGP needs in English, publishing (freezing a version) and the submission to OGP.

Every change is in the public history (`save_tracked`, `record_change`); a frozen version is rendered
once, here, and never again.
"""

import datetime
import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.commitments.models import Commitment
from samskap.history.services import record_change, save_tracked
from samskap.kernel import documents as renderers
from samskap.kernel.types import Actor, person
from samskap.plans import services as plans_services
from samskap.plans.models import ActionPlan
from samskap.publication import documents
from samskap.publication.models import Approval, CommitmentText, FrozenDocument, PlanText, PublishedVersion

#: OGP reads plans in English; a plan in another language is published in English too when given.
ENGLISH = "en"


def approval_of(plan: ActionPlan) -> Approval:
    """The plan's approval record (unsaved and empty when nothing is recorded yet)."""
    try:
        return plan.approval
    except Approval.DoesNotExist:
        return Approval(plan=plan)


def _require_draft(plan: ActionPlan) -> None:
    if plan.published_at is not None:
        raise ValidationError(_("The plan is already published; this step is for drafts."), code="published")


@transaction.atomic
def share_with_forum(*, actor: Actor, plan: ActionPlan) -> Approval:
    """The draft becomes visible to the members of the jurisdiction's stakeholder forum (still not public)."""
    _require_draft(plan)
    approval = approval_of(plan)
    if approval.shared_with_forum_at is None:
        save_tracked(actor=actor, instance=approval, values={"shared_with_forum_at": timezone.now()})
    return approval


@transaction.atomic
def record_forum_endorsement(*, actor: Actor, plan: ActionPlan, values: dict[str, Any]) -> Approval:
    """The forum's decision on the draft: the date and what the minutes say."""
    _require_draft(plan)
    approval = approval_of(plan)
    if approval.shared_with_forum_at is None:
        raise ValidationError(_("Share the draft with the forum before recording its endorsement."), code="order")
    save_tracked(actor=actor, instance=approval, values=values)
    return approval


@transaction.atomic
def record_government_approval(*, actor: Actor, plan: ActionPlan, values: dict[str, Any]) -> Approval:
    """The government's decision (date and reference); the plan's status becomes "approved"."""
    _require_draft(plan)
    approval = approval_of(plan)
    save_tracked(actor=actor, instance=approval, values=values)
    early = (ActionPlan.Status.PLANNED, ActionPlan.Status.CO_CREATION, ActionPlan.Status.CONSULTATION)
    if plan.status in early:
        plans_services.update_plan(actor=actor, plan=plan, values={"status": ActionPlan.Status.APPROVED})
    return approval


@transaction.atomic
def record_submission(*, actor: Actor, plan: ActionPlan, values: dict[str, Any]) -> Approval:
    """The plan was sent to OGP: the date, and the address of the plan on OGP's site."""
    if plan.published_at is None:
        raise ValidationError(_("Publish the plan before recording its submission to OGP."), code="draft")
    approval = approval_of(plan)
    save_tracked(actor=actor, instance=approval, values=values)
    return approval


@transaction.atomic
def save_plan_text(*, actor: Actor, plan: ActionPlan, language: str, values: dict[str, Any]) -> PlanText:
    text = PlanText.objects.filter(plan=plan, language=language).first() or PlanText(plan=plan, language=language)
    save_tracked(actor=actor, instance=text, values=values)
    return text


@transaction.atomic
def save_commitment_text(
    *, actor: Actor, commitment: Commitment, language: str, values: dict[str, Any]
) -> CommitmentText:
    if language == commitment.plan.jurisdiction.default_language:
        raise ValueError("A commitment's own language is edited on the commitment itself.")
    if "milestones" in values:  # {milestone id: text}: only this commitment's milestones
        own = {str(pk) for pk in commitment.milestones.values_list("pk", flat=True)}
        if not set(values["milestones"]) <= own or not all(isinstance(t, str) for t in values["milestones"].values()):
            raise ValidationError({"milestones": _("A text for a milestone the commitment does not have.")})
    text = CommitmentText.objects.filter(commitment=commitment, language=language).first()
    text = text or CommitmentText(commitment=commitment, language=language)
    save_tracked(actor=actor, instance=text, values=values)
    return text


# --- The completeness check -------------------------------------------------------------------


@dataclass(frozen=True)
class Missing:
    """Something the plan lacks before publication; `blocking` ones stop it, the others are warnings."""

    text: str
    blocking: bool = False
    commitment: Commitment | None = None


def completeness(plan: ActionPlan) -> list[Missing]:
    """What is missing before the plan can be published as OGP's template asks, blocking items first."""
    approval = approval_of(plan)
    source = plan.jurisdiction.default_language
    texts = {t.language: t for t in PlanText.objects.filter(plan=plan)}
    commitments = documents.plan_commitments(plan)
    missing: list[Missing] = []
    if not approval.government_approved_on:
        missing.append(Missing(_("The government's approval (date and reference) is not recorded."), True))
    if not commitments:
        missing.append(Missing(_("The plan has no commitments."), True))
    if not approval.forum_endorsed_on:
        missing.append(Missing(_("The stakeholder forum's endorsement is not recorded.")))
    own = texts.get(source)
    if not own or not own.introduction.strip():
        missing.append(Missing(_("The introduction is missing.")))
    if not own or not own.process.strip():
        missing.append(Missing(_("The description of how the plan was made is missing.")))
    for commitment in commitments:
        gaps = [
            str(Commitment._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
            for name in ("problem", "description", "contribution", "relevance")
            if not getattr(commitment, name).strip()
        ]
        if not commitment.lead_institution_id:
            gaps.append(_("lead implementing agency"))
        if not commitment.milestones.all():
            gaps.append(_("milestones"))
        if gaps:
            missing.append(
                Missing(
                    _("Commitment %(number)s lacks: %(gaps)s.")
                    % {"number": commitment.identifier, "gaps": "; ".join(gaps)},
                    commitment=commitment,
                )
            )
    if source != ENGLISH:
        english = texts.get(ENGLISH)
        if not english or not (english.title.strip() and english.introduction.strip() and english.process.strip()):
            missing.append(Missing(_("The English title, introduction or process description is missing.")))
        for commitment in commitments:
            text = next((t for t in commitment.texts.all() if t.language == ENGLISH), None)
            if text is None or not (text.title.strip() and text.description.strip()):
                missing.append(
                    Missing(
                        _("Commitment %(number)s has no English title and description.")
                        % {"number": commitment.identifier},
                        commitment=commitment,
                    )
                )
            elif not documents.milestones_in(commitment, text):
                missing.append(
                    Missing(
                        _(
                            "Commitment %(number)s: not every milestone has its English text, so the English "
                            "document shows the milestones in the original language."
                        )
                        % {"number": commitment.identifier},
                        commitment=commitment,
                    )
                )
    return missing


def blocking(plan: ActionPlan) -> list[Missing]:
    return [m for m in completeness(plan) if m.blocking]


def languages_of(plan: ActionPlan) -> list[str]:
    """The plan's language and, where English texts are given, English."""
    source = plan.jurisdiction.default_language
    if source != ENGLISH and PlanText.objects.filter(plan=plan, language=ENGLISH).exists():
        return [source, ENGLISH]
    return [source]


# --- Publishing: freezing a version -----------------------------------------------------------


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _freeze(*, actor: Actor, plan: ActionPlan, approval: Approval, today: datetime.date) -> PublishedVersion:
    last = plan.published_versions.order_by("-number").first()
    number = (last.number + 1) if last else 1
    commitments = documents.plan_commitments(plan)
    built = {
        language: documents.build(
            plan, language, version=number, published_on=today, approval=approval, commitments=commitments
        )
        for language in languages_of(plan)
    }
    source = plan.jurisdiction.default_language
    user = person(actor)
    version = PublishedVersion.objects.create(
        plan=plan,
        number=number,
        content_hash=renderers.content_hash(built[source]),
        published_by=user,
        published_by_name=(user.get_full_name() or user.get_username()) if user else "",
        government_approved_on=approval.government_approved_on,
        government_reference=approval.government_reference,
        forum_endorsed_on=approval.forum_endorsed_on,
    )
    for language, doc in built.items():
        files = {
            "html": renderers.to_html(doc).encode(),
            "pdf": renderers.to_pdf(doc),
            "docx": renderers.to_docx(doc),
        }
        FrozenDocument.objects.create(
            version=version,
            language=language,
            document=renderers.to_dict(doc),
            content_hash=renderers.content_hash(doc),
            file_hashes={fmt: _sha256(data) for fmt, data in files.items()},
            **files,
        )
    record_change(
        actor=actor,
        instance=version,
        before=None,
        after={"number": number, "content_hash": version.content_hash, "languages": sorted(built)},
        plan_id=plan.pk,
    )
    return version


@transaction.atomic
def publish(*, actor: Actor, plan: ActionPlan) -> PublishedVersion:
    """The approved draft is frozen as version 1 (HTML, PDF and DOCX, in the plan's language and, where
    given, English) and the plan becomes public (`plans.services.publish_plan`)."""
    given = plan
    plan = ActionPlan.objects.select_for_update().select_related("jurisdiction").get(pk=plan.pk)
    _require_draft(plan)
    problems = blocking(plan)
    if problems:
        raise ValidationError([m.text for m in problems], code="incomplete")
    version = _freeze(actor=actor, plan=plan, approval=approval_of(plan), today=timezone.localdate())
    plans_services.publish_plan(actor=actor, plan=plan)
    given.refresh_from_db()
    return version


@transaction.atomic
def publish_new_version(*, actor: Actor, plan: ActionPlan) -> PublishedVersion:
    """A published plan edited since its last version is frozen again as the next version; the earlier
    versions and their files stay as they were. Refused when nothing changed."""
    plan = ActionPlan.objects.select_for_update().select_related("jurisdiction").get(pk=plan.pk)
    if plan.published_at is None:
        raise ValidationError(_("A draft is published through the approval steps first."), code="draft")
    last = plan.published_versions.order_by("-number").first()
    approval = approval_of(plan)
    if last is not None:
        # The plan rebuilt as the last version was: the same hash means nothing in it changed.
        again = documents.build(
            plan,
            plan.jurisdiction.default_language,
            version=last.number,
            published_on=timezone.localdate(last.published_at),
            approval=approval,
        )
        if renderers.content_hash(again) == last.content_hash:
            raise ValidationError(_("Nothing has changed since the last published version."), code="unchanged")
    return _freeze(actor=actor, plan=plan, approval=approval, today=timezone.localdate())
