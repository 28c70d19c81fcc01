"""Writes to action plans and their themes, including a plan's revision (4 to 4B)."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from samskap.commitments.models import Commitment, Milestone
from samskap.history.services import delete_tracked, save_tracked
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.slugs import unique_slug
from samskap.kernel.types import Actor
from samskap.plans.models import ActionPlan, Theme


def unique_plan_slug(jurisdiction: Jurisdiction, label: str, exclude_pk: int | None = None) -> str:
    others = ActionPlan.objects.filter(jurisdiction=jurisdiction).exclude(pk=exclude_pk or 0)
    return unique_slug(label, taken=lambda slug: others.filter(slug=slug).exists(), max_length=54, fallback="plan")


@transaction.atomic
def create_plan(*, actor: Actor, jurisdiction: Jurisdiction, values: dict[str, Any]) -> ActionPlan:
    plan = ActionPlan(jurisdiction=jurisdiction)
    values = {**values, "slug": unique_plan_slug(jurisdiction, values.get("label", ""))}
    save_tracked(actor=actor, instance=plan, values=values)
    return plan


@transaction.atomic
def update_plan(*, actor: Actor, plan: ActionPlan, values: dict[str, Any]) -> ActionPlan:
    if "label" in values and values["label"] != plan.label:
        values = {**values, "slug": unique_plan_slug(plan.jurisdiction, values["label"], plan.pk)}
    save_tracked(actor=actor, instance=plan, values=values)
    return plan


@transaction.atomic
def publish_plan(*, actor: Actor, plan: ActionPlan) -> ActionPlan:
    """A draft plan becomes public: its pages, API, downloads, feeds, sitemap and search. Recorded in
    the history (who published it and when). Publishing a published plan changes nothing."""
    if plan.published_at is None:
        save_tracked(actor=actor, instance=plan, values={"published_at": timezone.now()})
    return plan


@transaction.atomic
def save_theme(*, actor: Actor, plan: ActionPlan, theme: Theme | None = None, values: dict[str, Any]) -> Theme:
    theme = theme or Theme(plan=plan)
    if theme.plan_id != plan.pk:
        raise ValueError("The theme belongs to another plan.")
    save_tracked(actor=actor, instance=theme, values=values)
    return theme


@transaction.atomic
def delete_theme(*, actor: Actor, theme: Theme) -> None:
    delete_tracked(actor=actor, instance=theme)


@transaction.atomic
def create_revision(*, actor: Actor, plan: ActionPlan, values: dict[str, Any]) -> ActionPlan:
    """A new version of the plan (e.g. 4B of 4) with its themes, commitments and milestones carried over.

    Each carried-over commitment points at the one it came from, so the two versions can be compared.
    """
    revision = create_plan(
        actor=actor,
        jurisdiction=plan.jurisdiction,
        values={"summary": plan.summary, "status": ActionPlan.Status.CO_CREATION, **values, "revises": plan},
    )
    theme_copies: dict[int, Theme] = {}
    for theme in plan.themes.all():
        theme_copies[theme.pk] = save_theme(
            actor=actor,
            plan=revision,
            values={"order": theme.order, "title": theme.title, "description": theme.description},
        )
    copied_fields = [
        f.name
        for f in Commitment._meta.concrete_fields
        if f.name not in {"id", "plan", "theme", "previous_version", "updated_at", "created_at"}
    ]
    commitments = plan.commitments.prefetch_related("milestones", "policy_areas", "supporting_institutions")
    for original in commitments:
        copy = Commitment(plan=revision)
        save_tracked(
            actor=actor,
            instance=copy,
            values={
                **{name: getattr(original, name) for name in copied_fields},
                "theme": theme_copies.get(original.theme_id) if original.theme_id else None,
                "previous_version": original,
            },
            related={
                "policy_areas": list(original.policy_areas.all()),
                "supporting_institutions": list(original.supporting_institutions.all()),
            },
        )
        for milestone in original.milestones.all():
            save_tracked(
                actor=actor,
                instance=Milestone(commitment=copy),
                values={
                    "order": milestone.order,
                    "activity": milestone.activity,
                    "start_date": milestone.start_date,
                    "end_date": milestone.end_date,
                    "status": milestone.status,
                    "evidence_links": list(milestone.evidence_links),
                },
            )
    return revision
