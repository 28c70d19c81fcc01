"""Every write of status rounds. Emails are enqueued in the caller's transaction (a task is a database row):
the change and its emails, or neither; each has a key, so none is sent twice.

Answers are private drafts: they are not in the public change history while they are written (the round's
start, each institution's submission and the publication are). Publishing the round writes the answers
through the commitments app's services, whose changes are recorded like any other progress update.
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from samskap.accounts.models import RoleGrant, User
from samskap.accounts.notices import wants_notice
from samskap.commitments.models import Commitment, CompletionLevel, Milestone
from samskap.commitments.services import add_progress_update, save_milestone
from samskap.history.services import save_tracked
from samskap.kernel import intake
from samskap.kernel.tasks import send_email
from samskap.kernel.types import Actor, person
from samskap.monitoring.models import CommitmentAnswer, MilestoneAnswer, StatusRequest, StatusRound
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan


class RoundClosed(Exception):
    """The round is published: its answers can no longer change."""


# --- Who is asked -------------------------------------------------------------------------------


def asked_commitments(plan: ActionPlan) -> QuerySet[Commitment]:
    """The commitments a round asks about: those of the plan that are included (not proposals, not withdrawn)."""
    return plan.commitments.filter(status=Commitment.Status.INCLUDED, lead_institution__isnull=False)


def default_institutions(plan: ActionPlan) -> QuerySet[Organisation]:
    """Every lead institution of the plan's included commitments."""
    return Organisation.objects.filter(led_commitments__in=asked_commitments(plan)).distinct().order_by("name")


def commitments_of(request: StatusRequest) -> list[Commitment]:
    """The institution's commitments in the round's plan, with their milestones."""
    return list(
        asked_commitments(request.round.plan)
        .filter(lead_institution=request.organisation)
        .prefetch_related("milestones")
        .order_by("order", "identifier")
    )


def editors_of(organisation: Organisation) -> list[User]:
    return list(
        User.objects.filter(
            role_grants__role=RoleGrant.Role.EDITOR, role_grants__organisation=organisation, is_active=True
        )
        .distinct()
        .order_by("pk")
    )


def coordinators_of(status_round: StatusRound) -> list[User]:
    """Whom the round reports to: the coordinator who started it, or else the jurisdiction's coordinators."""
    starter = status_round.started_by
    if starter is not None and starter.is_active:
        return [starter]
    return list(
        User.objects.filter(
            role_grants__role=RoleGrant.Role.COORDINATOR,
            role_grants__jurisdiction_id=status_round.plan.jurisdiction_id,
            is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


# --- Emails -------------------------------------------------------------------------------------


def _language(status_round: StatusRound) -> str:
    # Accounts have no language of their own: the jurisdiction's language is the recipients' language.
    return str(status_round.plan.jurisdiction.default_language)


def _as_of_text(status_round: StatusRound) -> str:
    return formats.date_format(status_round.as_of)


#: Work notices (`accounts.notices`) a person can turn off; the request itself always goes out.
NOTICE_REMINDER = "monitoring.reminder"
NOTICE_MISSING = "monitoring.missing"


def _to_editors(
    request: StatusRequest, template: str, key: str, extra: dict[str, Any] | None = None, *, notice: str = ""
) -> int:
    status_round = request.round
    sent = 0
    with translation.override(_language(status_round)):
        for editor in editors_of(request.organisation):
            if notice and not wants_notice(editor, notice):
                continue
            context = {
                "round": status_round,
                "plan": status_round.plan,
                "request": request,
                "editor": editor,
                "as_of": _as_of_text(status_round),
                "due": formats.date_format(status_round.due_date),
                "answer_url": intake.absolute(request.get_absolute_url()),
                **(extra or {}),
            }
            intake.send_templated_email(
                f"monitoring/email/{template}", editor.email, context, key=f"{key}:user-{editor.pk}"
            )
            sent += 1
    return sent


def send_reminders(*, status_round: StatusRound, offset: int) -> int:
    """Remind the editors of every institution that has not answered; returns how many emails."""
    sent = 0
    for request in status_round.requests.exclude(state=StatusRequest.State.SUBMITTED).select_related("organisation"):
        key = f"monitoring:{status_round.pk}:org-{request.organisation_id}:reminder:{offset}:{status_round.due_date}"
        sent += _to_editors(request, "reminder", key, {"overdue": offset < 0}, notice=NOTICE_REMINDER)
    return sent


def report_missing(*, status_round: StatusRound) -> bool:
    """One email per round to the coordinator: who has not answered after the last reminder."""
    missing = [r.organisation for r in status_round.requests.exclude(state=StatusRequest.State.SUBMITTED)]
    recipients = [user.email for user in coordinators_of(status_round) if wants_notice(user, NOTICE_MISSING)]
    if not missing or not recipients:
        return False
    with translation.override(_language(status_round)):
        context = {
            "round": status_round,
            "plan": status_round.plan,
            "missing": missing,
            "as_of": _as_of_text(status_round),
            "due": formats.date_format(status_round.due_date),
            "manage_url": intake.absolute(status_round.get_absolute_url() + "manage/"),
        }
        from django.template.loader import render_to_string

        subject = render_to_string("monitoring/email/missing_subject.txt", context).strip()
        body = render_to_string("monitoring/email/missing_body.txt", context)
    send_email.enqueue(
        subject=" ".join(subject.split()), body=body, to=recipients, key=f"monitoring:{status_round.pk}:missing"
    )
    return True


# --- Starting a round ---------------------------------------------------------------------------


@transaction.atomic
def start_round(
    *,
    actor: Actor,
    plan: ActionPlan,
    values: dict[str, Any],
    organisations: list[Organisation],
    now: datetime.datetime | None = None,
) -> StatusRound:
    """Open a round (as_of, due_date, letter, reminder_offsets) and ask each institution's editors."""
    now = now or timezone.now()
    if not organisations:
        raise ValidationError(_("Choose at least one institution to ask."), code="no_institutions")
    status_round = StatusRound(plan=plan, started_by=person(actor), created_at=now)
    save_tracked(actor=actor, instance=status_round, values=values)
    for organisation in sorted(set(organisations), key=lambda o: o.pk):
        request = StatusRequest(round=status_round, organisation=organisation, updated_at=now)
        save_tracked(actor=actor, instance=request, values={})
        _to_editors(request, "request", f"monitoring:{status_round.pk}:org-{organisation.pk}:request")
    return status_round


@transaction.atomic
def update_round(*, actor: Actor, status_round: StatusRound, values: dict[str, Any]) -> StatusRound:
    """Change an open round's due date, reminders or letter. A new due date brings its own reminders
    (the scheduled job's keys carry the due date); the institutions are not emailed again."""
    locked = StatusRound.objects.select_for_update().select_related("plan__jurisdiction").get(pk=status_round.pk)
    if not locked.is_open:
        raise RoundClosed
    save_tracked(actor=actor, instance=locked, values=values)
    return locked


def institutions_without_editors(status_round: StatusRound) -> set[int]:
    """The asked institutions that have no active editor: nobody there got the email (one query)."""
    asked = set(status_round.requests.values_list("organisation_id", flat=True))
    with_editors = set(
        RoleGrant.objects.filter(
            role=RoleGrant.Role.EDITOR, organisation_id__in=asked, user__is_active=True
        ).values_list("organisation_id", flat=True)
    )
    return asked - with_editors


# --- Answering ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneValues:
    status: str
    evidence_links: list[str]


@dataclass(frozen=True)
class CommitmentValues:
    completion: str
    done: str
    delayed: str
    next_steps: str


def check_milestone(values: MilestoneValues) -> None:
    """A milestone is complete only with a link to show it (the form says so beside the field)."""
    if values.status == Milestone.Status.COMPLETED and not values.evidence_links:
        raise ValidationError(_("Give a link to the evidence to call the milestone complete."), code="evidence")


@transaction.atomic
def save_answers(
    *,
    actor: Actor,
    request: StatusRequest,
    milestones: dict[int, MilestoneValues],
    commitments: dict[int, CommitmentValues],
    submit: bool,
    now: datetime.datetime | None = None,
) -> StatusRequest:
    """Keep the institution's answers (a draft, kept whatever is still missing), and with `submit` hand them in
    (then each commitment needs its narrative and each complete milestone a link): late after the due date."""
    now = now or timezone.now()
    # The round first, as publish_round locks it: an answer is either in the publication or refused,
    # never handed in to a round that was published meanwhile.
    status_round = StatusRound.objects.select_for_update().select_related("plan__jurisdiction").get(pk=request.round_id)
    if not status_round.is_open:
        raise RoundClosed
    locked = StatusRequest.objects.select_for_update().get(pk=request.pk)
    locked.round = status_round
    own = commitments_of(locked)
    own_milestones = {m.pk: m for c in own for m in c.milestones.all()}
    own_commitments = {c.pk: c for c in own}
    for pk, milestone_values in milestones.items():
        if pk not in own_milestones:
            raise ValueError("The milestone is not one of this institution's.")
        if submit:
            check_milestone(milestone_values)
        MilestoneAnswer.objects.update_or_create(
            request=locked,
            milestone_id=pk,
            defaults={"status": milestone_values.status, "evidence_links": list(milestone_values.evidence_links)},
        )
    for pk, commitment_values in commitments.items():
        if pk not in own_commitments:
            raise ValueError("The commitment is not one of this institution's.")
        if submit and not commitment_values.done.strip():
            raise ValidationError(_("Say what was done for each commitment before you submit."), code="narrative")
        CommitmentAnswer.objects.update_or_create(
            request=locked,
            commitment_id=pk,
            defaults={
                "completion": commitment_values.completion,
                "done": commitment_values.done,
                "delayed": commitment_values.delayed,
                "next_steps": commitment_values.next_steps,
            },
        )
    if submit and not locked.answered:
        save_tracked(
            actor=actor,
            instance=locked,
            values={
                "state": StatusRequest.State.SUBMITTED,
                "submitted_at": now,
                "late": locked.round.is_late(now),
                "submitted_by": person(actor),
            },
        )
    elif not locked.answered and locked.state != StatusRequest.State.DRAFT:
        save_tracked(actor=actor, instance=locked, values={"state": StatusRequest.State.DRAFT})
    else:
        StatusRequest.objects.filter(pk=locked.pk).update(updated_at=now)
    return locked


# --- Publishing ---------------------------------------------------------------------------------


def narrative(answer: CommitmentAnswer, language: str) -> str:
    """The three prompts' answers as one text for the progress update, headed in the plan's language."""
    parts = []
    with translation.override(language):
        for label, text in (
            (_("What was done"), answer.done),
            (_("What is late, and why"), answer.delayed),
            (_("What comes next"), answer.next_steps),
        ):
            if text.strip():
                parts.append(f"{label}: {text.strip()}")
    return "\n\n".join(parts)


def figures(plan: ActionPlan) -> dict[str, Any]:
    """The plan's figures now (taken at publication): milestones complete of all not cancelled, and the
    commitments by completion level."""
    commitments = asked_commitments(plan)
    milestones = Milestone.objects.filter(commitment__in=commitments).exclude(status=Milestone.Status.CANCELLED)
    levels = Counter(commitments.values_list("completion", flat=True))
    return {
        "milestones_complete": milestones.filter(status=Milestone.Status.COMPLETED).count(),
        "milestones_total": milestones.count(),
        "commitments": {level: levels[level] for level in CompletionLevel.values if levels[level]},
    }


@transaction.atomic
def publish_round(*, actor: Actor, status_round: StatusRound, now: datetime.datetime | None = None) -> StatusRound:
    """Publish every answer handed in: each commitment gets a progress update dated the round's date and its
    milestones the reported status and evidence, through the commitments app's services. Then the round's
    figures are kept, and the round is a public record."""
    now = now or timezone.now()
    locked = StatusRound.objects.select_for_update().select_related("plan__jurisdiction").get(pk=status_round.pk)
    if not locked.is_open:
        raise RoundClosed
    language = _language(locked)
    requests = locked.requests.filter(state=StatusRequest.State.SUBMITTED).select_related(
        "organisation", "submitted_by"
    )
    for request in requests:
        # The update carries the name of the person who answered, as if they had reported it themselves.
        author: Actor = request.submitted_by or actor
        for milestone_answer in request.milestone_answers.select_related("milestone__commitment"):
            milestone = milestone_answer.milestone
            if (
                milestone.status != milestone_answer.status
                or milestone.evidence_links != milestone_answer.evidence_links
            ):
                save_milestone(
                    actor=author,
                    commitment=milestone.commitment,
                    milestone=milestone,
                    values={"status": milestone_answer.status, "evidence_links": milestone_answer.evidence_links},
                )
        for answer in request.commitment_answers.select_related("commitment__plan__jurisdiction"):
            links = [
                link
                for milestone_answer in request.milestone_answers.all()
                if milestone_answer.milestone.commitment_id == answer.commitment_id
                for link in milestone_answer.evidence_links
            ]
            add_progress_update(
                actor=author,
                commitment=answer.commitment,
                as_of=locked.as_of,
                completion=answer.completion,
                narrative=narrative(answer, language) or _("No narrative given."),
                evidence_links=list(dict.fromkeys(links))[:20],
            )
    save_tracked(
        actor=actor,
        instance=locked,
        values={"state": StatusRound.State.PUBLISHED, "published_at": now, "snapshot": figures(locked.plan)},
    )
    return locked
