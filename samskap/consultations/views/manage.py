"""Pages for coordinators (the consultation, its documents, answers and summary) and moderators
(approving held submissions, hiding, dismissing reports). Every decision through the permission module."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from samskap.accounts.permissions import AccessAction, can, require
from samskap.consultations import selectors, services
from samskap.consultations.forms import AnswerForm, ConsultationForm, DocumentForm, HideForm, SummaryForm
from samskap.consultations.models import Consultation, Submission
from samskap.consultations.permissions import ConsultationAction
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.forms import apply_model_errors, save_with


def _consultation(jurisdiction: str, slug: str) -> Consultation:
    return selectors.get_consultation(jurisdiction_slug=jurisdiction, slug=slug)


@login_required
def consultation_edit(request: HttpRequest, jurisdiction: str, slug: str | None = None) -> HttpResponse:
    if slug is None:
        place = get_object_or_404(Jurisdiction, slug=jurisdiction)
        require(request.user, ConsultationAction.CREATE_CONSULTATION, place)
        existing = None
    else:
        existing = _consultation(jurisdiction, slug)
        place = existing.jurisdiction
        require(request.user, ConsultationAction.MANAGE_CONSULTATION, existing)
    form = ConsultationForm(request.POST or None, jurisdiction=place, instance=existing)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_consultation(
                actor=request.user, jurisdiction=place, consultation=existing, values=form.model_values()
            )
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, _("The consultation was saved."))
            return redirect(saved)
    return render(
        request,
        "consultations/form.html",
        {"form": form, "jurisdiction": place, "consultation": existing},
        status=400 if form.errors else 200,
    )


@login_required
def document_add(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse:
    consultation = _consultation(jurisdiction, slug)
    require(request.user, ConsultationAction.MANAGE_CONSULTATION, consultation)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.add_document(
            actor=request.user,
            consultation=consultation,
            title=form.cleaned_data["title"],
            file=form.cleaned_data.get("file"),
            link=form.cleaned_data.get("link") or "",
        )
        messages.success(request, _("The document was added."))
        return redirect(consultation)
    return render(
        request,
        "consultations/simple_form.html",
        {
            "form": form,
            "consultation": consultation,
            "jurisdiction": consultation.jurisdiction,
            "heading": _("Add a document"),
        },
    )


@login_required
def manage(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse:
    consultation = _consultation(jurisdiction, slug)
    # Whoever may release held input (coordinators and moderators) works here; the page shows each what they may do.
    require(request.user, ConsultationAction.APPROVE_SUBMISSION, consultation)
    may_answer = can(request.user, ConsultationAction.ANSWER_SUBMISSIONS, consultation)
    may_moderate = can(request.user, AccessAction.MODERATE, consultation.jurisdiction)
    show = request.GET.get("show", "")
    # Every submission, a page of MANAGE_PAGE_SIZE at a time (it once stopped silently at the 500 oldest).
    page = selectors.page_number(request.GET.get("page", ""))
    start = (page - 1) * selectors.MANAGE_PAGE_SIZE
    items = list(selectors.manage_list(consultation, show=show)[start : start + selectors.MANAGE_PAGE_SIZE + 1])
    return render(
        request,
        "consultations/manage.html",
        {
            "consultation": consultation,
            "jurisdiction": consultation.jurisdiction,
            "submissions": items[: selectors.MANAGE_PAGE_SIZE],
            "page": page,
            "has_next": len(items) > selectors.MANAGE_PAGE_SIZE,
            "show": show,
            "totals": selectors.totals(consultation),
            "may_answer": may_answer,
            "may_moderate": may_moderate,
            "groups": consultation.groups.annotate(
                size=Count("submissions"), answered=Count("submissions", filter=Q(submissions__response__isnull=False))
            ),
        },
    )


@login_required
def answer(request: HttpRequest, jurisdiction: str, slug: str, pk: int) -> HttpResponse:
    consultation = _consultation(jurisdiction, slug)
    require(request.user, ConsultationAction.ANSWER_SUBMISSIONS, consultation)
    submission = get_object_or_404(
        Submission.objects.select_related("response", "group").prefetch_related("topics", "attachments"),
        pk=pk,
        consultation=consultation,
    )
    current = submission.response
    initial: dict[str, Any] = {
        "topics": ", ".join(t.name for t in submission.topics.all()),
        "group": submission.group.title if submission.group else "",
    }
    if current is not None:
        initial.update(
            outcome=current.outcome,
            reason=current.reason,
            commitments=list(current.commitments.all()),
            themes=list(current.themes.all()),
        )
    form = AnswerForm(request.POST or None, consultation=consultation, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.classify(
            consultation=consultation,
            submission=submission,
            topic_names=data["topics"].split(","),
            group_title=data["group"],
        )
        targets = [submission]
        if data["whole_group"] and submission.group_id:
            targets = list(
                Submission.objects.filter(group_id=submission.group_id).exclude(status=Submission.Status.UNCONFIRMED)
            )
            if submission not in targets:
                targets.append(submission)
        try:
            services.answer(
                actor=request.user,
                consultation=consultation,
                submissions=targets,
                outcome=data["outcome"],
                reason=data["reason"],
                commitments=list(data["commitments"]),
                themes=list(data["themes"]),
            )
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(
                request,
                _("The answer was published for %(count)s submission(s).") % {"count": len(targets)},
            )
            return redirect(consultation.url("manage") + "?show=unanswered")
    return render(
        request,
        "consultations/answer.html",
        {
            "consultation": consultation,
            "jurisdiction": consultation.jurisdiction,
            "submission": submission,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
def summary(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse:
    consultation = _consultation(jurisdiction, slug)
    require(request.user, ConsultationAction.MANAGE_CONSULTATION, consultation)
    form = SummaryForm(request.POST or None, initial={"summary": consultation.summary})
    if request.method == "POST" and form.is_valid():
        saved = save_with(
            form,
            lambda: services.save_summary(
                actor=request.user, consultation=consultation, summary=form.cleaned_data["summary"]
            ),
        )
        if saved:
            messages.success(request, _("The summary was published."))
            return redirect(consultation)
    return render(
        request,
        "consultations/simple_form.html",
        {
            "form": form,
            "consultation": consultation,
            "jurisdiction": consultation.jurisdiction,
            "heading": _("Summary of the consultation"),
        },
        status=400 if form.errors else 200,
    )


@login_required
def moderate(request: HttpRequest, jurisdiction: str, slug: str, pk: int) -> HttpResponse:
    """Hide a submission with a public reason, approve one waiting for moderation, or dismiss reports."""
    consultation = _consultation(jurisdiction, slug)
    submission = get_object_or_404(Submission, pk=pk, consultation=consultation)
    require(request.user, ConsultationAction.APPROVE_SUBMISSION, consultation)
    may_moderate = can(request.user, AccessAction.MODERATE, consultation.jurisdiction)
    form = HideForm(request.POST if request.POST.get("action") == "hide" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "approve":
            services.approve(actor=request.user, submission=submission)
            messages.success(request, _("The submission was published."))
            return redirect(consultation.url("manage") + "?show=pending")
        if action == "dismiss" and may_moderate:
            services.dismiss_reports(submission=submission)
            messages.success(request, _("The reports were dismissed."))
            return redirect(consultation.url("manage") + "?show=reported")
        if action == "hide":
            require(request.user, AccessAction.MODERATE, consultation.jurisdiction)
            if form.is_valid():
                try:
                    services.hide(actor=request.user, submission=submission, reason=form.cleaned_data["reason"])
                except services.NothingToHide:
                    form.add_error(
                        None, _("Only a published submission, or one waiting for moderation, can be hidden.")
                    )
                else:
                    messages.success(request, _("The submission was hidden."))
                    return redirect(consultation.url("manage") + "?show=reported")
    return render(
        request,
        "consultations/moderate.html",
        {
            "consultation": consultation,
            "jurisdiction": consultation.jurisdiction,
            "submission": submission,
            "reports": list(submission.reports.filter(resolved=False)),
            "form": form,
            "may_moderate": may_moderate,
        },
        status=400 if form.errors else 200,
    )
