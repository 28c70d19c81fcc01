"""Every permission rule of Samskap, in one place.

A rule takes the user's role grants and the object acted on. Views and services call
`can` or `require`; templates use the `can` filter. The matrix test in
tests/accounts/test_permissions.py checks each role against each action.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied

from samskap.accounts.models import RoleGrant


class Action(StrEnum):
    CREATE_PLAN = "plan.create"  # target: Jurisdiction
    EDIT_PLAN = "plan.edit"  # target: ActionPlan (themes, status, revisions)
    CREATE_COMMITMENT = "commitment.create"  # target: ActionPlan
    EDIT_COMMITMENT = "commitment.edit"  # target: Commitment (template fields, status)
    REPORT_PROGRESS = "commitment.report_progress"  # target: Commitment (progress, milestones)
    INVITE_USER = "user.invite"  # target: Jurisdiction
    ASSESS_COMMITMENT = "commitment.assess"  # target: Commitment
    MODERATE = "content.moderate"  # target: Jurisdiction or None
    CREATE_CONSULTATION = "consultation.create"  # target: Jurisdiction
    MANAGE_CONSULTATION = "consultation.manage"  # target: Consultation (text, documents, summary)
    ANSWER_SUBMISSIONS = "consultation.answer"  # target: Consultation (themes, groups, answers)
    ACCEPT_LATE_SUBMISSION = "consultation.accept_late"  # target: Consultation
    IMPORT_DATA = "data.import"  # target: Jurisdiction (OGP/IRM and Decidim files)


@dataclass(frozen=True)
class Grants:
    coordinator_of: frozenset[int]  # jurisdiction ids
    editor_of: frozenset[int]  # organisation ids
    reviewer: bool
    moderator_of: frozenset[int | None]  # None: everywhere
    superuser: bool

    @property
    def is_coordinator(self) -> bool:
        return bool(self.coordinator_of) or self.superuser

    @property
    def is_editor(self) -> bool:
        return bool(self.editor_of) or self.superuser


NO_GRANTS = Grants(frozenset(), frozenset(), False, frozenset(), False)


def grants_for(user: Any) -> Grants:
    """The user's grants, read once per request and kept on the user object."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_GRANTS
    cached = getattr(user, "_samskap_grants", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    rows = list(RoleGrant.objects.filter(user=user).values_list("role", "jurisdiction_id", "organisation_id"))
    grants = Grants(
        coordinator_of=frozenset(j for r, j, _ in rows if r == RoleGrant.Role.COORDINATOR and j),
        editor_of=frozenset(o for r, _, o in rows if r == RoleGrant.Role.EDITOR and o),
        reviewer=any(r == RoleGrant.Role.REVIEWER for r, _, _ in rows),
        moderator_of=frozenset(j for r, j, _ in rows if r == RoleGrant.Role.MODERATOR),
        superuser=bool(user.is_superuser),
    )
    user._samskap_grants = grants
    return grants


def _plan_jurisdiction_id(target: Any) -> int:
    # Commitment -> plan -> jurisdiction, without loading the objects.
    if hasattr(target, "plan_id"):
        from samskap.plans.models import ActionPlan

        plan = target.plan if "plan" in target._state.fields_cache else None
        if plan is not None:
            return int(plan.jurisdiction_id)
        return int(ActionPlan.objects.values_list("jurisdiction_id", flat=True).get(pk=target.plan_id))
    return int(target.jurisdiction_id)


def can(user: Any, action: Action, target: Any = None) -> bool:
    grants = grants_for(user)
    if grants.superuser:
        return True
    match action:
        case Action.CREATE_PLAN | Action.INVITE_USER | Action.CREATE_CONSULTATION:
            return target is not None and target.pk in grants.coordinator_of
        case (
            Action.EDIT_PLAN
            | Action.CREATE_COMMITMENT
            | Action.MANAGE_CONSULTATION
            | Action.ANSWER_SUBMISSIONS
            | Action.ACCEPT_LATE_SUBMISSION
        ):
            return target is not None and target.jurisdiction_id in grants.coordinator_of
        case Action.EDIT_COMMITMENT:
            return target is not None and _plan_jurisdiction_id(target) in grants.coordinator_of
        case Action.REPORT_PROGRESS:
            if target is None:
                return False
            if target.lead_institution_id is not None and target.lead_institution_id in grants.editor_of:
                return True
            return _plan_jurisdiction_id(target) in grants.coordinator_of
        case Action.ASSESS_COMMITMENT:
            return grants.reviewer
        case Action.IMPORT_DATA:
            return target is not None and target.pk in grants.coordinator_of
        case Action.MODERATE:
            scope = getattr(target, "pk", None)
            return None in grants.moderator_of or (scope is not None and scope in grants.moderator_of)


def require(user: Any, action: Action, target: Any = None) -> None:
    """Raise PermissionDenied (a translated 403 page) unless the user may do this."""
    if not can(user, action, target):
        raise PermissionDenied
