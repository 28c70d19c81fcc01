"""What the review app adds: assessments in the downloads and on the commitment page."""

from typing import Any

from django.http import HttpRequest

from samskap.kernel.registry import Panel, commitment_panels, download_kinds
from samskap.kernel.tabular import Kind, fields
from samskap.review.models import IRMAssessment

download_kinds.register(
    "assessments",
    Kind(
        "assessments",
        "IRM and reviewers' assessments",
        fields(IRMAssessment, list(IRMAssessment.PUBLIC_FIELDS)),
        lambda plan: (
            IRMAssessment.objects.public().filter(commitment__plan=plan) if plan else IRMAssessment.objects.public()
        ),
        position=90,
    ),
)


def _assessments(request: HttpRequest | None, commitment: Any) -> dict[str, Any] | None:
    """The commitment's assessments, in report order (one query; read only when the page is rendered)."""
    order = list(IRMAssessment.ReportType.values)
    found = sorted(
        IRMAssessment.objects.released().filter(commitment=commitment).select_related("report"),
        key=lambda a: (order.index(a.report_type), a.pk),
    )
    return {"assessments": found} if found else None


commitment_panels.register("assessments", Panel("review/panels/assessments.html", _assessments, order=50))
