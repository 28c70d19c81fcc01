"""Every write of the independent review in the interface (the IRM import writes through its own importer)."""

from typing import Any

from django.db import transaction

from samskap.commitments.models import Commitment
from samskap.history.services import save_tracked
from samskap.kernel.types import Actor, person
from samskap.plans.models import ActionPlan
from samskap.review.models import IRMAssessment, Report

#: What a reviewer enters per commitment (the current products' scales and the older ones).
ASSESSMENT_FIELDS: tuple[str, ...] = (
    "verifiable",
    "open_government_lens",
    "relevant_access_to_information",
    "relevant_civic_participation",
    "relevant_public_accountability",
    "relevant_technology_innovation",
    "potential_for_results",
    "promising",
    "completion",
    "early_results",
    "specificity",
    "potential_impact",
    "opened_government",
    "starred",
)

REPORT_FIELDS: tuple[str, ...] = (
    "report_type",
    "title",
    "stage",
    "summary",
    "language",
    "comments_open_on",
    "comments_close_on",
    "draft_url",
    "final_url",
    "ogp_url",
    "published_on",
)


@transaction.atomic
def save_report(*, actor: Actor, plan: ActionPlan, values: dict[str, Any], report: Report | None = None) -> Report:
    """Create or change a report on `plan` (recorded in the public history)."""
    report = report or Report(plan=plan, created_by=person(actor))
    save_tracked(actor=actor, instance=report, values={k: v for k, v in values.items() if k in REPORT_FIELDS})
    return report


@transaction.atomic
def save_assessment(*, actor: Actor, report: Report, commitment: Commitment, values: dict[str, Any]) -> IRMAssessment:
    """Enter or change the reviewer's assessment of `commitment` in `report` (one per commitment and report)."""
    assessment = IRMAssessment.objects.select_for_update().filter(
        report=report, commitment=commitment
    ).first() or IRMAssessment(commitment=commitment, report=report, source=IRMAssessment.Source.REVIEWER)
    user = person(actor)
    fixed = {
        "report_type": report.report_type,
        "report_year": (report.published_on or report.comments_open_on or report.created_at.date()).year,
        "reviewer": user,
        "reviewer_name": (user.get_full_name() or user.email) if user else assessment.reviewer_name,
    }
    chosen = {k: v for k, v in values.items() if k in ASSESSMENT_FIELDS}
    save_tracked(actor=actor, instance=assessment, values={**chosen, **fixed})
    return assessment
