"""Exports of the public record: CSV, XLSX, HTML and PDF. Private fields never appear."""

import csv
import io

import pytest
from openpyxl import load_workbook

from samskap.consultations import services
from samskap.consultations.models import Submission
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation():
    consultation = f.consultation(title="Innspill til plan 5", summary="Vi hørte **mye**.")
    coordinator = f.user(role="coordinator", scope=consultation.jurisdiction)
    named = f.submission(consultation, name="Kari Nordmann", email="kari@example.no", text="Åpne postjournaler")
    f.submission(
        consultation, name="Hemmelig Person", email="h@example.no", consent="anonymous", text="Anonymt innspill"
    )
    f.submission(
        consultation, name="Privat", email="p@example.no", consent="none", status="not_published", text="Ikke publiser"
    )
    f.submission(consultation, email="u@example.no", status="unconfirmed", text="Ubekreftet tekst")
    f.submission(consultation, text='=HYPERLINK("http://evil")', name="Formel")
    services.answer(
        actor=coordinator, consultation=consultation, submissions=[named], outcome="taken_up", reason="Tatt inn"
    )
    return consultation


def url(consultation, rest):
    return f"/en/consultations/{consultation.jurisdiction.slug}/{consultation.slug}/{rest}"


def assert_public_only(text):
    assert "Kari Nordmann" in text
    assert "Åpne postjournaler" in text
    assert "Tatt inn" in text
    assert "Anonymt innspill" in text
    for private in ("@example.no", "Hemmelig Person", "Ikke publiser", "Ubekreftet tekst", "Privat"):
        assert private not in text


def test_csv(client, consultation):
    response = client.get(url(consultation, "export.csv"))
    assert response["Content-Type"].startswith("text/csv")
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Receipt number"
    assert len(rows) == 1 + 3
    assert_public_only(text)
    assert "'=HYPERLINK" in text  # a formula stays text in a spreadsheet


def test_xlsx(client, consultation):
    response = client.get(url(consultation, "export.xlsx"))
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 1 + 3
    flat = " ".join(str(v) for row in values for v in row if v is not None)
    assert_public_only(flat)
    summary = workbook.worksheets[1]
    assert summary["B2"].value == 4  # confirmed submissions, published or not


def test_html_report(client, consultation):
    response = client.get(url(consultation, "report/"))
    body = b"".join(response.streaming_content).decode()
    assert "<strong>mye</strong>" in body
    assert "4 submissions, 25 % answered, 25 % taken up" in body
    assert_public_only(body)


def test_pdf_report(client, consultation):
    response = client.get(url(consultation, "report.pdf"))
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF-")
    assert len(content) > 2000


def test_the_report_is_made_once_per_version_in_the_worker(client, consultation, settings):
    """No request renders the report: while the worker has not made it, a 503 that says so (issue 10)."""
    from django_tasks_db.models import DBTaskResult

    from samskap.consultations import reports

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for _ in range(3):
        waiting = client.get(url(consultation, "report.pdf"))
        assert waiting.status_code == 503 and waiting["Retry-After"] == "10"
        assert "being prepared" in waiting.content.decode()
    assert DBTaskResult.objects.count() == 1, "enqueued once, however many ask"
    reports.render(consultation.pk, "pdf", "en")  # what the worker does
    ready = client.get(url(consultation, "report.pdf"))
    assert ready.status_code == 200 and b"".join(ready.streaming_content).startswith(b"%PDF-")
    f.submission(consultation, text="Et nytt innspill")  # a new version of the data: a new report
    assert client.get(url(consultation, "report.pdf")).status_code == 503


def test_reports_are_rate_limited_per_client(client, consultation, monkeypatch):
    from samskap.consultations.views import exports

    monkeypatch.setattr(exports, "REPORTS_PER_ADDRESS", 2)
    codes = [client.get(url(consultation, "report/")).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_attachments_of_unpublished_submissions_are_not_served(client, consultation, settings):
    from tests.consultations import helpers

    submission = Submission.objects.get(status="unconfirmed")
    upload = helpers.pdf()
    attachment = submission.attachments.create(
        original_name="a.pdf", content_type="application/pdf", size=upload.size or 0
    )
    attachment.file.save("a.pdf", upload)
    assert client.get(f"/en/consultations/attachments/{attachment.key}/").status_code == 404
    client.force_login(f.user(role="coordinator", scope=consultation.jurisdiction))
    response = client.get(f"/en/consultations/attachments/{attachment.key}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
