import datetime

import pytest

from samskap.accounts.models import RoleGrant
from samskap.commitments import services as commitment_services
from samskap.forum.models import Member
from samskap.plans import services as plan_services
from samskap.plans.models import ActionPlan
from samskap.publication import services
from tests import factories as f

SECRET = "Utkastmerke"


@pytest.fixture
def world():
    """A Norwegian draft plan of two commitments, one of them with its English texts; the people around it."""
    norway = f.jurisdiction(name="Norge", slug="norge", default_language="nb")
    ministry = f.organisation(jurisdiction=norway, name="Kommunaldepartementet", slug="kdd")
    helper = f.organisation(jurisdiction=norway, name="Digitaliseringsdirektoratet", slug="digdir")
    ngo = f.organisation(jurisdiction=norway, name="Transparency International Norge", slug="ti", type="civil_society")
    outsider = f.organisation(jurisdiction=norway, name="Finansdepartementet", slug="fin")
    forum = f.forum(norway)
    Member.objects.create(forum=forum, organisation=ngo)
    coordinator = f.user(role=RoleGrant.Role.COORDINATOR, scope=norway)
    draft = plan_services.create_plan(
        actor=coordinator,
        jurisdiction=norway,
        values={
            "label": "6",
            "title": f"{SECRET} handlingsplan",
            "summary": "Sammendrag av planen.",
            "start_date": datetime.date(2026, 1, 1),
            "end_date": datetime.date(2027, 12, 31),
            "status": ActionPlan.Status.CO_CREATION,
        },
    )
    theme = plan_services.save_theme(actor=coordinator, plan=draft, values={"order": 1, "title": "Åpne data"})
    first = commitment_services.create_commitment(
        actor=coordinator,
        plan=draft,
        values={
            "identifier": "6.1",
            "title": f"{SECRET} veileder om journalføring",
            "order": 1,
            "theme": theme,
            "lead_institution": ministry,
            "problem": "Praksis varierer.",
            "description": "En veileder.",
            "contribution": "Lik praksis.",
            "relevance": "Åpenhet.",
            "access_to_information": True,
        },
    )
    second = commitment_services.create_commitment(
        actor=coordinator,
        plan=draft,
        values={"identifier": "6.2", "title": "Åpenhet om algoritmer", "order": 2, "lead_institution": ministry},
    )
    second.supporting_institutions.add(helper)
    for commitment in (first, second):
        commitment_services.save_milestone(
            actor=coordinator,
            commitment=commitment,
            values={
                "order": 1,
                "activity": f"{SECRET} leveranse {commitment.identifier}",
                "start_date": datetime.date(2026, 2, 1),
                "end_date": datetime.date(2026, 6, 1),
            },
        )
    services.save_plan_text(
        actor=coordinator,
        plan=draft,
        language="nb",
        values={"introduction": "Regjeringen vil ha åpenhet.", "process": "Planen ble laget med sivilsamfunnet."},
    )
    services.save_plan_text(
        actor=coordinator,
        plan=draft,
        language="en",
        values={
            "title": "Norway's sixth action plan",
            "summary": "",
            "introduction": "The government wants openness.",
            "process": "The plan was made with civil society.",
        },
    )
    services.save_commitment_text(
        actor=coordinator,
        commitment=first,
        language="en",
        values={"title": "Guidance on keeping journals", "description": "A guide.", "problem": "Practice varies."},
    )
    return {
        "norway": norway,
        "coordinator": coordinator,
        "draft": draft,
        "first": first,
        "second": second,
        "ministry": ministry,
        "editor": f.user(role=RoleGrant.Role.EDITOR, scope=ministry),
        "supporting_editor": f.user(role=RoleGrant.Role.EDITOR, scope=helper),
        "forum_editor": f.user(role=RoleGrant.Role.EDITOR, scope=ngo),
        "outsider": f.user(role=RoleGrant.Role.EDITOR, scope=outsider),
    }


def approve(world) -> None:
    """The forum's and the government's decisions, as the coordinator records them."""
    draft, coordinator = world["draft"], world["coordinator"]
    services.share_with_forum(actor=coordinator, plan=draft)
    services.record_forum_endorsement(
        actor=coordinator,
        plan=draft,
        values={"forum_endorsed_on": datetime.date(2025, 12, 1), "forum_minutes": "Forumet sluttet seg til planen."},
    )
    services.record_government_approval(
        actor=coordinator,
        plan=draft,
        values={"government_approved_on": datetime.date(2025, 12, 12), "government_reference": "25/1234"},
    )
