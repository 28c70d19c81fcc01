"""The shapes of the demo data: plain dicts, typed so the loader and the data agree."""

import datetime
from typing import Any, Literal, NotRequired, TypedDict

#: The commitment template's OGP value flags (field names on Commitment).
OgpValue = Literal["access_to_information", "civic_participation", "public_accountability", "technology_innovation"]


class JurisdictionData(TypedDict):
    slug: str
    name: str
    kind: str
    parent: str | None  # slug of the larger jurisdiction; None for a country
    country_code: str
    time_zone: str
    default_language: str
    coordinating_organisation: str  # organisation slug
    contact_name: str
    contact_email: str
    description: str


class OrganisationData(TypedDict):
    slug: str
    name: str
    type: str
    jurisdiction: str  # jurisdiction slug
    description: NotRequired[str]


class UserData(TypedDict):
    email: str
    full_name: str
    title: NotRequired[str]
    organisation: str | None  # organisation slug
    role: str | None  # a RoleGrant.Role value; None for the superuser
    # The role's scope: a jurisdiction slug (coordinator, moderator), an organisation slug (editor), or None.
    scope: str | None
    superuser: NotRequired[bool]


class MilestoneData(TypedDict):
    activity: str
    start_date: datetime.date
    end_date: datetime.date
    status: str
    evidence_links: NotRequired[list[str]]


class ProgressData(TypedDict):
    as_of: datetime.date
    completion: str
    narrative: str
    # Email of the demo user who reports; by default the lead's editor, else the coordinator.
    by: NotRequired[str]


class CommitmentData(TypedDict):
    identifier: str
    title: str
    short_title: str
    theme: int  # the theme's order in the plan
    lead: str  # organisation slug
    supporting: NotRequired[tuple[str, ...]]  # organisation slugs
    other_actors: NotRequired[str]
    problem: str
    description: str
    contribution: str
    relevance: str
    values: tuple[OgpValue, ...]
    policy_areas: tuple[str, ...]  # OGP policy-area names
    start_date: datetime.date
    end_date: datetime.date
    contact_name: NotRequired[str]
    contact_title: NotRequired[str]
    contact_email: NotRequired[str]
    budget: NotRequired[str]
    origin: NotRequired[str]
    milestones: tuple[MilestoneData, ...]
    progress: tuple[ProgressData, ...]


class ThemeData(TypedDict):
    title: str
    description: str


class PlanData(TypedDict):
    jurisdiction: str  # jurisdiction slug
    label: str
    title: str
    summary: str
    start_date: datetime.date
    end_date: datetime.date
    # The status while commitments and progress are entered, and the status it ends in.
    status: str
    final_status: str
    actor: str  # email of the demo user who writes the plan
    themes: tuple[ThemeData, ...]
    commitments: tuple[CommitmentData, ...]


class MilestoneChange(TypedDict):
    order: int  # which carried-over milestone
    values: dict[str, Any]


class CommitmentChange(TypedDict):
    """How a carried-over commitment changes in the revision."""

    identifier: str
    values: NotRequired[dict[str, Any]]  # Commitment fields for update_commitment
    supporting: NotRequired[tuple[str, ...]]
    milestone_changes: NotRequired[tuple[MilestoneChange, ...]]
    new_milestones: NotRequired[tuple[MilestoneData, ...]]
    progress: NotRequired[tuple[ProgressData, ...]]


class RevisionData(TypedDict):
    revises: str  # label of the plan it revises, in the same jurisdiction
    label: str
    title: str
    summary: str
    start_date: datetime.date
    end_date: datetime.date
    status: str
    final_status: str
    revised_plan_final_status: str
    actor: str
    changes: tuple[CommitmentChange, ...]
    new_commitments: tuple[CommitmentData, ...]
