"""Who may review commitments (registered with the permission module)."""

from enum import StrEnum
from typing import Any

from samskap.accounts.permissions import Grants, rule


class ReviewAction(StrEnum):
    ASSESS_COMMITMENT = "commitment.assess"  # target: Commitment (a reviewer's assessment)
    MANAGE_REPORTS = "review.manage_reports"  # target: ActionPlan (IRM reports on it, their versions)
    EXPORT_REPORT_COMMENTS = "review.export_comments"  # target: Report (the public comments, for the IRM)


@rule(ReviewAction.ASSESS_COMMITMENT, ReviewAction.MANAGE_REPORTS)
def _assess(grants: Grants, target: Any) -> bool:
    return grants.reviewer


@rule(ReviewAction.EXPORT_REPORT_COMMENTS)
def _export(grants: Grants, target: Any) -> bool:
    # The IRM researcher collects the comments; the government answers them and may read them too.
    return grants.reviewer or (target is not None and target.plan.jurisdiction_id in grants.coordinator_of)
