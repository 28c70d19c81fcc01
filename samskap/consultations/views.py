import csv
import io
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samskap.accounts.permissions import AccessAction, can, require
from samskap.consultations import selectors, services
from samskap.consultations.forms import (
    AnswerForm,
    ConsultationForm,
    DocumentForm,
    FilterForm,
    HideForm,
    ReportForm,
    SubmissionForm,
    SummaryForm,
)
from samskap.consultations.models import Attachment, Consultation, Submission
from samskap.consultations.permissions import ConsultationAction
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.forms import apply_model_errors

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


def _may_moderate(user: object, consultation: Consultation) -> bool:
    return can(user, AccessAction.MODERATE, consultation.jurisdiction)


# --- Public pages ----------------------------------------------------------------------------


@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    items = list(selectors.consultations().order_by("-closes_at"))
    groups = [
        (Consultation.State.OPEN.label, [c for c in items if c.state_at(now) == Consultation.State.OPEN]),
        (Consultation.State.UPCOMING.label, [c for c in items if c.state_at(now) == Consultation.State.UPCOMING]),
        (_("Closed and answered"), [c for c in items if c.state_at(now) in ("closed", "answered")]),
    ]
    return render(request, "consultations/list.html", {"groups": groups, "now": now})


@require_GET
def consultation_detail(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse:
    consultation = _consultation(jurisdiction, slug)
    sections = list(consultation.sections.all())
    comments: dict[int, list[Submission]] = {}
    for comment in selectors.published(consultation).filter(section__isnull=False):
        comments.setdefault(comment.section_id or 0, []).append(comment)
    for section in sections:
        section.comments = comments.get(section.pk, [])  # type: ignore[attr-defined]
    return render(
        request,
        "consultations/detail.html",
        {
            "consultation": consultation,
            "jurisdiction": consultation.jurisdiction,
            "sections": sections,
            "documents": list(consultation.documents.all()),
            "totals": selectors.totals(consultation),
            "outcomes": selectors.outcome_counts(consultation),
            "may_manage": can(request.user, ConsultationAction.MANAGE_CONSULTATION, consultation),
            "may_moderate": _may_moderate(request.user, consultation),
        },
    )


@require_http_methods(["GET", "POST"])
def submission_create(request: HttpRequest, jurisdiction: str, slug: str, late: bool = False) -> HttpResponse:
    consultation = _consultation(jurisdiction, slug)
    if late:
        if not request.user.is_authenticated:
            return redirect(f"{_login_url()}?next={request.path}")
        require(request.user, ConsultationAction.ACCEPT_LATE_SUBMISSION, consultation)
    initial = {}
    if request.method == "GET" and request.GET.get("section", "").isdigit():
        initial["section"] = int(request.GET["section"])
    form = SubmissionForm(request.POST or None, request.FILES or None, consultation=consultation, initial=initial)
    status = 200
    is_open = consultation.is_open or late
    if request.method == "POST":
        if not is_open:
            form.is_valid()
            form.add_error(None, _("The deadline has passed: this consultation takes no more submissions."))
            status = 409
        elif form.is_valid():
            try:
                sent = services.submit(
                    consultation=consultation,
                    form_token=form.cleaned_data["form_token"],
                    values=form.values(),
                    files=form.cleaned_data["attachments"],
                    late=late,
                )
            except services.ConsultationClosed:
                form.add_error(None, _("The deadline has passed: this consultation takes no more submissions."))
                status = 409
            except ValidationError as error:
                apply_model_errors(form, error)
            else:
                if late:
                    messages.success(request, _("The late submission was registered and marked late."))
                return redirect("consultations:receipt", receipt=sent.submission.receipt)
        if form.errors and status == 200:
            status = 400
    section = str(form["section"].value() or "")
    return render(
        request,
        "consultations/submit.html",
        {
            "consultation": consultation,
            "jurisdiction": consultation.jurisdiction,
            "form": form,
            "is_open": is_open,
            "late": late,
            "section": consultation.sections.filter(pk=int(section)).first() if section.isdigit() else None,
        },
        status=status,
    )


def _login_url() -> str:
    from django.conf import settings
    from django.shortcuts import resolve_url

    return str(resolve_url(settings.LOGIN_URL))


@require_GET
def receipt(request: HttpRequest, receipt: str) -> HttpResponse:
    submission = Submission.objects.select_related("consultation__jurisdiction").filter(receipt=receipt.upper()).first()
    if submission is None:
        return render(request, "consultations/receipt_unknown.html", {"receipt": receipt[:20]}, status=404)
    return render(
        request,
        "consultations/receipt.html",
        {"submission": submission, "consultation": submission.consultation},
    )


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    submission = (
        Submission.objects.select_related("consultation__jurisdiction").filter(confirmation_token=token).first()
    )
    if submission is None:
        return render(request, "consultations/receipt_unknown.html", {"receipt": ""}, status=404)
    if request.method == "POST":
        services.confirm(submission=submission)
        messages.success(request, _("Thank you: your email address is confirmed."))
        return redirect("consultations:receipt", receipt=submission.receipt)
    return render(
        request, "consultations/confirm.html", {"submission": submission, "consultation": submission.consultation}
    )


@require_GET
def submission_list(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse:
    consultation = _consultation(jurisdiction, slug)
    form = FilterForm(request.GET or None, consultation=consultation)
    items = selectors.filtered(consultation, **form.filters())
    page = int(request.GET["page"]) if request.GET.get("page", "").isdigit() else 1
    rows = selectors.page_of(consultation, items, page)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "consultations/submissions.html",
        {
            "consultation": consultation,
            "jurisdiction": consultation.jurisdiction,
            "form": form,
            "submissions": rows[: selectors.PAGE_SIZE],
            "page": page,
            "has_next": len(rows) > selectors.PAGE_SIZE,
            "query": query.urlencode(),
            "filtered": bool(request.GET),
        },
    )


@require_GET
def submission_detail(request: HttpRequest, jurisdiction: str, slug: str, pk: int) -> HttpResponse:
    consultation = _consultation(jurisdiction, slug)
    submission = get_object_or_404(selectors.published(consultation).prefetch_related("attachments", "topics"), pk=pk)
    from samskap.history.models import ChangeRecord
    from samskap.history.selectors import _timeline

    history = _timeline(
        ChangeRecord.objects.filter(
            content_type__model="submission", content_type__app_label="consultations", object_id=submission.pk
        ),
        20,
    )
    response = submission.response
    return render(
        request,
        "consultations/submission.html",
        {
            "consultation": consultation,
            "jurisdiction": consultation.jurisdiction,
            "submission": submission,
            "answer": response,
            "led_to_commitments": list(response.commitments.select_related("plan__jurisdiction")) if response else [],
            "led_to_themes": list(response.themes.select_related("plan")) if response else [],
            "history": history,
            "report_form": ReportForm(),
            "may_moderate": _may_moderate(request.user, consultation),
        },
    )


@require_GET
def attachment(request: HttpRequest, key: str) -> FileResponse:
    item = get_object_or_404(Attachment.objects.select_related("submission__consultation__jurisdiction"), key=key)
    submission = item.submission
    allowed = (
        submission.status == Submission.Status.PUBLISHED
        or can(request.user, ConsultationAction.ANSWER_SUBMISSIONS, submission.consultation)
        or _may_moderate(request.user, submission.consultation)
    )
    if not allowed:
        raise Http404
    response = FileResponse(
        item.file.open("rb"), content_type=item.content_type, as_attachment=True, filename=item.original_name
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_GET
def document(request: HttpRequest, pk: int) -> FileResponse:
    from samskap.consultations.models import Document

    item = get_object_or_404(Document, pk=pk)
    if not item.file:
        raise Http404
    response = FileResponse(
        item.file.open("rb"),
        content_type=item.content_type or "application/octet-stream",
        as_attachment=True,
        filename=f"{item.title[:80]}",
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_POST
def submission_report(request: HttpRequest, jurisdiction: str, slug: str, pk: int) -> HttpResponse:
    consultation = _consultation(jurisdiction, slug)
    submission = get_object_or_404(selectors.published(consultation), pk=pk)
    form = ReportForm(request.POST)
    if form.is_valid():
        services.report(submission=submission, reason=form.cleaned_data["reason"])
        messages.success(request, _("Thank you. A moderator will look at the submission."))
        return redirect(submission)
    return render(
        request,
        "consultations/report_form.html",
        {
            "consultation": consultation,
            "jurisdiction": consultation.jurisdiction,
            "submission": submission,
            "form": form,
        },
        status=400,
    )


# --- Exports ---------------------------------------------------------------------------------


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


def _report_html(request: HttpRequest, consultation: Consultation) -> str:
    return render_to_string(
        "consultations/report.html",
        {
            "consultation": consultation,
            "jurisdiction": consultation.jurisdiction,
            "rows": selectors.export_rows(consultation),
            "totals": selectors.totals(consultation),
            "outcomes": selectors.outcome_counts(consultation),
            "generated": timezone.now(),
        },
        request=request,
    )


@require_GET
def report_html(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse:
    return HttpResponse(_report_html(request, _consultation(jurisdiction, slug)))


@require_GET
def report_pdf(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse:
    from weasyprint import HTML  # type: ignore[import-untyped]

    consultation = _consultation(jurisdiction, slug)
    pdf = HTML(string=_report_html(request, consultation), base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_export_name(consultation, "pdf")}"'
    return response


# --- Coordinators ----------------------------------------------------------------------------


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
    may_answer = can(request.user, ConsultationAction.ANSWER_SUBMISSIONS, consultation)
    may_moderate = _may_moderate(request.user, consultation)
    if not (may_answer or may_moderate):
        raise PermissionDenied
    show = request.GET.get("show", "")
    items = list(selectors.manage_list(consultation, show=show)[:500])
    return render(
        request,
        "consultations/manage.html",
        {
            "consultation": consultation,
            "jurisdiction": consultation.jurisdiction,
            "submissions": items,
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
        services.save_summary(actor=request.user, consultation=consultation, summary=form.cleaned_data["summary"])
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
    may_moderate = _may_moderate(request.user, consultation)
    may_approve = can(request.user, ConsultationAction.APPROVE_SUBMISSION, consultation)
    if not may_approve:
        raise PermissionDenied
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
            if not may_moderate:
                raise PermissionDenied
            if form.is_valid():
                services.hide(actor=request.user, submission=submission, reason=form.cleaned_data["reason"])
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


def new_form_token() -> uuid.UUID:
    return uuid.uuid4()
