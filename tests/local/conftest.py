import pytest

from samskap.accounts.models import RoleGrant
from samskap.jurisdictions.models import Jurisdiction
from samskap.local.models import Activity, OgpValue
from tests import factories as f


@pytest.fixture
def norway():
    return f.jurisdiction(name="Norge", slug="norge", default_language="nb")


@pytest.fixture
def fjordvik(norway):
    return f.jurisdiction(name="Fjordvik kommune", slug="fjordvik", kind=Jurisdiction.Kind.MUNICIPALITY, parent=norway)


@pytest.fixture
def national(norway):
    """Coordinator of the country."""
    return f.user(role=RoleGrant.Role.COORDINATOR, scope=norway)


@pytest.fixture
def local_coordinator(fjordvik):
    return f.user(role=RoleGrant.Role.COORDINATOR, scope=fjordvik)


def activity(place, **fields):
    values = {
        "title": "Åpne digitale møter i kommunestyret",
        "description": "Alle åpne møter strømmes og opptakene publiseres.",
        "ogp_value": OgpValue.ACCESS_TO_INFORMATION,
        "contact_name": "Siri Demo",
        "contact_email": "siri@example.no",
    }
    values.update(fields)
    return Activity.objects.create(jurisdiction=place, **values)
