"""Who may do what with plans (registered with the permission module)."""

from enum import StrEnum
from typing import Any

from samskap.accounts.permissions import Grants, rule


class PlanAction(StrEnum):
    CREATE_PLAN = "plan.create"  # target: Jurisdiction
    EDIT_PLAN = "plan.edit"  # target: ActionPlan (themes, status, revisions)
    CREATE_COMMITMENT = "commitment.create"  # target: ActionPlan
    PUBLISH_PLAN = "plan.publish"  # target: ActionPlan (a draft becomes public)
    VIEW_DRAFT = "plan.view_draft"  # target: ActionPlan (a draft's pages, for those who prepare it)


def jurisdiction_of(target: Any) -> int:
    """The jurisdiction id of a plan, or of a thing in a plan (commitment), without loading objects."""
    if hasattr(target, "plan_id"):
        from samskap.plans.models import ActionPlan

        plan = target.plan if "plan" in target._state.fields_cache else None
        if plan is not None:
            return int(plan.jurisdiction_id)
        return int(ActionPlan.objects.values_list("jurisdiction_id", flat=True).get(pk=target.plan_id))
    return int(target.jurisdiction_id)


@rule(PlanAction.CREATE_PLAN)
def _create_plan(grants: Grants, target: Any) -> bool:
    return target is not None and target.pk in grants.coordinator_of


@rule(PlanAction.EDIT_PLAN, PlanAction.CREATE_COMMITMENT, PlanAction.PUBLISH_PLAN, PlanAction.VIEW_DRAFT)
def _edit_plan(grants: Grants, target: Any) -> bool:
    return target is not None and target.jurisdiction_id in grants.coordinator_of
