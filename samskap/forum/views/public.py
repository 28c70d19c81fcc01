"""Public pages: the forum, its meetings, registration (with or without an invitation), calendars."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samskap.forum import ics, selectors, services
from samskap.forum.forms import JoinForm, RegistrationForm
from samskap.forum.models import Forum, JoinRequest, Meeting, Minutes, Registration
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel import intake
from samskap.kernel.forms import apply_model_errors
from samskap.kernel.pages import blank_form, cached_public
from samskap.plans.models import ActionPlan


def _forum(jurisdiction: str) -> Forum:
    return get_object_or_404(Forum.objects.select_related("jurisdiction"), jurisdiction__slug=jurisdiction)


def _meeting(jurisdiction: str, slug: str) -> Meeting:
    meeting = selectors.meeting_detail(jurisdiction, slug)
    if meeting is None:
        raise Http404
    return meeting


@require_GET
@cached_public(timely=True)  # meetings move from upcoming to past
def forum_detail(request: HttpRequest, jurisdiction: str) -> HttpResponse:
    forum = _forum(jurisdiction)
    meetings = list(selectors.meetings(forum))
    return render(
        request,
        "forum/detail.html",
        {
            "forum": forum,
            "jurisdiction": forum.jurisdiction,
            "members": selectors.members(forum),
            "upcoming": [m for m in meetings if not m.is_past][::-1],
            "past": [m for m in meetings if m.is_past],
        },
    )


@require_GET
@cached_public(timely=True)  # registration opens and closes, the meeting passes
def meeting_detail(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse:
    meeting = _meeting(jurisdiction, slug)
    minutes = getattr(meeting, "minutes", None)
    return render(
        request,
        "forum/meeting.html",
        {
            "meeting": meeting,
            "forum": meeting.forum,
            "jurisdiction": meeting.forum.jurisdiction,
            "agenda": list(meeting.agenda.all()),
            "seats": selectors.seats(meeting),
            "attendees": selectors.public_attendees(meeting),
            "minutes": minutes if minutes is not None and minutes.status == Minutes.Status.APPROVED else None,
        },
    )


@blank_form
def register(request: HttpRequest, jurisdiction: str, slug: str, token: str = "") -> HttpResponse:
    meeting = _meeting(jurisdiction, slug)
    invitation = services.invitation_by_token(token) if token else None
    if token and (invitation is None or not invitation.valid_for(meeting)):
        return render(request, "forum/invitation_invalid.html", {"meeting": meeting}, status=410)
    form = RegistrationForm(request.POST or None)
    status = 200
    closed = not meeting.takes_registrations
    needs_invitation = meeting.access == Meeting.Access.INVITATION and invitation is None
    if request.method == "POST":
        if form.is_valid():
            try:
                done = services.register(
                    meeting=meeting,
                    form_token=form.cleaned_data["form_token"],
                    values=form.values(),
                    invitation=invitation,
                    address=intake.client_address(request),
                    throttle=True,
                )
            except services.RegistrationClosed:
                form.add_error(
                    None, _("Registration for this meeting has closed: the deadline or the start has passed.")
                )
                status = 409
            except services.InvitationNeeded:
                form.add_error(None, _("This meeting is by invitation: use the link in your invitation."))
                status = 403
            except services.OrganisationFull:
                form.add_error(
                    "organisation",
                    _("Your organisation already has as many people registered as one organisation may have."),
                )
                status = 409
            except intake.TooManySubmissions as error:
                form.add_error(None, error.message)
                status = 429
            except ValidationError as error:
                apply_model_errors(form, error)
            else:
                return redirect("forum:receipt", receipt=done.registration.receipt)
        if form.errors and status == 200:
            status = 400
    return render(
        request,
        "forum/register.html",
        {
            "meeting": meeting,
            "forum": meeting.forum,
            "jurisdiction": meeting.forum.jurisdiction,
            "form": form,
            "invitation": invitation,
            "closed": closed,
            "needs_invitation": needs_invitation,
            "seats": selectors.seats(meeting),
        },
        status=status,
    )


@require_GET
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    found = services.invitation_by_token(token)
    if found is None or found.revoked_at is not None:
        return render(request, "forum/invitation_invalid.html", {"meeting": None}, status=410)
    forum = found.forum
    meetings = [found.meeting] if found.meeting is not None else list(selectors.upcoming(20, forum.jurisdiction))
    return render(
        request,
        "forum/invitation.html",
        {
            "invitation": found,
            "forum": forum,
            "jurisdiction": forum.jurisdiction,
            "chain": found.chain(),
            "meetings": [m for m in meetings if not m.is_past],
        },
    )


@require_GET
def receipt(request: HttpRequest, receipt: str) -> HttpResponse:
    registration = (
        Registration.objects.select_related("meeting__forum__jurisdiction").filter(receipt=receipt.upper()[:16]).first()
    )
    if registration is None:
        raise Http404
    return render(
        request,
        "forum/receipt.html",
        {
            "registration": registration,
            "meeting": registration.meeting,
            "jurisdiction": registration.meeting.forum.jurisdiction,
        },
    )


def _registration(token: str) -> Registration:
    found = intake.by_confirmation_token(Registration.objects.select_related("meeting__forum__jurisdiction"), token)
    if found is None:
        raise Http404
    return found


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration(token)
    if request.method == "POST":
        services.confirm_registration(registration=registration)
        messages.success(request, _("Thank you: your email address is confirmed."))
        return redirect("forum:registration", token=token)
    return render(request, "forum/confirm.html", {"registration": registration, "meeting": registration.meeting})


def my_registration(request: HttpRequest, token: str) -> HttpResponse:
    """The registrant's own page (the link in every email): status, cancelling, the draft minutes."""
    registration = _registration(token)
    meeting = registration.meeting
    if request.method == "POST" and request.POST.get("action") == "cancel":
        services.cancel(registration=registration)
        messages.success(request, _("Your registration is cancelled."))
        return redirect("forum:registration", token=token)
    minutes = Minutes.objects.filter(meeting=meeting).prefetch_related("outcomes").first()
    shown = minutes if minutes is not None and minutes.status != Minutes.Status.DRAFT else None
    return render(
        request,
        "forum/my_registration.html",
        {
            "registration": registration,
            "meeting": meeting,
            "jurisdiction": meeting.forum.jurisdiction,
            "minutes": shown,
        },
    )


@blank_form
def join(request: HttpRequest, jurisdiction: str) -> HttpResponse:
    forum = _forum(jurisdiction)
    form = JoinForm(request.POST or None)
    status = 200
    if request.method == "POST":
        posted = intake.send_public(
            form,
            lambda: services.ask_to_join(
                forum=forum,
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
            return redirect("forum:detail", jurisdiction=jurisdiction)
        status = posted.status
    return render(
        request, "forum/join.html", {"forum": forum, "jurisdiction": forum.jurisdiction, "form": form}, status=status
    )


def join_confirm(request: HttpRequest, token: str) -> HttpResponse:
    found = intake.by_confirmation_token(JoinRequest.objects.select_related("forum__jurisdiction"), token)
    if found is None:
        raise Http404
    if request.method == "POST":
        services.confirm_join_request(request=found)
        messages.success(request, _("Thank you: your email address is confirmed."))
        return redirect("forum:detail", jurisdiction=found.forum.jurisdiction.slug)
    return render(request, "forum/join_confirm.html", {"request_to_join": found, "forum": found.forum})


def _calendar(name: str, events: list[list[str]], filename: str) -> HttpResponse:
    response = HttpResponse(ics.calendar(name, events), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def meeting_ics(request: HttpRequest, jurisdiction: str, slug: str) -> HttpResponse:
    meeting = _meeting(jurisdiction, slug)
    return _calendar(meeting.title, [ics.meeting_event(meeting)], f"{meeting.slug}.ics")


@require_GET
def forum_ics(request: HttpRequest, jurisdiction: str) -> HttpResponse:
    forum = _forum(jurisdiction)
    events = [ics.meeting_event(m) for m in forum.meetings.select_related("forum__jurisdiction").order_by("starts_at")]
    return _calendar(forum.name, events, f"forum-{forum.jurisdiction.slug}.ics")


@require_GET
def timeline_ics(request: HttpRequest, jurisdiction: str, plan: str) -> HttpResponse:
    found = get_object_or_404(
        ActionPlan.objects.select_related("jurisdiction"), jurisdiction__slug=jurisdiction, slug=plan
    )
    timeline = selectors.timeline(found)
    if timeline.published is None:
        raise Http404
    return _calendar(str(found), [ics.phase_event(p) for p in timeline.phases], f"timeline-{found.slug}.ics")


def jurisdiction_of(slug: str) -> Jurisdiction:
    return get_object_or_404(Jurisdiction, slug=slug)
