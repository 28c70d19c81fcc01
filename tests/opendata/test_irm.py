"""OGP's commitment spreadsheet: import (all or nothing), re-import, export and the round trip."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from samskap.accounts.models import RoleGrant
from samskap.commitments.models import Commitment, PolicyArea
from samskap.history.models import ChangeRecord
from samskap.history.services import snapshot
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.tabular import restore
from samskap.opendata.irm.cells import parse_date
from samskap.opendata.irm.export import export_rows
from samskap.opendata.irm.importer import import_irm
from samskap.opendata.irm.reader import ImportRefused
from samskap.opendata.irm.vocabulary import COLUMNS
from samskap.plans.models import ActionPlan
from samskap.review.models import IRMAssessment
from tests import factories as f
from tests.opendata.irm_files import REAL_FILE, irm_csv, row

pytestmark = pytest.mark.django_db


def refused(data: bytes) -> list[str]:
    with pytest.raises(ImportRefused) as caught:
        import_irm(io.BytesIO(data))
    assert Commitment.objects.count() == 0, "nothing at all may be imported from a refused file"
    assert Jurisdiction.objects.count() == 0
    return [str(problem) for problem in caught.value.problems]


def test_a_row_creates_the_jurisdiction_plan_commitment_tags_and_assessment():
    result = import_irm(io.BytesIO(irm_csv([row(**{"Full Text": "What is the commitment?\nTo publish."})])))
    assert (result.rows, result.created) == (1, 1)
    commitment = Commitment.objects.select_related("plan__jurisdiction", "lead_institution", "theme").get()
    assert commitment.identifier == "NO0999"
    assert commitment.plan.label == "4"
    assert (commitment.plan.start_date.year, commitment.plan.end_date.year) == (2019, 2021)
    assert commitment.plan.jurisdiction.country_code == "NOR"
    assert commitment.lead_institution.name == "Ministry of Local Government"
    assert sorted(o.name for o in commitment.supporting_institutions.all()) == ["Agency A", "Agency B"]
    assert [a.name for a in commitment.policy_areas.all()] == ["Open Data"]
    assert commitment.theme.title == "Open data"
    assert commitment.description == "What is the commitment?\nTo publish."
    assert commitment.access_to_information and not commitment.civic_participation
    assessment = IRMAssessment.objects.get()
    assert assessment.report_type == IRMAssessment.ReportType.PROGRESS
    assert assessment.source == IRMAssessment.Source.IRM_IMPORT
    assert assessment.verifiable is True
    assert assessment.potential_impact == "moderate"
    assert assessment.completion == "limited"
    assert assessment.report_year == 2020


def test_imported_assessments_and_their_records_are_what_the_model_gives():
    """Written as rows, not instances: the model's defaults, its name and its snapshot all the same."""
    import_irm(io.BytesIO(irm_csv([row(**{"Starred (Current Formula) End of Term": "1"})])))
    assessments = IRMAssessment.objects.select_related("commitment").order_by("report_type")
    assert [(a.report_type, a.starred) for a in assessments] == [("end_of_term", True), ("progress", None)]
    for assessment in assessments:
        assert (assessment.reviewer_id, assessment.report_id, assessment.reviewer_name) == (None, None, "")
        assert assessment.created_at == assessment.updated_at == assessment.commitment.created_at  # the import's
        record = ChangeRecord.objects.get(content_type__model="irmassessment", object_id=assessment.pk)
        assert record.object_repr == str(assessment)
        assert (record.plan_id, record.commitment_id, record.action) == (
            assessment.commitment.plan_id,
            assessment.commitment_id,
            "created",
        )
        snapshotted = snapshot(assessment)
        assert record.changes == {n: {"old": None, "new": v} for n, v in snapshotted.items() if v not in (None, "", [])}


def test_reimporting_the_same_file_changes_nothing():
    data = irm_csv([row(), row(**{"Commitment Unique Identifier": "NO1000", "Commitment Number": "2"})])
    import_irm(io.BytesIO(data))
    changes = ChangeRecord.objects.count()
    stamps = list(Commitment.objects.order_by("pk").values_list("updated_at", flat=True))
    result = import_irm(io.BytesIO(data))
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert ChangeRecord.objects.count() == changes
    assert list(Commitment.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps


def test_a_changed_file_updates_in_place():
    import_irm(io.BytesIO(irm_csv([row()])))
    before = Commitment.objects.get()
    result = import_irm(
        io.BytesIO(irm_csv([row(**{"Commitment Title": "A new title", "Completion (Progress Report)": "Complete"})]))
    )
    assert (result.created, result.updated) == (0, 1)
    after = Commitment.objects.get()
    assert after.pk == before.pk and after.title == "A new title" and after.updated_at > before.updated_at
    assert IRMAssessment.objects.get().completion == "complete"
    assert ChangeRecord.objects.filter(commitment=after, action="updated").exists()


def test_byte_order_mark_semicolons_and_windows_line_ends_are_read():
    data = irm_csv(
        [row(**{"Full Text": "What is the commitment?\r\nTo publish."})], delimiter=";", bom=True, newline="\r\n"
    )
    assert import_irm(io.BytesIO(data)).created == 1
    assert Commitment.objects.get().description == "What is the commitment?\nTo publish."


def test_missing_and_unknown_columns_are_refused():
    columns = [c for c in COLUMNS if c != "Commitment Title"] + ["Colour"]
    problems = refused(irm_csv([row()], columns=columns))
    assert any("Line 1" in p and "Commitment Title" in p and "missing" in p for p in problems)
    assert any("Line 1" in p and "Colour" in p and "unknown column" in p for p in problems)


@pytest.mark.parametrize("broken", [b'"NO1000"x', b'"NO1000'])
def test_broken_quoting_is_refused_with_the_line(broken):
    data = irm_csv(
        [row(), row(**{"Commitment Unique Identifier": "NO1000"}), row(**{"Commitment Unique Identifier": "NO1001"})]
    )
    lines = data.split(b"\n")
    lines[2] = lines[2].replace(b"NO1000", broken, 1)
    problems = refused(b"\n".join(lines))
    assert len(problems) == 1
    assert problems[0].startswith("Line 3") or problems[0].startswith("Line 4")
    assert "quoting" in problems[0]


def test_a_row_with_too_few_values_is_refused():
    data = irm_csv([row()]) + b"NO1001,Norway,4\n"
    problems = refused(data)
    assert any(p.startswith("Line 3") and "expected 171 values, found 3" in p for p in problems)


def test_an_unknown_label_is_refused_with_line_column_and_reason():
    data = irm_csv([row(), row(**{"Commitment Unique Identifier": "NO1000", "Potential Impact": "Huge"})])
    problems = refused(data)
    assert problems == [
        "Line 3, column “Potential Impact”: unknown label 'Huge' "
        "(expected one of: Minor, Moderate, None, Transformative)"
    ]


def test_a_bad_policy_flag_and_a_bad_year_are_refused():
    problems = refused(irm_csv([row(**{"Open Data": "yes please", "Year Of Submission": "twenty"})]))
    assert any("“Open Data”" in p for p in problems)
    assert any("“Year Of Submission”" in p and "not a year" in p for p in problems)


def test_a_duplicate_identifier_is_refused():
    problems = refused(irm_csv([row(), row()]))
    assert problems == ["Line 3, column “Commitment Unique Identifier”: NO0999 already appears on line 2"]


def test_text_that_is_not_utf8_is_refused():
    problems = refused(irm_csv([row()]).replace(b"Algorithms", "Algoritmér".encode("latin-1")))
    assert any("not UTF-8" in p for p in problems)


def test_a_nul_character_is_refused_with_line_and_column():
    data = irm_csv([row(), row(**{"Commitment Unique Identifier": "NO1000", "Commitment Title": "Open\0data"})])
    assert refused(data) == ["Line 3, column “Commitment Title”: contains a NUL character, which is not text"]


def test_an_empty_file_is_refused():
    assert refused(b"") == ["Line 1: the file is empty"]


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("9/1/2019", False, "2019-09-01"),
        ("31/12/2014", False, "2014-12-31"),
        ("6/30/20", False, "2020-06-30"),
        ("July 2014", False, "2014-07-01"),
        ("July 2014", True, "2014-07-31"),
        ("IV quarter of 2021", True, "2021-12-31"),
        ("Quarter 1 2014", False, "2014-01-01"),
        ("2016", True, "2016-12-31"),
        ("43525", False, "2019-03-01"),
        ("Ongoing", False, None),
        ("NA", False, None),
    ],
)
def test_the_irm_ways_of_writing_dates(text, end, expected):
    value = parse_date(text, end=end)
    assert (value.isoformat() if value else None) == expected


def test_the_management_command_shows_progress_and_refuses_bad_files(tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_bytes(irm_csv([row()]))
    call_command("import_irm", str(good))
    captured = capsys.readouterr()
    assert "1 rows: 1 commitments created" in captured.out
    assert "100.0%" in captured.err
    bad = tmp_path / "bad.csv"
    bad.write_bytes(irm_csv([row(**{"Commitment Unique Identifier": "NO2", "Verifiable": "Perhaps"})]))
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_irm", str(bad), "--no-progress")
    assert "“Verifiable”" in capsys.readouterr().err
    assert Commitment.objects.count() == 1


def test_export_then_import_gives_the_same_data():
    import_irm(
        io.BytesIO(irm_csv([row(), row(**{"Commitment Unique Identifier": "NO1000", "Start Date": "June 2016"})]))
    )
    # A commitment made in Samskap, never imported, exports too.
    plan = ActionPlan.objects.get()
    f.commitment(plan, identifier="NO1001", title="Made in Samskap")
    exported = "".join(export_rows()).encode()
    changes = ChangeRecord.objects.count()
    result = import_irm(io.BytesIO(exported))
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert ChangeRecord.objects.count() == changes
    again = "".join(export_rows()).encode()
    assert again == exported


def test_the_commitment_page_shows_the_assessment(client):
    import_irm(io.BytesIO(irm_csv([row()])))
    commitment = Commitment.objects.get()
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "Independent assessment" in page
    assert "Progress (mid-term) report (2020)" in page
    assert "Moderate" in page


# --- Uploads ------------------------------------------------------------------------------------


def upload(client, data: bytes):
    return client.post("/en/data/import/", {"file": io.BytesIO(data)} | {"file": _named(data)}, follow=False)


def _named(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("commitments.csv", data, content_type="text/csv")


def test_a_coordinator_imports_into_their_own_jurisdiction(client):
    norway = f.jurisdiction(name="Norway", slug="norway", country_code="NOR")
    coordinator = f.user(role=RoleGrant.Role.COORDINATOR, scope=norway)
    client.force_login(coordinator)
    response = upload(client, irm_csv([row()]))
    assert response.status_code == 200
    assert "The file was imported." in response.content.decode()
    assert Commitment.objects.get().plan.jurisdiction == norway


def test_an_upload_with_a_nul_character_is_refused_with_the_reason(client):
    norway = f.jurisdiction(name="Norway", slug="norway", country_code="NOR")
    client.force_login(f.user(role=RoleGrant.Role.COORDINATOR, scope=norway))
    response = upload(client, irm_csv([row(**{"Commitment Title": "Open\0data"})]))
    assert response.status_code == 200
    assert "contains a NUL character" in response.content.decode()
    assert not Commitment.objects.exists()


def test_a_coordinator_sees_every_problem_and_nothing_is_imported(client):
    norway = f.jurisdiction(name="Norway", slug="norway", country_code="NOR")
    client.force_login(f.user(role=RoleGrant.Role.COORDINATOR, scope=norway))
    data = irm_csv(
        [
            row(),
            row(**{"Commitment Unique Identifier": "DK1", "Country/Locality": "Denmark", "Code": "DNK"}),
            row(**{"Commitment Unique Identifier": "NO3", "Completion (Progress Report)": "Half done"}),
        ]
    )
    page = upload(client, data).content.decode()
    assert "nothing was imported" in page
    assert "Line 4, column “Completion (Progress Report)”: unknown label" in page
    assert "Country/Locality" not in page, "another country's row is skipped, not a problem"
    assert Commitment.objects.count() == 0


def test_a_coordinator_may_not_import_into_another_jurisdiction(client):
    f.jurisdiction(name="Norway", slug="norway", country_code="NOR")
    denmark = f.jurisdiction(name="Denmark", slug="denmark", country_code="DNK")
    client.force_login(f.user(role=RoleGrant.Role.COORDINATOR, scope=denmark))
    page = upload(client, irm_csv([row()])).content.decode()
    assert "1 rows of jurisdictions you do not coordinate were skipped: Norway (1)" in page
    assert Commitment.objects.count() == 0


def test_people_without_a_coordinator_role_may_not_import(client):
    client.force_login(f.user())
    assert upload(client, irm_csv([row()])).status_code == 403
    client.logout()
    assert client.get("/en/data/import/").status_code == 302


def test_a_superuser_imports_a_multi_country_file(client):
    client.force_login(f.user(is_superuser=True, is_staff=True))
    data = irm_csv(
        [row(), row(**{"Commitment Unique Identifier": "DK1", "Country/Locality": "Denmark", "Code": "DNK"})]
    )
    assert "The file was imported." in upload(client, data).content.decode()
    assert set(Jurisdiction.objects.values_list("name", flat=True)) == {"Norway", "Denmark"}


# --- The real file ------------------------------------------------------------------------------


@pytest.fixture
def real_file() -> bytes:
    if not REAL_FILE.exists():
        pytest.skip(f"OGP's commitment data is not at {REAL_FILE} (it lives beside the repository)")
    return REAL_FILE.read_bytes()


def test_the_real_irm_file_imports_and_round_trips(real_file):
    result = import_irm(io.BytesIO(real_file))
    assert (result.rows, result.created) == (558, 558)
    assert Commitment.objects.count() == 558
    assert Jurisdiction.objects.filter(kind="national").count() >= 60
    norway = Commitment.objects.select_related("plan__jurisdiction", "lead_institution").get(identifier="NO0063")
    assert norway.title == "Openness on artificial intelligence and algorithms"
    assert norway.plan.jurisdiction.name == "Norway" and norway.plan.label == "4"
    assert norway.lead_institution.name == "Ministry of Local Government and Modernisation"
    assert {"Automated Decision-making", "Digital Governance"} <= {a.name for a in norway.policy_areas.all()}
    assert PolicyArea.objects.filter(name="Open Parliaments").get().commitments.count() > 0
    end_of_term = IRMAssessment.objects.get(commitment=norway, report_type="end_of_term")
    assert end_of_term.completion == "unclear"
    assert end_of_term.opened_government == "no_results_yet"
    assert IRMAssessment.objects.get(commitment=norway, report_type="progress").potential_impact == "minor"
    assert Commitment.objects.filter(identifier="DK0018").exists()

    # Re-import: nothing changes.
    changes = ChangeRecord.objects.count()
    assert import_irm(io.BytesIO(real_file)).unchanged == 558
    assert ChangeRecord.objects.count() == changes

    # Export: the same columns, and every row as it came in.
    exported = "".join(export_rows())
    original = list(csv.reader(io.StringIO(real_file.decode("utf-8"))))
    # Cells that a spreadsheet would run as formulas carry the apostrophe that keeps them text.
    rows = [[restore(cell) for cell in row] for row in csv.reader(io.StringIO(exported))]
    assert rows[0] == original[0] and len(rows[0]) == 171
    assert sorted(rows[1:]) == sorted(original[1:])

    # Import the export: the same data.
    assert import_irm(io.BytesIO(exported.encode())).unchanged == 558
    assert ChangeRecord.objects.count() == changes


def test_import_finds_organisations_and_countries_by_identity_and_records_them():
    from django.contrib.contenttypes.models import ContentType

    from samskap.organisations.models import Organisation

    norway = f.jurisdiction(name="Norge", slug="norge", country_code="NOR")
    ministry = f.organisation(name="Ministry of Finance", jurisdiction=norway)
    data = irm_csv(
        [
            row(**{"Country/Locality": "Norway", "Code": "NOR", "Lead Institution": "ministry of finance"}),
            row(
                **{
                    "Commitment Unique Identifier": "NO1000",
                    "Code": "NOR",
                    "Lead Institution": "Digitalisation Agency",
                }
            ),
        ]
    )
    import_irm(io.BytesIO(data))
    assert Jurisdiction.objects.get() == norway
    assert Commitment.objects.get(identifier="NO0999").lead_institution == ministry
    agency = Organisation.objects.get(name="Digitalisation Agency")
    assert agency.jurisdiction == norway
    assert ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(Organisation), object_id=agency.pk, action="created"
    ).exists()
