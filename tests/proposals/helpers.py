"""Small builders for the proposals tests."""

import datetime
import uuid
from typing import Any

from django.utils import timezone

from samskap.accounts.models import RoleGrant
from samskap.organisations.models import Organisation
from samskap.proposals import services
from samskap.proposals.models import Proposal, Round
from tests import factories as f


def world(published: bool = False) -> dict[str, Any]:
    norway = f.jurisdiction(name="Norge", slug="norge")
    plan = f.plan(
        jurisdiction=norway, published_at=timezone.now() if published else None, label="4B", title="Handlingsplan 4B"
    )
    kmd = f.organisation(jurisdiction=norway, name="Kommunal- og moderniseringsdepartementet", slug="kmd")
    fin = f.organisation(jurisdiction=norway, name="Finansdepartementet", slug="fin")
    ti = f.organisation(
        jurisdiction=norway, name="Transparency International Norge", slug="ti", type=Organisation.Type.CIVIL_SOCIETY
    )
    return {
        "norway": norway,
        "plan": plan,
        "kmd": kmd,
        "fin": fin,
        "ti": ti,
        "coordinator": f.user(role=RoleGrant.Role.COORDINATOR, scope=norway),
        "kmd_editor": f.user(role=RoleGrant.Role.EDITOR, scope=kmd, organisation=kmd),
        "fin_editor": f.user(role=RoleGrant.Role.EDITOR, scope=fin, organisation=fin),
        "ti_editor": f.user(role=RoleGrant.Role.EDITOR, scope=ti, organisation=ti),
        "citizen": f.user(full_name="Kari Borger"),
    }


def a_round(plan: Any, **fields: Any) -> Round:
    values = {"title": "Forslag til handlingsplan 4B", "closes_at": timezone.now() + datetime.timedelta(days=10)}
    values.update(fields)
    return services.save_round(actor=None, plan=plan, values=values)


def draft(w: dict[str, Any], *, by: str = "ti_editor", organisation: str | None = "ti", **values: Any) -> Proposal:
    fields = {"title": "Åpenhet om innkjøp", "description": "Publiser alle kontrakter.", **values}
    return services.create_draft(
        actor=w[by], plan=w["plan"], values=fields, organisation=w[organisation] if organisation else None
    )


def sent(w: dict[str, Any], **kwargs: Any) -> Proposal:
    proposal = draft(w, **kwargs)
    return services.submit(actor=w[kwargs.get("by", "ti_editor")], proposal=proposal)


def public_values(**extra: Any) -> dict[str, Any]:
    values = {
        "title": "Ungdomspanel for åpenhet",
        "author_name": "Ola Borger",
        "email": "ola@example.no",
        "sender_type": Proposal.SenderType.CITIZEN,
        "organisation_name": "",
    }
    values.update(extra)
    return values


def token() -> uuid.UUID:
    return uuid.uuid4()
