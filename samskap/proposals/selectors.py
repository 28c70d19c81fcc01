"""Reads of proposals, each with a fixed number of queries. Only sent proposals are public (whatever
the state of their plan: proposals to a plan in drafting are how it is built, and the register shows
them); a draft is seen by its author alone."""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from samskap.commitments.models import Commitment
from samskap.kernel.pages import version_stamp
from samskap.kernel.types import Actor, person
from samskap.plans.models import ActionPlan
from samskap.proposals.models import Comment, Proposal, Step

Status = Proposal.Status
#: Proposals with a reasoned answer: a decision that says what became of them.
ANSWERED = (Status.MERGED, Status.ACCEPTED, Status.NOT_TAKEN_UP)
#: Taken up: accepted into the plan, or worked into another proposal.
TAKEN_UP = (Status.MERGED, Status.ACCEPTED)


def public_proposals() -> QuerySet[Proposal]:
    return Proposal.objects.exclude(status=Status.DRAFT)


def is_author(user: Actor, proposal: Proposal) -> bool:
    who = person(user)
    return who is not None and proposal.author_id == who.pk


def _with_people(rows: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return rows.select_related(
        "plan__jurisdiction", "round", "organisation", "responsible", "lead_institution", "merged_into", "commitment"
    )


def detail(pk: int, user: Actor) -> Proposal | None:
    """A public proposal with what its page shows, or the user's own draft; None otherwise."""
    proposal = (
        _with_people(Proposal.objects.filter(pk=pk))
        .prefetch_related(
            "co_authors",
            Prefetch("steps", queryset=Step.objects.select_related("meeting").order_by("at", "pk")),
            Prefetch("comments", queryset=Comment.objects.select_related("organisation").order_by("created_at", "pk")),
            Prefetch("merged_from", queryset=Proposal.objects.exclude(status=Status.DRAFT).order_by("pk")),
        )
        .first()
    )
    if proposal is None or not (proposal.is_public or is_author(user, proposal)):
        return None
    return proposal


@dataclass(frozen=True)
class Register:
    """Every public proposal of a scope and what became of it, with totals (MR 4.1 for proposals)."""

    rows: list[Proposal]
    totals: list[tuple[str, str, int]]  # (status, label, count), in the order of the states
    received: int
    answered: int
    taken_up: int
    by_sender: dict[str, int] = field(default_factory=dict)


def register(plans: list[ActionPlan] | None = None, *, status: str = "") -> Register:
    rows = _with_people(public_proposals()).prefetch_related("co_authors").order_by("plan_id", "sent_at", "pk")
    if plans is not None:
        rows = rows.filter(plan__in=plans)
    everything = list(rows)
    counts = Counter(p.status for p in everything)
    totals = [(value, str(label), counts[value]) for value, label in Status.choices if value != Status.DRAFT]
    shown = [p for p in everything if p.status == status] if status else everything
    received = [p for p in everything if p.status != Status.WITHDRAWN]
    return Register(
        rows=shown,
        totals=totals,
        received=len(received),
        answered=sum(1 for p in received if p.status in ANSWERED),
        taken_up=sum(1 for p in received if p.status in TAKEN_UP),
        by_sender=dict(Counter(p.get_sender_type_display() for p in everything)),
    )


def mine(user: Actor) -> list[Proposal]:
    who = person(user)
    if who is None:
        return []
    return list(_with_people(Proposal.objects.filter(author=who)).order_by("-updated_at", "pk")[:50])


@dataclass(frozen=True)
class Origin:
    """One proposal a commitment came from, directly or through a merge."""

    proposal: Proposal
    via: Proposal | None  # the accepted proposal it was merged into, if any
    revisions: list[Step]  # steps after a forum meeting ("revised after the meeting of 19 June")


def provenance(commitment: Commitment) -> list[Origin]:
    """The proposals a commitment came from: those accepted into it and those merged into them (at any
    depth). Three queries, however many proposals."""
    accepted = list(
        public_proposals().filter(commitment=commitment, status=Status.ACCEPTED).select_related("organisation")
    )
    plan_rows = list(
        public_proposals()
        .filter(plan_id=commitment.plan_id, status=Status.MERGED)
        .select_related("organisation")
        .order_by("pk")
    )
    children: dict[int, list[Proposal]] = {}
    for row in plan_rows:
        if row.merged_into_id is not None:
            children.setdefault(row.merged_into_id, []).append(row)
    found: list[tuple[Proposal, Proposal | None]] = []
    for root in accepted:
        found.append((root, None))
        queue, seen = [root], {root.pk}
        while queue:
            current = queue.pop(0)
            for child in children.get(current.pk, []):
                if child.pk not in seen:
                    seen.add(child.pk)
                    found.append((child, root))
                    queue.append(child)
    steps: dict[int, list[Step]] = {}
    ids = [p.pk for p, _ in found]
    for step in Step.objects.filter(proposal_id__in=ids, meeting__isnull=False).select_related("meeting"):
        steps.setdefault(step.proposal_id, []).append(step)
    return [Origin(p, via, steps.get(p.pk, [])) for p, via in found]


def waiting_for_answer(organisation_ids: list[int]) -> list[Proposal]:
    """Open proposals the given ministries are asked to answer and have not answered yet."""
    if not organisation_ids:
        return []
    answered = Comment.objects.filter(is_answer=True).values("proposal")
    return list(
        _with_people(public_proposals().filter(responsible_id__in=organisation_ids))
        .exclude(status__in=Proposal.FINAL)
        .exclude(pk__in=answered)
        .order_by("answer_by", "pk")[:50]
    )


def to_triage(jurisdiction_ids: list[int] | None) -> list[Proposal]:
    """Sent proposals waiting for a coordinator's decision (None: everywhere, for a superuser)."""
    rows = public_proposals().filter(status__in=[Status.SUBMITTED, Status.UNDER_DISCUSSION])
    if jurisdiction_ids is not None:
        rows = rows.filter(plan__jurisdiction_id__in=jurisdiction_ids)
    return list(_with_people(rows).order_by("sent_at", "pk")[:50])


def for_meeting(meeting: Any) -> list[Proposal]:
    """The public proposals sent in the rounds tied to a forum meeting (its agenda's proposals)."""
    return list(_with_people(public_proposals().filter(round__meeting=meeting)).order_by("sent_at", "pk"))


def sent_between(query: Q | None = None, limit: int = 50) -> list[Proposal]:
    rows = _with_people(public_proposals())
    if query is not None:
        rows = rows.filter(query)
    return list(rows.order_by("-sent_at", "-pk")[:limit])


MAX_ID = 2**62  # a larger number in an address is no row (and would overflow PostgreSQL's bigint)


def _id(pk: int) -> str:
    if not 0 < pk < MAX_ID:
        raise Http404
    return str(pk)


def proposal_version(pk: int) -> str:
    """A proposal page's version stamp for the page cache: the proposal's and its plan's (every recorded
    change to the proposal, its steps and comments bumps the plan's). 404 when there is no such proposal."""
    return version_stamp(
        f"SELECT r.updated_at, p.updated_at FROM {Proposal._meta.db_table} r "  # noqa: S608 (table names from the models; values are parameters)
        f"JOIN {ActionPlan._meta.db_table} p ON p.id = r.plan_id WHERE r.id = %s",
        [_id(pk)],
    )


def plan_version(pk: int) -> str:
    return version_stamp(f"SELECT updated_at FROM {ActionPlan._meta.db_table} WHERE id = %s", [_id(pk)])  # noqa: S608
