"""What evaluation adds to the site: the self-assessment beside the IRM's assessment on commitment pages,
a plan panel, sitemap pages, calendar entries for comment periods, evidence documents, and work for
coordinators (comments to answer) and reviewers (assessments to enter)."""

import datetime
import zoneinfo
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.accounts.permissions import can, grants_for
from samskap.evaluation import selectors
from samskap.evaluation.models import Comment, CommentReport, PublishedVersion, SelfAssessment
from samskap.evaluation.permissions import CommentAction, EvaluationAction
from samskap.kernel.registry import (
    Deadline,
    EvidenceItem,
    Panel,
    commitment_panels,
    deadline_sources,
    evidence_sources,
    plan_panels,
    sitemap_sections,
    withheld_changes,
    work_items,
)
from samskap.kernel.sitemaps import I18nSitemap
from samskap.plans.models import ActionPlan
from samskap.review.models import Report


def _comparison(request: HttpRequest | None, commitment: Any) -> dict[str, Any] | None:
    found = selectors.comparisons(commitment)
    return {"comparisons": found} if found else None


def _plan_panel(request: HttpRequest | None, plan: Any) -> dict[str, Any] | None:
    assessments = list(selectors.public_self_assessments().filter(plan=plan).order_by("kind"))
    reports = list(selectors.public_reports().filter(plan=plan).order_by("-published_on", "-pk"))
    user = request.user if request is not None else None
    # The plan's coordinators find the way in from the plan even before anything is out. (Reviewers go through
    # My work: the plan page caches its panels per "may edit the plan", which a reviewer may not.)
    if not assessments and not reports and not can(user, EvaluationAction.MANAGE_SELF_ASSESSMENT, plan):
        return None
    return {"plan": plan, "evaluation_assessments": assessments, "evaluation_reports": reports}


class EvaluationPages(I18nSitemap):
    """The evaluation index, each public self-assessment and IRM report. URLs are made in `location`, in
    each language in turn (made in `items`, all three languages would get the same one)."""

    def items(self) -> list[Any]:
        pages: list[Any] = [None]
        pages += selectors.public_self_assessments().select_related("plan__jurisdiction").order_by("pk")
        pages += selectors.public_reports().select_related("plan__jurisdiction").order_by("pk")
        return pages

    def location(self, item: Any) -> str:
        if item is None:
            return reverse("evaluation:index")
        if isinstance(item, Report):
            return selectors.report_url(item)
        return str(item.get_absolute_url())


def _end_of(day: datetime.date, zone: str) -> datetime.datetime:
    """A last day given as a date ends at the start of the next day in the jurisdiction's time."""
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), zoneinfo.ZoneInfo(zone))


def _deadlines(place: Any) -> list[Deadline]:
    """The last days of public comment on self-assessments and IRM draft reports."""
    found: list[Deadline] = []
    assessments = selectors.public_self_assessments().filter(comments_close_on__isnull=False, published_at__isnull=True)
    reports = selectors.public_reports().filter(comments_close_on__isnull=False, stage=Report.Stage.DRAFT)
    if place is not None:
        assessments = assessments.filter(plan__jurisdiction=place)
        reports = reports.filter(plan__jurisdiction=place)
    for a in assessments.select_related("plan__jurisdiction").order_by("pk"):
        zone = a.plan.jurisdiction.time_zone
        found.append(
            Deadline(
                uid=f"evaluation-self-assessment-{a.pk}",
                title=_("Comments on the %(kind)s: %(plan)s")
                % {"kind": a.get_kind_display().lower(), "plan": a.plan.title},
                moment=_end_of(a.comments_close_on, zone),  # type: ignore[arg-type]
                time_zone=zone,
                url=a.get_absolute_url(),
                last_day=a.comments_close_on,
            )
        )
    for r in reports.select_related("plan__jurisdiction").order_by("pk"):
        zone = r.plan.jurisdiction.time_zone
        found.append(
            Deadline(
                uid=f"evaluation-irm-report-{r.pk}",
                title=_("Comments on the IRM's draft report: %(title)s") % {"title": r.title},
                moment=_end_of(r.comments_close_on, zone),  # type: ignore[arg-type]
                time_zone=zone,
                url=selectors.report_url(r),
                last_day=r.comments_close_on,
            )
        )
    return found


def _evidence(jurisdiction_id: int | None) -> list[EvidenceItem]:
    """Each published self-assessment's frozen versions, one document per language."""
    versions = PublishedVersion.objects.filter(assessment__plan__published_at__isnull=False).select_related(
        "assessment__plan__jurisdiction"
    )
    if jurisdiction_id is not None:
        versions = versions.filter(assessment__plan__jurisdiction_id=jurisdiction_id)
    items = []
    for v in versions.order_by("pk"):
        a = v.assessment
        items.append(
            EvidenceItem(
                key=f"evaluation.self_assessment:{v.pk}",
                title=f"{a.get_kind_display()}: {a.plan.title} ({v.language})",
                url=f"{a.get_absolute_url()}?language={v.language}",
                kind="self_assessment",
                date=timezone.localdate(v.published_at),
                language=v.language,
                jurisdiction_id=a.plan.jurisdiction_id,
                plan_id=a.plan_id,
            )
        )
    return items


def _work(request: HttpRequest | None, user: Any) -> dict[str, Any] | None:
    if request is None:
        return None
    grants = grants_for(request.user)
    to_answer: list[SelfAssessment] = []
    if grants.coordinator_of or grants.superuser:
        mine = SelfAssessment.objects.filter(published_at__isnull=True)
        if not grants.superuser:
            mine = mine.filter(plan__jurisdiction__in=grants.coordinator_of)
        waiting = Count(
            "sections__comments",
            filter=Q(sections__comments__confirmed_at__isnull=False, sections__comments__outcome=""),
        )
        to_answer = [a for a in mine.select_related("plan__jurisdiction").annotate(waiting=waiting) if a.waiting]
    to_assess: list[tuple[Report, int]] = []
    if grants.reviewer or grants.superuser:
        counted = ~Q(plan__commitments__status__in=["withdrawn", "proposed"])
        reports = Report.objects.select_related("plan__jurisdiction").annotate(
            done=Count("assessments", distinct=True),
            total=Count("plan__commitments", filter=counted, distinct=True),
        )
        for report in reports.order_by("-pk")[:20]:
            missing = int(report.total) - int(report.done)  # type: ignore[attr-defined]
            if missing > 0:
                to_assess.append((report, missing))
    plans: list[ActionPlan] = []
    if grants.reviewer or grants.superuser:
        # Where a reviewer adds a report: the newest published plans.
        plans = list(ActionPlan.objects.public().select_related("jurisdiction").order_by("-start_date", "pk")[:20])
    reported: list[CommentReport] = []
    if grants.moderator_of or grants.superuser:
        open_reports = CommentReport.objects.filter(resolved=False).select_related(
            "comment__section__assessment__plan__jurisdiction", "comment__report__plan__jurisdiction"
        )
        reported = [
            r
            for r in open_reports.order_by("created_at", "pk")[:200]
            if can(request.user, CommentAction.MODERATE_COMMENTS, r.comment.plan)
        ]
    if not to_answer and not to_assess and not plans and not reported:
        return None
    return {
        "evaluation_to_answer": to_answer,
        "evaluation_to_assess": to_assess,
        "evaluation_plans": plans,
        "evaluation_reported": reported,
    }


def _withheld_comment_changes() -> Any:
    """Once a moderator hides a comment, no record that holds its words or its sender's name is public (the
    services record none today: this keeps it so whatever is recorded later); the record of the hiding (the
    reason, the time) stays. By label: no query of its own (see local's)."""
    hidden = Comment.objects.filter(pk=OuterRef("object_id"), hidden_at__isnull=False)
    return (
        Q(content_type__app_label="evaluation", content_type__model="comment")
        & Q(changes__has_any_keys=["text", "name", "organisation"])
        & Exists(hidden)
    )


commitment_panels.register("evaluation_comparison", Panel("evaluation/panels/comparison.html", _comparison, order=45))
plan_panels.register("evaluation", Panel("evaluation/panels/plan.html", _plan_panel, order=60))
sitemap_sections.register("evaluation", EvaluationPages)
deadline_sources.register("evaluation", _deadlines)
evidence_sources.register("evaluation", _evidence)
work_items.register("evaluation", Panel("evaluation/panels/work.html", _work, order=40))
withheld_changes.register("evaluation.comment", _withheld_comment_changes)
