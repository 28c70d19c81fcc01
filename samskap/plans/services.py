"""Writes to action plans and their themes, including a plan's revision (4 to 4B)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.commitments.models import Commitment, Milestone
from samskap.history.models import ChangeRecord
from samskap.history.services import change_record, delete_tracked, refresh_pages, save_tracked, snapshot
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.slugs import unique_slug, unique_slugs
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
def create_published_plans(*, actor: Actor, plans: list[ActionPlan]) -> list[ActionPlan]:
    """New plans, published at once (an import of OGP's own record), in a few queries: the same plans,
    slugs and change records (created, then published) as `create_plan` then `publish_plan` for each.

    Each plan is unsaved and has its jurisdiction, label, title, dates and status. Raises
    ValidationError (nothing saved) when a value breaks a model rule or a label is taken.
    """
    if not plans:
        return plans
    stored = ActionPlan.objects.filter(jurisdiction__in={p.jurisdiction_id for p in plans})
    slugs: set[tuple[int, str]] = set()
    labels: set[tuple[int, str]] = set()
    for jurisdiction_id, slug, stored_label in stored.values_list("jurisdiction_id", "slug", "label"):
        slugs.add((jurisdiction_id, slug))
        labels.add((jurisdiction_id, stored_label.strip().casefold()))
    by_jurisdiction: dict[int, list[ActionPlan]] = {}
    for plan in plans:
        by_jurisdiction.setdefault(plan.jurisdiction_id, []).append(plan)
    for jurisdiction_id, group in by_jurisdiction.items():

        def taken_among(candidates: list[str], j: int = jurisdiction_id) -> set[str]:
            return {s for s in candidates if (j, s) in slugs}

        made = unique_slugs([p.label for p in group], taken_among=taken_among, max_length=54, fallback="plan")
        for plan, slug in zip(group, made, strict=True):
            plan.slug = slug
    now = timezone.now()
    created: list[dict[str, Any]] = []
    for plan in plans:
        # ActionPlan.clean's rule, for the plans stored and those before this one.
        label = (plan.jurisdiction_id, plan.label.strip().casefold())
        if label in labels:
            raise ValidationError({"label": _("This jurisdiction already has a plan with this label.")}, code="taken")
        labels.add(label)
        plan.updated_at = now
        plan.clean_fields(exclude=["jurisdiction", "revises"])
        if plan.end_date < plan.start_date:
            raise ValidationError(_("The end date cannot be before the start date."))
        plan.published_at = None
        created.append(snapshot(plan))
        plan.published_at = now
    ActionPlan.objects.bulk_create(plans, batch_size=500)
    records = []
    for plan, before in zip(plans, created, strict=True):
        records.append(change_record(actor=actor, instance=plan, before=None, after=before, plan_id=plan.pk))
        records.append(change_record(actor=actor, instance=plan, before=before, after=snapshot(plan), plan_id=plan.pk))
    ChangeRecord.objects.bulk_create([r for r in records if r is not None], batch_size=500)
    return plans


@transaction.atomic
def create_themes(*, actor: Actor, themes: list[Theme]) -> list[Theme]:
    """New themes (unsaved, each with its plan, title and order) in a few queries: the same themes and
    change records as `save_theme` for each. Raises ValidationError (nothing saved) on a bad value."""
    for theme in themes:
        theme.clean_fields(exclude=["plan"])
    Theme.objects.bulk_create(themes, batch_size=500)
    records = [
        change_record(actor=actor, instance=theme, before=None, after=snapshot(theme), plan_id=theme.plan_id)
        for theme in themes
    ]
    ChangeRecord.objects.bulk_create([r for r in records if r is not None], batch_size=500)
    for plan_id in sorted({theme.plan_id for theme in themes}):
        refresh_pages(plan_id=plan_id, commitment_id=None)
    return themes


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
