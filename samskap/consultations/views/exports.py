"""A consultation's public record for download: CSV, XLSX, an HTML report and the same report as PDF.
Only published submissions, never an email (`selectors.export_rows`)."""

import csv
import io

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samskap.consultations import reports, selectors
from samskap.consultations.models import Consultation
from samskap.kernel import intake

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


#: Report requests one client address may make per hour (a file already made is cheap; making one is not).
REPORTS_PER_ADDRESS = 240
RETRY_AFTER = 10  # seconds


def _report(request: HttpRequest, jurisdiction: str, slug: str, fmt: str) -> HttpResponse | FileResponse:
    """The report as a file made by the worker; "being prepared" (503, Retry-After) until it is there."""
    consultation = _consultation(jurisdiction, slug)
    try:
        intake.throttle("report", address=intake.client_address(request), per_address=REPORTS_PER_ADDRESS)
    except intake.TooManySubmissions:
        response = render(
            request,
            "consultations/report_wait.html",
            {"consultation": consultation, "jurisdiction": consultation.jurisdiction, "too_many": True},
            status=429,
        )
        response["Retry-After"] = "3600"
        return response
    language = translation.get_language() or settings.LANGUAGE_CODE
    target = reports.path(consultation.pk, reports.version(consultation), fmt, language)
    if not target.exists():
        # One request enqueues it; the others within ten minutes only wait for it.
        if cache.add(f"report:{target.name}:{consultation.pk}", 1, 600):
            reports.make_report.enqueue(consultation_id=consultation.pk, fmt=fmt, language=language)
    if not target.exists():
        response = render(
            request,
            "consultations/report_wait.html",
            {"consultation": consultation, "jurisdiction": consultation.jurisdiction},
            status=503,
        )
        response["Retry-After"] = str(RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response
    if fmt == "html":
        page = FileResponse(target.open("rb"), content_type="text/html; charset=utf-8")
        # The report carries its own <style> (the same file makes the PDF): inline style, and no script at all.
        page["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:"
        return page
    return FileResponse(
        target.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=_export_name(consultation, "pdf"),
    )


@require_GET
def report_html(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse | FileResponse:
    return _report(request, jurisdiction, slug, "html")


@require_GET
def report_pdf(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse | FileResponse:
    return _report(request, jurisdiction, slug, "pdf")
