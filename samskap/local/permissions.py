"""Who may do what with local governments' participation (registered with the permission module).

A local government's coordinator manages only their own activities and plans; the national
coordinator answers requests to join, reviews activities and sees the overview, but edits no
municipality's plan (the plans app's rules already give that only to the municipality's coordinator).
"""

from enum import StrEnum
from typing import Any

from samskap.accounts.permissions import Grants, rule


class LocalAction(StrEnum):
    ANSWER_JOIN_REQUESTS = "local.answer_join_requests"  # target: the country (a national Jurisdiction)
    SEE_OVERVIEW = "local.see_overview"  # target: the country
    REPORT_ACTIVITY = "local.report_activity"  # target: a local Jurisdiction (new activity, start a local plan)
    EDIT_ACTIVITY = "local.edit_activity"  # target: Activity (edit, submit; the service checks the state)
    REVIEW_ACTIVITY = "local.review_activity"  # target: Activity (accept, ask for changes, decline, good example)


def _is_national(target: Any) -> bool:
    return target is not None and getattr(target, "kind", None) == "national"


@rule(LocalAction.ANSWER_JOIN_REQUESTS, LocalAction.SEE_OVERVIEW)
def _country(grants: Grants, target: Any) -> bool:
    return _is_national(target) and target.pk in grants.coordinator_of


@rule(LocalAction.REPORT_ACTIVITY)
def _report(grants: Grants, target: Any) -> bool:
    return target is not None and not _is_national(target) and target.pk in grants.coordinator_of


@rule(LocalAction.EDIT_ACTIVITY)
def _edit(grants: Grants, target: Any) -> bool:
    return target is not None and target.jurisdiction_id in grants.coordinator_of


@rule(LocalAction.REVIEW_ACTIVITY)
def _review(grants: Grants, target: Any) -> bool:
    return target is not None and target.jurisdiction.parent_id in grants.coordinator_of
