"""Types shared by every layer."""

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:  # a type only: the kernel imports no app at run time
    from django.contrib.auth.models import AnonymousUser

    from samskap.accounts.models import User

#: Whoever acts: a signed-in user, an anonymous visitor, or None for the system (imports, the demo loader).
Actor: TypeAlias = "User | AnonymousUser | None"


def person(actor: Actor) -> "User | None":
    """The signed-in user who acts, or None for an anonymous visitor or the system."""
    if actor is not None and actor.is_authenticated:
        return actor
    return None
