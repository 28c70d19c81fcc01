"""Who may run a plan's self-assessment (registered with the permission module)."""

from enum import StrEnum
from typing import Any

from samskap.accounts.permissions import Grants, rule


class EvaluationAction(StrEnum):
    # target: ActionPlan (start a self-assessment, edit it, open comments, answer them, publish it)
    MANAGE_SELF_ASSESSMENT = "evaluation.manage_self_assessment"


@rule(EvaluationAction.MANAGE_SELF_ASSESSMENT)
def _coordinate(grants: Grants, target: Any) -> bool:
    return target is not None and target.jurisdiction_id in grants.coordinator_of
