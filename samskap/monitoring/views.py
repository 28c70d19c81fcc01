"""Status rounds: the coordinator starts, follows and publishes a round; an institution answers it; the
public reads a published round."""

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samskap.accounts.permissions import can, require
from samskap.kernel.forms import save_with
from samskap.kernel.pages import cached_public, render_public, version_stamp
from samskap.monitoring import selectors, services
from samskap.monitoring.forms import AnswerForm, RoundChangeForm, RoundForm
from samskap.monitoring.models import StatusRequest, StatusRound
from samskap.monitoring.permissions import MonitoringAction
from samskap.plans.models import ActionPlan
from samskap.plans.selectors import get_plan


@login_required
def round_create(request: HttpRequest, jurisdiction: str, plan: str) -> HttpResponse:
    action_plan = get_plan(jurisdiction_slug=jurisdiction, plan_slug=plan)
    require(request.user, MonitoringAction.MANAGE_ROUND, action_plan)
    form = RoundForm(
        request.POST or None,
        plan=action_plan,
        institutions=services.default_institutions(action_plan),
        time_zone=ZoneInfo(action_plan.jurisdiction.time_zone),
    )
    if request.method == "POST" and form.is_valid():
        started = save_with(
            form,
            lambda: services.start_round(
                actor=request.user,
                plan=action_plan,
                values=form.model_values(),
                organisations=list(form.cleaned_data["organisations"]),
            ),
        )
        if started is not None:
            messages.success(request, _("The round is started: the institutions' editors have been sent the request."))
            return redirect("monitoring:manage", pk=started.pk)
    return render(
        request,
        "monitoring/round_form.html",
        {"form": form, "plan": action_plan, "jurisdiction": action_plan.jurisdiction},
    )


@login_required
def round_manage(request: HttpRequest, pk: int) -> HttpResponse:
    status_round = selectors.get_round(pk)
    require(request.user, MonitoringAction.MANAGE_ROUND, status_round.plan)
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "publish":
        try:
            services.publish_round(actor=request.user, status_round=status_round)
        except services.RoundClosed:
            messages.error(request, _("The round was published already."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The answers are published as progress updates on the commitments."))
            return redirect(status_round)
        return redirect("monitoring:manage", pk=pk)
    change = RoundChangeForm(request.POST if action == "change" else None, instance=status_round)
    if action == "change" and status_round.is_open and change.is_valid():
        try:
            changed = save_with(
                change,
                lambda: services.update_round(
                    actor=request.user, status_round=status_round, values=change.model_values()
                ),
            )
        except services.RoundClosed:
            changed = None
            messages.error(request, _("The round was published already."))
        if changed is not None:
            messages.success(request, _("The round is changed. The institutions are not emailed again."))
            return redirect("monitoring:manage", pk=pk)
    return render(
        request,
        "monitoring/manage.html",
        {
            "round": status_round,
            "plan": status_round.plan,
            "jurisdiction": status_round.plan.jurisdiction,
            "tally": selectors.tally(status_round),
            "institutions": selectors.round_answers(status_round),
            "no_editors": services.institutions_without_editors(status_round),
            "form": change,
            "may_publish": status_round.as_of <= timezone.localdate(timezone=status_round.time_zone()),
        },
    )


@login_required
def answer(request: HttpRequest, pk: int, organisation: int) -> HttpResponse:
    status_request = get_object_or_404(
        StatusRequest.objects.select_related("round__plan__jurisdiction", "organisation"),
        round_id=pk,
        organisation_id=organisation,
    )
    require(request.user, MonitoringAction.ANSWER_REQUEST, status_request)
    status_round = status_request.round
    submitting = request.POST.get("action") == "submit"
    answers = selectors.request_answers(status_request)
    form = AnswerForm(
        request.POST if request.method == "POST" and status_round.is_open else None,
        answers=answers,
        submitting=submitting,
    )
    if request.method == "POST" and status_round.is_open and form.is_valid():
        milestones, commitments = form.values()
        try:
            saved = save_with(
                form,
                lambda: services.save_answers(
                    actor=request.user,
                    request=status_request,
                    milestones=milestones,
                    commitments=commitments,
                    submit=submitting,
                ),
            )
        except services.RoundClosed:
            saved = None
            messages.error(request, _("The round was published meanwhile; the answers can no longer change."))
        if saved is not None:
            if submitting:
                text = _("Your answer is submitted. Thank you.")
                if saved.late:
                    text = _("Your answer is submitted after the due date and marked late. Thank you.")
                messages.success(request, text)
            else:
                messages.success(request, _("The draft is saved. Nobody else sees it until you submit."))
            return redirect(status_request)
    return render(
        request,
        "monitoring/answer.html",
        {
            "form": form,
            "sections": form.sections(),
            "status_request": answers.request,
            "round": status_round,
            "plan": status_round.plan,
            "jurisdiction": status_round.plan.jurisdiction,
            "past_due": status_round.is_late(timezone.now()),
        },
    )


@require_GET
@cached_public("plans", "monitoring")
def round_list(request: HttpRequest) -> HttpResponse:
    """Every published status round, newest first: what the institutions reported, and when."""
    rounds = selectors.tallied(selectors.public_rounds()).select_related("plan__jurisdiction")
    return render(request, "monitoring/round_list.html", {"rounds": list(rounds.order_by("-as_of", "-pk"))})


def _round_version(pk: int) -> str:
    return version_stamp(
        f"SELECT r.updated_at, p.updated_at FROM {StatusRound._meta.db_table} r "  # noqa: S608 (table names from the models; values are parameters)
        f"JOIN {ActionPlan._meta.db_table} p ON p.id = r.plan_id WHERE r.id = %s",
        [str(pk)],
    )


@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A published round is public; an open one only its coordinators see (they are sent to its progress)."""
    status_round = selectors.get_round(pk)
    if not status_round.is_open and status_round.plan.published_at is not None:

        def context() -> dict[str, object]:
            return {
                "round": status_round,
                "plan": status_round.plan,
                "jurisdiction": status_round.plan.jurisdiction,
                "tally": selectors.tally(status_round),
                "levels": selectors.reported_levels(status_round),
                "institutions": selectors.round_answers(status_round),
            }

        return render_public(request, "monitoring/round.html", context, version=_round_version(pk))
    if can(request.user, MonitoringAction.MANAGE_ROUND, status_round.plan):
        return redirect("monitoring:manage", pk=pk)
    raise Http404
