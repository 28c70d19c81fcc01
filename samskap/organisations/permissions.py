"""Who may do what in the directory (registered with the permission module)."""

from enum import StrEnum
from typing import Any

from samskap.accounts.permissions import Grants, rule


class DirectoryAction(StrEnum):
    INVITE_USER = "user.invite"  # target: Jurisdiction


@rule(DirectoryAction.INVITE_USER)
def _invite(grants: Grants, target: Any) -> bool:
    return target is not None and target.pk in grants.coordinator_of


class OrganisationAction(StrEnum):
    MANAGE_ALIASES = "organisation.aliases"  # target: Organisation


@rule(OrganisationAction.MANAGE_ALIASES)
def _aliases(grants: Grants, target: Any) -> bool:
    return target is not None and target.jurisdiction_id in grants.coordinator_of
