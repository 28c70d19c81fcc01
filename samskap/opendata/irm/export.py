"""Exporting commitments as OGP's commitment spreadsheet (the same 171 columns)."""

import csv
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet

from samskap.commitments.models import Commitment
from samskap.kernel.tabular import csv_row
from samskap.kernel.text import TEXT_MAX
from samskap.opendata.irm.cells import format_date, parse_date, parse_year, split_institutions, text_or_none
from samskap.opendata.irm.vocabulary import COLUMNS, POLICY_AREA_COLUMNS, POLICY_FLAG, RELEVANCE, REPORTS
from samskap.opendata.models import IRMRecord
from samskap.plans.models import ActionPlan
from samskap.review.models import IRMAssessment

A = IRMAssessment


class _Echo:
    def write(self, value: str) -> str:
        return value


def export_queryset(plan: ActionPlan | None = None) -> QuerySet[Commitment]:
    queryset = Commitment.objects.select_related(
        "plan__jurisdiction__parent", "theme", "lead_institution", "irm_record"
    ).prefetch_related(
        "policy_areas",
        "supporting_institutions",
        Prefetch("assessments", queryset=A.objects.filter(source=A.Source.IRM_IMPORT), to_attr="irm_assessments"),
    )
    # One plan, or every published one: nothing of a draft plan.
    chosen = queryset.filter(plan=plan) if plan is not None else queryset.filter(plan__published_at__isnull=False)
    return chosen.order_by("pk")


def _keep(raw: dict[str, str], column: str, value: Any, parse: Callable[[str], Any], formatted: str) -> str:
    """The imported cell when it still means `value`, otherwise Samskap's own spelling."""
    if column in raw:
        try:
            if parse(raw[column]) == value:
                return raw[column]
        except ValueError:
            pass
    return formatted


def _names_case_aside(names: list[str]) -> list[str]:
    return sorted({name.casefold() for name in names})


def export_row(commitment: Commitment) -> list[str]:
    try:
        raw = dict(commitment.irm_record.row)
    except IRMRecord.DoesNotExist:
        raw = {}
    plan = commitment.plan
    jurisdiction = plan.jurisdiction
    out = {column: raw.get(column, "ND") for column in COLUMNS}
    place = jurisdiction.name if jurisdiction.parent is None else f"{jurisdiction.name}, {jurisdiction.parent.name}"

    def same_text(text: str) -> str:
        return " ".join(text_or_none(text).split())

    out["Commitment Unique Identifier"] = commitment.identifier
    out["Country/Locality"] = _keep(raw, "Country/Locality", place, same_text, place)
    if not raw:
        out["Code"] = jurisdiction.country_code
        out["National Or Local"] = "National" if jurisdiction.parent is None else "Legacy Local"
        out["Commitment Number"] = str(commitment.order)
        out["Action Plan Duration (Years)"] = str(plan.end_date.year - plan.start_date.year)
        out["Action Plan ID"] = f"AP_{jurisdiction.country_code}{plan.label}"
    out["Action Plan Number"] = plan.label
    out["Year Of Submission"] = str(plan.start_date.year)
    out["Action Plan End Year"] = str(plan.end_date.year)
    theme = commitment.theme.title if commitment.theme else ""
    out["Theme"] = _keep(raw, "Theme", theme, lambda t: same_text(t)[:300], theme or "NA")
    out["Commitment Title"] = _keep(
        raw, "Commitment Title", commitment.title, lambda t: (same_text(t) or commitment.title)[:500], commitment.title
    )
    out["Short Title"] = _keep(
        raw, "Short Title", commitment.short_title, lambda t: same_text(t)[:200], commitment.short_title or "NA"
    )
    out["Full Text"] = _keep(
        raw, "Full Text", commitment.description, lambda t: text_or_none(t)[:TEXT_MAX], commitment.description or "NA"
    )
    out["Start Date"] = _keep(raw, "Start Date", commitment.start_date, parse_date, format_date(commitment.start_date))
    out["End Date"] = _keep(
        raw, "End Date", commitment.end_date, lambda t: parse_date(t, end=True), format_date(commitment.end_date)
    )
    # An organisation is its name case aside (the directory's identity), so a cell that differs from
    # the stored name only in case still names the same organisation.
    lead = commitment.lead_institution.name if commitment.lead_institution else ""
    out["Lead Institution"] = _keep(
        raw, "Lead Institution", lead.casefold(), lambda t: same_text(t)[:200].casefold(), lead or "NA"
    )
    supporting = sorted(o.name for o in commitment.supporting_institutions.all())
    out["Supporting Institution(s)"] = _keep(
        raw,
        "Supporting Institution(s)",
        _names_case_aside(supporting),
        lambda t: _names_case_aside(split_institutions(t)),
        "; ".join(supporting) or "NA",
    )
    tagged = {area.name.lower() for area in commitment.policy_areas.all()}
    for flag in POLICY_AREA_COLUMNS:
        tag = flag.lower() in tagged
        out[flag] = _keep(raw, flag, tag, lambda t: POLICY_FLAG.parse(t) is True, "1" if tag else "0")
    assessments = {a.report_type: a for a in getattr(commitment, "irm_assessments", [])}
    for report_type, (year_column, columns) in REPORTS.items():
        assessment = assessments.get(report_type)
        for column in columns:
            value = getattr(assessment, column.field) if assessment else None
            if value == "":
                value = None
            if assessment is None and column in RELEVANCE:
                value = getattr(commitment, column.field.removeprefix("relevant_")) or None
            out[column.column] = _keep(raw, column.column, value, column.parse, column.format(value))
        if year_column and assessment is not None:
            year = assessment.report_year
            out[year_column] = _keep(raw, year_column, year, parse_year, str(year) if year else "ND")
    if "URL" in out and not raw:
        out["URL"] = "ND"
    return [out[column] for column in COLUMNS]


def export_rows(plan: ActionPlan | None = None) -> Iterable[str]:
    """The CSV, a line at a time (for a streaming response)."""
    writer = csv.writer(_Echo())
    yield writer.writerow(COLUMNS)
    for commitment in export_queryset(plan).iterator(chunk_size=500):
        yield writer.writerow(csv_row(export_row(commitment)))
