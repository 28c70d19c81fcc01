"""Who may do what with the co-creation calendar (registered with the permission module)."""

from enum import StrEnum
from typing import Any

from samskap.accounts.permissions import Grants, rule


class ForumAction(StrEnum):
    MANAGE_FORUM = "forum.manage"  # target: Jurisdiction (forum text, members, join requests, invitations)
    MANAGE_MEETING = "forum.manage_meeting"  # target: Meeting (details, agenda, people, attendance, minutes)
    SEE_REGISTRATIONS = "forum.see_registrations"  # target: Meeting (names, emails, needs; exports)
    EDIT_TIMELINE = "forum.edit_timeline"  # target: ActionPlan (phases, publishing the timeline)


def _jurisdiction_id(target: Any) -> int | None:
    if target is None:
        return None
    if hasattr(target, "forum_id") and hasattr(target, "starts_at"):  # a meeting
        return int(target.forum.jurisdiction_id)
    if hasattr(target, "jurisdiction_id"):  # a plan or a forum
        return int(target.jurisdiction_id)
    return int(target.pk)  # a jurisdiction


@rule(ForumAction.MANAGE_FORUM, ForumAction.MANAGE_MEETING, ForumAction.SEE_REGISTRATIONS, ForumAction.EDIT_TIMELINE)
def _coordinate(grants: Grants, target: Any) -> bool:
    jurisdiction = _jurisdiction_id(target)
    return jurisdiction is not None and jurisdiction in grants.coordinator_of
