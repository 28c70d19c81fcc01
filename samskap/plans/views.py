from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samskap.accounts.permissions import require
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.forms import save_with
from samskap.kernel.pages import cached_public, render_public
from samskap.plans import selectors, services
from samskap.plans.forms import PlanForm, RevisionForm, ThemeForm
from samskap.plans.models import Theme
from samskap.plans.permissions import PlanAction


@require_GET
@cached_public()
def plan_list(request: HttpRequest) -> HttpResponse:
    return render(request, "plans/list.html", {"groups": selectors.plans_by_government()})


@require_GET
def plan_detail(request: HttpRequest, jurisdiction: str, plan: str) -> HttpResponse:
    def context() -> dict[str, object]:
        action_plan = selectors.shown_to(
            request.user, selectors.plan_for_page(jurisdiction_slug=jurisdiction, plan_slug=plan)
        )
        return {"plan": action_plan, "jurisdiction": action_plan.jurisdiction, "page": selectors.PlanPage(action_plan)}

    def version() -> str:  # only for the cache; the page's fragments are kept under the plan's updated_at
        return selectors.plan_version(jurisdiction_slug=jurisdiction, plan_slug=plan)

    return render_public(request, "plans/detail.html", context, version=version)


@require_GET
@cached_public()
def plan_compare(request: HttpRequest, jurisdiction: str, plan: str, other: str) -> HttpResponse:
    old = selectors.shown_to(request.user, selectors.get_plan(jurisdiction_slug=jurisdiction, plan_slug=plan))
    new = selectors.shown_to(request.user, selectors.get_plan(jurisdiction_slug=jurisdiction, plan_slug=other))
    if old.pk == new.pk:
        raise Http404
    diffs = selectors.compare_plans(old, new)
    counts = {kind: sum(1 for d in diffs if d.kind == kind) for kind in ("added", "removed", "changed", "unchanged")}
    return render(
        request,
        "plans/compare.html",
        {"old": old, "new": new, "jurisdiction": old.jurisdiction, "diffs": diffs, "counts": counts},
    )


@login_required
def plan_create(request: HttpRequest, jurisdiction: str) -> HttpResponse:
    place = get_object_or_404(Jurisdiction, slug=jurisdiction)
    require(request.user, PlanAction.CREATE_PLAN, place)
    form = PlanForm(request.POST or None, jurisdiction=place)
    if request.method == "POST" and form.is_valid():
        created = save_with(
            form, lambda: services.create_plan(actor=request.user, jurisdiction=place, values=form.model_values())
        )
        if created:
            messages.success(request, _("The plan was created."))
            return redirect(created)
    return render(request, "plans/form.html", {"form": form, "jurisdiction": place, "plan": None})


@login_required
def plan_edit(request: HttpRequest, jurisdiction: str, plan: str) -> HttpResponse:
    action_plan = selectors.get_plan(jurisdiction_slug=jurisdiction, plan_slug=plan)
    require(request.user, PlanAction.EDIT_PLAN, action_plan)
    form = PlanForm(request.POST or None, instance=action_plan, jurisdiction=action_plan.jurisdiction)
    if request.method == "POST" and form.is_valid():
        if save_with(
            form, lambda: services.update_plan(actor=request.user, plan=action_plan, values=form.model_values())
        ):
            messages.success(request, _("The plan was saved."))
            return redirect(action_plan)
    return render(
        request, "plans/form.html", {"form": form, "jurisdiction": action_plan.jurisdiction, "plan": action_plan}
    )


@login_required
def plan_revise(request: HttpRequest, jurisdiction: str, plan: str) -> HttpResponse:
    action_plan = selectors.get_plan(jurisdiction_slug=jurisdiction, plan_slug=plan)
    require(request.user, PlanAction.EDIT_PLAN, action_plan)
    initial = {"title": action_plan.title, "start_date": action_plan.start_date, "end_date": action_plan.end_date}
    form = RevisionForm(request.POST or None, initial=initial, jurisdiction=action_plan.jurisdiction)
    if request.method == "POST" and form.is_valid():
        revision = save_with(
            form, lambda: services.create_revision(actor=request.user, plan=action_plan, values=form.model_values())
        )
        if revision:
            messages.success(request, _("The revision was created with the commitments carried over."))
            return redirect(revision)
    return render(
        request, "plans/revise.html", {"form": form, "jurisdiction": action_plan.jurisdiction, "plan": action_plan}
    )


@login_required
def theme_edit(request: HttpRequest, jurisdiction: str, plan: str, theme: int | None = None) -> HttpResponse:
    action_plan = selectors.get_plan(jurisdiction_slug=jurisdiction, plan_slug=plan)
    require(request.user, PlanAction.EDIT_PLAN, action_plan)
    existing = get_object_or_404(Theme, pk=theme, plan=action_plan) if theme else None
    initial = {} if existing else {"order": action_plan.themes.count() + 1}
    form = ThemeForm(request.POST or None, instance=existing, initial=initial)
    if request.method == "POST" and form.is_valid():
        if save_with(
            form,
            lambda: services.save_theme(
                actor=request.user, plan=action_plan, theme=existing, values=form.model_values()
            ),
        ):
            messages.success(request, _("The theme was saved."))
            return redirect(action_plan)
    return render(
        request,
        "plans/theme_form.html",
        {"form": form, "jurisdiction": action_plan.jurisdiction, "plan": action_plan, "theme": existing},
    )
