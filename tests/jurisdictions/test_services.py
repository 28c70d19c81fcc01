"""The directory's jurisdictions: found by identity, created, renamed (recorded, pages refreshed)."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from samskap.history.models import ChangeRecord
from samskap.jurisdictions import services
from samskap.jurisdictions.models import Jurisdiction
from tests import factories as f

pytestmark = pytest.mark.django_db


def records_of(jurisdiction: Jurisdiction) -> list[ChangeRecord]:
    kind = ContentType.objects.get_for_model(Jurisdiction)
    return list(ChangeRecord.objects.filter(content_type=kind, object_id=jurisdiction.pk).order_by("pk"))


def test_a_country_is_found_by_its_country_code_whatever_its_name():
    norway = f.jurisdiction(name="Norge", country_code="NOR")
    found, created = services.find_or_create_jurisdiction(actor=None, name="Norway", country_code="NOR")
    assert (found, created) == (norway, False)


def test_a_country_without_a_known_code_is_found_by_name_case_aside():
    norway = f.jurisdiction(name="Norge", country_code="NOR")
    assert services.find_jurisdiction(name="NORGE", country_code="") == norway
    assert services.find_jurisdiction(name="Sverige", country_code="SWE") is None


def test_a_local_jurisdiction_is_found_by_name_within_its_parent_only():
    norway, denmark = f.jurisdiction(country_code="NOR"), f.jurisdiction(country_code="DNK")
    bergen = f.jurisdiction(name="Bergen", slug="bergen", kind=Jurisdiction.Kind.MUNICIPALITY, parent=norway)
    assert services.find_jurisdiction(name="bergen", parent=norway) == bergen
    found, created = services.find_or_create_jurisdiction(actor=None, name="Bergen", parent=denmark)
    assert created
    assert found != bergen
    assert found.parent == denmark
    assert found.kind == Jurisdiction.Kind.REGION
    assert found.country_code == "DNK"


def test_creating_makes_a_transliterated_unique_slug_and_records_the_creation():
    f.jurisdiction(slug="aero")
    person = f.user()
    created, was_created = services.find_or_create_jurisdiction(
        actor=person, name="Ærø", country_code="DNK", values={"default_language": "da"}
    )
    assert was_created
    assert created.slug == "aero-2"
    assert created.kind == Jurisdiction.Kind.NATIONAL
    assert created.default_language == "da"
    [record] = records_of(created)
    assert record.action == ChangeRecord.Action.CREATED
    assert record.plan_id is None
    assert record.actor == person


def test_creating_with_bad_values_saves_nothing():
    with pytest.raises(ValidationError):
        services.create_jurisdiction(actor=None, name="Nowhere", values={"time_zone": "Mars/Olympus"})
    assert not Jurisdiction.objects.filter(name="Nowhere").exists()


def test_rename_is_recorded_keeps_the_address_and_refreshes_plan_and_commitment_pages():
    jurisdiction = f.jurisdiction(name="Fjordvik", slug="fjordvik")
    plan = f.plan(jurisdiction=jurisdiction)
    commitment = f.commitment(plan=plan)
    long_ago = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    type(plan).objects.filter(pk=plan.pk).update(updated_at=long_ago)
    type(commitment).objects.filter(pk=commitment.pk).update(updated_at=long_ago)

    services.rename_jurisdiction(actor=None, jurisdiction=jurisdiction, name="Fjordvik kommune")

    jurisdiction.refresh_from_db()
    assert (jurisdiction.name, jurisdiction.slug) == ("Fjordvik kommune", "fjordvik")
    [record] = records_of(jurisdiction)
    assert record.action == ChangeRecord.Action.UPDATED
    assert record.changes == {"name": {"old": "Fjordvik", "new": "Fjordvik kommune"}}
    plan.refresh_from_db()
    commitment.refresh_from_db()
    assert plan.updated_at > long_ago
    assert commitment.updated_at > long_ago


def test_renaming_to_the_same_name_records_nothing():
    jurisdiction = f.jurisdiction(name="Fjordvik")
    services.rename_jurisdiction(actor=None, jurisdiction=jurisdiction, name="Fjordvik")
    assert records_of(jurisdiction) == []
