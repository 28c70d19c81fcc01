"""Who may review commitments (registered with the permission module)."""

from enum import StrEnum
from typing import Any

from samskap.accounts.permissions import Grants, rule


class ReviewAction(StrEnum):
    ASSESS_COMMITMENT = "commitment.assess"  # target: Commitment (a reviewer's assessment)


@rule(ReviewAction.ASSESS_COMMITMENT)
def _assess(grants: Grants, target: Any) -> bool:
    return grants.reviewer
