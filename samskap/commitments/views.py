from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samskap.accounts.permissions import can, require
from samskap.commitments import selectors, services
from samskap.commitments.forms import CommitmentForm, MilestoneForm, MilestoneStatusForm, ProgressUpdateForm
from samskap.commitments.models import Milestone
from samskap.commitments.permissions import CommitmentAction
from samskap.kernel.forms import save_with
from samskap.kernel.pages import render_public
from samskap.plans.permissions import PlanAction
from samskap.plans.selectors import get_plan, shown_to


@require_GET
def commitment_detail(request: HttpRequest, jurisdiction: str, plan: str, commitment: str) -> HttpResponse:
    def context() -> dict[str, object]:
        item = selectors.commitment_for_page(jurisdiction_slug=jurisdiction, plan_slug=plan, commitment_slug=commitment)
        shown_to(request.user, item.plan)
        return {
            "commitment": item,
            "plan": item.plan,
            "jurisdiction": item.plan.jurisdiction,
            "page": selectors.CommitmentPage(item),
        }

    def version() -> str:  # only for the cache; the page's fragments are kept under the objects' updated_at
        return selectors.commitment_version(jurisdiction_slug=jurisdiction, plan_slug=plan, commitment_slug=commitment)

    return render_public(request, "commitments/detail.html", context, version=version)


@login_required
def commitment_edit(request: HttpRequest, jurisdiction: str, plan: str, commitment: str | None = None) -> HttpResponse:
    if commitment is None:
        action_plan = get_plan(jurisdiction_slug=jurisdiction, plan_slug=plan)
        require(request.user, PlanAction.CREATE_COMMITMENT, action_plan)
        item = None
        initial = {"order": action_plan.commitments.count() + 1}
    else:
        item = selectors.get_commitment(jurisdiction_slug=jurisdiction, plan_slug=plan, commitment_slug=commitment)
        action_plan = item.plan
        require(request.user, CommitmentAction.EDIT_COMMITMENT, item)
        initial = {}
    form = CommitmentForm(request.POST or None, instance=item, initial=initial, plan=action_plan)
    if request.method == "POST" and form.is_valid():
        related = {
            "policy_areas": list(form.cleaned_data["policy_areas"]),
            "supporting_institutions": list(form.cleaned_data["supporting_institutions"]),
        }
        if item is None:
            saved = save_with(
                form,
                lambda: services.create_commitment(
                    actor=request.user, plan=action_plan, values=form.model_values(), **related
                ),
            )
        else:
            saved = save_with(
                form,
                lambda: services.update_commitment(
                    actor=request.user, commitment=item, values=form.model_values(), **related
                ),
            )
        if saved:
            messages.success(request, _("The commitment was saved."))
            return redirect(saved)
    return render(
        request,
        "commitments/form.html",
        {"form": form, "commitment": item, "plan": action_plan, "jurisdiction": action_plan.jurisdiction},
    )


@login_required
def progress_create(request: HttpRequest, jurisdiction: str, plan: str, commitment: str) -> HttpResponse:
    item = selectors.get_commitment(jurisdiction_slug=jurisdiction, plan_slug=plan, commitment_slug=commitment)
    require(request.user, CommitmentAction.REPORT_PROGRESS, item)
    form = ProgressUpdateForm(
        request.POST or None,
        initial={"completion": item.completion},
        time_zone=ZoneInfo(item.plan.jurisdiction.time_zone),
    )
    if request.method == "POST" and form.is_valid():
        if save_with(
            form, lambda: services.add_progress_update(actor=request.user, commitment=item, **form.cleaned_data)
        ):
            messages.success(request, _("The progress update was published."))
            return redirect(item)
    return render(
        request,
        "commitments/progress_form.html",
        {"form": form, "commitment": item, "plan": item.plan, "jurisdiction": item.plan.jurisdiction},
    )


@login_required
def milestone_edit(
    request: HttpRequest, jurisdiction: str, plan: str, commitment: str, milestone: int | None = None
) -> HttpResponse:
    item = selectors.get_commitment(jurisdiction_slug=jurisdiction, plan_slug=plan, commitment_slug=commitment)
    require(request.user, CommitmentAction.REPORT_PROGRESS, item)
    existing = get_object_or_404(Milestone, pk=milestone, commitment=item) if milestone else None
    # Coordinators shape milestones; an institution's editor reports their status and evidence.
    full = can(request.user, CommitmentAction.EDIT_COMMITMENT, item)
    if existing is None and not full:
        require(request.user, CommitmentAction.EDIT_COMMITMENT, item)
    form_class = MilestoneForm if full else MilestoneStatusForm
    initial = {} if existing else {"order": item.milestones.count() + 1}
    form = form_class(request.POST or None, instance=existing, initial=initial)
    if request.method == "POST" and form.is_valid():
        if save_with(
            form,
            lambda: services.save_milestone(
                actor=request.user, commitment=item, milestone=existing, values=form.model_values()
            ),
        ):
            messages.success(request, _("The milestone was saved."))
            return redirect(item)
    return render(
        request,
        "commitments/milestone_form.html",
        {
            "form": form,
            "milestone": existing,
            "may_delete": existing is not None and full,
            "commitment": item,
            "plan": item.plan,
            "jurisdiction": item.plan.jurisdiction,
        },
    )


@login_required
@require_POST
def milestone_delete(
    request: HttpRequest, jurisdiction: str, plan: str, commitment: str, milestone: int
) -> HttpResponse:
    item = selectors.get_commitment(jurisdiction_slug=jurisdiction, plan_slug=plan, commitment_slug=commitment)
    require(request.user, CommitmentAction.EDIT_COMMITMENT, item)
    existing = get_object_or_404(Milestone, pk=milestone, commitment=item)
    services.delete_milestone(actor=request.user, milestone=existing)
    messages.success(request, _("The milestone was deleted. The deletion is in the change history."))
    return redirect(item)
