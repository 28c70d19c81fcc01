"""The directory's organisations: found by identity, renamed (recorded), merged (everything moves)."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from samskap.accounts.models import RoleGrant, User
from samskap.commitments.models import Commitment
from samskap.history.models import ChangeRecord
from samskap.organisations import services
from samskap.organisations.models import Organisation
from tests import factories as f

pytestmark = pytest.mark.django_db


def records_of(instance) -> list[ChangeRecord]:
    kind = ContentType.objects.get_for_model(type(instance))
    return list(ChangeRecord.objects.filter(content_type=kind, object_id=instance.pk).order_by("pk"))


def test_an_organisation_is_found_by_name_case_aside_within_its_jurisdiction_only():
    norway, denmark = f.jurisdiction(), f.jurisdiction()
    ministry = f.organisation(name="Digitaliseringsdepartementet", jurisdiction=norway)
    found, created = services.find_or_create_organisation(
        actor=None, name="digitaliseringsdepartementet", jurisdiction=norway, type=Organisation.Type.MINISTRY
    )
    assert (found, created) == (ministry, False)
    other, created = services.find_or_create_organisation(
        actor=None, name="Digitaliseringsdepartementet", jurisdiction=denmark, type=Organisation.Type.MINISTRY
    )
    assert created
    assert other != ministry
    assert other.jurisdiction == denmark


def test_creating_makes_a_slug_from_name_and_jurisdiction_and_records_it():
    norway = f.jurisdiction(slug="norge")
    person = f.user()
    created = services.create_organisation(
        actor=person, name="Klima- og miljødepartementet", jurisdiction=norway, type=Organisation.Type.MINISTRY
    )
    assert created.slug == "klima-og-miljodepartementet-norge"
    [record] = records_of(created)
    assert record.action == ChangeRecord.Action.CREATED
    assert record.plan_id is None
    assert record.actor == person


def test_rename_is_recorded_and_refreshes_the_pages_of_commitments_it_leads():
    ministry = f.organisation(name="Kommunaldepartementet")
    commitment = f.commitment(lead_institution=ministry)
    long_ago = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    Commitment.objects.filter(pk=commitment.pk).update(updated_at=long_ago)

    services.rename_organisation(actor=None, organisation=ministry, name="Kommunal- og distriktsdepartementet")

    ministry.refresh_from_db()
    assert ministry.name == "Kommunal- og distriktsdepartementet"
    [record] = records_of(ministry)
    assert record.changes == {"name": {"old": "Kommunaldepartementet", "new": "Kommunal- og distriktsdepartementet"}}
    commitment.refresh_from_db()
    assert commitment.updated_at > long_ago


def test_merge_moves_everything_to_the_kept_organisation_and_deletes_the_other():
    jurisdiction = f.jurisdiction()
    keep = f.organisation(name="Digitaliseringsdirektoratet", jurisdiction=jurisdiction)
    merge = f.organisation(name="Difi", jurisdiction=jurisdiction)
    led = f.commitment(lead_institution=merge)
    supported = f.commitment()
    supported.supporting_institutions.set([merge, keep])
    also_supported = f.commitment()
    also_supported.supporting_institutions.set([merge])
    member = f.user(organisation=merge)
    editor_of_both = f.user(role=RoleGrant.Role.EDITOR, scope=merge)
    RoleGrant.objects.create(user=editor_of_both, role=RoleGrant.Role.EDITOR, organisation=keep)
    editor = f.user(role=RoleGrant.Role.EDITOR, scope=merge)
    jurisdiction.coordinating_organisation = merge
    jurisdiction.save()
    merged_pk = merge.pk

    services.merge_organisations(actor=None, keep=keep, merge=merge)

    assert not Organisation.objects.filter(pk=merged_pk).exists()
    led.refresh_from_db()
    assert led.lead_institution == keep
    assert list(supported.supporting_institutions.all()) == [keep]
    assert list(also_supported.supporting_institutions.all()) == [keep]
    assert User.objects.get(pk=member.pk).organisation == keep
    assert RoleGrant.objects.filter(user=editor_of_both, organisation=keep).count() == 1
    assert RoleGrant.objects.get(user=editor).organisation == keep
    jurisdiction.refresh_from_db()
    assert jurisdiction.coordinating_organisation == keep
    # The commitments' timelines tell what happened, and so does the directory's history.
    [lead_change] = records_of(led)
    assert lead_change.changes == {"lead_institution": {"old": "Difi", "new": "Digitaliseringsdirektoratet"}}
    assert lead_change.commitment_id == led.pk
    [support_change] = records_of(also_supported)
    assert support_change.changes == {
        "supporting_institutions": {"old": ["Difi"], "new": ["Digitaliseringsdirektoratet"]}
    }
    deleted = ChangeRecord.objects.get(
        content_type=ContentType.objects.get_for_model(Organisation), object_id=merged_pk
    )
    assert deleted.action == ChangeRecord.Action.DELETED


def test_merge_finds_every_relation_to_organisation():
    """A new foreign key to Organisation is moved by the merge without anyone remembering to add it."""
    relations = {(r.related_model._meta.label, r.field.name) for r in Organisation._meta.related_objects}
    assert relations >= {
        ("commitments.Commitment", "lead_institution"),
        ("commitments.Commitment", "supporting_institutions"),
        ("accounts.User", "organisation"),
        ("accounts.RoleGrant", "organisation"),
        ("jurisdictions.Jurisdiction", "coordinating_organisation"),
    }


def test_an_organisation_is_not_merged_into_itself():
    ministry = f.organisation()
    with pytest.raises(ValueError, match="itself"):
        services.merge_organisations(actor=None, keep=ministry, merge=ministry)
