"""Every write of proposals. A draft is private: its edits are saved without a history record (the
public history must not show it); from the moment it is submitted, every change goes through
`history.services` and is public, and each change of state is a `Step` on the proposal's page.

The rules of the states are here, in `TRANSITIONS`: who may move a proposal from which state to which.
"""

import datetime
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samskap.accounts.models import RoleGrant, User
from samskap.accounts.permissions import can
from samskap.commitments.models import Commitment
from samskap.commitments.services import create_commitment, save_milestone
from samskap.forum.models import Meeting
from samskap.history.services import record_change, save_tracked, snapshot
from samskap.kernel import intake
from samskap.kernel.tasks import send_email
from samskap.kernel.types import Actor, person
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan
from samskap.proposals.models import Comment, Proposal, Round, Step
from samskap.proposals.permissions import ProposalAction

Status = Proposal.Status

#: From each state, the states a coordinator may move a proposal to. The author may send a draft or a
#: revised proposal (to SUBMITTED) and withdraw what is not decided; nothing leaves a final state.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.SUBMITTED}),
    Status.SUBMITTED: frozenset(
        {Status.UNDER_DISCUSSION, Status.NEEDS_REVISION, Status.MERGED, Status.ACCEPTED, Status.NOT_TAKEN_UP}
    ),
    Status.UNDER_DISCUSSION: frozenset({Status.NEEDS_REVISION, Status.MERGED, Status.ACCEPTED, Status.NOT_TAKEN_UP}),
    Status.NEEDS_REVISION: frozenset(
        {Status.SUBMITTED, Status.UNDER_DISCUSSION, Status.MERGED, Status.ACCEPTED, Status.NOT_TAKEN_UP}
    ),
}
#: The states a coordinator chooses from when deciding (sending is the author's).
DECISIONS = (Status.UNDER_DISCUSSION, Status.NEEDS_REVISION, Status.MERGED, Status.ACCEPTED, Status.NOT_TAKEN_UP)
#: A proposal may be merged into one in these states (not into a draft or one already closed otherwise).
MERGE_TARGETS = frozenset({Status.SUBMITTED, Status.UNDER_DISCUSSION, Status.NEEDS_REVISION, Status.ACCEPTED})


class WrongStep(Exception):
    """The proposal is not in a state this step starts from, or the actor may not take it."""


def _actor_name(actor: Actor, organisation: Organisation | None = None) -> str:
    user = person(actor)
    name = (user.get_full_name() or user.email) if user else ""
    if organisation is not None:
        return f"{organisation.name} ({name})" if name else organisation.name
    return name


def _step(actor: Actor, proposal: Proposal, *, note: str = "", meeting: Meeting | None = None, at: Any = None) -> Step:
    step = Step(proposal=proposal)
    save_tracked(
        actor=actor,
        instance=step,
        values={
            "status": proposal.status,
            "note": note,
            "meeting": meeting,
            "actor_name": _actor_name(actor),
            "at": at or timezone.now(),
        },
    )
    return step


def _save_draft(proposal: Proposal, values: dict[str, Any], co_authors: list[Organisation] | None) -> None:
    """A draft's edit: validated and saved, not in the public history (nobody else sees a draft)."""
    for name, value in values.items():
        setattr(proposal, name, value)
    proposal.updated_at = timezone.now()
    proposal.full_clean(exclude=list(Proposal.GENERATED_FIELDS) if proposal.pk is None else None)
    proposal.save()
    if co_authors is not None:
        proposal.co_authors.set(co_authors)


def _check_organisation(actor: Actor, organisation: Organisation | None) -> None:
    if organisation is not None and not can(actor, ProposalAction.ACT_FOR, organisation):
        raise ValidationError({"organisation": _("You may only act for an organisation you are an editor of.")})


def _check_round(plan: ActionPlan, round_: Round | None) -> None:
    if round_ is not None and round_.plan_id != plan.pk:
        raise ValueError("The round belongs to another plan.")


# --- Drafts and sending -------------------------------------------------------------------------


@transaction.atomic
def create_draft(
    *,
    actor: User,
    plan: ActionPlan,
    round: Round | None = None,
    values: dict[str, Any],
    organisation: Organisation | None = None,
    co_authors: list[Organisation] | None = None,
) -> Proposal:
    """A signed-in user's new proposal, kept as a draft until they send it. An institution editor may
    write it for their organisation (a ministry's proposal); who acted for whom is recorded."""
    _check_round(plan, round)
    _check_organisation(actor, organisation)
    proposal = Proposal(
        plan=plan,
        round=round,
        author=actor,
        author_name=actor.get_full_name() or actor.email,
        email=actor.email,
        confirmed_at=timezone.now(),  # an account's address is confirmed already
        organisation=organisation,
        organisation_name=organisation.name if organisation else str(values.pop("organisation_name", "") or ""),
    )
    values.setdefault(
        "sender_type",
        Proposal.SenderType.GOVERNMENT
        if organisation is not None and organisation.type in Organisation.GOVERNMENT_TYPES
        else Proposal.SenderType.CIVIL_SOCIETY
        if organisation is not None or proposal.organisation_name
        else Proposal.SenderType.CITIZEN,
    )
    _save_draft(proposal, values, co_authors)
    return proposal


@transaction.atomic
def update_proposal(
    *, actor: Actor, proposal: Proposal, values: dict[str, Any], co_authors: list[Organisation] | None = None
) -> Proposal:
    """The author edits a draft or a proposal sent back for revision (then the change is public history)."""
    if proposal.status == Status.DRAFT:
        _save_draft(proposal, values, co_authors)
    elif proposal.status == Status.NEEDS_REVISION:
        related = {"co_authors": list(co_authors)} if co_authors is not None else None
        save_tracked(actor=actor, instance=proposal, values=values, related=related)  # type: ignore[arg-type]
    else:
        raise WrongStep(_("Only a draft or a proposal sent back for revision can be edited."))
    return proposal


def _answer_by(proposal: Proposal, now: datetime.datetime) -> datetime.date | None:
    """Civil society's and citizens' proposals get an answer date for the responsible ministry: the
    round's days after its deadline (or after sending, if later)."""
    if proposal.sender_type == Proposal.SenderType.GOVERNMENT or proposal.responsible_id is None:
        return None
    start = max(proposal.round.closes_at, now) if proposal.round else now
    days = proposal.round.answer_days if proposal.round else 21
    return (start + datetime.timedelta(days=days)).date()


@transaction.atomic
def submit(*, actor: Actor, proposal: Proposal, now: datetime.datetime | None = None) -> Proposal:
    """Send a draft (it becomes public) or a revised proposal (back in discussion)."""
    now = now or timezone.now()
    if proposal.status not in (Status.DRAFT, Status.NEEDS_REVISION):
        raise WrongStep(_("Only a draft or a proposal sent back for revision can be sent."))
    if proposal.confirmed_at is None:
        raise WrongStep(_("The email address has not been confirmed yet."))
    if proposal.status == Status.DRAFT:
        # A draft begun in time but sent after the round's deadline is taken, marked late (nothing is lost).
        proposal.is_late = proposal.round is not None and now >= proposal.round.closes_at
        if proposal.responsible_id is None and proposal.sender_type != Proposal.SenderType.GOVERNMENT:
            lead = proposal.lead_institution
            if lead is not None and lead.type in Organisation.GOVERNMENT_TYPES:
                proposal.responsible = lead  # the ministry it would fall to answers it
        proposal.status = Status.SUBMITTED
        proposal.sent_at = now
        proposal.submitted_at = now
        proposal.answer_by = _answer_by(proposal, now)
        proposal.updated_at = now
        proposal.full_clean()
        proposal.save()
        # Its first public record: everything it says as it was sent.
        extra = {"co_authors": sorted(str(o) for o in proposal.co_authors.all())}
        record_change(
            actor=actor, instance=proposal, before=None, after=snapshot(proposal, extra=extra), plan_id=proposal.plan_id
        )
    else:
        save_tracked(actor=actor, instance=proposal, values={"status": Status.SUBMITTED})
    _step(actor, proposal, at=now)
    return proposal


@transaction.atomic
def record_received(
    *,
    actor: Actor,
    plan: ActionPlan,
    round: Round | None = None,
    values: dict[str, Any],
    organisation: Organisation | None,
    author_name: str,
    sent_at: datetime.datetime,
    co_authors: list[Organisation] | None = None,
) -> Proposal:
    """A proposal that reached the coordinator by letter or email ("er KMD i hende innen 18. mai"),
    registered by the coordinator as sent on `sent_at` by `author_name` for `organisation`. The step
    says who registered it, so who acted for whom stays visible."""
    if not can(actor, ProposalAction.TRIAGE, Proposal(plan=plan)):
        raise WrongStep(_("Only the plan's coordinator registers a proposal received by letter or email."))
    _check_round(plan, round)
    user = person(actor)
    government = organisation is not None and organisation.type in Organisation.GOVERNMENT_TYPES
    proposal = Proposal(
        plan=plan,
        round=round,
        author=user,
        author_name=author_name,
        email=(user.email if user else "") or "postmottak@example.org",
        confirmed_at=sent_at,
        organisation=organisation,
        organisation_name=organisation.name if organisation else "",
        sender_type=values.pop("sender_type", None)
        or (Proposal.SenderType.GOVERNMENT if government else Proposal.SenderType.CIVIL_SOCIETY),
    )
    _save_draft(proposal, values, co_authors)
    submit(actor=actor, proposal=proposal, now=sent_at)
    step = proposal.steps.get()
    save_tracked(
        actor=actor,
        instance=step,
        values={"note": _("Received by letter or email; registered by %(name)s.") % {"name": _actor_name(actor)}},
    )
    return proposal


def send_public(
    *,
    plan: ActionPlan,
    round: Round | None = None,
    form_token: uuid.UUID,
    values: dict[str, Any],
    address: str = "",
    throttle: bool = False,
) -> Proposal:
    """A proposal from someone without an account (the shared intake): stored once per form token,
    public only after the sender confirms their email address."""
    _check_round(plan, round)
    existing = intake.already_stored(Proposal, form_token)
    if existing is not None:
        return existing
    if throttle:
        intake.throttle("proposals", address=address, email=str(values.get("email", "")))
    proposal = Proposal(plan=plan, round=round, form_token=form_token, status=Status.DRAFT, **values)
    proposal.full_clean(exclude=list(Proposal.GENERATED_FIELDS))
    language = translation.get_language() or plan.jurisdiction.default_language

    def receipt(stored: Proposal) -> None:
        url = intake.absolute(reverse("proposals:confirm", kwargs={"token": stored.confirmation_token}))
        with translation.override(language):
            intake.send_templated_email(
                "proposals/email/receipt",
                stored.email,
                {"proposal": stored, "plan": plan, "confirm_url": url},
                key=f"proposals.receipt:{stored.pk}",
            )

    return intake.store_once(proposal, then=receipt).record


@transaction.atomic
def confirm(*, proposal: Proposal, now: datetime.datetime | None = None) -> Proposal:
    """The sender confirmed their address: the proposal is sent (and public)."""
    if proposal.confirmed_at is None:
        proposal.mark_confirmed(now)
        proposal.save(update_fields=["confirmed_at"])
    if proposal.status == Status.DRAFT:
        submit(actor=None, proposal=proposal, now=now)
    return proposal


@transaction.atomic
def discard_draft(*, proposal: Proposal) -> None:
    """The author throws away a draft nobody else has seen (no history: it was never public)."""
    if proposal.status != Status.DRAFT:
        raise WrongStep(_("Only a draft can be deleted; withdraw a sent proposal instead."))
    proposal.delete()


@transaction.atomic
def withdraw(*, actor: Actor, proposal: Proposal, reason: str = "", now: datetime.datetime | None = None) -> Proposal:
    """The author (or a coordinator) withdraws a sent proposal that is not decided yet."""
    if proposal.status == Status.DRAFT or proposal.is_final:
        raise WrongStep(_("Only a sent proposal that is not decided yet can be withdrawn."))
    now = now or timezone.now()
    save_tracked(
        actor=actor, instance=proposal, values={"status": Status.WITHDRAWN, "reason": reason, "decided_at": now}
    )
    _step(actor, proposal, note=reason, at=now)
    return proposal


# --- The coordinator's decisions ------------------------------------------------------------------


@transaction.atomic
def set_responsible(
    *, actor: Actor, proposal: Proposal, responsible: Organisation | None, answer_by: datetime.date | None
) -> Proposal:
    """Which ministry is asked to answer the proposal, and by when."""
    if responsible is not None and responsible.jurisdiction_id not in (None, proposal.plan.jurisdiction_id):
        raise ValidationError({"responsible": _("The ministry belongs to another jurisdiction.")})
    save_tracked(actor=actor, instance=proposal, values={"responsible": responsible, "answer_by": answer_by})
    return proposal


@transaction.atomic
def decide(
    *,
    actor: Actor,
    proposal: Proposal,
    status: str,
    reason: str = "",
    merged_into: Proposal | None = None,
    meeting: Meeting | None = None,
    commitment: Commitment | None = None,
    identifier: str = "",
    now: datetime.datetime | None = None,
) -> Proposal:
    """Move a proposal on. "Not taken up" needs a reason; a merge names the proposal it went into; an
    acceptance creates the commitment in the plan's draft (or links to one worked out from it)."""
    now = now or timezone.now()
    if status not in TRANSITIONS.get(proposal.status, frozenset()) or status == Status.SUBMITTED:
        raise WrongStep(
            _("A proposal that is “%(current)s” cannot become “%(new)s”.")
            % {"current": proposal.get_status_display(), "new": Status(status).label}
        )
    reason = reason.strip()
    if status == Status.NOT_TAKEN_UP and not reason:
        raise ValidationError({"reason": _("Give the reason why the proposal is not taken up.")})
    if meeting is not None and meeting.forum.jurisdiction_id != proposal.plan.jurisdiction_id:
        raise ValidationError({"meeting": _("The meeting belongs to another jurisdiction's forum.")})
    values: dict[str, Any] = {"status": status, "reason": reason}
    if status == Status.MERGED:
        _check_merge(proposal, merged_into)
        values["merged_into"] = merged_into
    if status == Status.ACCEPTED:
        values["commitment"] = _commitment_for(actor, proposal, commitment, identifier)
    if status in Proposal.FINAL:
        values["decided_at"] = now
    save_tracked(actor=actor, instance=proposal, values=values)
    _step(actor, proposal, note=reason, meeting=meeting, at=now)
    return proposal


def _check_merge(proposal: Proposal, target: Proposal | None) -> None:
    if target is None:
        raise ValidationError({"merged_into": _("Choose the proposal it was merged into.")})
    if target.pk == proposal.pk:
        raise ValidationError({"merged_into": _("A proposal cannot be merged into itself.")})
    if target.plan_id != proposal.plan_id:
        raise ValidationError({"merged_into": _("The proposal it is merged into must be one to the same plan.")})
    if target.status not in MERGE_TARGETS:
        raise ValidationError({"merged_into": _("A proposal can only be merged into a sent one that is still open.")})


def _commitment_for(actor: Actor, proposal: Proposal, commitment: Commitment | None, identifier: str) -> Commitment:
    """The commitment an accepted proposal became: an existing one of the plan it was worked into, or a
    new one in the plan's draft, filled from the proposal (the template's fields and its milestones)."""
    if commitment is not None:
        if commitment.plan_id != proposal.plan_id:
            raise ValidationError({"commitment": _("The commitment belongs to another plan.")})
        return commitment
    plan = proposal.plan
    if plan.published_at is not None:
        message = _("The plan is published: choose the commitment it became, or accept it into a draft revision.")
        raise ValidationError({"commitment": message})
    identifier = identifier.strip() or f"P{proposal.pk}"
    if Commitment.objects.filter(plan=plan, identifier=identifier).exists():
        raise ValidationError({"identifier": _("The plan already has a commitment with this identifier.")})
    names = [
        "title", "problem", "description", "contribution", "relevance", "access_to_information",
        "civic_participation", "public_accountability", "technology_innovation", "lead_institution",
        "other_actors", "start_date", "end_date", "budget",
    ]  # fmt: skip
    values: dict[str, Any] = {name: getattr(proposal, name) for name in names}
    values["title"] = values["title"][:500]
    values.update(
        identifier=identifier,
        order=plan.commitments.count() + 1,
        status=Commitment.Status.INCLUDED,
        origin=Commitment.Origin.GOVERNMENT
        if proposal.sender_type == Proposal.SenderType.GOVERNMENT
        else Commitment.Origin.CIVIL_SOCIETY,
    )
    created = create_commitment(actor=actor, plan=plan, values=values)
    for order, line in enumerate(proposal.milestone_lines(), start=1):
        save_milestone(actor=actor, commitment=created, values={"order": order, "activity": line})
    return created


# --- Comments and answers -----------------------------------------------------------------------


@transaction.atomic
def add_comment(*, actor: User, proposal: Proposal, text: str, organisation: Organisation | None = None) -> Comment:
    """A comment as a person or for an organisation; the responsible ministry's comment is its answer."""
    if not proposal.is_public:
        raise WrongStep(_("A draft cannot be commented on."))
    if proposal.status in (Status.WITHDRAWN, Status.MERGED):
        raise WrongStep(_("The proposal is closed for comments."))
    _check_organisation(actor, organisation)
    is_answer = organisation is not None and organisation.pk == proposal.responsible_id
    comment = Comment(proposal=proposal)
    save_tracked(
        actor=actor,
        instance=comment,
        values={
            "author": actor,
            "author_name": actor.get_full_name() or actor.email,
            "organisation": organisation,
            "text": text,
            "is_answer": is_answer,
        },
    )
    return comment


@transaction.atomic
def record_comment(
    *,
    actor: Actor,
    proposal: Proposal,
    organisation: Organisation,
    text: str,
    written_at: datetime.datetime | None = None,
) -> Comment:
    """A comment an organisation sent by letter or email (or gave at a forum meeting), registered by the
    coordinator in the organisation's name; the coordinator's own name stays with it."""
    if not can(actor, ProposalAction.TRIAGE, proposal):
        raise WrongStep(_("Only the plan's coordinator registers a comment received by letter or email."))
    if not proposal.is_public:
        raise WrongStep(_("A draft cannot be commented on."))
    comment = Comment(proposal=proposal)
    save_tracked(
        actor=actor,
        instance=comment,
        values={
            "author": person(actor),
            "author_name": _("registered by %(name)s") % {"name": _actor_name(actor) or "Samskap"},
            "organisation": organisation,
            "text": text,
            "is_answer": organisation.pk == proposal.responsible_id,
            "created_at": written_at or timezone.now(),
        },
    )
    return comment


def _editors(organisation: Organisation) -> list[User]:
    return list(
        User.objects.filter(
            role_grants__role=RoleGrant.Role.EDITOR, role_grants__organisation=organisation, is_active=True
        ).distinct()
    )


def send_answer_reminder(*, proposal: Proposal) -> int:
    """Remind the responsible ministry's editors to answer; keyed so that each is sent once."""
    if proposal.responsible is None or proposal.answer_by is None:
        return 0
    sent = 0
    url = intake.absolute(proposal.get_absolute_url())
    for editor in _editors(proposal.responsible):
        with translation.override(proposal.plan.jurisdiction.default_language):
            context = {"proposal": proposal, "url": url, "ministry": proposal.responsible}
            subject = render_to_string("proposals/email/reminder_subject.txt", context).strip()
            body = render_to_string("proposals/email/reminder_body.txt", context)
        send_email.enqueue(
            subject=" ".join(subject.split()),
            body=body,
            to=[editor.email],
            key=f"proposals.reminder:{proposal.pk}:{proposal.answer_by.isoformat()}:{editor.pk}",
        )
        sent += 1
    return sent


# --- Rounds ---------------------------------------------------------------------------------------


@transaction.atomic
def save_round(*, actor: Actor, plan: ActionPlan, round: Round | None = None, values: dict[str, Any]) -> Round:
    round = round or Round(plan=plan)
    if round.plan_id != plan.pk:
        raise ValueError("The round belongs to another plan.")
    meeting = values.get("meeting")
    if meeting is not None and meeting.forum.jurisdiction_id != plan.jurisdiction_id:
        raise ValidationError({"meeting": _("The meeting belongs to another jurisdiction's forum.")})
    phase = values.get("phase")
    if phase is not None and phase.plan_id != plan.pk:
        raise ValidationError({"phase": _("The phase belongs to another plan's timeline.")})
    save_tracked(actor=actor, instance=round, values=values)
    return round
