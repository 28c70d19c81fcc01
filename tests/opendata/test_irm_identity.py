"""OGP's whole file as a coordinator uploads it: identities matched (countries in any language,
organisations by their other names), other countries' rows skipped, existing data never overwritten
silently, and assessments only from the IRM's own rows."""

import datetime
import io

import pytest

from samskap.accounts.models import RoleGrant
from samskap.commitments.models import Commitment
from samskap.history.models import ChangeRecord
from samskap.jurisdictions.models import Jurisdiction
from samskap.opendata.irm.export import export_rows
from samskap.opendata.irm.importer import import_irm
from samskap.organisations.models import Organisation, OrganisationAlias
from samskap.organisations.services import add_alias, find_organisation
from samskap.plans.models import ActionPlan
from samskap.review.models import IRMAssessment
from tests import factories as f
from tests.opendata.irm_files import irm_csv, row

pytestmark = pytest.mark.django_db

DENMARK = {"Commitment Unique Identifier": "DK0001", "Country/Locality": "Denmark", "Code": "DNK"}
SWEDEN = {"Commitment Unique Identifier": "SE0001", "Country/Locality": "Sweden", "Code": "SWE"}


def test_a_coordinators_upload_of_the_whole_file_imports_their_rows_and_counts_the_rest():
    norge = f.jurisdiction(name="Norge", slug="norge", country_code="NOR")
    coordinator = f.user(role=RoleGrant.Role.COORDINATOR, scope=norge)
    data = irm_csv([row(), row(**DENMARK), row(**{**DENMARK, "Commitment Unique Identifier": "DK0002"}), row(**SWEDEN)])
    result = import_irm(io.BytesIO(data), actor=coordinator)
    assert (result.rows, result.created, result.skipped) == (1, 1, 3)
    assert dict(result.skipped_places) == {"Denmark": 2, "Sweden": 1}
    assert Jurisdiction.objects.get() == norge
    assert Commitment.objects.get().plan.jurisdiction == norge


def test_the_upload_page_reports_the_skipped_rows(client):
    norge = f.jurisdiction(name="Norge", slug="norge", country_code="NOR")
    client.force_login(f.user(role=RoleGrant.Role.COORDINATOR, scope=norge))
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("c.csv", irm_csv([row(), row(**DENMARK)]), content_type="text/csv")
    page = client.post("/en/data/import/", {"file": upload}).content.decode()
    assert "The file was imported." in page
    assert "1 rows of jurisdictions you do not coordinate were skipped: Denmark (1)" in page


@pytest.mark.parametrize(("code", "place"), [("NOR", "Norway"), ("", "Norway"), ("", "Noreg")])
def test_a_country_is_found_by_code_or_by_its_name_in_another_language(code, place):
    norge = f.jurisdiction(name="Norge", slug="norge", country_code="NOR" if code else "")
    import_irm(io.BytesIO(irm_csv([row(**{"Country/Locality": place, "Code": code})])))
    assert Jurisdiction.objects.filter(kind="national").get() == norge
    assert Commitment.objects.get().plan.jurisdiction == norge


def test_the_command_never_makes_a_second_national_jurisdiction():
    norge = f.jurisdiction(name="Norge", slug="norge", country_code="NOR")
    danmark = f.jurisdiction(name="Danmark", slug="danmark", country_code="DNK")
    import_irm(io.BytesIO(irm_csv([row(), row(**DENMARK)])))
    assert set(Jurisdiction.objects.all()) == {norge, danmark}


def test_organisations_are_found_by_their_other_names():
    norge = f.jurisdiction(name="Norge", slug="norge", country_code="NOR")
    kmd = f.organisation(name="Kommunal- og moderniseringsdepartementet", jurisdiction=norge, slug="kmd")
    add_alias(actor=None, organisation=kmd, name="Ministry of Local Government")
    add_alias(actor=None, organisation=kmd, name="KMD")
    import_irm(
        io.BytesIO(
            irm_csv([row(**{"Lead Institution": "ministry of  local government", "Supporting Institution(s)": "KMD"})])
        )
    )
    commitment = Commitment.objects.get()
    assert commitment.lead_institution == kmd
    assert list(commitment.supporting_institutions.all()) == [kmd]
    assert Organisation.objects.count() == 1
    assert find_organisation(name="kmd", jurisdiction=norge) == kmd


def test_an_alias_is_unique_in_its_jurisdiction():
    from django.core.exceptions import ValidationError

    norge = f.jurisdiction(name="Norge", slug="norge", country_code="NOR")
    finans = f.organisation(name="Finansdepartementet", jurisdiction=norge, slug="fin")
    other = f.organisation(name="Kulturdepartementet", jurisdiction=norge, slug="kud")
    add_alias(actor=None, organisation=finans, name="Ministry of Finance")
    with pytest.raises(ValidationError):
        add_alias(actor=None, organisation=other, name="MINISTRY OF FINANCE")
    with pytest.raises(ValidationError):
        add_alias(actor=None, organisation=other, name="finansdepartementet")
    danmark = f.jurisdiction(name="Danmark", slug="danmark", country_code="DNK")
    fm = f.organisation(name="Finansministeriet", jurisdiction=danmark, slug="fm")
    add_alias(actor=None, organisation=fm, name="Ministry of Finance")
    assert OrganisationAlias.objects.count() == 2


def test_coordinators_add_and_remove_other_names_on_the_organisations_page(client):
    norge = f.jurisdiction(name="Norge", slug="norge", country_code="NOR")
    kmd = f.organisation(name="Kommunal- og moderniseringsdepartementet", jurisdiction=norge, slug="kmd")
    url = f"/en/organisations/{kmd.slug}/names/"
    client.force_login(f.user(role=RoleGrant.Role.COORDINATOR, scope=f.jurisdiction(slug="dk", country_code="DNK")))
    assert client.get(url).status_code == 403
    client.force_login(f.user(role=RoleGrant.Role.COORDINATOR, scope=norge))
    assert "Other names (used by imports)" in client.get(kmd.get_absolute_url()).content.decode()
    response = client.post(url, {"name": "  KMD "})
    assert response.status_code == 302
    alias = OrganisationAlias.objects.get()
    assert (alias.organisation, alias.name, alias.normalised) == (kmd, "KMD", "kmd")
    page = client.post(url, {"name": "kmd"}).content.decode()
    assert "already goes by this name" in page
    assert "KMD" in client.get(kmd.get_absolute_url()).content.decode()
    assert client.post(url, {"remove": str(alias.pk)}).status_code == 302
    assert not OrganisationAlias.objects.exists()
    assert client.post(url, {"remove": "x"}).status_code == 404


def test_existing_plans_keep_title_period_and_themes_and_edited_values_are_kept():
    norge = f.jurisdiction(name="Norge", slug="norge", country_code="NOR")
    plan = f.plan(
        jurisdiction=norge,
        label="4",
        title="Norges fjerde handlingsplan",
        start_date=datetime.date(2019, 9, 1),
        end_date=datetime.date(2021, 8, 31),
    )
    made = f.commitment(plan, identifier="NO0999", title="Åpenhet om algoritmer", short_title="")
    data = irm_csv([row(**{"Action Plan End Year": "2022", "Theme": "Open data and reuse"})])
    result = import_irm(io.BytesIO(data))
    plan.refresh_from_db()
    made.refresh_from_db()
    assert plan.title == "Norges fjerde handlingsplan"
    assert (plan.start_date, plan.end_date) == (datetime.date(2019, 9, 1), datetime.date(2021, 8, 31))
    assert not plan.themes.exists() and made.theme is None
    assert made.title == "Åpenhet om algoritmer", "a title made in Samskap is not overwritten"
    assert made.short_title == "Algorithms", "an empty field is filled"
    kept = {(k.field, k.stored, k.in_file) for k in result.kept}
    assert ("Action Plan End Year", "2021", "2022") in kept
    assert ("title", "Åpenhet om algoritmer", "Openness on algorithms") in kept
    assert ("theme", "", "Open data and reuse") in kept
    assert result.kept_count == len(result.kept)


def test_a_value_edited_in_samskap_is_kept_on_reimport_but_the_irms_own_values_update():
    import_irm(io.BytesIO(irm_csv([row()])))
    commitment = Commitment.objects.get()
    commitment.title = "Edited in Samskap"
    commitment.save()
    changed = row(
        **{"Commitment Title": "New IRM title", "Short Title": "New short", "Completion (Progress Report)": "Complete"}
    )
    result = import_irm(io.BytesIO(irm_csv([changed])))
    commitment.refresh_from_db()
    assert commitment.title == "Edited in Samskap"
    assert commitment.short_title == "New short"
    assert IRMAssessment.objects.get().completion == "complete"
    assert [(k.field, k.in_file) for k in result.kept] == [("title", "New IRM title")]
    assert ActionPlan.objects.get().title == "OGP action plan 4 (2019-2021)"


def test_reimporting_samskaps_own_export_creates_no_assessment():
    plan = f.plan(jurisdiction=f.jurisdiction(name="Norge", slug="norge", country_code="NOR"), label="4")
    f.commitment(plan, identifier="NO1", title="Made in Samskap", access_to_information=True)
    exported = "".join(export_rows(plan)).encode()
    changes = ChangeRecord.objects.count()
    result = import_irm(io.BytesIO(exported))
    assert (result.unchanged, result.assessments) == (1, 0)
    assert not IRMAssessment.objects.exists()
    assert ChangeRecord.objects.count() == changes
    assert Commitment.objects.get().access_to_information


def test_a_bulk_import_records_one_change_per_object_and_bumps_the_plan_once():
    import_irm(io.BytesIO(irm_csv([row(), row(**{"Commitment Unique Identifier": "NO1000"})])))
    commitments = ChangeRecord.objects.filter(content_type__model="commitment")
    assert commitments.filter(action="created").count() == 2
    created = commitments.first()
    assert created.plan_id == ActionPlan.objects.get().pk and created.changes["title"]["new"]
    assert ChangeRecord.objects.filter(content_type__model="irmassessment", action="created").count() == 2
