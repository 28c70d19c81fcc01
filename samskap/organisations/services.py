"""Writes to the directory: inviting people to work for an organisation."""

from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from samskap.accounts.models import RoleGrant, User
from samskap.accounts.services import grant_role, set_password_link
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.tasks import send_email
from samskap.organisations.models import Organisation


@transaction.atomic
def invite_user(
    *,
    inviter: Any,
    email: str,
    full_name: str,
    organisation: Organisation,
    role: str,
    jurisdiction: Jurisdiction,
    site_url: str,
    language: str,
) -> User:
    """Create (or reuse) the account, grant the role, and email a link to choose a password."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, full_name=full_name, organisation=organisation)
    elif user.organisation_id is None:
        user.organisation = organisation
        user.save(update_fields=["organisation"])
    if role == RoleGrant.Role.COORDINATOR:
        grant_role(user=user, role=role, jurisdiction=jurisdiction)
    elif role == RoleGrant.Role.EDITOR:
        grant_role(user=user, role=role, organisation=organisation)
    else:
        raise ValueError(f"Coordinators invite coordinators and editors, not {role}.")
    with translation.override(language):
        context = {
            "user": user,
            "inviter": inviter,
            "organisation": organisation,
            "jurisdiction": jurisdiction,
            "link": set_password_link(user, site_url),
            "role": RoleGrant.Role(role).label,
        }
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/invitation_body.txt", context)
    # The database task backend stores the email in this transaction: no account, no email.
    send_email.enqueue(subject=subject, body=body, to=[user.email])
    return user
