"""Who may do what with status rounds (registered with the permission module)."""

from enum import StrEnum
from typing import Any

from samskap.accounts.permissions import Grants, rule
from samskap.plans.permissions import jurisdiction_of


class MonitoringAction(StrEnum):
    MANAGE_ROUND = "monitoring.manage_round"  # target: ActionPlan or StatusRound (start, follow, publish)
    ANSWER_REQUEST = "monitoring.answer"  # target: StatusRequest (an institution's answer)


@rule(MonitoringAction.MANAGE_ROUND)
def _manage(grants: Grants, target: Any) -> bool:
    return target is not None and jurisdiction_of(target) in grants.coordinator_of


@rule(MonitoringAction.ANSWER_REQUEST)
def _answer(grants: Grants, target: Any) -> bool:
    # The institution's editors answer; the coordinator may fill in what a ministry sent by other means.
    if target is None:
        return False
    if target.organisation_id in grants.editor_of:
        return True
    return jurisdiction_of(target.round) in grants.coordinator_of
