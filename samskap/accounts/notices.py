"""Work notices: the emails people who work in Samskap get about what needs them (new input for a
coordinator, a report for a moderator, a status due for an editor). Each kind is declared in
`kernel.registry.notice_kinds` by the app that sends it; each person can turn any kind off.

Before sending a notice to a person, the sending app asks `wants_notice(user, kind)`, or filters a
queryset of users with `wanting(users, kind)`.
"""

from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from samskap.accounts.models import User
from samskap.kernel.registry import notice_kinds


def wants_notice(user: Any, kind: str) -> bool:
    """False when the person turned this kind of notice off (or has no active account)."""
    if user is None or not getattr(user, "is_active", False):
        return False
    return kind not in (user.notices_off or [])


def wanting(users: QuerySet[User], kind: str) -> list[User]:
    """The active users among `users` who have not turned `kind` off (read in one query)."""
    return [user for user in users.filter(is_active=True) if wants_notice(user, kind)]


@transaction.atomic
def set_notices_off(*, user: User, kinds: list[str]) -> User:
    """Store which kinds of notice the person turned off; unknown kinds are dropped."""
    user.notices_off = sorted({kind for kind in kinds if kind in notice_kinds})
    user.save(update_fields=["notices_off"])
    return user
