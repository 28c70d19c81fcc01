"""Pages of local governments taking part: asking to join, reporting activities, their review, a local
plan started from the national one, and the national coordinator's overview."""

import csv
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samskap.accounts.permissions import can, require
from samskap.consultations.attachments import download_name, serve_upload
from samskap.forum.permissions import ForumAction
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel import intake
from samskap.kernel.forms import apply_model_errors, save_with
from samskap.kernel.pages import blank_form, cached_public, render_public, version_stamp
from samskap.kernel.tabular import csv_row, xlsx_row
from samskap.local import selectors, services
from samskap.local.forms import (
    ActivityForm,
    DecisionForm,
    DocumentForm,
    GoodExampleForm,
    JoinForm,
    LocalPlanForm,
    ReviewForm,
)
from samskap.local.models import Activity, ActivityDocument, JoinRequest
from samskap.local.permissions import LocalAction
from samskap.plans.models import ActionPlan


def _country(slug: str) -> Jurisdiction:
    return get_object_or_404(Jurisdiction, slug=slug, kind=Jurisdiction.Kind.NATIONAL)


def _local(slug: str) -> Jurisdiction:
    place = get_object_or_404(Jurisdiction.objects.select_related("parent"), slug=slug)
    if not place.is_local:
        raise Http404
    return place


def _activity(jurisdiction: str, pk: int) -> Activity:
    return get_object_or_404(
        Activity.objects.select_related(
            "jurisdiction__parent", "pillar__plan", "commitment__plan__jurisdiction"
        ).prefetch_related("documents"),
        pk=pk,
        jurisdiction__slug=jurisdiction,
    )


def _may_see(request: HttpRequest, activity: Activity) -> bool:
    return (
        activity.is_public
        or can(request.user, LocalAction.EDIT_ACTIVITY, activity)
        or can(request.user, LocalAction.REVIEW_ACTIVITY, activity)
    )


# --- Joining -----------------------------------------------------------------------------------


@blank_form
def join(request: HttpRequest, country: str) -> HttpResponse:
    place = _country(country)
    form = JoinForm(request.POST or None)
    status = 200
    if request.method == "POST":
        posted = intake.send_public(
            form,
            lambda: services.ask_to_join(
                country=place,
                form_token=form.cleaned_data["form_token"],
                values=form.values(),
                address=intake.client_address(request),
                throttle=True,
            ),
        )
        if posted.result is not None:
            messages.success(
                request,
                _("Your request %(receipt)s is sent. Confirm your email address with the link we sent you.")
                % {"receipt": posted.result.receipt},
            )
            return redirect(place.get_absolute_url())
        status = posted.status
    return render(request, "local/join.html", {"jurisdiction": place, "form": form}, status=status)


def join_confirm(request: HttpRequest, token: str) -> HttpResponse:
    found = intake.by_confirmation_token(JoinRequest.objects.select_related("country"), token)
    if found is None:
        raise Http404
    if request.method == "POST":
        services.confirm_join_request(request=found)
        messages.success(
            request, _("Thank you: your email address is confirmed. The national coordinator will answer.")
        )
        return redirect(found.country.get_absolute_url())
    return render(request, "local/join_confirm.html", {"request_to_join": found})


@login_required
def decide(request: HttpRequest, country: str, pk: int) -> HttpResponse:
    place = _country(country)
    require(request.user, LocalAction.ANSWER_JOIN_REQUESTS, place)
    found = get_object_or_404(JoinRequest, pk=pk, country=place, confirmed_at__isnull=False)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_join_request(
                actor=request.user,
                request=found,
                accept=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"],
            )
        except services.WrongStep:
            messages.error(request, _("This request was already answered."))
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, _("The answer is sent to the local government."))
            return redirect("local:overview", country=country)
    return render(
        request,
        "local/decide.html",
        {"request_to_join": found, "form": form, "jurisdiction": place},
        status=400 if form.errors else 200,
    )


# --- Activities --------------------------------------------------------------------------------


@require_GET
@cached_public("jurisdictions", "local", "plans")  # the table counts published plans
def index(request: HttpRequest) -> HttpResponse:
    """The local programme's front door: by country, the local governments taking part, their
    activities and how to join."""
    return render(request, "local/index.html", {"countries": selectors.taking_part_by_country()})


@require_GET
@cached_public()  # the activities show the commitments and plans they contribute to
def activity_list(request: HttpRequest, jurisdiction: str) -> HttpResponse:
    """Accepted activities of one local government, or of all of a country's."""
    place = get_object_or_404(Jurisdiction.objects.select_related("parent"), slug=jurisdiction)
    scope = {"country": place} if not place.is_local else {"jurisdiction": place}
    activities = list(selectors.public_activities(**scope))
    return render(request, "local/activity_list.html", {"jurisdiction": place, "activities": activities})


def activity_detail(request: HttpRequest, jurisdiction: str, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        # The public sees accepted activities only, from the page cache.
        # Documents are in the stamp: adding one changes no column of the activity.
        version = version_stamp(
            "SELECT a.updated_at, j.name, (SELECT COUNT(*) FROM local_activitydocument d WHERE d.activity_id = a.id), "
            "(SELECT MAX(d.id) FROM local_activitydocument d WHERE d.activity_id = a.id) FROM local_activity a "
            "JOIN jurisdictions_jurisdiction j ON j.id = a.jurisdiction_id "
            "WHERE a.id = %s AND j.slug = %s AND a.status = 'accepted'",
            [str(pk), jurisdiction],
        )

        def context() -> dict[str, Any]:
            found = _activity(jurisdiction, pk)
            return {"activity": found, "jurisdiction": found.jurisdiction}

        return render_public(request, "local/activity.html", context, version=version)
    activity = _activity(jurisdiction, pk)
    if not _may_see(request, activity):
        raise Http404
    return _activity_page(request, activity, DocumentForm())


def _activity_page(request: HttpRequest, activity: Activity, form: DocumentForm) -> HttpResponse:
    context = {
        "activity": activity,
        "jurisdiction": activity.jurisdiction,
        "document_form": form,
        "may_add_documents": activity.status in Activity.EDITABLE
        and can(request.user, LocalAction.EDIT_ACTIVITY, activity),
        "max_documents": services.MAX_DOCUMENTS,
    }
    return render(request, "local/activity.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def document_add(request: HttpRequest, jurisdiction: str, pk: int) -> HttpResponse:
    activity = _activity(jurisdiction, pk)
    require(request.user, LocalAction.EDIT_ACTIVITY, activity)
    if activity.status not in Activity.EDITABLE:  # a page from before it was sent: say so, not a form error
        messages.error(request, _("This activity is with the national coordinator and cannot be changed now."))
        return redirect(activity.get_absolute_url())
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_document(
                actor=request.user,
                activity=activity,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except services.WrongStep:
            messages.error(request, _("This activity is with the national coordinator and cannot be changed now."))
            return redirect(activity.get_absolute_url())
        except ValidationError as error:
            # The file's judgement and the limit concern the file; a bad title names its field.
            form.add_error(None if hasattr(error, "error_dict") else "file", error)
        else:
            messages.success(request, _("The document is added."))
            return redirect(f"{activity.get_absolute_url()}#documents-heading")
    return _activity_page(request, activity, form)


@login_required
@require_POST
def document_remove(request: HttpRequest, jurisdiction: str, pk: int, document: int) -> HttpResponse:
    activity = _activity(jurisdiction, pk)
    require(request.user, LocalAction.EDIT_ACTIVITY, activity)
    found = get_object_or_404(ActivityDocument, pk=document, activity=activity)
    try:
        services.remove_document(actor=request.user, document=found)
    except services.WrongStep:
        messages.error(request, _("This activity is with the national coordinator and cannot be changed now."))
    else:
        messages.success(request, _("The document is removed."))
    return redirect(f"{activity.get_absolute_url()}#documents-heading")


@require_GET
def document_file(request: HttpRequest, jurisdiction: str, pk: int, document: int) -> FileResponse:
    """A document of an activity, as a download: anyone's once the activity is public, otherwise only for
    those who may see the activity (its local government's and the reviewing national coordinator)."""
    found = get_object_or_404(
        ActivityDocument.objects.select_related("activity__jurisdiction"),
        pk=document,
        activity_id=pk,
        activity__jurisdiction__slug=jurisdiction,
    )
    if not found.file or not _may_see(request, found.activity):
        raise Http404
    try:
        stream = found.file.open("rb")
    except FileNotFoundError:  # the row outlived its file (restored from a backup without the media)
        raise Http404 from None
    name = download_name(found.title, found.content_type)
    return serve_upload(stream, content_type=found.content_type, filename=name)


@login_required
def activity_edit(request: HttpRequest, jurisdiction: str, pk: int | None = None) -> HttpResponse:
    place = _local(jurisdiction)
    activity = _activity(jurisdiction, pk) if pk is not None else None
    if activity is None:
        require(request.user, LocalAction.REPORT_ACTIVITY, place)
    else:
        require(request.user, LocalAction.EDIT_ACTIVITY, activity)
        if activity.status not in Activity.EDITABLE:
            messages.error(request, _("This activity is with the national coordinator and cannot be changed now."))
            return redirect(activity.get_absolute_url())
    form = ActivityForm(request.POST or None, instance=activity, place=place)
    if request.method == "POST" and form.is_valid():
        saved = save_with(
            form,
            lambda: services.save_activity(
                actor=request.user, jurisdiction=place, activity=activity, values=form.model_values()
            ),
        )
        if saved is not None:
            if request.POST.get("submit") == "review":
                services.submit_activity(actor=request.user, activity=saved)
                messages.success(request, _("The activity is sent to the national coordinator for review."))
            else:
                messages.success(request, _("The draft is saved. Only you and the national coordinator can see it."))
            return redirect(saved.get_absolute_url())
    return render(
        request,
        "local/activity_edit.html",
        {"form": form, "activity": activity, "jurisdiction": place},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def activity_submit(request: HttpRequest, jurisdiction: str, pk: int) -> HttpResponse:
    activity = _activity(jurisdiction, pk)
    require(request.user, LocalAction.EDIT_ACTIVITY, activity)
    try:
        services.submit_activity(actor=request.user, activity=activity)
    except services.WrongStep:
        messages.error(request, _("This activity is already with the national coordinator."))
    else:
        messages.success(request, _("The activity is sent to the national coordinator for review."))
    return redirect(activity.get_absolute_url())


@login_required
def activity_review(request: HttpRequest, jurisdiction: str, pk: int) -> HttpResponse:
    activity = _activity(jurisdiction, pk)
    require(request.user, LocalAction.REVIEW_ACTIVITY, activity)
    place = activity.jurisdiction
    if activity.status == Activity.Status.ACCEPTED:
        form: Any = GoodExampleForm(
            request.POST or None,
            place=place,
            initial={"good_example": activity.good_example, "commitment": activity.commitment},
        )
    else:
        form = ReviewForm(request.POST or None, place=place, initial={"commitment": activity.commitment})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if isinstance(form, GoodExampleForm):
                services.mark_good_example(
                    actor=request.user,
                    activity=activity,
                    good_example=data["good_example"],
                    commitment=data["commitment"],
                )
            else:
                services.review_activity(
                    actor=request.user,
                    activity=activity,
                    decision=data["decision"],
                    note=data["note"],
                    good_example=data["good_example"],
                    commitment=data["commitment"],
                )
        except services.WrongStep:
            messages.error(request, _("This activity is not waiting for review."))
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            messages.success(request, _("Your answer is saved and sent to the local government."))
            return redirect("local:overview", country=place.parent.slug if place.parent else "")
    return render(
        request,
        "local/review.html",
        {"form": form, "activity": activity, "jurisdiction": place},
        status=400 if form.errors else 200,
    )


# --- A local plan from the national one --------------------------------------------------------


@login_required
def start_plan(request: HttpRequest, jurisdiction: str, plan: int | None = None) -> HttpResponse:
    place = _local(jurisdiction)
    require(request.user, LocalAction.REPORT_ACTIVITY, place)
    national = ActionPlan.objects.public().filter(jurisdiction=place.parent).order_by("-start_date")
    if plan is None:
        return render(request, "local/start_plan.html", {"jurisdiction": place, "national_plans": national})
    chosen = get_object_or_404(national, pk=plan)
    form = LocalPlanForm(request.POST or None, national_plan=chosen)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = save_with(
            form,
            lambda: services.start_local_plan(
                actor=request.user,
                jurisdiction=place,
                national_plan=chosen,
                values={k: data[k] for k in ("label", "title", "start_date", "end_date")}
                | {"summary": _("A local OGP action plan adapted from %(plan)s.") % {"plan": chosen.title}},
                themes=list(data["themes"]),
                commitments=list(data["commitments"]),
            ),
        )
        if created is not None:
            messages.success(request, _("The local plan is started as a draft. Adapt it, then run the cycle."))
            return redirect(created.get_absolute_url())
    return render(
        request,
        "local/start_plan_form.html",
        {
            "jurisdiction": place,
            "national_plan": chosen,
            "form": form,
            "may_manage_forum": can(request.user, ForumAction.MANAGE_FORUM, place),
        },
        status=400 if form.errors else 200,
    )


# --- The national overview ---------------------------------------------------------------------


def _overview_table(country: Jurisdiction) -> tuple[list[str], list[list[Any]]]:
    header = [
        _("Local government"), _("Kind"), _("Joined"), _("Plans"), _("Accepted activities"),
        _("Activities waiting for review"), _("Activities being drafted"), _("Good examples"), _("Cycle phase"),
        _("Address"),
    ]  # fmt: skip
    rows = [
        [
            row.jurisdiction.name,
            row.jurisdiction.get_kind_display(),
            row.joined.isoformat() if row.joined else "",
            row.plan_summary(),
            row.accepted,
            row.pending,
            row.drafts,
            row.good_examples,
            str(row.phase),
            intake.absolute(row.jurisdiction.get_absolute_url()),
        ]
        for row in selectors.overview(country)
    ]
    return [str(h) for h in header], rows


@login_required
def overview(request: HttpRequest, country: str) -> HttpResponse:
    place = _country(country)
    require(request.user, LocalAction.SEE_OVERVIEW, place)
    return render(
        request,
        "local/overview.html",
        {
            "jurisdiction": place,
            "rows": selectors.overview(place),
            "join_requests": list(selectors.pending_join_requests(place)),
            "to_review": list(selectors.activities_to_review(place)),
        },
    )


@login_required
def overview_csv(request: HttpRequest, country: str) -> HttpResponse:
    place = _country(country)
    require(request.user, LocalAction.SEE_OVERVIEW, place)
    header, rows = _overview_table(place)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(csv_row(header))
    for row in rows:
        writer.writerow(csv_row(row))
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{place.slug}-local-governments.csv"'
    return response


@login_required
def overview_xlsx(request: HttpRequest, country: str) -> HttpResponse:
    from openpyxl import Workbook

    place = _country(country)
    require(request.user, LocalAction.SEE_OVERVIEW, place)
    header, rows = _overview_table(place)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Local governments")[:31])
    sheet.append(xlsx_row(sheet, header))
    for row in rows:
        sheet.append(xlsx_row(sheet, row))
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{place.slug}-local-governments.xlsx"'
    return response
