"""Pages of proposals: the public register (and its export), a round, a proposal with its comments and
fate, sending one (signed in, or through the shared intake), and the coordinator's decisions."""

import csv
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samskap.accounts.permissions import can, grants_for, require
from samskap.history.models import ChangeRecord
from samskap.history.selectors import describe
from samskap.kernel import intake
from samskap.kernel.forms import apply_model_errors
from samskap.kernel.pages import blank_form, cached_public, render_public
from samskap.kernel.tabular import csv_row, plain, xlsx_row
from samskap.plans.models import ActionPlan
from samskap.proposals import selectors, services
from samskap.proposals.forms import (
    ActingForm,
    CommentForm,
    DecisionForm,
    ProposalForm,
    ReceivedCommentForm,
    ReceivedForm,
    ResponsibleForm,
    RoundForm,
    SenderForm,
    WithdrawForm,
)
from samskap.proposals.models import Proposal, Round
from samskap.proposals.permissions import ProposalAction
from samskap.proposals.public import PROPOSAL

Status = Proposal.Status


def _status_filter(request: HttpRequest) -> str:
    status = request.GET.get("status", "")
    return status if status in Status.values and status != Status.DRAFT else ""


@require_GET
@cached_public(query=True)  # filtered by status
def register(request: HttpRequest) -> HttpResponse:
    status = _status_filter(request)
    return render(
        request,
        "proposals/register.html",
        {"register": selectors.register(status=status), "plan": None, "status": status, "statuses": _statuses()},
    )


def _statuses() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in Status.choices if value != Status.DRAFT]


def _plan(pk: int) -> ActionPlan:
    return get_object_or_404(ActionPlan.objects.select_related("jurisdiction"), pk=pk)


@require_GET
def plan_register(request: HttpRequest, plan: int) -> HttpResponse:
    """A plan's proposals and their fate; public even while the plan is drafted (its draft is not)."""
    status = _status_filter(request)

    def context() -> dict[str, Any]:
        the_plan = _plan(plan)
        return {
            "register": selectors.register([the_plan], status=status),
            "plan": the_plan,
            "rounds": list(Round.objects.filter(plan=the_plan).order_by("-closes_at", "pk")),
            "status": status,
            "statuses": _statuses(),
        }

    version = selectors.plan_version(plan) + "/" + status
    return render_public(request, "proposals/register.html", context, version=version, query=True)


def _export_rows(plan: ActionPlan) -> tuple[list[str], list[list[Any]]]:
    columns = PROPOSAL.columns()
    rows = [[plain(c.get(item)) for c in columns] + [item.sender] for item in PROPOSAL.rows().filter(plan=plan)]
    return [c.name for c in columns] + ["sender"], rows


@require_GET
def export_csv(request: HttpRequest, plan: int) -> HttpResponse:
    the_plan = _plan(plan)
    header, rows = _export_rows(the_plan)
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel reads UTF-8 only with the byte-order mark
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(csv_row(row))
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="proposals-{the_plan.jurisdiction.slug}-{the_plan.slug}.csv"'
    )
    return response


@require_GET
def export_xlsx(request: HttpRequest, plan: int) -> HttpResponse:
    from openpyxl import Workbook

    the_plan = _plan(plan)
    header, rows = _export_rows(the_plan)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Proposals")[:31])
    sheet.append(header)
    for row in rows:
        sheet.append(xlsx_row(sheet, row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="proposals-{the_plan.jurisdiction.slug}-{the_plan.slug}.xlsx"'
    )
    return response


@require_GET
@cached_public(timely=True)  # a round opens and closes at a given time
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    the_round = get_object_or_404(
        Round.objects.select_related("plan__jurisdiction", "meeting__forum__jurisdiction", "phase"), pk=pk
    )
    proposals = list(
        selectors.public_proposals().filter(round=the_round).select_related("organisation").order_by("sent_at", "pk")
    )
    return render(request, "proposals/round.html", {"round": the_round, "plan": the_round.plan, "proposals": proposals})


@login_required
def round_edit(request: HttpRequest, plan: int, pk: int | None = None) -> HttpResponse:
    the_plan = _plan(plan)
    require(request.user, ProposalAction.MANAGE_ROUNDS, the_plan)
    the_round = get_object_or_404(Round, pk=pk, plan=the_plan) if pk else None
    form = RoundForm(request.POST or None, instance=the_round, plan=the_plan)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_round(actor=request.user, plan=the_plan, round=the_round, values=form.model_values())
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, _("The proposal round is saved."))
            return redirect(saved.get_absolute_url())
    return render(request, "proposals/round_edit.html", {"form": form, "plan": the_plan, "round": the_round})


# --- Sending ------------------------------------------------------------------------------------


@blank_form
def send(request: HttpRequest, plan: int, round: int | None = None) -> HttpResponse:
    """Send a proposal: signed in, it starts as a draft the author sends when ready; without an account,
    it is sent through the shared intake and public once the email address is confirmed."""
    the_plan = _plan(plan)
    the_round = get_object_or_404(Round, pk=round, plan=the_plan) if round else None
    if the_round is not None and not the_round.is_open:
        return render(request, "proposals/closed.html", {"round": the_round, "plan": the_plan}, status=410)
    data = request.POST or None
    form = ProposalForm(data, jurisdiction=the_plan.jurisdiction_id)
    signed_in = request.user.is_authenticated
    acting = ActingForm(data, editor_of=grants_for(request.user).editor_of) if signed_in else None
    sender = None if signed_in else SenderForm(data)
    status = 200
    if request.method == "POST":
        side = acting if acting is not None else sender
        assert side is not None
        if form.is_valid() and side.is_valid():
            try:
                if acting is not None:
                    proposal = services.create_draft(
                        actor=request.user,  # type: ignore[arg-type]
                        plan=the_plan,
                        round=the_round,
                        values={**form.model_values(), "organisation_name": acting.cleaned_data["organisation_name"]},
                        organisation=acting.cleaned_data["organisation"],
                        co_authors=list(form.cleaned_data["co_authors"]),
                    )
                    messages.success(request, _("Your draft is saved. Nobody else sees it until you send it."))
                    return redirect(proposal.get_absolute_url())
                assert sender is not None
                proposal = services.send_public(
                    plan=the_plan,
                    round=the_round,
                    form_token=sender.cleaned_data["form_token"],
                    values={**form.model_values(), **sender.values()},
                    address=intake.client_address(request),
                    throttle=True,
                )
                if form.cleaned_data["co_authors"]:
                    proposal.co_authors.set(form.cleaned_data["co_authors"])
                return redirect("proposals:receipt", receipt=proposal.receipt)
            except intake.TooManySubmissions as error:
                side.add_error(None, error.message)
                status = 429
            except ValidationError as error:
                apply_model_errors(form, error)
        if status == 200:
            status = 400
    return render(
        request,
        "proposals/send.html",
        {"form": form, "acting": acting, "sender": sender, "plan": the_plan, "round": the_round},
        status=status,
    )


def _noon(day: Any, plan: ActionPlan) -> Any:
    import datetime
    import zoneinfo

    return datetime.datetime.combine(day, datetime.time(12), tzinfo=zoneinfo.ZoneInfo(plan.jurisdiction.time_zone))


@login_required
def record(request: HttpRequest, plan: int, round: int | None = None) -> HttpResponse:
    """The coordinator registers a proposal that came by letter or email, in the sender's name."""
    the_plan = _plan(plan)
    require(request.user, ProposalAction.MANAGE_ROUNDS, the_plan)
    the_round = get_object_or_404(Round, pk=round, plan=the_plan) if round else None
    data = request.POST or None
    form = ProposalForm(data, jurisdiction=the_plan.jurisdiction_id)
    received = ReceivedForm(data, jurisdiction=the_plan.jurisdiction_id)
    if request.method == "POST" and form.is_valid() and received.is_valid():
        organisation = received.cleaned_data["organisation"]
        try:
            proposal = services.record_received(
                actor=request.user,
                plan=the_plan,
                round=the_round,
                values=form.model_values(),
                organisation=organisation,
                author_name=received.cleaned_data["author_name"] or organisation.name,
                sent_at=_noon(received.cleaned_data["received_on"], the_plan),
                co_authors=list(form.cleaned_data["co_authors"]),
            )
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, _("The proposal is registered and public."))
            return redirect(proposal.get_absolute_url())
    return render(
        request,
        "proposals/record.html",
        {"form": form, "received": received, "plan": the_plan, "round": the_round},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def receipt(request: HttpRequest, receipt: str) -> HttpResponse:
    proposal = get_object_or_404(Proposal, receipt=receipt[:16])
    return render(request, "proposals/receipt.html", {"proposal": proposal})


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; only POST confirms (a mail scanner's GET confirms nothing)."""
    proposal = intake.by_confirmation_token(Proposal.objects.select_related("plan"), token[:64])
    if proposal is None:
        raise Http404
    if request.method == "POST":
        services.confirm(proposal=proposal)
        messages.success(request, _("Thank you: your proposal is sent and public."))
        return redirect(proposal.get_absolute_url())
    return render(request, "proposals/confirm.html", {"proposal": proposal})


# --- A proposal ---------------------------------------------------------------------------------


def _proposal(request: HttpRequest, pk: int) -> Proposal:
    proposal = selectors.detail(pk, request.user)
    if proposal is None:
        raise Http404
    return proposal


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = f"{selectors.proposal_version(pk)}:{timezone.localdate()}"  # an answer falls overdue with the day
    return render_public(
        request, "proposals/detail.html", lambda: _detail_context(request, _proposal(request, pk)), version=version
    )


def _detail_context(request: HttpRequest, proposal: Proposal, **forms: Any) -> dict[str, Any]:
    user = request.user
    editor_of = grants_for(user).editor_of
    may_triage = can(user, ProposalAction.TRIAGE, proposal)
    records = []
    if proposal.is_public:
        rows = ChangeRecord.objects.filter(
            content_type__app_label="proposals", content_type__model="proposal", object_id=proposal.pk
        ).order_by("-created_at", "-pk")[:50]
        records = [{"record": r, "changes": describe(r)} for r in rows]
    return {
        "proposal": proposal,
        "plan": proposal.plan,
        "is_author": selectors.is_author(user, proposal),
        "may_triage": may_triage,
        "may_answer": can(user, ProposalAction.ANSWER, proposal),
        "overdue": proposal.answer_overdue(timezone.localdate()),
        "comment_form": forms.get("comment_form")
        or (CommentForm(editor_of=editor_of) if user.is_authenticated and proposal.is_public else None),
        "decision_form": forms.get("decision_form") or (DecisionForm(proposal=proposal) if may_triage else None),
        "responsible_form": forms.get("responsible_form")
        or (
            ResponsibleForm(
                proposal=proposal,
                initial={"responsible": proposal.responsible_id, "answer_by": proposal.answer_by},
            )
            if may_triage
            else None
        ),
        "withdraw_form": WithdrawForm(),
        "received_comment_form": forms.get("received_comment_form")
        or (ReceivedCommentForm(jurisdiction=proposal.plan.jurisdiction_id) if may_triage else None),
        "records": records,
    }


def _own(request: HttpRequest, pk: int) -> Proposal:
    proposal = _proposal(request, pk)
    if not selectors.is_author(request.user, proposal):
        raise Http404
    return proposal


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _own(request, pk)
    if proposal.status not in (Status.DRAFT, Status.NEEDS_REVISION):
        messages.error(request, _("Only a draft or a proposal sent back for revision can be edited."))
        return redirect(proposal.get_absolute_url())
    form = ProposalForm(request.POST or None, instance=proposal, jurisdiction=proposal.plan.jurisdiction_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_proposal(
                actor=request.user,
                proposal=proposal,
                values=form.model_values(),
                co_authors=list(form.cleaned_data["co_authors"]),
            )
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, _("The proposal is saved."))
            return redirect(proposal.get_absolute_url())
    return render(request, "proposals/edit.html", {"form": form, "proposal": proposal, "plan": proposal.plan})


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _own(request, pk)
    try:
        services.submit(actor=request.user, proposal=proposal)
    except services.WrongStep as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your proposal is sent. It is public now."))
    return redirect(proposal.get_absolute_url())


@login_required
@require_POST
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _own(request, pk)
    plan = proposal.plan
    try:
        services.discard_draft(proposal=proposal)
    except services.WrongStep as error:
        messages.error(request, str(error))
        return redirect(proposal.get_absolute_url())
    messages.success(request, _("The draft is deleted."))
    return redirect("proposals:plan", plan=plan.pk)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    if not (selectors.is_author(request.user, proposal) or can(request.user, ProposalAction.TRIAGE, proposal)):
        raise Http404
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.withdraw(actor=request.user, proposal=proposal, reason=reason)
    except services.WrongStep as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The proposal is withdrawn."))
    return redirect(proposal.get_absolute_url())


@login_required
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    form = CommentForm(request.POST, editor_of=grants_for(request.user).editor_of)
    if form.is_valid():
        try:
            services.add_comment(
                actor=request.user,  # type: ignore[arg-type]
                proposal=proposal,
                text=form.cleaned_data["text"],
                organisation=form.cleaned_data["organisation"],
            )
        except services.WrongStep as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, _("Your comment is published."))
            return redirect(proposal.get_absolute_url() + "#comments")
    return render(request, "proposals/detail.html", _detail_context(request, proposal, comment_form=form), status=400)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    require(request.user, ProposalAction.TRIAGE, proposal)
    form = DecisionForm(request.POST, proposal=proposal)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.decide(
                actor=request.user,
                proposal=proposal,
                status=data["status"],
                reason=data["reason"],
                merged_into=data["merged_into"],
                meeting=data["meeting"],
                commitment=data["commitment"],
                identifier=data["identifier"],
            )
        except services.WrongStep as error:
            form.add_error("status", str(error))
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect(proposal.get_absolute_url())
    return render(request, "proposals/detail.html", _detail_context(request, proposal, decision_form=form), status=400)


@login_required
@require_POST
def record_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator registers a comment an organisation sent by letter or email (or gave at a meeting)."""
    proposal = _proposal(request, pk)
    require(request.user, ProposalAction.TRIAGE, proposal)
    form = ReceivedCommentForm(request.POST, jurisdiction=proposal.plan.jurisdiction_id)
    if form.is_valid():
        try:
            services.record_comment(
                actor=request.user,
                proposal=proposal,
                organisation=form.cleaned_data["organisation"],
                text=form.cleaned_data["text"],
                written_at=_noon(form.cleaned_data["received_on"], proposal.plan),
            )
        except services.WrongStep as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The comment is registered and published."))
            return redirect(proposal.get_absolute_url() + "#comments")
    return render(
        request, "proposals/detail.html", _detail_context(request, proposal, received_comment_form=form), status=400
    )


@login_required
@require_POST
def responsible(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    require(request.user, ProposalAction.TRIAGE, proposal)
    form = ResponsibleForm(request.POST, proposal=proposal)
    if form.is_valid():
        try:
            services.set_responsible(
                actor=request.user,
                proposal=proposal,
                responsible=form.cleaned_data["responsible"],
                answer_by=form.cleaned_data["answer_by"],
            )
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, _("The ministry asked to answer is saved."))
            return redirect(proposal.get_absolute_url())
    return render(
        request, "proposals/detail.html", _detail_context(request, proposal, responsible_form=form), status=400
    )


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "proposals/mine.html", {"proposals": selectors.mine(request.user)})
