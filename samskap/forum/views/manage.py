"""Coordinators' pages: the forum, its meetings and their people, invitations, minutes, the timeline."""

import csv
import io
import zoneinfo
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.accounts.permissions import require
from samskap.forum import selectors, services
from samskap.forum.forms import (
    AgendaForm,
    DecisionForm,
    InvitationForm,
    MeetingForm,
    MemberForm,
    MinutesForm,
    PhaseForm,
    RegistrationForm,
)
from samskap.forum.models import Forum, Invitation, JoinRequest, Meeting, Member, Minutes, Phase, Registration
from samskap.forum.permissions import ForumAction
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.forms import apply_model_errors, save_with
from samskap.kernel.tabular import csv_row, xlsx_row
from samskap.plans.models import ActionPlan


def _meeting(jurisdiction: str, slug: str) -> Meeting:
    meeting = selectors.meeting_detail(jurisdiction, slug)
    if meeting is None:
        raise Http404
    return meeting


@login_required
def forum_manage(request: HttpRequest, jurisdiction: str) -> HttpResponse:
    place = get_object_or_404(Jurisdiction, slug=jurisdiction)
    require(request.user, ForumAction.MANAGE_FORUM, place)
    forum = Forum.objects.filter(jurisdiction=place).first()
    member_form = MemberForm(request.POST if request.POST.get("action") == "member" else None)
    organisation_field = member_form.fields["organisation"]
    organisation_field.queryset = place.organisations.all()  # type: ignore[attr-defined]
    if request.method == "POST" and forum is not None and request.POST.get("action") == "member":
        added = None
        if member_form.is_valid():
            added = save_with(
                member_form,
                lambda: services.save_member(actor=request.user, forum=forum, values=member_form.model_values()),
            )
        if added is not None:
            messages.success(request, _("The member is added."))
            return redirect("forum:manage", jurisdiction=jurisdiction)
    if request.method == "POST" and request.POST.get("action") == "forum":
        values = {
            "name": request.POST.get("name", "").strip() or (forum.name if forum else str(place)),
            "mandate": request.POST.get("mandate", ""),
            "rules": request.POST.get("rules", ""),
        }
        try:
            services.save_forum(actor=request.user, jurisdiction=place, values=values)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The forum's text is saved; the earlier version stays in the history."))
            return redirect("forum:manage", jurisdiction=jurisdiction)
    requests = (
        list(forum.join_requests.filter(confirmed_at__isnull=False).order_by("status", "submitted_at")) if forum else []
    )
    return render(
        request,
        "forum/manage/forum.html",
        {
            "forum": forum,
            "jurisdiction": place,
            "member_form": member_form,
            "join_requests": requests,
            "decision_form": DecisionForm(),
        },
    )


@login_required
def decide(request: HttpRequest, jurisdiction: str, pk: int) -> HttpResponse:
    found = get_object_or_404(
        JoinRequest.objects.select_related("forum__jurisdiction"), pk=pk, forum__jurisdiction__slug=jurisdiction
    )
    require(request.user, ForumAction.MANAGE_FORUM, found.forum.jurisdiction)
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
        else:
            messages.success(request, _("The answer is sent to the organisation."))
        return redirect("forum:manage", jurisdiction=jurisdiction)
    return render(
        request,
        "forum/manage/decide.html",
        {"request_to_join": found, "form": form, "forum": found.forum},
        status=400 if form.errors else 200,
    )


@login_required
def meeting_edit(request: HttpRequest, jurisdiction: str, slug: str = "") -> HttpResponse:
    forum = get_object_or_404(Forum.objects.select_related("jurisdiction"), jurisdiction__slug=jurisdiction)
    meeting = _meeting(jurisdiction, slug) if slug else None
    if meeting is not None:
        require(request.user, ForumAction.MANAGE_MEETING, meeting)
    else:
        require(request.user, ForumAction.MANAGE_FORUM, forum.jurisdiction)
    with timezone.override(zoneinfo.ZoneInfo(forum.jurisdiction.time_zone)):
        form = MeetingForm(request.POST or None, instance=meeting, jurisdiction=forum.jurisdiction)
        initial_agenda = "\n".join(
            f"{item.title} | {item.minutes}" if item.minutes else item.title
            for item in (meeting.agenda.all() if meeting else [])
        )
        agenda_form = AgendaForm(request.POST or None, initial={"agenda": initial_agenda})
        if request.method == "POST" and form.is_valid() and agenda_form.is_valid():
            saved = save_with(
                form,
                lambda: services.save_meeting(
                    actor=request.user,
                    forum=forum,
                    meeting=meeting,
                    values=form.model_values(),
                    agenda=agenda_form.items(),
                ),
            )
            if saved is not None:
                messages.success(request, _("The meeting is saved."))
                return redirect(saved.url("manage_meeting"))
        return render(
            request,
            "forum/manage/meeting_edit.html",
            {
                "forum": forum,
                "meeting": meeting,
                "form": form,
                "agenda_form": agenda_form,
                "jurisdiction": forum.jurisdiction,
            },
            status=400 if request.method == "POST" else 200,
        )


@login_required
def meeting_manage(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse:
    meeting = _meeting(jurisdiction, slug)
    require(request.user, ForumAction.SEE_REGISTRATIONS, meeting)
    action = request.POST.get("action", "")
    add_form = RegistrationForm(request.POST if action == "add" else None)
    invite_form = InvitationForm(request.POST if action == "invite" else None)
    status = 200
    if request.method == "POST":
        require(request.user, ForumAction.MANAGE_MEETING, meeting)
        if action == "add" and add_form.is_valid():
            try:
                services.register(
                    meeting=meeting,
                    form_token=add_form.cleaned_data["form_token"],
                    values=add_form.values(),
                    by_coordinator=True,
                )
            except services.OrganisationFull:
                add_form.add_error("organisation", _("This organisation has reached the meeting's limit."))
            except ValidationError as error:
                apply_model_errors(add_form, error)
            else:
                messages.success(request, _("The person is added."))
                return redirect(meeting.url("manage_meeting"))
        elif action == "invite" and invite_form.is_valid():
            sent = services.invite(
                actor=request.user,
                forum=meeting.forum,
                meeting=meeting,
                recipients=invite_form.cleaned_data["recipients"],
                letter=invite_form.cleaned_data["letter"],
            )
            messages.success(request, _("%(count)s invitations are on their way.") % {"count": len(sent)})
            return redirect(meeting.url("manage_meeting"))
        elif action in ("attendance", "cancel"):
            registration = get_object_or_404(Registration, pk=request.POST.get("registration", "0"), meeting=meeting)
            if action == "cancel":
                services.cancel(registration=registration)
            else:
                try:
                    services.set_attendance(
                        actor=request.user, registration=registration, attendance=request.POST.get("attendance", "")
                    )
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
            return redirect(meeting.url("manage_meeting"))
        elif action == "revoke":
            found = get_object_or_404(Invitation, pk=request.POST.get("invitation", "0"), forum=meeting.forum)
            services.revoke(actor=request.user, invitation=found)
            messages.success(request, _("The link and the links forwarded from it no longer work."))
            return redirect(meeting.url("manage_meeting"))
        status = 400
    return render(
        request,
        "forum/manage/meeting.html",
        {
            "meeting": meeting,
            "forum": meeting.forum,
            "jurisdiction": meeting.forum.jurisdiction,
            "registrations": list(selectors.registrations(meeting)),
            "invitations": list(meeting.invitations.select_related("parent").order_by("created_at", "pk")),
            "seats": selectors.seats(meeting),
            "add_form": add_form,
            "invite_form": invite_form,
            "attendance_choices": Registration.Attendance.choices,
        },
        status=status,
    )


COLUMNS = [
    ("receipt", _("receipt number")),
    ("status", _("status")),
    ("name", _("name")),
    ("email", _("email")),
    ("organisation", _("organisation")),
    ("represents", _("whom they represent")),
    ("needs", _("needs")),
    ("advance_input", _("proposals or questions")),
    ("show_publicly", _("may be shown")),
    ("forwarded_by", _("forwarded by")),
    ("attendance", _("attendance")),
    ("submitted_at", _("registered")),
]


def _rows(meeting: Meeting) -> list[list[Any]]:
    zone = meeting.zone
    rows = []
    for r in selectors.registrations(meeting):
        rows.append(
            [
                r.receipt,
                r.get_status_display(),
                r.name,
                r.email,
                r.organisation,
                r.represents,
                r.needs,
                r.advance_input,
                _("yes") if r.show_publicly else _("no"),
                r.forwarded_by,
                r.get_attendance_display(),
                r.submitted_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return rows


@login_required
def export_csv(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse:
    meeting = _meeting(jurisdiction, slug)
    require(request.user, ForumAction.SEE_REGISTRATIONS, meeting)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(csv_row(str(label) for _name, label in COLUMNS))
    for row in _rows(meeting):
        writer.writerow(csv_row(row))
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{meeting.slug}-registrations.csv"'
    return response


@login_required
def export_xlsx(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse:
    from openpyxl import Workbook

    meeting = _meeting(jurisdiction, slug)
    require(request.user, ForumAction.SEE_REGISTRATIONS, meeting)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Registrations")[:31])
    sheet.append(xlsx_row(sheet, [str(label) for _name, label in COLUMNS]))
    for row in _rows(meeting):
        sheet.append(xlsx_row(sheet, row))
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{meeting.slug}-registrations.xlsx"'
    return response


@login_required
def participants(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse:
    """A printable list of those with a seat, with a column to sign."""
    meeting = _meeting(jurisdiction, slug)
    require(request.user, ForumAction.SEE_REGISTRATIONS, meeting)
    people = meeting.registrations.filter(status=Registration.Status.ATTENDING).order_by("organisation", "name")
    return render(
        request,
        "forum/manage/participants.html",
        {"meeting": meeting, "people": people, "jurisdiction": meeting.forum.jurisdiction},
    )


@login_required
def minutes_edit(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse:
    meeting = _meeting(jurisdiction, slug)
    require(request.user, ForumAction.MANAGE_MEETING, meeting)
    minutes = Minutes.objects.filter(meeting=meeting).prefetch_related("outcomes").first()
    initial = {}
    if minutes is not None:
        outcomes = list(minutes.outcomes.all())
        initial = {
            "text": minutes.text,
            "decisions": "\n".join(o.text for o in outcomes if o.kind == "decision"),
            "actions": "\n".join(
                f"{o.text} | {o.who} | {o.due_on.isoformat() if o.due_on else ''}"
                for o in outcomes
                if o.kind == "action"
            ),
        }
    action = request.POST.get("action", "save")
    form = MinutesForm(request.POST if action == "save" else None, initial=initial)
    if request.method == "POST":
        try:
            if action == "save" and form.is_valid():
                outcomes_values = form.outcomes()
                if not form.errors:
                    services.save_minutes(
                        actor=request.user, meeting=meeting, text=form.cleaned_data["text"], outcomes=outcomes_values
                    )
                    messages.success(request, _("The minutes are saved."))
                    return redirect(meeting.url("minutes"))
            elif action == "send" and minutes is not None:
                count = services.send_minutes_for_corrections(actor=request.user, minutes=minutes)
                messages.success(
                    request, _("The draft is sent to %(count)s participants for corrections.") % {"count": count}
                )
                return redirect(meeting.url("minutes"))
            elif action == "approve" and minutes is not None:
                services.approve_minutes(actor=request.user, minutes=minutes)
                messages.success(request, _("The minutes are approved and published."))
                return redirect(meeting.url("minutes"))
        except services.WrongStep:
            messages.error(request, _("The minutes are not at that step any more."))
            return redirect(meeting.url("minutes"))
        except ValidationError as error:
            apply_model_errors(form, error)
    return render(
        request,
        "forum/manage/minutes.html",
        {"meeting": meeting, "minutes": minutes, "form": form, "jurisdiction": meeting.forum.jurisdiction},
        status=400 if form.errors else 200,
    )


@login_required
def timeline_edit(request: HttpRequest, jurisdiction: str, plan: str) -> HttpResponse:
    found = get_object_or_404(
        ActionPlan.objects.select_related("jurisdiction"), jurisdiction__slug=jurisdiction, slug=plan
    )
    require(request.user, ForumAction.EDIT_TIMELINE, found)
    action = request.POST.get("action", "phase")
    form = PhaseForm(request.POST if action == "phase" else None, plan=found)
    if request.method == "POST":
        if action == "publish":
            try:
                published = services.publish_timeline(actor=request.user, plan=found)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                if published.warning:
                    messages.warning(request, published.warning)
                else:
                    messages.success(request, _("The timeline is published."))
            return redirect("forum:timeline_edit", jurisdiction=jurisdiction, plan=plan)
        phase = None
        if form.is_valid():
            phase = save_with(
                form, lambda: services.save_phase(actor=request.user, plan=found, values=form.model_values())
            )
        if phase is not None:
            messages.success(request, _("The phase is added."))
            return redirect("forum:timeline_edit", jurisdiction=jurisdiction, plan=plan)
    return render(
        request,
        "forum/manage/timeline.html",
        {"plan": found, "jurisdiction": found.jurisdiction, "form": form, "timeline": selectors.timeline(found)},
        status=400 if form.errors else 200,
    )


@login_required
def phase_edit(request: HttpRequest, jurisdiction: str, plan: str, pk: int) -> HttpResponse:
    """Change or remove one phase of a plan's timeline."""
    phase = get_object_or_404(
        Phase.objects.select_related("plan__jurisdiction"),
        pk=pk,
        plan__slug=plan,
        plan__jurisdiction__slug=jurisdiction,
    )
    require(request.user, ForumAction.EDIT_TIMELINE, phase.plan)
    back = redirect("forum:timeline_edit", jurisdiction=jurisdiction, plan=plan)
    if request.method == "POST" and request.POST.get("action") == "delete":
        services.delete_phase(actor=request.user, phase=phase)
        messages.success(request, _("The phase is removed."))
        return back
    form = PhaseForm(request.POST or None, instance=phase, plan=phase.plan)
    if request.method == "POST" and form.is_valid():
        saved = save_with(
            form,
            lambda: services.save_phase(actor=request.user, plan=phase.plan, phase=phase, values=form.model_values()),
        )
        if saved is not None:
            messages.success(request, _("The phase is saved."))
            return back
    return render(
        request,
        "forum/manage/phase.html",
        {"phase": phase, "plan": phase.plan, "jurisdiction": phase.plan.jurisdiction, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def member_edit(request: HttpRequest, jurisdiction: str, pk: int) -> HttpResponse:
    """Change a member's representative, deputy, term or role, or remove the member from the forum."""
    member = get_object_or_404(
        Member.objects.select_related("forum__jurisdiction", "organisation"),
        pk=pk,
        forum__jurisdiction__slug=jurisdiction,
    )
    place = member.forum.jurisdiction
    require(request.user, ForumAction.MANAGE_FORUM, place)
    back = redirect("forum:manage", jurisdiction=jurisdiction)
    if request.method == "POST" and request.POST.get("action") == "delete":
        services.remove_member(actor=request.user, member=member)
        messages.success(request, _("The member is removed."))
        return back
    form = MemberForm(request.POST or None, instance=member)
    organisation_field = form.fields["organisation"]
    organisation_field.queryset = place.organisations.all()  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        saved = save_with(
            form,
            lambda: services.save_member(
                actor=request.user, forum=member.forum, member=member, values=form.model_values()
            ),
        )
        if saved is not None:
            messages.success(request, _("The member is saved."))
            return back
    return render(
        request,
        "forum/manage/member.html",
        {"member": member, "jurisdiction": place, "form": form},
        status=400 if form.errors else 200,
    )
