"""Reads of the self-assessments and of the IRM's reports for pages, panels and the API."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from samskap.accounts.permissions import can
from samskap.commitments.models import Commitment, CompletionLevel
from samskap.evaluation.models import Comment, PublishedVersion, Section, SelfAssessment
from samskap.kernel.types import Actor
from samskap.plans.models import ActionPlan
from samskap.plans.permissions import PlanAction
from samskap.review.models import IRMAssessment, Report
from samskap.review.permissions import ReviewAction

#: Which IRM reports a self-assessment is compared with, best match first.
COUNTERPARTS: dict[str, tuple[str, ...]] = {
    SelfAssessment.Kind.MID_TERM: (IRMAssessment.ReportType.PROGRESS,),
    SelfAssessment.Kind.END_OF_TERM: (IRMAssessment.ReportType.RESULTS, IRMAssessment.ReportType.END_OF_TERM),
}


def plan_for(user: Actor, jurisdiction: str, plan: str) -> ActionPlan:
    """The plan, if public or if the user may see its draft; 404 otherwise."""
    found = get_object_or_404(
        ActionPlan.objects.select_related("jurisdiction"), jurisdiction__slug=jurisdiction, slug=plan
    )
    if not found.is_published and not can(user, PlanAction.VIEW_DRAFT, found):
        raise Http404
    return found


def public_self_assessments(day: datetime.date | None = None) -> "QuerySet[SelfAssessment]":
    """Published self-assessments and drafts whose comment period has opened, of published plans."""
    day = day or timezone.localdate()
    return SelfAssessment.objects.filter(plan__published_at__isnull=False).filter(
        Q(published_at__isnull=False) | Q(comments_open_on__lte=day)
    )


def public_reports() -> "QuerySet[Report]":
    """IRM reports that are out: published, or a draft whose comment period has opened."""
    return Report.objects.public()


def public_evaluations_by_plan() -> list[dict[str, Any]]:
    """Every plan with an evaluation that is out, by government and newest plan first: {"plan",
    "assessments", "reports"}. Two queries."""
    found: dict[int, dict[str, Any]] = {}

    def row(plan: Any) -> dict[str, Any]:
        return found.setdefault(plan.pk, {"plan": plan, "assessments": [], "reports": []})

    for assessment in public_self_assessments().select_related("plan__jurisdiction").order_by("kind"):
        row(assessment.plan)["assessments"].append(assessment)
    for report in public_reports().select_related("plan__jurisdiction").order_by("pk"):
        row(report.plan)["reports"].append(report)
    return sorted(found.values(), key=lambda r: (r["plan"].jurisdiction.name, -r["plan"].start_date.toordinal()))


def may_see_report(user: Actor, report: Report) -> bool:
    return public_reports().filter(pk=report.pk).exists() or can(user, ReviewAction.MANAGE_REPORTS, report.plan)


def sections(assessment: SelfAssessment) -> list[Section]:
    return list(assessment.sections.select_related("commitment").order_by("order", "pk"))


def public_comments(assessment: SelfAssessment) -> dict[int, list[Comment]]:
    """Confirmed comments that may be shown, by section id."""
    found: dict[int, list[Comment]] = {}
    # Hidden ones too: the page lists them as a placeholder with the moderator's reason.
    listed = Comment.objects.filter(section__assessment=assessment, confirmed_at__isnull=False).exclude(consent="none")
    for comment in listed.select_related("section__assessment__plan__jurisdiction"):
        found.setdefault(comment.section_id or 0, []).append(comment)
    return found


def version(assessment: SelfAssessment, language: str) -> PublishedVersion | None:
    versions = {v.language: v for v in assessment.versions.all()}
    return versions.get(language) or versions.get(assessment.language)


@dataclass(frozen=True)
class Comparison:
    """One commitment's completion as the government and as the IRM judge it."""

    self_assessment: SelfAssessment
    government: str  # a completion level
    irm: IRMAssessment | None

    @property
    def government_label(self) -> str:
        return str(CompletionLevel(self.government).label) if self.government else ""

    @property
    def differs(self) -> bool:
        return bool(self.irm and self.irm.completion and self.government and self.irm.completion != self.government)


def comparisons(commitment: Commitment) -> list[Comparison]:
    """For each public self-assessment of the commitment's plan: the government's completion (as published,
    or the record's while the draft is out for comment) beside the IRM's matching assessment (two queries)."""
    assessments = list(public_self_assessments().filter(plan_id=commitment.plan_id).order_by("kind"))
    if not assessments:
        return []
    irm = list(IRMAssessment.objects.public().filter(commitment=commitment).exclude(completion=""))
    found = []
    for assessment in assessments:
        if assessment.is_published:
            government = str(assessment.completions.get(str(commitment.pk), ""))
        else:
            government = str(commitment.completion)
        matching = [a for a in irm if a.report_type in COUNTERPARTS.get(assessment.kind, ())]
        best = sorted(matching or irm, key=lambda a: (a.report_year or 0, a.pk))
        found.append(Comparison(assessment, government, best[-1] if best else None))
    return found


def reports_of(plan: ActionPlan, user: Actor) -> list[Report]:
    shown = Report.objects.filter(plan=plan) if can(user, ReviewAction.MANAGE_REPORTS, plan) else public_reports()
    return list(shown.filter(plan=plan).order_by("-published_on", "-pk"))


def report_assessments(report: Report) -> dict[int, IRMAssessment]:
    return {a.commitment_id: a for a in report.assessments.all()}


def commitments(plan: ActionPlan) -> list[Commitment]:
    return list(
        Commitment.objects.filter(plan=plan).exclude(status__in=["withdrawn", "proposed"]).order_by("order", "pk")
    )


def public_report_comments(report: Report) -> list[Comment]:
    """The report's comments that are listed publicly (hidden ones as a placeholder): one query."""
    return list(comment_rows(report).exclude(consent="none").select_related("report__plan__jurisdiction"))


def comment_rows(report: Report) -> "QuerySet[Comment]":
    return Comment.objects.filter(report=report, confirmed_at__isnull=False).order_by("submitted_at", "pk")


def report_url(report: Report, name: str = "report") -> str:
    plan = report.plan
    return reverse(
        f"evaluation:{name}", kwargs={"jurisdiction": plan.jurisdiction.slug, "plan": plan.slug, "pk": report.pk}
    )
