"""Writes to accounts: role grants and password links (invitations are the directory's)."""

from typing import TYPE_CHECKING

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from samskap.accounts.models import RoleGrant, User

if TYPE_CHECKING:
    from samskap.jurisdictions.models import Jurisdiction
    from samskap.organisations.models import Organisation


def grant_role(
    *,
    user: User,
    role: str,
    jurisdiction: "Jurisdiction | None" = None,
    organisation: "Organisation | None" = None,
) -> RoleGrant:
    grant, _ = RoleGrant.objects.get_or_create(
        user=user, role=role, jurisdiction=jurisdiction, organisation=organisation
    )
    return grant


def set_password_link(user: User, site_url: str) -> str:
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{site_url}{path}"
