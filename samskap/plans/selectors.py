"""Reads for plan pages: a plan with its commitments, completion at a glance, version comparison."""

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import formats, timezone

from samskap.commitments.models import COMPLETION_SCALE, Commitment, CompletionLevel, Milestone
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.pages import version_stamp
from samskap.kernel.text import word_diff
from samskap.plans.models import ActionPlan, Theme

CURRENT_STATUSES = [
    ActionPlan.Status.CO_CREATION,
    ActionPlan.Status.CONSULTATION,
    ActionPlan.Status.APPROVED,
    ActionPlan.Status.IMPLEMENTATION,
]


def current_plans() -> QuerySet[ActionPlan]:
    return (
        ActionPlan.objects.public()
        .filter(status__in=CURRENT_STATUSES, end_date__gte=timezone.localdate())
        .select_related("jurisdiction")
        .annotate(commitment_count=Count("commitments"))
        .order_by("jurisdiction__kind", "jurisdiction__name", "-start_date")
    )


@dataclass
class GovernmentPlans:
    jurisdiction: Jurisdiction
    plans: list[ActionPlan]


def plans_by_government() -> list[GovernmentPlans]:
    """Every public plan, grouped by government (national first), newest first; two queries."""
    plans = (
        ActionPlan.objects.public()
        .select_related("jurisdiction")
        .annotate(commitment_count=Count("commitments"))
        .order_by("jurisdiction__kind", "jurisdiction__name", "jurisdiction_id", "-start_date", "label")
    )
    groups: list[GovernmentPlans] = []
    for plan in plans:
        if not groups or groups[-1].jurisdiction.pk != plan.jurisdiction_id:
            groups.append(GovernmentPlans(plan.jurisdiction, []))
        groups[-1].plans.append(plan)
    return groups


def get_plan(*, jurisdiction_slug: str, plan_slug: str) -> ActionPlan:
    try:
        return ActionPlan.objects.select_related("jurisdiction", "revises").get(
            jurisdiction__slug=jurisdiction_slug, slug=plan_slug
        )
    except ActionPlan.DoesNotExist:
        raise Http404 from None


def plan_for_page(*, jurisdiction_slug: str, plan_slug: str) -> ActionPlan:
    """The plan with its government, for its page (one query). The plan it revises is shown only inside the
    page's cached fragment, so `PlanPage.revises` reads it when that is rendered."""
    try:
        plans = ActionPlan.objects.select_related("jurisdiction")
        return plans.get(jurisdiction__slug=jurisdiction_slug, slug=plan_slug)
    except ActionPlan.DoesNotExist:
        raise Http404 from None


def shown_to(user: Any, plan: ActionPlan) -> ActionPlan:
    """The plan, if `user` may see it: anyone a published plan, a draft only those who prepare it (404)."""
    from samskap.accounts.permissions import can
    from samskap.plans.permissions import PlanAction

    if plan.published_at is None and not can(user, PlanAction.VIEW_DRAFT, plan):
        raise Http404
    return plan


def plan_version(*, jurisdiction_slug: str, plan_slug: str) -> str:
    """The plan's version stamp, for the page cache (404 when there is no such plan)."""
    return version_stamp(
        f"SELECT p.updated_at FROM {ActionPlan._meta.db_table} p "  # noqa: S608 (table names from the models; values are parameters)
        f"JOIN {Jurisdiction._meta.db_table} j ON j.id = p.jurisdiction_id WHERE j.slug = %s AND p.slug = %s",
        [jurisdiction_slug, plan_slug],
    )


def plan_commitments(plan: ActionPlan) -> QuerySet[Commitment]:
    """Commitments of a plan with what a list shows, in a fixed number of queries."""
    return (
        plan.commitments.select_related("lead_institution", "theme")
        .annotate(
            milestone_count=Count("milestones", distinct=True),
            milestones_done=Count("milestones", filter=Q(milestones__status=Milestone.Status.COMPLETED), distinct=True),
        )
        .order_by("theme__order", "order", "identifier")
    )


@dataclass
class ThemeGroup:
    theme: Theme | None
    commitments: list[Commitment]


@dataclass
class CompletionSummary:
    total: int
    counts: list[tuple[str, str, int, int]]  # (level, label, count, percent)


def completion_summary(commitments: list[Commitment]) -> CompletionSummary:
    counts = Counter(c.completion for c in commitments)
    total = len(commitments)
    levels = [*COMPLETION_SCALE, CompletionLevel.NO_EVIDENCE, CompletionLevel.WITHDRAWN, CompletionLevel.UNCLEAR]
    rows = [
        (
            str(level),
            str(CompletionLevel(level).label),
            counts[level],
            round(100 * counts[level] / total) if total else 0,
        )
        for level in levels
        if counts[level] or level in COMPLETION_SCALE
    ]
    return CompletionSummary(total=total, counts=rows)


def group_by_theme(plan: ActionPlan, commitments: list[Commitment]) -> list[ThemeGroup]:
    themes = list(plan.themes.all())
    groups = {theme.pk: ThemeGroup(theme, []) for theme in themes}
    loose = ThemeGroup(None, [])
    for commitment in commitments:
        groups.get(commitment.theme_id or 0, loose).commitments.append(commitment)
    result = [groups[t.pk] for t in themes]
    if loose.commitments:
        result.append(loose)
    return result


# --- Comparing two versions of a plan -------------------------------------------------------

COMPARED_FIELDS = [
    "identifier",
    "title",
    "short_title",
    "problem",
    "description",
    "contribution",
    "relevance",
    "start_date",
    "end_date",
    "lead_institution",
    "status",
    "completion",
    "budget",
]


@dataclass
class TextDiff:
    label: str
    segments: list[tuple[str, str]]  # ("equal" | "insert" | "delete", text)


@dataclass
class MilestoneDiff:
    kind: str  # added | removed | changed | unchanged
    old: Milestone | None
    new: Milestone | None
    changes: list[TextDiff] = field(default_factory=list)


@dataclass
class CommitmentDiff:
    kind: str  # added | removed | changed | unchanged
    old: Commitment | None
    new: Commitment | None
    changes: list[TextDiff] = field(default_factory=list)
    milestones: list[MilestoneDiff] = field(default_factory=list)

    @property
    def milestones_changed(self) -> bool:
        return any(m.kind != "unchanged" for m in self.milestones)


def _field_diffs(model: type[Any], old: Any, new: Any, names: list[str]) -> list[TextDiff]:
    diffs = []
    for name in names:
        model_field = model._meta.get_field(name)
        display = f"get_{name}_display"
        old_value = getattr(old, display)() if hasattr(old, display) else getattr(old, name)
        new_value = getattr(new, display)() if hasattr(new, display) else getattr(new, name)
        old_text = "" if old_value is None else str(formats.localize(old_value))
        new_text = "" if new_value is None else str(formats.localize(new_value))
        if old_text != new_text:
            diffs.append(TextDiff(str(model_field.verbose_name), word_diff(old_text, new_text)))
    return diffs


def _milestone_diffs(old: list[Milestone], new: list[Milestone]) -> list[MilestoneDiff]:
    names = ["activity", "start_date", "end_date", "status"]
    remaining = list(old)
    result = []
    for milestone in new:
        match = next((m for m in remaining if m.activity.strip() == milestone.activity.strip()), None)
        if match is None:
            match = next((m for m in remaining if m.order == milestone.order), None)
        if match is None:
            result.append(MilestoneDiff("added", None, milestone))
            continue
        remaining.remove(match)
        changes = _field_diffs(Milestone, match, milestone, names)
        result.append(MilestoneDiff("changed" if changes else "unchanged", match, milestone, changes))
    result.extend(MilestoneDiff("removed", m, None) for m in remaining)
    return result


def _comparable(plan: ActionPlan) -> list[Commitment]:
    return list(
        plan.commitments.select_related("lead_institution")
        .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("order", "pk")))
        .order_by("order", "identifier")
    )


def compare_plans(old_plan: ActionPlan, new_plan: ActionPlan) -> list[CommitmentDiff]:
    """Per commitment: what was reworded, added, removed, and how milestones changed.

    Commitments are paired by the revision link, and otherwise by identifier.
    """
    old = _comparable(old_plan)
    new = _comparable(new_plan)
    old_by_pk = {c.pk: c for c in old}
    old_by_identifier = {c.identifier: c for c in old}
    paired: set[int] = set()
    result: list[CommitmentDiff] = []
    for commitment in new:
        before = old_by_pk.get(commitment.previous_version_id or 0) or old_by_identifier.get(commitment.identifier)
        if before is None or before.pk in paired:
            result.append(CommitmentDiff("added", None, commitment))
            continue
        paired.add(before.pk)
        changes = _field_diffs(Commitment, before, commitment, COMPARED_FIELDS)
        milestones = _milestone_diffs(list(before.milestones.all()), list(commitment.milestones.all()))
        changed = bool(changes) or any(m.kind != "unchanged" for m in milestones)
        result.append(CommitmentDiff("changed" if changed else "unchanged", before, commitment, changes, milestones))
    result.extend(CommitmentDiff("removed", c, None) for c in old if c.pk not in paired)
    return result


class PlanPage:
    """What a plan's page shows, read only when the template asks (a cached page asks nothing)."""

    def __init__(self, plan: ActionPlan) -> None:
        self.plan = plan

    @cached_property
    def revises(self) -> ActionPlan | None:
        if self.plan.revises_id is None:
            return None
        return ActionPlan.objects.select_related("jurisdiction").filter(pk=self.plan.revises_id).first()

    @cached_property
    def commitments(self) -> list[Commitment]:
        return list(plan_commitments(self.plan))

    @cached_property
    def groups(self) -> list[ThemeGroup]:
        return group_by_theme(self.plan, self.commitments)

    @cached_property
    def summary(self) -> CompletionSummary:
        return completion_summary([c for c in self.commitments if c.status != Commitment.Status.WITHDRAWN])

    @cached_property
    def revisions(self) -> list[ActionPlan]:
        return list(self.plan.revisions.filter(published_at__isnull=False).order_by("start_date"))

    @cached_property
    def history(self) -> list[dict[str, Any]]:
        from samskap.history.selectors import timeline_for_plan

        return timeline_for_plan(self.plan.pk)
