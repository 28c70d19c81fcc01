"""Writes the demo data through the services, so it carries the change history real data would.

Idempotent: every object is looked up by its natural key first (jurisdiction and organisation
slug, user email, plan by jurisdiction and slug, commitment by plan and identifier), and what
exists is left as it is. All of it runs in one transaction, so a failed load leaves nothing.
"""

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from samskap.accounts.models import RoleGrant, User
from samskap.accounts.services import grant_role
from samskap.commitments.models import Commitment, PolicyArea
from samskap.commitments.services import add_progress_update, create_commitment, save_milestone, update_commitment
from samskap.demo.consultations import load_consultations
from samskap.demo.denmark import DENMARK, PLAN_2017_2019
from samskap.demo.evaluation import load_evaluation
from samskap.demo.evidence import load_evidence
from samskap.demo.following import load_followers
from samskap.demo.forum import load_forum
from samskap.demo.local import load_local
from samskap.demo.monitoring import load_monitoring
from samskap.demo.municipality import FJORDVIK, LOCAL_PLAN, MUNICIPAL_ORGANISATIONS
from samskap.demo.norway import NORWAY, PLAN_4, REVISION_4B
from samskap.demo.organisations import ALIASES, ORGANISATIONS
from samskap.demo.proposals import load_proposals
from samskap.demo.publication import load_publication
from samskap.demo.types import (
    CommitmentChange,
    CommitmentData,
    JurisdictionData,
    MilestoneData,
    OrganisationData,
    PlanData,
    ProgressData,
    RevisionData,
    UserData,
)
from samskap.demo.users import DEMO_PASSWORD, USERS
from samskap.jurisdictions.models import Jurisdiction
from samskap.jurisdictions.services import create_jurisdiction, update_jurisdiction
from samskap.kernel.slugs import make_slug
from samskap.organisations.models import Organisation
from samskap.organisations.services import add_alias, create_organisation, find_organisation
from samskap.plans.models import ActionPlan, Theme
from samskap.plans.services import create_plan, create_revision, publish_plan, save_theme, update_plan

# Parents before children: the municipality belongs to Norway.
JURISDICTIONS: tuple[JurisdictionData, ...] = (NORWAY, DENMARK, FJORDVIK)
PLANS: tuple[PlanData, ...] = (PLAN_4, PLAN_2017_2019, LOCAL_PLAN)
REVISIONS: tuple[RevisionData, ...] = (REVISION_4B,)


class DemoDataError(Exception):
    """The demo data broke a model rule or does not fit the database; the message says where."""


@dataclass
class _Context:
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    editors: dict[str, User] = field(default_factory=dict)  # organisation slug -> its demo editor
    coordinators: dict[str, User] = field(default_factory=dict)  # jurisdiction slug -> its demo coordinator
    policy_areas: dict[str, PolicyArea] = field(default_factory=dict)
    created: Counter[str] = field(default_factory=Counter)


@contextmanager
def _about(what: str) -> Iterator[None]:
    """Name the object in a validation error, so bad demo data is quick to find."""
    try:
        yield
    except ValidationError as error:
        raise DemoDataError(f"{what}: {'; '.join(error.messages)}") from error


def load_demo() -> Counter[str]:
    """Load whatever part of the demo is missing. Returns the number of objects created, by kind."""
    ctx = _Context()
    with transaction.atomic():
        for jurisdiction in JURISDICTIONS:
            _ensure_jurisdiction(ctx, jurisdiction)
        for organisation in ORGANISATIONS + MUNICIPAL_ORGANISATIONS:
            _ensure_organisation(ctx, organisation)
        for slug, name in ALIASES:
            _ensure_alias(ctx, slug, name)
        for jurisdiction in JURISDICTIONS:
            _set_coordinating_organisation(ctx, jurisdiction)
        for user in USERS:
            _ensure_user(ctx, user)
        for plan in PLANS:
            _load_plan(ctx, plan)
        for revision in REVISIONS:
            _load_revision(ctx, revision)
        load_consultations(users=ctx.users, jurisdictions=ctx.jurisdictions, created=ctx.created)
        with _about("the co-creation calendar"):
            load_forum(users=ctx.users, jurisdictions=ctx.jurisdictions, created=ctx.created)
        with _about("the proposals"):
            load_proposals(users=ctx.users, jurisdictions=ctx.jurisdictions, created=ctx.created)
        with _about("the followers"):
            load_followers(users=ctx.users, jurisdictions=ctx.jurisdictions, created=ctx.created)
        with _about("the local governments taking part"):
            load_local(users=ctx.users, jurisdictions=ctx.jurisdictions, created=ctx.created)
        with _about("the published versions"):
            load_publication(users=ctx.users, jurisdictions=ctx.jurisdictions, created=ctx.created)
        with _about("the status round"):
            load_monitoring(users=ctx.users, created=ctx.created)
        with _about("the evidence repository"):
            load_evidence(users=ctx.users, jurisdictions=ctx.jurisdictions, created=ctx.created)
        with _about("the evaluation"):
            load_evaluation(users=ctx.users, jurisdictions=ctx.jurisdictions, created=ctx.created)
    return ctx.created


# Jurisdictions and organisations are written through the directory's services; users are plain saves.


def _ensure_jurisdiction(ctx: _Context, data: JurisdictionData) -> None:
    existing = Jurisdiction.objects.filter(slug=data["slug"]).first()
    if existing is None:
        with _about(f"jurisdiction {data['slug']}"):
            existing = create_jurisdiction(
                actor=None,
                name=data["name"],
                kind=data["kind"],
                parent=ctx.jurisdictions[data["parent"]] if data["parent"] else None,
                country_code=data["country_code"],
                values={
                    "slug": data["slug"],
                    "time_zone": data["time_zone"],
                    "default_language": data["default_language"],
                    "contact_name": data["contact_name"],
                    "contact_email": data["contact_email"],
                    "description": data["description"],
                },
            )
        ctx.created["jurisdictions"] += 1
    ctx.jurisdictions[data["slug"]] = existing


def _ensure_organisation(ctx: _Context, data: OrganisationData) -> None:
    existing = Organisation.objects.filter(slug=data["slug"]).first()
    if existing is None:
        with _about(f"organisation {data['slug']}"):
            existing = create_organisation(
                actor=None,
                name=data["name"],
                jurisdiction=ctx.jurisdictions[data["jurisdiction"]],
                type=data["type"],
                values={"slug": data["slug"], "description": data.get("description", "")},
            )
        ctx.created["organisations"] += 1
    ctx.organisations[data["slug"]] = existing


def _ensure_alias(ctx: _Context, slug: str, name: str) -> None:
    organisation = ctx.organisations[slug]
    if find_organisation(name=name, jurisdiction=organisation.jurisdiction) is None:
        with _about(f"other name {name!r} of {slug}"):
            add_alias(actor=None, organisation=organisation, name=name)
        ctx.created["other names"] += 1


def _set_coordinating_organisation(ctx: _Context, data: JurisdictionData) -> None:
    # Only where none is set: an existing jurisdiction keeps the coordinator someone chose.
    jurisdiction = ctx.jurisdictions[data["slug"]]
    if jurisdiction.coordinating_organisation_id is None:
        with _about(f"jurisdiction {data['slug']}"):
            update_jurisdiction(
                actor=None,
                jurisdiction=jurisdiction,
                values={"coordinating_organisation": ctx.organisations[data["coordinating_organisation"]]},
            )


def _ensure_user(ctx: _Context, data: UserData) -> None:
    user = User.objects.filter(email__iexact=data["email"]).first()
    if user is None:
        fields: dict[str, Any] = {
            "full_name": data["full_name"],
            "title": data.get("title", ""),
            "organisation": ctx.organisations[data["organisation"]] if data["organisation"] else None,
        }
        if data.get("superuser"):
            user = User.objects.create_superuser(email=data["email"], password=DEMO_PASSWORD, **fields)
        else:
            user = User.objects.create_user(email=data["email"], password=DEMO_PASSWORD, **fields)
        ctx.created["users"] += 1
    ctx.users[data["email"]] = user

    role, scope = data["role"], data["scope"]
    if role is None:
        return
    jurisdiction: Jurisdiction | None = None
    organisation: Organisation | None = None
    if role == RoleGrant.Role.EDITOR:
        organisation = ctx.organisations[scope] if scope else None
    elif scope:
        jurisdiction = ctx.jurisdictions[scope]
    if not RoleGrant.objects.filter(
        user=user, role=role, jurisdiction=jurisdiction, organisation=organisation
    ).exists():
        ctx.created["role grants"] += 1
    grant_role(user=user, role=role, jurisdiction=jurisdiction, organisation=organisation)
    if role == RoleGrant.Role.EDITOR and organisation is not None:
        ctx.editors[organisation.slug] = user
    elif role == RoleGrant.Role.COORDINATOR and jurisdiction is not None:
        ctx.coordinators[jurisdiction.slug] = user


def _policy_area(ctx: _Context, name: str) -> PolicyArea:
    # Tags from OGP's own list; shared by all plans, so looked up by slug like any natural key.
    if name not in ctx.policy_areas:
        area, created = PolicyArea.objects.get_or_create(slug=make_slug(name), defaults={"name": name})
        ctx.created["policy areas"] += int(created)
        ctx.policy_areas[name] = area
    return ctx.policy_areas[name]


def _existing_plan(jurisdiction: Jurisdiction, label: str) -> ActionPlan | None:
    # create_plan derives the slug from the label, so the label gives the natural key.
    return ActionPlan.objects.filter(jurisdiction=jurisdiction, slug=make_slug(label, max_length=50)).first()


def _plan_values(data: PlanData | RevisionData) -> dict[str, Any]:
    return {name: data[name] for name in ("label", "title", "summary", "start_date", "end_date", "status")}  # type: ignore[literal-required]


def _load_plan(ctx: _Context, data: PlanData) -> None:
    jurisdiction = ctx.jurisdictions[data["jurisdiction"]]
    if _existing_plan(jurisdiction, data["label"]) is not None:
        return
    actor = ctx.users[data["actor"]]
    with _about(f"plan {data['jurisdiction']}/{data['label']}"):
        plan = create_plan(
            actor=actor,
            jurisdiction=jurisdiction,
            values=_plan_values(data),
        )
    publish_plan(actor=actor, plan=plan)  # the demo's plans are public, as a coordinator would have made them
    ctx.created["plans"] += 1
    themes: dict[int, Theme] = {}
    for order, theme in enumerate(data["themes"], start=1):
        with _about(f"plan {plan.label}, theme {order}"):
            themes[order] = save_theme(
                actor=actor,
                plan=plan,
                values={"order": order, "title": theme["title"], "description": theme["description"]},
            )
        ctx.created["themes"] += 1
    for order, commitment in enumerate(data["commitments"], start=1):
        _add_commitment(ctx, plan, themes, commitment, order=order, actor=actor)
    if data["final_status"] != data["status"]:
        update_plan(actor=actor, plan=plan, values={"status": data["final_status"]})


def _add_commitment(
    ctx: _Context, plan: ActionPlan, themes: dict[int, Theme], data: CommitmentData, *, order: int, actor: User
) -> None:
    if Commitment.objects.filter(plan=plan, identifier=data["identifier"]).exists():
        return
    values: dict[str, Any] = {
        "identifier": data["identifier"],
        "order": order,
        "title": data["title"],
        "short_title": data["short_title"],
        "theme": themes[data["theme"]],
        "lead_institution": ctx.organisations[data["lead"]],
        "problem": data["problem"],
        "description": data["description"],
        "contribution": data["contribution"],
        "relevance": data["relevance"],
        "start_date": data["start_date"],
        "end_date": data["end_date"],
        "other_actors": data.get("other_actors", ""),
        "contact_name": data.get("contact_name", ""),
        "contact_title": data.get("contact_title", ""),
        "contact_email": data.get("contact_email", ""),
        "budget": data.get("budget", ""),
        "origin": data.get("origin", Commitment.Origin.GOVERNMENT),
        "status": Commitment.Status.INCLUDED,
    }
    for flag in data["values"]:
        values[flag] = True
    with _about(f"commitment {data['identifier']} in {plan.label}"):
        commitment = create_commitment(
            actor=actor,
            plan=plan,
            values=values,
            policy_areas=[_policy_area(ctx, name) for name in data["policy_areas"]],
            supporting_institutions=[ctx.organisations[slug] for slug in data.get("supporting", ())],
        )
    ctx.created["commitments"] += 1
    for milestone_order, milestone in enumerate(data["milestones"], start=1):
        _add_milestone(ctx, commitment, milestone, order=milestone_order, actor=actor)
    for progress in data["progress"]:
        _add_progress(ctx, commitment, progress, lead=data["lead"], jurisdiction=plan.jurisdiction.slug)


def _add_milestone(ctx: _Context, commitment: Commitment, data: MilestoneData, *, order: int, actor: User) -> None:
    with _about(f"milestone {order} of {commitment.identifier}"):
        save_milestone(
            actor=actor,
            commitment=commitment,
            values={
                "order": order,
                "activity": data["activity"],
                "start_date": data["start_date"],
                "end_date": data["end_date"],
                "status": data["status"],
                "evidence_links": data.get("evidence_links", []),
            },
        )
    ctx.created["milestones"] += 1


def _add_progress(ctx: _Context, commitment: Commitment, data: ProgressData, *, lead: str, jurisdiction: str) -> None:
    # Reported as it would be for real: by the lead institution's editor, else by the coordinator.
    reporter = ctx.users[data["by"]] if "by" in data else ctx.editors.get(lead) or ctx.coordinators[jurisdiction]
    if data["as_of"] > timezone.localdate():
        raise DemoDataError(f"progress of {commitment.identifier} is dated in the future ({data['as_of']})")
    with _about(f"progress of {commitment.identifier} as of {data['as_of']}"):
        add_progress_update(
            actor=reporter,
            commitment=commitment,
            as_of=data["as_of"],
            completion=data["completion"],
            narrative=data["narrative"],
        )
    ctx.created["progress updates"] += 1


def _load_revision(ctx: _Context, data: RevisionData) -> None:
    """A revised plan (4B of 4): copied by the service, then changed as the departments asked."""
    actor = ctx.users[data["actor"]]
    original = next(plan for plan in PLANS if plan["label"] == data["revises"])
    jurisdiction = ctx.jurisdictions[original["jurisdiction"]]
    if _existing_plan(jurisdiction, data["label"]) is not None:
        return
    revised = _existing_plan(jurisdiction, data["revises"])
    if revised is None:
        raise DemoDataError(f"plan {data['revises']} to revise is missing in {jurisdiction.slug}")
    with _about(f"plan {jurisdiction.slug}/{data['label']}"):
        revision = create_revision(
            actor=actor,
            plan=revised,
            values=_plan_values(data),
        )
        publish_plan(actor=actor, plan=revision)
    ctx.created["plans"] += 1
    ctx.created["themes"] += revision.themes.count()
    ctx.created["commitments"] += revision.commitments.count()
    ctx.created["milestones"] += sum(c.milestones.count() for c in revision.commitments.all())

    leads = {c["identifier"]: c["lead"] for c in original["commitments"]}
    for change in data["changes"]:
        _apply_change(ctx, revision, change, lead=leads[change["identifier"]], actor=actor)

    themes = {theme.order: theme for theme in revision.themes.all()}
    next_order = max((c.order for c in revision.commitments.all()), default=0) + 1
    for offset, commitment in enumerate(data["new_commitments"]):
        _add_commitment(ctx, revision, themes, commitment, order=next_order + offset, actor=actor)

    update_plan(actor=actor, plan=revision, values={"status": data["final_status"]})
    update_plan(actor=actor, plan=revised, values={"status": data["revised_plan_final_status"]})


def _apply_change(ctx: _Context, revision: ActionPlan, change: CommitmentChange, *, lead: str, actor: User) -> None:
    commitment = revision.commitments.filter(identifier=change["identifier"]).first()
    if commitment is None:
        raise DemoDataError(f"commitment {change['identifier']} was not carried over to {revision.label}")
    what = f"{commitment.identifier} in {revision.label}"
    if "values" in change or "supporting" in change:
        supporting = change.get("supporting")
        with _about(what):
            update_commitment(
                actor=actor,
                commitment=commitment,
                values=change.get("values", {}),
                supporting_institutions=[ctx.organisations[slug] for slug in supporting] if supporting else None,
            )
    for milestone_change in change.get("milestone_changes", ()):
        milestone = commitment.milestones.get(order=milestone_change["order"])
        with _about(f"milestone {milestone.order} of {what}"):
            save_milestone(actor=actor, commitment=commitment, milestone=milestone, values=milestone_change["values"])
    next_order = max((m.order for m in commitment.milestones.all()), default=0) + 1
    for offset, milestone_data in enumerate(change.get("new_milestones", ())):
        _add_milestone(ctx, commitment, milestone_data, order=next_order + offset, actor=actor)
    for progress in change.get("progress", ()):
        _add_progress(ctx, commitment, progress, lead=lead, jurisdiction=revision.jurisdiction.slug)
