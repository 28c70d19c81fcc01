"""Who may do what with following (registered with the permission module)."""

from enum import StrEnum
from typing import Any

from samskap.accounts.permissions import Grants, rule


class FollowingAction(StrEnum):
    FOLLOW = "following.follow"  # target: none (anyone follows public things, with or without an account)
    SET_NOTICES = "following.set_notices"  # target: none (work notices: for those who work in Samskap)


@rule(FollowingAction.FOLLOW)
def _anyone(grants: Grants, target: Any) -> bool:
    return True


@rule(FollowingAction.SET_NOTICES)
def _works_here(grants: Grants, target: Any) -> bool:
    return bool(grants.coordinator_of or grants.editor_of or grants.moderator_of or grants.reviewer)
