"""A consultation's public record for download: CSV, XLSX, an HTML report and the same report as PDF.
Only published submissions, never an email (`selectors.export_rows`)."""

import csv
import io

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samskap.consultations import selectors
from samskap.consultations.models import Consultation

EXPORT_COLUMNS = [
    ("receipt", "Receipt number"),
    ("submitted", "Sent"),
    ("late", "Late"),
    ("name", "Name"),
    ("respondent_type", "Respondent type"),
    ("organisation", "Organisation"),
    ("on_behalf_of", "On whose behalf"),
    ("section", "Section"),
    ("text", "Text"),
    ("hidden_reason", "Hidden because"),
    ("themes", "Themes"),
    ("outcome", "Outcome"),
    ("reason", "Reason"),
    ("led_to", "Led to"),
]


def _headers() -> list[str]:
    return [_(label) for _key, label in EXPORT_COLUMNS]


def _consultation(jurisdiction: str, slug: str) -> Consultation:
    return selectors.get_consultation(jurisdiction_slug=jurisdiction, slug=slug)


def _export_name(consultation: Consultation, ext: str) -> str:
    return f"{consultation.jurisdiction.slug}-{consultation.slug}.{ext}"


@require_GET
def export_csv(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse:
    consultation = _consultation(jurisdiction, slug)
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel reads UTF-8 only with the byte-order mark
    writer = csv.writer(buffer)
    writer.writerow(_headers())
    for row in selectors.export_rows(consultation):
        writer.writerow([_cell(row[key]) for key, _label in EXPORT_COLUMNS])
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_export_name(consultation, "csv")}"'
    return response


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    text = str(value)
    # A cell starting with = + - @ is a formula to a spreadsheet; an apostrophe keeps it text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@require_GET
def export_xlsx(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse:
    from openpyxl import Workbook

    consultation = _consultation(jurisdiction, slug)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Submissions")[:31]
    sheet.append(_headers())
    for row in selectors.export_rows(consultation):
        sheet.append([_cell(row[key]) for key, _label in EXPORT_COLUMNS])
    summary = workbook.create_sheet(_("Summary")[:31])
    totals = selectors.totals(consultation)
    summary.append([consultation.title])
    summary.append([_("Submissions"), totals.received])
    summary.append([_("Answered"), totals.answered])
    summary.append([_("Taken up"), totals.taken_up])
    summary.append([_("Partly taken up"), totals.partly])
    summary.append([_("Summary"), str(_cell(consultation.summary))])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_name(consultation, "xlsx")}"'
    return response


def _report_html(request: HttpRequest, consultation: Consultation) -> str:
    return render_to_string(
        "consultations/report.html",
        {
            "consultation": consultation,
            "jurisdiction": consultation.jurisdiction,
            "rows": selectors.export_rows(consultation),
            "totals": selectors.totals(consultation),
            "outcomes": selectors.outcome_counts(consultation),
            "generated": timezone.now(),
        },
        request=request,
    )


@require_GET
def report_html(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse:
    return HttpResponse(_report_html(request, _consultation(jurisdiction, slug)))


@require_GET
def report_pdf(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse:
    from weasyprint import HTML  # type: ignore[import-untyped]

    consultation = _consultation(jurisdiction, slug)
    pdf = HTML(string=_report_html(request, consultation), base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_export_name(consultation, "pdf")}"'
    return response
