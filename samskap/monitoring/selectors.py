"""Reads of status rounds, each in a fixed number of queries."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import formats

from samskap.commitments.models import Commitment, CompletionLevel, Milestone
from samskap.kernel.registry import ProgressPoint
from samskap.monitoring.models import CommitmentAnswer, MilestoneAnswer, StatusRequest, StatusRound
from samskap.monitoring.services import asked_commitments


@dataclass(frozen=True)
class Tally:
    """Where a round stands: asked, answered (on time or late), late, and not answered."""

    asked: int
    answered: int
    late: int

    @property
    def missing(self) -> int:
        return self.asked - self.answered


def tallied(rounds: QuerySet[StatusRound]) -> QuerySet[StatusRound]:
    submitted = Q(requests__state=StatusRequest.State.SUBMITTED)
    return rounds.annotate(
        n_asked=Count("requests", distinct=True),
        n_answered=Count("requests", filter=submitted, distinct=True),
        n_late=Count("requests", filter=submitted & Q(requests__late=True), distinct=True),
        n_missing=Count(
            "requests",
            filter=Q(requests__state__in=[StatusRequest.State.ASKED, StatusRequest.State.DRAFT]),
            distinct=True,
        ),
    )


def tally(status_round: StatusRound) -> Tally:
    """From `tallied` annotations when present, else counted."""
    if hasattr(status_round, "n_asked"):
        annotated: Any = status_round
        return Tally(annotated.n_asked, annotated.n_answered, annotated.n_late)
    requests = list(status_round.requests.all())
    return Tally(len(requests), sum(r.answered for r in requests), sum(r.answered and r.late for r in requests))


def public_rounds() -> QuerySet[StatusRound]:
    """Published rounds of published plans: the only ones anyone without a role sees."""
    return StatusRound.objects.filter(state=StatusRound.State.PUBLISHED, plan__published_at__isnull=False)


def get_round(pk: int) -> StatusRound:
    found = StatusRound.objects.select_related("plan__jurisdiction", "started_by").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@dataclass
class Row:
    """One institution's commitment in a round: the answer (if any) beside the milestones it reports on."""

    commitment: Commitment
    answer: CommitmentAnswer | None
    milestones: list[tuple[Milestone, MilestoneAnswer | None]] = field(default_factory=list)


@dataclass
class InstitutionAnswers:
    request: StatusRequest
    rows: list[Row]


def round_answers(status_round: StatusRound, *, submitted_only: bool = False) -> list[InstitutionAnswers]:
    """Every institution's request and answers in the round, by institution (five queries)."""
    requests = status_round.requests.select_related("organisation", "submitted_by").order_by("organisation__name")
    if submitted_only:
        requests = requests.filter(state=StatusRequest.State.SUBMITTED)
    requests = requests.prefetch_related(
        Prefetch("milestone_answers", queryset=MilestoneAnswer.objects.all()),
        Prefetch("commitment_answers", queryset=CommitmentAnswer.objects.all()),
    )
    request_list = list(requests)
    commitments = (
        asked_commitments(status_round.plan)
        .filter(lead_institution__in=[r.organisation_id for r in request_list])
        .prefetch_related("milestones")
        .order_by("order", "identifier")
    )
    by_lead: dict[int, list[Commitment]] = {}
    for commitment in commitments:
        by_lead.setdefault(commitment.lead_institution_id or 0, []).append(commitment)
    return [_answers(request, by_lead.get(request.organisation_id, [])) for request in request_list]


def _answers(request: StatusRequest, commitments: Iterable[Commitment]) -> InstitutionAnswers:
    by_milestone = {a.milestone_id: a for a in request.milestone_answers.all()}
    by_commitment = {a.commitment_id: a for a in request.commitment_answers.all()}
    rows = [
        Row(c, by_commitment.get(c.pk), [(m, by_milestone.get(m.pk)) for m in c.milestones.all()]) for c in commitments
    ]
    return InstitutionAnswers(request, rows)


def request_answers(request: StatusRequest) -> InstitutionAnswers:
    """One institution's answer page: its commitments and milestones with the answers so far."""
    commitments = (
        asked_commitments(request.round.plan)
        .filter(lead_institution=request.organisation_id)
        .prefetch_related("milestones")
        .order_by("order", "identifier")
    )
    request = StatusRequest.objects.prefetch_related("milestone_answers", "commitment_answers").get(pk=request.pk)
    return _answers(request, commitments)


def open_requests_for(organisation_ids: Iterable[int]) -> list[StatusRequest]:
    """Requests an institution's editors still have to answer, soonest due first."""
    return list(
        StatusRequest.objects.filter(organisation_id__in=list(organisation_ids), round__state=StatusRound.State.OPEN)
        .exclude(state=StatusRequest.State.SUBMITTED)
        .select_related("round__plan__jurisdiction", "organisation")
        .order_by("round__due_date", "pk")
    )


def open_rounds_for(jurisdiction_ids: Iterable[int]) -> list[StatusRound]:
    return list(
        tallied(
            StatusRound.objects.filter(plan__jurisdiction_id__in=list(jurisdiction_ids), state=StatusRound.State.OPEN)
        )
        .select_related("plan__jurisdiction")
        .order_by("due_date", "pk")
    )


def progress_series(plan_ids: list[int]) -> dict[int, list[ProgressPoint]]:
    """Each plan's published round snapshots, oldest first: what was reported then."""
    series: dict[int, list[ProgressPoint]] = {}
    rounds = public_rounds().filter(plan_id__in=plan_ids).order_by("as_of", "pk")
    for status_round in rounds.only("plan_id", "as_of", "snapshot"):
        figures: dict[str, Any] = status_round.snapshot or {}
        series.setdefault(status_round.plan_id, []).append(
            ProgressPoint(
                as_of=status_round.as_of,
                label=formats.date_format(status_round.as_of),
                milestones_complete=int(figures.get("milestones_complete", 0)),
                milestones_total=int(figures.get("milestones_total", 0)),
                commitments={str(k): int(v) for k, v in (figures.get("commitments") or {}).items()},
            )
        )
    return series


def reported_levels(status_round: StatusRound) -> list[tuple[str, int]]:
    """The snapshot's commitments by completion level, in the scale's order, with their labels."""
    counts: dict[str, Any] = (status_round.snapshot or {}).get("commitments") or {}
    return [(str(label), int(counts[value])) for value, label in CompletionLevel.choices if counts.get(value)]
