"""Public consultation pages: the lists, a consultation, its submissions, the submission form, the
receipt and the email confirmation, attachments and documents, and reporting a submission."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samskap.accounts.permissions import AccessAction, can, require
from samskap.consultations import selectors, services
from samskap.consultations.attachments import download_name, serve_upload
from samskap.consultations.forms import ConfirmAgainForm, FilterForm, ReportForm, SubmissionForm
from samskap.consultations.models import Attachment, Consultation, Document, Submission
from samskap.consultations.permissions import ConsultationAction
from samskap.consultations.tasks import resend_receipt
from samskap.history.models import ChangeRecord
from samskap.history.selectors import _timeline
from samskap.kernel import intake
from samskap.kernel.forms import apply_model_errors
from samskap.kernel.pages import blank_form, cached_public


def _consultation(jurisdiction: str, slug: str) -> Consultation:
    return selectors.get_consultation(jurisdiction_slug=jurisdiction, slug=slug)


@require_GET
@cached_public(timely=True)
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
@cached_public(timely=True)
def consultation_detail(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse:
    consultation = _consultation(jurisdiction, slug)
    counts = selectors.page_counts(consultation)
    return render(
        request,
        "consultations/detail.html",
        {
            "consultation": consultation,
            "jurisdiction": consultation.jurisdiction,
            "sections": counts.sections,
            "documents": counts.documents,
            "data_version": counts.version,
            "totals": counts.totals,
            "outcomes": counts.outcomes,
            "may_manage": can(request.user, ConsultationAction.MANAGE_CONSULTATION, consultation),
            "may_moderate": can(request.user, AccessAction.MODERATE, consultation.jurisdiction),
        },
    )


@require_http_methods(["GET", "POST"])
@blank_form
def submission_create(request: HttpRequest, jurisdiction: str, slug: str, late: bool = False) -> HttpResponse:
    consultation = _consultation(jurisdiction, slug)
    if late:
        if not request.user.is_authenticated:
            return redirect(f"{_login_url()}?next={request.path}")
        require(request.user, ConsultationAction.ACCEPT_LATE_SUBMISSION, consultation)
        if consultation.state in (Consultation.State.UPCOMING, Consultation.State.OPEN):
            # Before the deadline a submission is not late: the sender uses the public form.
            messages.info(request, _("The consultation is still open: a submission is not late before its deadline."))
            return redirect(consultation.url("manage"))
    initial = {}
    section_id = selectors.small_id(request.GET.get("section", ""))
    if request.method == "GET" and section_id is not None:
        initial["section"] = section_id
    posted = request.method == "POST"  # an empty POST is still a POST: the form is bound and shows its errors
    form = SubmissionForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        consultation=consultation,
        initial=initial,
        late=late,
    )
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
                    address=intake.client_address(request),
                    throttle=not late,  # a coordinator registering late input by hand is not limited
                    language="" if late else None,  # the coordinator's interface is not the sender's language
                )
            except services.ConsultationClosed:
                form.add_error(None, _("The deadline has passed: this consultation takes no more submissions."))
                status = 409
            except intake.TooManySubmissions as error:
                form.add_error(None, error.message)
                status = 429
            except ValidationError as error:
                apply_model_errors(form, error)
            else:
                if late:
                    messages.success(request, _("The late submission was registered and marked late."))
                return redirect("consultations:receipt", receipt=sent.submission.receipt)
        if form.errors and status == 200:
            status = 400
    section = selectors.small_id(str(form["section"].value() or ""))
    return render(
        request,
        "consultations/submit.html",
        {
            "consultation": consultation,
            "jurisdiction": consultation.jurisdiction,
            "form": form,
            "is_open": is_open,
            "late": late,
            "section": consultation.sections.filter(pk=section).first() if section is not None else None,
        },
        status=status,
    )


def _login_url() -> str:
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
    submission = intake.by_confirmation_token(Submission.objects.select_related("consultation__jurisdiction"), token)
    if submission is None:
        return render(request, "consultations/receipt_unknown.html", {"receipt": ""}, status=404)
    if request.method == "POST":
        services.confirm(submission=submission)
        messages.success(request, _("Thank you: your email address is confirmed."))
        return redirect("consultations:receipt", receipt=submission.receipt)
    return render(
        request, "consultations/confirm.html", {"submission": submission, "consultation": submission.consultation}
    )


#: Requests for the confirmation link again, per client address and per email address, per hour.
AGAIN_PER_ADDRESS = 20
AGAIN_PER_EMAIL = 3


@require_http_methods(["GET", "POST"])
def confirm_again(request: HttpRequest) -> HttpResponse:
    """Send the confirmation link again, by receipt number and email. The answer is the same whether or
    not they match (the worker looks them up), and it is throttled per client and per email address."""
    form = ConfirmAgainForm(request.POST or None, initial={"receipt": request.GET.get("receipt", "")[:20]})
    status, sent = 200, False
    if request.method == "POST":
        if form.is_valid():
            try:
                intake.throttle(
                    "confirm_again",
                    address=intake.client_address(request),
                    email=form.cleaned_data["email"],
                    per_address=AGAIN_PER_ADDRESS,
                    per_email=AGAIN_PER_EMAIL,
                )
            except intake.TooManySubmissions as error:
                form.add_error(None, error.message)
                status = 429
            else:
                resend_receipt.enqueue(
                    receipt=form.cleaned_data["receipt"],
                    email=form.cleaned_data["email"],
                    language=translation.get_language() or settings.LANGUAGE_CODE,
                )
                sent = True
        else:
            status = 400
    return render(request, "consultations/confirm_again.html", {"form": form, "sent": sent}, status=status)


@require_GET
@cached_public(query=True, timely=True)
def submission_list(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse:
    consultation = _consultation(jurisdiction, slug)
    form = FilterForm(request.GET or None, consultation=consultation)
    items = selectors.filtered(consultation, **form.filters())
    page = selectors.page_number(request.GET.get("page", ""))
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
@cached_public(timely=True)
def submission_detail(request: HttpRequest, jurisdiction: str, slug: str, pk: int) -> HttpResponse:
    consultation = _consultation(jurisdiction, slug)
    submission = get_object_or_404(selectors.published(consultation).prefetch_related("attachments", "topics"), pk=pk)
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
            "may_moderate": can(request.user, AccessAction.MODERATE, consultation.jurisdiction),
        },
    )


@require_GET
def attachment(request: HttpRequest, key: str) -> FileResponse:
    item = get_object_or_404(Attachment.objects.select_related("submission__consultation__jurisdiction"), key=key)
    submission = item.submission
    # Anyone sees a published submission's files; held, hidden and unpublished ones only those who may see
    # the submitter (coordinators) or release held input (coordinators and moderators).
    allowed = (
        submission.status == Submission.Status.PUBLISHED
        or can(request.user, ConsultationAction.SEE_SUBMITTER, submission.consultation)
        or can(request.user, ConsultationAction.APPROVE_SUBMISSION, submission.consultation)
    )
    if not allowed:
        raise Http404
    return serve_upload(item.file.open("rb"), content_type=item.content_type, filename=item.original_name)


@require_GET
def document(request: HttpRequest, pk: int) -> FileResponse:
    item = get_object_or_404(Document, pk=pk)
    if not item.file:
        raise Http404
    return serve_upload(
        item.file.open("rb"),
        content_type=item.content_type or "application/octet-stream",
        filename=download_name(item.title, item.content_type),
    )


@require_http_methods(["GET", "POST"])
def submission_report(request: HttpRequest, jurisdiction: str, slug: str, pk: int) -> HttpResponse:
    """The report form has a page of its own, so that the submission's page, which links to it, holds no
    form token and can be cached for everyone."""
    consultation = _consultation(jurisdiction, slug)
    submission = get_object_or_404(selectors.published(consultation), pk=pk)
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
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
        status=400 if form.is_bound else 200,
    )
