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


class CommentAction(StrEnum):
    # target: ActionPlan (hide a public comment with a public reason, show it again, dismiss its reports)
    MODERATE_COMMENTS = "evaluation.moderate_comments"


@rule(CommentAction.MODERATE_COMMENTS)
def _moderate(grants: Grants, target: Any) -> bool:
    # Moderators only (as for consultation input, AccessAction.MODERATE); the coordinator answers comments.
    return target is not None and (None in grants.moderator_of or target.jurisdiction_id in grants.moderator_of)
