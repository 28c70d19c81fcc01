"""Coordinators' pages (start, write, open for comment, answer, publish a self-assessment) and reviewers'
pages (an IRM report, its assessments per commitment, its comments exported for the IRM)."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskap.accounts.permissions import require
from samskap.commitments.models import Commitment
from samskap.evaluation import selectors, services
from samskap.evaluation.forms import AnswerForm, AssessmentForm, ReportForm, SectionForm, StartForm, WindowForm
from samskap.evaluation.models import MIN_COMMENT_DAYS, Comment, SelfAssessment
from samskap.evaluation.permissions import EvaluationAction
from samskap.kernel.forms import apply_model_errors
from samskap.kernel.tabular import csv_row, plain, xlsx_row
from samskap.plans.models import ActionPlan
from samskap.review import services as review_services
from samskap.review.models import Report
from samskap.review.permissions import ReviewAction
from samskap.review.services import ASSESSMENT_FIELDS, REPORT_FIELDS


def _plan(request: HttpRequest, jurisdiction: str, plan: str) -> ActionPlan:
    return selectors.plan_for(request.user, jurisdiction, plan)


def _managed(request: HttpRequest, jurisdiction: str, plan: str, kind: str) -> SelfAssessment:
    found = _plan(request, jurisdiction, plan)
    require(request.user, EvaluationAction.MANAGE_SELF_ASSESSMENT, found)
    if kind not in SelfAssessment.Kind.values:
        raise Http404
    return get_object_or_404(SelfAssessment.objects.select_related("plan__jurisdiction"), plan=found, kind=kind)


@login_required
def start(request: HttpRequest, jurisdiction: str, plan: str) -> HttpResponse:
    found = _plan(request, jurisdiction, plan)
    require(request.user, EvaluationAction.MANAGE_SELF_ASSESSMENT, found)
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.start_self_assessment(actor=request.user, plan=found, kind=form.cleaned_data["kind"])
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, _("The self-assessment is drafted from the record. Write its texts."))
            return redirect(assessment.url("edit"))
    status = 400 if form.errors else 200
    context = {"form": form, "plan": found, "jurisdiction": found.jurisdiction}
    return render(request, "evaluation/manage/start.html", context, status=status)


@login_required
def edit(request: HttpRequest, jurisdiction: str, plan: str, kind: str) -> HttpResponse:
    """One form per section (a save never loses another section's text), the comment period, publishing."""
    assessment = _managed(request, jurisdiction, plan, kind)
    parts = selectors.sections(assessment)
    bound_section = None
    window = WindowForm(
        initial={"comments_open_on": assessment.comments_open_on, "comments_close_on": assessment.comments_close_on}
    )
    status = 200
    if request.method == "POST" and assessment.is_published:
        messages.error(request, _("A published self-assessment cannot be changed."))
        return redirect(assessment.url())
    if request.method == "POST" and request.POST.get("form") == "window":
        window = WindowForm(request.POST)
        if window.is_valid():
            try:
                short = services.set_comment_window(
                    actor=request.user,
                    assessment=assessment,
                    opens_on=window.cleaned_data["comments_open_on"],
                    closes_on=window.cleaned_data["comments_close_on"],
                )
            except ValidationError as error:
                apply_model_errors(window, error)
            else:
                if short:
                    messages.warning(
                        request,
                        _("The comment period is shorter than %(days)d days, the two weeks OGP asks for.")
                        % {"days": MIN_COMMENT_DAYS},
                    )
                else:
                    messages.success(request, _("The comment period is saved."))
                return redirect(assessment.url("edit"))
        status = 400
    elif request.method == "POST":
        try:
            pk = int(request.POST.get("section", ""))
        except ValueError:
            pk = 0
        part = next((p for p in parts if p.pk == pk), None)
        if part is None:
            raise Http404
        bound_section = (part.pk, SectionForm(request.POST, prefix=f"s{part.pk}"))
        form = bound_section[1]
        if form.is_valid():
            services.save_section(actor=request.user, section=part, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect(f"{assessment.url('edit')}#{part.anchor}")
        status = 400
    forms = []
    for part in parts:
        if bound_section is not None and bound_section[0] == part.pk:
            forms.append((part, bound_section[1]))
        else:
            initial = {"narrative": part.narrative, "narrative_en": part.narrative_en}
            forms.append((part, SectionForm(initial=initial, prefix=f"s{part.pk}")))
    return render(
        request,
        "evaluation/manage/edit.html",
        {
            "assessment": assessment,
            "plan": assessment.plan,
            "jurisdiction": assessment.plan.jurisdiction,
            "forms": forms,
            "window": window,
            "unanswered": Comment.objects.filter(
                section__assessment=assessment, confirmed_at__isnull=False, outcome=""
            ).count(),
        },
        status=status,
    )


@login_required
def comments(request: HttpRequest, jurisdiction: str, plan: str, kind: str) -> HttpResponse:
    assessment = _managed(request, jurisdiction, plan, kind)
    rows = list(
        Comment.objects.filter(section__assessment=assessment, confirmed_at__isnull=False)
        .select_related("section__commitment")
        .order_by("section__order", "submitted_at", "pk")
    )
    bound: tuple[int, AnswerForm] | None = None
    if request.method == "POST":
        try:
            pk = int(request.POST.get("comment", ""))
        except ValueError:
            pk = 0
        found = next((c for c in rows if c.pk == pk), None)
        if found is None:
            raise Http404
        form = AnswerForm(request.POST, prefix=f"c{found.pk}")
        if form.is_valid():
            try:
                services.answer_comment(actor=request.user, comment=found, **form.cleaned_data)
            except services.AlreadyPublished:
                messages.error(request, _("A published self-assessment cannot be changed."))
            except ValidationError as error:
                apply_model_errors(form, error)
                bound = (found.pk, form)
            else:
                messages.success(request, _("The answer is saved."))
                return redirect(f"{assessment.url('comments')}#comment-{found.pk}")
        else:
            bound = (found.pk, form)
    answers = []
    for row in rows:
        if bound is not None and bound[0] == row.pk:
            answers.append((row, bound[1]))
        else:
            answers.append(
                (row, AnswerForm(initial={"outcome": row.outcome, "reason": row.reason}, prefix=f"c{row.pk}"))
            )
    return render(
        request,
        "evaluation/manage/comments.html",
        {
            "assessment": assessment,
            "plan": assessment.plan,
            "jurisdiction": assessment.plan.jurisdiction,
            "answers": answers,
        },
        status=400 if bound else 200,
    )


@login_required
@require_POST
def publish(request: HttpRequest, jurisdiction: str, plan: str, kind: str) -> HttpResponse:
    assessment = _managed(request, jurisdiction, plan, kind)
    try:
        services.publish(actor=request.user, assessment=assessment)
    except services.AlreadyPublished:
        messages.error(request, _("This self-assessment is already published."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(assessment.url("edit"))
    else:
        messages.success(request, _("Published. This version no longer changes."))
    return redirect(assessment.url())


# --- Reviewers ------------------------------------------------------------------------------


@login_required
def report_edit(request: HttpRequest, jurisdiction: str, plan: str, pk: int | None = None) -> HttpResponse:
    found = _plan(request, jurisdiction, plan)
    require(request.user, ReviewAction.MANAGE_REPORTS, found)
    report = get_object_or_404(Report, plan=found, pk=pk) if pk is not None else None
    initial = (
        {name: getattr(report, name) for name in REPORT_FIELDS}
        if report
        else {"stage": Report.Stage.DRAFT, "language": "en"}
    )
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report = review_services.save_report(
                actor=request.user, plan=found, values=form.cleaned_data, report=report
            )
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, _("The report is saved."))
            return redirect(selectors.report_url(report))
    status = 400 if form.errors else 200
    context = {"form": form, "plan": found, "jurisdiction": found.jurisdiction, "report": report}
    return render(request, "evaluation/manage/report_edit.html", context, status=status)


@login_required
def assess(request: HttpRequest, jurisdiction: str, plan: str, pk: int, commitment: int) -> HttpResponse:
    found = _plan(request, jurisdiction, plan)
    report = get_object_or_404(Report, plan=found, pk=pk)
    subject = get_object_or_404(Commitment, plan=found, pk=commitment)
    require(request.user, ReviewAction.ASSESS_COMMITMENT, subject)
    existing = report.assessments.filter(commitment=subject).first()
    initial = {name: getattr(existing, name) for name in ASSESSMENT_FIELDS} if existing else {}
    form = AssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            review_services.save_assessment(
                actor=request.user, report=report, commitment=subject, values=form.cleaned_data
            )
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, _("The assessment is saved."))
            return redirect(f"{selectors.report_url(report)}#commitment-{subject.pk}")
    status = 400 if form.errors else 200
    context = {"form": form, "plan": found, "jurisdiction": found.jurisdiction, "report": report, "commitment": subject}
    return render(request, "evaluation/manage/assess.html", context, status=status)


def _comment_rows(report: Report) -> tuple[list[str], list[list[object]]]:
    # Hidden comments keep their text here (the IRM reads everything sent) and say that they are hidden.
    header = [_("Receipt"), _("Sent"), _("Name"), _("Organisation"), _("Comment"), _("Publication"), _("Hidden")]
    rows: list[list[object]] = []
    for c in selectors.comment_rows(report):
        hidden = _("Hidden by a moderator: %(reason)s") % {"reason": c.hidden_reason} if c.is_hidden else ""
        rows.append([c.receipt, plain(c.submitted_at), c.name, c.organisation, c.text, c.get_consent_display(), hidden])
    return [str(h) for h in header], rows


@login_required
def export_comments(request: HttpRequest, jurisdiction: str, plan: str, pk: int, fmt: str) -> HttpResponse:
    """The draft report's public comments, for the IRM (formula-safe cells; never an email address)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    found = _plan(request, jurisdiction, plan)
    report = get_object_or_404(Report.objects.select_related("plan"), plan=found, pk=pk)
    require(request.user, ReviewAction.EXPORT_REPORT_COMMENTS, report)
    header, rows = _comment_rows(report)
    name = f"irm-report-{report.pk}-comments"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(csv_row(header))
        for row in rows:
            writer.writerow(csv_row(row))
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Comments")[:31])
    sheet.append(xlsx_row(sheet, header))
    for row in rows:
        sheet.append(xlsx_row(sheet, row))
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
