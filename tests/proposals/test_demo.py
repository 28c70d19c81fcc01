"""The demo's proposals follow seeds 002 and 003 and show what became of each."""

import pytest

from samskap.demo.loader import load_demo
from samskap.proposals import selectors
from samskap.proposals.models import Proposal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_demo_has_the_2018_and_4b_proposals_and_their_fate(client):
    load_demo()
    fate = {p.title: (p.status, p.commitment.identifier if p.commitment else None) for p in Proposal.objects.all()}
    assert fate["Ungdomspanel for åpenhet og medvirkning"] == ("accepted", "NO0064")
    assert fate["Åpenhet om kunstig intelligens og algoritmer"] == ("accepted", "NO0063")
    assert fate["Videreføre strategien for åpne kulturdata"] == ("withdrawn", None)
    assert fate["Åpne lisenser for offentlige data og bilder"][0] == "not_taken_up"
    procurement = Proposal.objects.get(title__startswith="Effektivisere og forbedre offentlige anskaffelser")
    assert [o.name for o in procurement.co_authors.all()] == ["Direktoratet for forvaltning og økonomistyring (DFØ)"]
    ti = Proposal.objects.get(organisation__slug="transparency-international-norge")
    assert ti.status == "merged" and ti.merged_into.title == "Register over reelle rettighetshavere"
    assert ti.merged_into is not None and ti.merged_into.commitment is not None
    origins = selectors.provenance(ti.merged_into.commitment)
    assert [o.proposal.sender for o in origins] == ["Finansdepartementet", "Transparency International Norge"]
    assert [s.meeting.starts_at.date().isoformat() for s in origins[1].revisions][-1] == "2018-06-19"
    assert not Proposal.objects.filter(status="draft").exists()
    page = client.get(ti.merged_into.commitment.get_absolute_url()).content.decode()
    assert "Transparency International Norge" in page and "Where the commitment came from" in page
