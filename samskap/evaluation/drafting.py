"""What a self-assessment says from the record, computed, never typed: each commitment's completion on
OGP's scale, its milestones and their evidence, its progress history; the process (consultations and
their reasoned answers, forum meetings and minutes, the uptake of other input such as proposals, the
status rounds). Read with a fixed number of queries (tests/evaluation/test_drafting.py)."""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from samskap.commitments.models import COMPLETION_SCALE, Commitment, CompletionLevel, Milestone, ProgressUpdate
from samskap.consultations.models import Consultation, Submission
from samskap.forum.models import Meeting, Minutes
from samskap.kernel.registry import InputUptake, ProgressPoint, input_uptake, progress_series
from samskap.plans.models import ActionPlan

#: The order totals are told in: the scale, then what sits outside it.
TOTALS_ORDER: tuple[str, ...] = (
    CompletionLevel.NO_EVIDENCE,
    *COMPLETION_SCALE,
    CompletionLevel.WITHDRAWN,
    CompletionLevel.UNCLEAR,
)


@dataclass(frozen=True)
class CommitmentRecord:
    commitment: Commitment
    milestones: list[Milestone]
    updates: list[ProgressUpdate]  # newest first

    @property
    def completion(self) -> str:
        return str(self.commitment.completion)

    @property
    def completion_label(self) -> str:
        return str(CompletionLevel(self.commitment.completion).label)

    @property
    def milestones_complete(self) -> int:
        return sum(1 for m in self.milestones if m.status == Milestone.Status.COMPLETED)


@dataclass(frozen=True)
class ConsultationRecord:
    consultation: Consultation
    received: int
    answered: int
    taken_up: int


@dataclass(frozen=True)
class MeetingRecord:
    meeting: Meeting
    minutes: Minutes | None  # approved minutes only


@dataclass(frozen=True)
class Record:
    plan: ActionPlan
    commitments: list[CommitmentRecord]
    consultations: list[ConsultationRecord]
    meetings: list[MeetingRecord]
    uptake: list[InputUptake] = field(default_factory=list)
    rounds: list[ProgressPoint] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, int]:
        """Commitments by completion level, in the scale's order, only the levels that occur."""
        counts = Counter(c.completion for c in self.commitments)
        return {level: counts[level] for level in TOTALS_ORDER if counts[level]}

    def by_commitment(self) -> dict[int, CommitmentRecord]:
        return {c.commitment.pk: c for c in self.commitments}


def totals_in_words(totals: dict[str, int]) -> str:
    """ "7 limited, 5 substantial, 2 complete" in the active language."""
    return ", ".join(f"{count} {str(CompletionLevel(level).label).lower()}" for level, count in totals.items())


def summary_sentence(record: Record) -> str:
    total = len(record.commitments)
    return _("Of the plan's %(total)d commitments: %(totals)s.") % {
        "total": total,
        "totals": totals_in_words(record.totals) or "\u2013",
    }


def gather(plan: ActionPlan) -> Record:
    """The record of `plan` as a self-assessment tells it (five queries, plus the registered sources)."""
    commitments = list(
        Commitment.objects.filter(plan=plan)
        .exclude(status__in=[Commitment.Status.WITHDRAWN, Commitment.Status.PROPOSED])
        .select_related("lead_institution", "theme")
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("order", "pk")),
            Prefetch("progress_updates", queryset=ProgressUpdate.objects.order_by("-as_of", "-pk")),
        )
        .order_by("order", "pk")
    )
    answered = Q(submissions__response__isnull=False)
    consultations = [
        ConsultationRecord(c, c.received, c.answered, c.taken_up)
        for c in Consultation.objects.filter(plan=plan)
        .annotate(
            received=Count("submissions", filter=~Q(submissions__status=Submission.Status.UNCONFIRMED)),
            answered=Count("submissions", filter=answered),
            taken_up=Count(
                "submissions",
                filter=answered & Q(submissions__response__outcome__in=["taken_up", "partly"]),
            ),
        )
        .order_by("opens_at", "pk")
    ]
    meetings = [
        MeetingRecord(m, m.minutes if _approved(m) else None)
        for m in Meeting.objects.filter(plan=plan).select_related("minutes").order_by("starts_at", "pk")
    ]
    uptake = [source([plan.pk]) for source in input_uptake]
    rounds: list[ProgressPoint] = []
    for source in progress_series:
        rounds.extend(source([plan.pk]).get(plan.pk, []))
    return Record(
        plan=plan,
        commitments=[
            CommitmentRecord(c, list(c.milestones.all()), list(c.progress_updates.all())) for c in commitments
        ],
        consultations=consultations,
        meetings=meetings,
        uptake=uptake,
        rounds=sorted(rounds, key=lambda p: p.as_of),
    )


def _approved(meeting: Any) -> bool:
    minutes = getattr(meeting, "minutes", None)
    return minutes is not None and minutes.status == Minutes.Status.APPROVED
