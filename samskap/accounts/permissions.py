"""The permission module: every permission check of Samskap goes through `can` or `require`.

A rule takes the user's role grants and the object acted on. Each app registers the rules of its own
actions with `@rule` in its `permissions.py` (imported when the apps are ready); templates use the
`{% allowed %}` tag. The matrix test in tests/accounts/test_permissions.py iterates every registered
action, so a new rule without a row in the matrix fails.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied

from samskap.accounts.models import RoleGrant
from samskap.kernel.types import Actor

__all__ = ["AccessAction", "Actor", "Grants", "can", "grants_for", "registered_actions", "require", "rule"]


@dataclass(frozen=True)
class Grants:
    coordinator_of: frozenset[int]  # jurisdiction ids
    editor_of: frozenset[int]  # organisation ids
    reviewer: bool
    moderator_of: frozenset[int | None]  # None: everywhere
    superuser: bool

    @property
    def is_coordinator(self) -> bool:
        return bool(self.coordinator_of) or self.superuser

    @property
    def is_editor(self) -> bool:
        return bool(self.editor_of) or self.superuser


NO_GRANTS = Grants(frozenset(), frozenset(), False, frozenset(), False)


def grants_for(user: Actor) -> Grants:
    """The user's grants, read once per request and kept on the user object."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_GRANTS
    cached = getattr(user, "_samskap_grants", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    rows = list(RoleGrant.objects.filter(user=user).values_list("role", "jurisdiction_id", "organisation_id"))
    return keep_grants(user, rows)


def keep_grants(user: Any, rows: Iterable[tuple[str, int | None, int | None]]) -> Grants:
    """The grants of `rows` (role, jurisdiction id, organisation id), kept on the request's user. The
    session store calls it with the rows it read alongside the session (`accounts.sessions`)."""
    rows = list(rows)
    grants = Grants(
        coordinator_of=frozenset(j for r, j, _ in rows if r == RoleGrant.Role.COORDINATOR and j),
        editor_of=frozenset(o for r, _, o in rows if r == RoleGrant.Role.EDITOR and o),
        reviewer=any(r == RoleGrant.Role.REVIEWER for r, _, _ in rows),
        moderator_of=frozenset(j for r, j, _ in rows if r == RoleGrant.Role.MODERATOR),
        superuser=bool(user.is_superuser),
    )
    setattr(user, "_samskap_grants", grants)  # noqa: B010 (a private cache on the request's user)
    return grants


Rule = Callable[[Grants, Any], bool]
_RULES: dict[str, Rule] = {}


def rule(*actions: str) -> Callable[[Rule], Rule]:
    """Register the rule that decides `actions` (each app in its own `permissions` module)."""

    def register(decide: Rule) -> Rule:
        for action in actions:
            if action in _RULES:
                raise ValueError(f"Two rules for the permission {action!r}")
            _RULES[action] = decide
        return decide

    return register


def registered_actions() -> list[str]:
    """Every action some app has a rule for (the matrix test iterates them)."""
    return sorted(_RULES)


def can(user: Actor, action: str, target: Any = None) -> bool:
    decide = _RULES.get(action)
    if decide is None:
        raise LookupError(f"No permission rule for {action!r}; register one with @rule in the app's permissions.py")
    grants = grants_for(user)
    if grants.superuser:
        return True
    return bool(decide(grants, target))


def require(user: Actor, action: str, target: Any = None) -> None:
    """Raise PermissionDenied (a translated 403 page) unless the user may do this."""
    if not can(user, action, target):
        raise PermissionDenied


class AccessAction(StrEnum):
    MODERATE = "content.moderate"  # target: Jurisdiction or None


@rule(AccessAction.MODERATE)
def _moderate(grants: Grants, target: Any) -> bool:
    scope = getattr(target, "pk", None)
    return None in grants.moderator_of or (scope is not None and scope in grants.moderator_of)
