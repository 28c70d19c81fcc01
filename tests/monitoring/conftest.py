import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from samskap.accounts.models import RoleGrant
from samskap.monitoring import services
from samskap.monitoring.models import StatusRound
from tests import factories as f

OSLO = datetime.timezone(datetime.timedelta(hours=1))


@dataclass
class World:
    plan: Any
    coordinator: Any
    kud: Any
    fin: Any
    kud_editor: Any
    fin_editor: Any
    journal: Any  # KUD's commitment
    registry: Any  # FIN's commitment
    m_survey: Any
    m_draft: Any
    m_register: Any

    def start(self, **values: Any) -> StatusRound:
        today = timezone.localdate()
        fields = {
            "as_of": today - datetime.timedelta(days=1),
            "due_date": today + datetime.timedelta(days=10),
            "letter": "KMD ber om status for forpliktelsene.",
            "reminder_offsets": "7,1,-3",
            **values,
        }
        return services.start_round(
            actor=self.coordinator, plan=self.plan, values=fields, organisations=[self.kud, self.fin]
        )


@pytest.fixture
def world(db: Any) -> World:
    norway = f.jurisdiction(name="Norge", slug="norge", default_language="en")
    kud = f.organisation(jurisdiction=norway, name="Kulturdepartementet", slug="kud")
    fin = f.organisation(jurisdiction=norway, name="Finansdepartementet", slug="fin")
    plan = f.plan(jurisdiction=norway, label="4", slug="4")
    journal = f.commitment(plan, lead_institution=kud, identifier="NO0055", slug="no0055", order=1)
    registry = f.commitment(plan, lead_institution=fin, identifier="NO0061", slug="no0061", order=2)
    f.commitment(plan, lead_institution=kud, status="withdrawn", identifier="NO0099", slug="no0099")
    return World(
        plan=plan,
        coordinator=f.user(role=RoleGrant.Role.COORDINATOR, scope=norway, email="koordinator@example.no"),
        kud=kud,
        fin=fin,
        kud_editor=f.user(role=RoleGrant.Role.EDITOR, scope=kud, organisation=kud, email="kud@example.no"),
        fin_editor=f.user(role=RoleGrant.Role.EDITOR, scope=fin, organisation=fin, email="fin@example.no"),
        journal=journal,
        registry=registry,
        m_survey=f.milestone(journal, status="completed", evidence_links=["https://example.no/rapport"]),
        m_draft=f.milestone(journal, status="on_track"),
        m_register=f.milestone(registry, status="delayed"),
    )
