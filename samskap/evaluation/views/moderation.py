"""A public comment's own page (its text, or the placeholder with the reason once hidden), the page to
report it to a moderator, and the moderator's hiding, showing again and dismissing of reports there."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samskap.accounts.permissions import can, require
from samskap.consultations.forms import HideForm, ReportForm
from samskap.consultations.services import NothingToHide
from samskap.evaluation import selectors, services
from samskap.evaluation.models import Comment
from samskap.evaluation.permissions import CommentAction, EvaluationAction
from samskap.kernel import intake
from samskap.kernel.forms import apply_model_errors


def _comment(request: HttpRequest, jurisdiction: str, plan: str, pk: int) -> Comment:
    """A listed comment of a page the user may read (a self-assessment out for comment or published, an IRM
    report that is out); 404 otherwise."""
    found = selectors.plan_for(request.user, jurisdiction, plan)
    comment = get_object_or_404(
        Comment.objects.select_related(
            "section__assessment__plan__jurisdiction", "section__commitment", "report__plan__jurisdiction"
        ).filter(Q(section__assessment__plan=found) | Q(report__plan=found)),
        pk=pk,
    )
    if not comment.is_listed:
        raise Http404
    if comment.section is not None:
        assessment = comment.section.assessment
        if not (assessment.is_public and found.is_published) and not can(
            request.user, EvaluationAction.MANAGE_SELF_ASSESSMENT, found
        ):
            raise Http404
    elif comment.report is None or not selectors.may_see_report(request.user, comment.report):
        raise Http404
    return comment


def _where(comment: Comment) -> str:
    """The page that lists the comment, at the comment."""
    if comment.section is not None:
        return f"{comment.section.assessment.url()}#comment-{comment.pk}"
    assert comment.report is not None
    return f"{selectors.report_url(comment.report)}#comment-{comment.pk}"


def _context(comment: Comment) -> dict[str, object]:
    plan = comment.plan
    return {
        "comment": comment,
        "plan": plan,
        "jurisdiction": plan.jurisdiction,
        "assessment": comment.section.assessment if comment.section is not None else None,
        "section": comment.section,
        "report": comment.report,
        "back": _where(comment),
    }


@require_http_methods(["GET", "POST"])
def comment_detail(request: HttpRequest, jurisdiction: str, plan: str, pk: int) -> HttpResponse:
    """The comment, and for a moderator its open reports and the hiding; every POST is a moderator's."""
    comment = _comment(request, jurisdiction, plan, pk)
    may_moderate = can(request.user, CommentAction.MODERATE_COMMENTS, comment.plan)
    action = request.POST.get("action", "")
    form = HideForm(request.POST if action == "hide" else None, initial={"reason": comment.hidden_reason})
    problem = ""
    if request.method == "POST":
        require(request.user, CommentAction.MODERATE_COMMENTS, comment.plan)
        if action == "dismiss":
            services.dismiss_comment_reports(comment=comment)
            messages.success(request, _("The reports were dismissed."))
            return redirect(request.path)
        if action == "unhide":
            services.unhide_comment(actor=request.user, comment=comment)
            messages.success(request, _("The comment is shown again."))
            return redirect(request.path)
        if action == "hide" and form.is_valid():
            try:
                services.hide_comment(actor=request.user, comment=comment, reason=form.cleaned_data["reason"])
            except NothingToHide:
                form.add_error(None, _("Only a confirmed public comment can be hidden."))
            except ValidationError as error:
                apply_model_errors(form, error)
            else:
                messages.success(request, _("The comment was hidden."))
                return redirect(request.path)
        elif action != "hide":
            problem = _("Choose what to do with the comment.")
    reports = list(comment.reports.filter(resolved=False)) if may_moderate else []
    return render(
        request,
        "evaluation/comment_detail.html",
        {**_context(comment), "may_moderate": may_moderate, "reports": reports, "form": form, "problem": problem},
        status=400 if form.errors or problem else 200,
    )


@require_http_methods(["GET", "POST"])
def comment_report(request: HttpRequest, jurisdiction: str, plan: str, pk: int) -> HttpResponse:
    """The report form has a page of its own (as consultations'): the pages that list comments hold no form."""
    comment = _comment(request, jurisdiction, plan, pk)
    if comment.is_hidden:
        return redirect(comment)
    form = ReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        posted = intake.send_public(
            form,
            lambda: services.report_comment(
                comment=comment, reason=form.cleaned_data["reason"], address=intake.client_address(request)
            ),
        )
        if posted.result is not None:
            messages.success(request, _("Thank you. A moderator will look at the comment."))
            return redirect(comment)
        status = posted.status
    return render(request, "evaluation/comment_report.html", {**_context(comment), "form": form}, status=status)
