"""Writes to commitments, milestones and progress updates. Each records its change history."""

import datetime
from typing import Any

from django.db import transaction

from samskap.commitments.models import Commitment, Milestone, ProgressUpdate
from samskap.history.services import delete_tracked, save_tracked
from samskap.kernel.slugs import make_slug, unique_slug
from samskap.kernel.types import Actor, person
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan

# Words the plan's own addresses use after the plan (…/<plan>/edit/ and so on).
RESERVED_SLUGS = frozenset({"edit", "revise", "compare", "new-theme", "themes", "new-commitment"})


def unique_commitment_slug(plan: ActionPlan, identifier: str, exclude_pk: int | None = None) -> str:
    base = make_slug(identifier, max_length=50, fallback="commitment")
    if base in RESERVED_SLUGS:
        base = f"c-{base}"
    others = Commitment.objects.filter(plan=plan).exclude(pk=exclude_pk or 0)
    return unique_slug(base, taken=lambda slug: others.filter(slug=slug).exists(), max_length=56)


@transaction.atomic
def create_commitment(
    *,
    actor: Actor,
    plan: ActionPlan,
    values: dict[str, Any],
    policy_areas: list[Any] | None = None,
    supporting_institutions: list[Organisation] | None = None,
) -> Commitment:
    commitment = Commitment(plan=plan)
    values = dict(values)
    values.setdefault("slug", unique_commitment_slug(plan, values.get("identifier", "")))
    save_tracked(
        actor=actor,
        instance=commitment,
        values=values,
        related={
            "policy_areas": list(policy_areas or []),
            "supporting_institutions": list(supporting_institutions or []),
        },
    )
    return commitment


@transaction.atomic
def update_commitment(
    *,
    actor: Actor,
    commitment: Commitment,
    values: dict[str, Any],
    policy_areas: list[Any] | None = None,
    supporting_institutions: list[Organisation] | None = None,
) -> Commitment:
    related: dict[str, list[Any]] = {}
    if policy_areas is not None:
        related["policy_areas"] = list(policy_areas)
    if supporting_institutions is not None:
        related["supporting_institutions"] = list(supporting_institutions)
    if "identifier" in values and values["identifier"] != commitment.identifier:
        values = {**values, "slug": unique_commitment_slug(commitment.plan, values["identifier"], commitment.pk)}
    save_tracked(actor=actor, instance=commitment, values=values, related=related)
    return commitment


@transaction.atomic
def save_milestone(
    *, actor: Actor, commitment: Commitment, milestone: Milestone | None = None, values: dict[str, Any]
) -> Milestone:
    """Create a milestone (milestone=None) or change one of this commitment's milestones."""
    milestone = milestone or Milestone(commitment=commitment)
    if milestone.commitment_id != commitment.pk:
        raise ValueError("The milestone belongs to another commitment.")
    if "evidence_links" in values:
        values = {**values, "evidence_links": list(values["evidence_links"] or [])}
    save_tracked(actor=actor, instance=milestone, values=values)
    return milestone


@transaction.atomic
def delete_milestone(*, actor: Actor, milestone: Milestone) -> None:
    delete_tracked(actor=actor, instance=milestone)


@transaction.atomic
def add_progress_update(
    *,
    actor: Actor,
    commitment: Commitment,
    as_of: datetime.date,
    completion: str,
    narrative: str,
    evidence_links: list[str] | None = None,
) -> ProgressUpdate:
    """Record a dated status; the newest one (by its date) sets the commitment's completion."""
    user = person(actor)
    organisation = user.organisation if user else None
    update = ProgressUpdate(
        commitment=commitment,
        author=user,
        author_name=(user.get_full_name() or user.email) if user else "",
        author_organisation=str(organisation) if organisation else "",
    )
    save_tracked(
        actor=actor,
        instance=update,
        values={
            "as_of": as_of,
            "completion": completion,
            "narrative": narrative,
            "evidence_links": list(evidence_links or []),
        },
    )
    refresh_completion(actor=actor, commitment=commitment)
    return update


def refresh_completion(*, actor: Actor, commitment: Commitment) -> None:
    newest = ProgressUpdate.objects.filter(commitment=commitment).order_by("-as_of", "-created_at", "-pk").first()
    level = newest.completion if newest else Commitment._meta.get_field("completion").get_default()
    if level != commitment.completion:
        save_tracked(actor=actor, instance=commitment, values={"completion": level})
