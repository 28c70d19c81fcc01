"""Public pages: a plan's evaluations, a self-assessment (its draft out for comment, or its frozen
published version), an IRM report, and the public comment forms with their confirmation."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samskap.accounts.permissions import can
from samskap.evaluation import selectors, services
from samskap.evaluation.drafting import gather, summary_sentence
from samskap.evaluation.forms import CommentForm
from samskap.evaluation.models import Comment, Section, SelfAssessment
from samskap.evaluation.permissions import EvaluationAction
from samskap.kernel import intake
from samskap.kernel.documents import from_dict
from samskap.kernel.pages import blank_form, cached_public
from samskap.review.models import Report
from samskap.review.permissions import ReviewAction


@require_GET
@cached_public("plans", "evaluation", "review", timely=True)  # a comment period opens on a given day
def index(request: HttpRequest) -> HttpResponse:
    """Every plan's evaluation that is out, by government and newest plan first: its self-assessments
    (published, or out for comment) and its IRM reports."""
    return render(request, "evaluation/index.html", {"rows": selectors.public_evaluations_by_plan()})


def _assessment(request: HttpRequest, jurisdiction: str, plan: str, kind: str) -> tuple[SelfAssessment, bool]:
    found = selectors.plan_for(request.user, jurisdiction, plan)
    if kind not in SelfAssessment.Kind.values:
        raise Http404
    assessment = get_object_or_404(SelfAssessment.objects.select_related("plan__jurisdiction"), plan=found, kind=kind)
    may_manage = can(request.user, EvaluationAction.MANAGE_SELF_ASSESSMENT, found)
    if not (assessment.is_public and found.is_published) and not may_manage:
        raise Http404
    return assessment, may_manage


@require_GET
@cached_public(timely=True)  # a comment period opens and closes on a given day
def plan_evaluations(request: HttpRequest, jurisdiction: str, plan: str) -> HttpResponse:
    found = selectors.plan_for(request.user, jurisdiction, plan)
    may_manage = can(request.user, EvaluationAction.MANAGE_SELF_ASSESSMENT, found)
    assessments = list(found.self_assessments.order_by("kind"))
    if not may_manage:
        assessments = [a for a in assessments if a.is_public]
    return render(
        request,
        "evaluation/plan.html",
        {
            "plan": found,
            "jurisdiction": found.jurisdiction,
            "assessments": assessments,
            "reports": selectors.reports_of(found, request.user),
            "may_manage": may_manage,
            "may_review": can(request.user, ReviewAction.MANAGE_REPORTS, found),
            "missing": [k for k in SelfAssessment.Kind if k not in {a.kind for a in assessments}],
        },
    )


@require_GET
@cached_public(query=True, timely=True)  # ?language=; a draft takes comments for a period
def detail(request: HttpRequest, jurisdiction: str, plan: str, kind: str) -> HttpResponse:
    assessment, may_manage = _assessment(request, jurisdiction, plan, kind)
    if assessment.is_published:
        wanted = request.GET.get("language", "")
        version = selectors.version(assessment, wanted or translation.get_language() or "")
        if version is None:
            raise Http404
        others = [v for v in assessment.versions.all() if v.pk != version.pk]
        return render(
            request,
            "evaluation/published.html",
            {
                "assessment": assessment,
                "plan": assessment.plan,
                "jurisdiction": assessment.plan.jurisdiction,
                "version": version,
                "document": from_dict(version.document),
                "others": others,
                "formats": services.file_formats(),
                "may_manage": may_manage,
            },
        )
    record = gather(assessment.plan)
    records = record.by_commitment()
    comments = selectors.public_comments(assessment)
    parts = [(s, records.get(s.commitment_id or 0), comments.get(s.pk, [])) for s in selectors.sections(assessment)]
    return render(
        request,
        "evaluation/draft.html",
        {
            "assessment": assessment,
            "plan": assessment.plan,
            "jurisdiction": assessment.plan.jurisdiction,
            "parts": parts,
            "record": record,
            "summary": summary_sentence(record),
            "may_manage": may_manage,
        },
    )


def _comment(
    request: HttpRequest, target: Section | Report, context: dict[str, object], back: str, open_: bool
) -> HttpResponse:
    form = CommentForm(request.POST or None)
    status = 200
    if request.method == "POST" and open_:
        if form.is_valid():
            data = dict(form.cleaned_data)
            token = data.pop("form_token")
            try:
                sent = services.comment(
                    target=target,
                    form_token=token,
                    values=data,
                    address=intake.client_address(request),
                    throttle=True,
                )
            except services.CommentsClosed:
                open_ = False
                status = 409
            except intake.TooManySubmissions as error:
                form.add_error(None, error.message)
                status = 429
            else:
                return render(request, "evaluation/comment_sent.html", {"comment": sent.comment, "back": back})
        else:
            status = 400
    elif request.method == "POST":
        status = 409
    return render(
        request, "evaluation/comment.html", {"form": form, "open": open_, "back": back, **context}, status=status
    )


@blank_form
def comment_on_section(request: HttpRequest, jurisdiction: str, plan: str, kind: str, section: int) -> HttpResponse:
    assessment, _may = _assessment(request, jurisdiction, plan, kind)
    part = get_object_or_404(Section.objects.select_related("commitment"), assessment=assessment, pk=section)
    return _comment(
        request,
        part,
        {
            "assessment": assessment,
            "section": part,
            "plan": assessment.plan,
            "jurisdiction": assessment.plan.jurisdiction,
        },
        f"{assessment.url()}#{part.anchor}",
        assessment.takes_comments,
    )


def _report(request: HttpRequest, jurisdiction: str, plan: str, pk: int) -> Report:
    found = selectors.plan_for(request.user, jurisdiction, plan)
    report = get_object_or_404(Report.objects.select_related("plan__jurisdiction"), plan=found, pk=pk)
    if not selectors.may_see_report(request.user, report):
        raise Http404
    return report


@require_GET
@cached_public(timely=True)  # a report takes comments for a period
def report_detail(request: HttpRequest, jurisdiction: str, plan: str, pk: int) -> HttpResponse:
    report = _report(request, jurisdiction, plan, pk)
    assessed = selectors.report_assessments(report)
    rows = [(c, assessed.get(c.pk)) for c in selectors.commitments(report.plan)]
    return render(
        request,
        "evaluation/report.html",
        {
            "report": report,
            "plan": report.plan,
            "jurisdiction": report.plan.jurisdiction,
            "rows": rows,
            "may_review": can(request.user, ReviewAction.MANAGE_REPORTS, report.plan),
            "may_export": can(request.user, ReviewAction.EXPORT_REPORT_COMMENTS, report),
            "comment_count": selectors.comment_rows(report).count(),
            "comments": selectors.public_report_comments(report),
        },
    )


@blank_form
def comment_on_report(request: HttpRequest, jurisdiction: str, plan: str, pk: int) -> HttpResponse:
    report = _report(request, jurisdiction, plan, pk)
    return _comment(
        request,
        report,
        {"report": report, "plan": report.plan, "jurisdiction": report.plan.jurisdiction},
        selectors.report_url(report),
        report.takes_comments,
    )


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """A GET shows a button (a mail scanner confirms nothing); the POST confirms."""
    found = intake.by_confirmation_token(Comment.objects.select_related("section__assessment", "report"), token)
    if found is None:
        return render(request, "evaluation/confirm.html", {"comment": None}, status=404)
    if request.method == "POST":
        services.confirm_comment(comment=found)
        return redirect(request.path)
    return render(request, "evaluation/confirm.html", {"comment": found, "now": timezone.now(), "title": _("Confirm")})


@require_GET
def published_file(
    request: HttpRequest, jurisdiction: str, plan: str, kind: str, language: str, fmt: str
) -> HttpResponse | FileResponse:
    """A published version as a file (rendered once from the stored document: the same bytes every time)."""
    assessment, _may = _assessment(request, jurisdiction, plan, kind)
    version = assessment.versions.filter(language=language).first() if assessment.is_published else None
    if version is None or fmt not in services.file_formats():
        raise Http404
    path = services.published_file(version, fmt)
    if path is None:
        busy = HttpResponse(_("This file is being prepared. Please try again in a minute."), status=503)
        busy["Retry-After"] = "30"
        return busy
    response = FileResponse(path.open("rb"), content_type=services.FILE_TYPES[fmt])
    name = f"{assessment.plan.jurisdiction.slug}-{assessment.plan.slug}-{assessment.kind}-{language}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
