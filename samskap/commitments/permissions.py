"""Who may do what with commitments (registered with the permission module)."""

from enum import StrEnum
from typing import Any

from samskap.accounts.permissions import Grants, rule
from samskap.plans.permissions import jurisdiction_of


class CommitmentAction(StrEnum):
    EDIT_COMMITMENT = "commitment.edit"  # target: Commitment (template fields, status)
    REPORT_PROGRESS = "commitment.report_progress"  # target: Commitment (progress, milestones)


@rule(CommitmentAction.EDIT_COMMITMENT)
def _edit(grants: Grants, target: Any) -> bool:
    return target is not None and jurisdiction_of(target) in grants.coordinator_of


@rule(CommitmentAction.REPORT_PROGRESS)
def _report(grants: Grants, target: Any) -> bool:
    if target is None:
        return False
    if target.lead_institution_id is not None and target.lead_institution_id in grants.editor_of:
        return True
    return jurisdiction_of(target) in grants.coordinator_of
