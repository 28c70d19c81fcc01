"""Every write of the co-creation calendar. Emails go out through the task worker, in the caller's
transaction (a task is a database row): the change and its emails, or neither.

Seats: `register` and `cancel` lock the meeting's row (`select_for_update`) before they count, so two
people registering for the last seat at the same moment get one seat and one place on the waiting list,
and the seats reserved for the ministries are never given twice.
"""

import datetime
import uuid
import zoneinfo
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samskap.forum import ics
from samskap.forum.models import (
    NOTICE,
    AgendaItem,
    Forum,
    Invitation,
    JoinRequest,
    Meeting,
    Member,
    Minutes,
    Outcome,
    Phase,
    Registration,
    TimelinePublication,
)
from samskap.forum.tasks import send_email_with_calendar
from samskap.history.services import delete_tracked, save_tracked
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel import intake
from samskap.kernel.slugs import unique_slug
from samskap.kernel.types import Actor, person
from samskap.organisations.models import Organisation
from samskap.organisations.services import find_or_create_organisation, find_organisation
from samskap.plans.models import ActionPlan


class RegistrationClosed(Exception):
    """The registration deadline (or the start) has passed."""


class InvitationNeeded(Exception):
    """The meeting is by invitation and the link is missing, revoked or for another meeting."""


class OrganisationFull(Exception):
    """The organisation has as many people registered as the meeting allows one organisation."""


class WrongStep(Exception):
    """The minutes (or a request) are not in the state this step starts from."""


# --- Emails -----------------------------------------------------------------------------------


def _email(template: str, to: str, context: dict[str, Any], *, language: str, ics_text: str = "") -> None:
    with translation.override(language):
        subject = render_to_string(f"forum/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"forum/email/{template}_body.txt", context)
    send_email_with_calendar.enqueue(subject=" ".join(subject.split()), body=body, to=[to], ics=ics_text)


def _language(meeting: Meeting) -> str:
    return translation.get_language() or meeting.forum.jurisdiction.default_language


def _meeting_ics(meeting: Meeting) -> str:
    return ics.calendar(meeting.title, [ics.meeting_event(meeting)])


def _links(registration: Registration) -> dict[str, str]:
    mine = reverse("forum:registration", kwargs={"token": registration.confirmation_token})
    return {
        "manage_url": intake.absolute(mine),
        "meeting_url": intake.absolute(registration.meeting.get_absolute_url()),
    }


# --- The plan's timeline ------------------------------------------------------------------------


@transaction.atomic
def save_phase(*, actor: Actor, plan: ActionPlan, phase: Phase | None = None, values: dict[str, Any]) -> Phase:
    phase = phase or Phase(plan=plan)
    if phase.plan_id != plan.pk:
        raise ValueError("The phase belongs to another plan.")
    meeting = values.get("meeting")
    if meeting is not None and meeting.forum.jurisdiction_id != plan.jurisdiction_id:
        raise ValidationError({"meeting": _("The meeting belongs to another jurisdiction's forum.")})
    save_tracked(actor=actor, instance=phase, values=values)
    return phase


@transaction.atomic
def delete_phase(*, actor: Actor, phase: Phase) -> None:
    """Remove a phase; the removal is in the plan's public history."""
    delete_tracked(actor=actor, instance=phase)


@dataclass(frozen=True)
class Published:
    publication: TimelinePublication
    warning: str  # empty when the notice is long enough


@transaction.atomic
def publish_timeline(*, actor: Actor, plan: ActionPlan, now: datetime.datetime | None = None) -> Published:
    """Publish the plan's timeline and record how long before its first activity (OGP MR 3.1: two weeks)."""
    now = now or timezone.now()
    first = Phase.objects.filter(plan=plan).order_by("starts_on").first()
    if first is None:
        raise ValidationError(_("The timeline has no phases yet."))
    today = now.astimezone(zoneinfo.ZoneInfo(plan.jurisdiction.time_zone)).date()
    notice = (first.starts_on - today).days
    short = datetime.timedelta(days=notice) < NOTICE
    publication = TimelinePublication(
        plan=plan, published_at=now, published_by=person(actor), first_activity=first.starts_on, notice_days=notice
    )
    save_tracked(actor=actor, instance=publication, values={"short_notice": short})
    warning = ""
    if short:
        warning = _(
            "The timeline was published %(days)s days before its first activity. OGP asks for at least 14 days "
            "(minimum requirement 3.1); this is recorded for the standards check."
        ) % {"days": notice}
    return Published(publication, warning)


# --- The forum ----------------------------------------------------------------------------------


@transaction.atomic
def save_forum(*, actor: Actor, jurisdiction: Jurisdiction, values: dict[str, Any]) -> Forum:
    """The forum's name, mandate and rules; every version stays in the public history."""
    forum = Forum.objects.filter(jurisdiction=jurisdiction).first() or Forum(jurisdiction=jurisdiction)
    save_tracked(actor=actor, instance=forum, values=values)
    return forum


@transaction.atomic
def save_member(*, actor: Actor, forum: Forum, member: Member | None = None, values: dict[str, Any]) -> Member:
    member = member or Member(forum=forum)
    if member.forum_id != forum.pk:
        raise ValueError("The member belongs to another forum.")
    organisation = values.get("organisation")
    if organisation is not None and organisation.jurisdiction_id != forum.jurisdiction_id:
        raise ValidationError({"organisation": _("The organisation belongs to another jurisdiction.")})
    save_tracked(actor=actor, instance=member, values=values)
    return member


@transaction.atomic
def remove_member(*, actor: Actor, member: Member) -> None:
    """An organisation leaves the forum; the removal is in the public history."""
    delete_tracked(actor=actor, instance=member)


def ask_to_join(
    *, forum: Forum, form_token: uuid.UUID, values: dict[str, Any], address: str = "", throttle: bool = False
) -> JoinRequest:
    """An organisation asks to join (public intake: receipt, email confirmation, one-time form token)."""
    existing = intake.already_stored(JoinRequest, form_token)
    if existing is not None:
        return existing
    if throttle:
        intake.throttle("forum-join", address=address, email=str(values.get("email", "")))
    request = JoinRequest(forum=forum, form_token=form_token, **values)
    request.full_clean(exclude=list(JoinRequest.GENERATED_FIELDS))
    language = translation.get_language() or forum.jurisdiction.default_language

    def receipt(stored: JoinRequest) -> None:
        url = intake.absolute(reverse("forum:join_confirm", kwargs={"token": stored.confirmation_token}))
        _email("join_receipt", stored.email, {"request": stored, "forum": forum, "confirm_url": url}, language=language)

    return intake.store_once(request, then=receipt).record


@transaction.atomic
def confirm_join_request(*, request: JoinRequest) -> JoinRequest:
    if request.confirmed_at is None:
        request.mark_confirmed()
        request.save(update_fields=["confirmed_at"])
    return request


@transaction.atomic
def decide_join_request(
    *, actor: Actor, request: JoinRequest, accept: bool, reason: str, organisation_type: str = ""
) -> JoinRequest:
    """Accept (the organisation becomes a member) or decline with a reason; the sender is told either way."""
    locked = JoinRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != JoinRequest.Status.PENDING:
        raise WrongStep
    if not accept and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for declining.")})
    forum = locked.forum
    if accept:
        organisation, _created = find_or_create_organisation(
            actor=actor,
            name=locked.organisation,
            jurisdiction=forum.jurisdiction,
            type=organisation_type or Organisation.Type.CIVIL_SOCIETY,
        )
        if not forum.members.filter(organisation=organisation).exists():
            save_member(
                actor=actor,
                forum=forum,
                values={
                    "organisation": organisation,
                    "representative": locked.contact_name,
                    "selection": _("Asked to join; accepted by the coordinator"),
                    "term_starts": timezone.localdate(),
                },
            )
    locked.status = JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.DECLINED
    locked.reason = reason.strip()
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "reason", "decided_at"])
    _email(
        "join_decided",
        locked.email,
        {"request": locked, "forum": forum},
        language=forum.jurisdiction.default_language,
    )
    return locked


# --- Meetings -----------------------------------------------------------------------------------

#: Addresses of the forum's own pages, which a meeting's slug must not take.
RESERVED_SLUGS = frozenset({"join", "manage", "meetings", "plans", "requests", "calendar-ics"})
MOVING_FIELDS = ("starts_at", "ends_at", "address", "room", "video_url")


@transaction.atomic
def save_meeting(
    *,
    actor: Actor,
    forum: Forum,
    meeting: Meeting | None = None,
    values: dict[str, Any],
    agenda: list[dict[str, Any]] | None = None,
) -> Meeting:
    """Create or change a meeting. A new time or place is emailed to everyone registered or waiting,
    with the new date, time and place and an updated calendar entry."""
    creating = meeting is None
    meeting = meeting or Meeting(forum=forum)
    if meeting.forum_id != forum.pk:
        raise ValueError("The meeting belongs to another forum.")
    values = dict(values)
    before = {name: getattr(meeting, name) for name in MOVING_FIELDS}
    if values.get("slug") in RESERVED_SLUGS:
        raise ValidationError({"slug": _("This short name is taken by one of the forum's own pages.")})
    if not meeting.slug and not values.get("slug"):
        others = Meeting.objects.filter(forum=forum).exclude(pk=meeting.pk or 0)
        values["slug"] = unique_slug(
            values.get("title", ""),
            taken=lambda s: s in RESERVED_SLUGS or others.filter(slug=s).exists(),
            max_length=80,
            fallback="meeting",
        )
    plan = values.get("plan")
    if plan is not None and plan.jurisdiction_id != forum.jurisdiction_id:
        raise ValidationError({"plan": _("The plan belongs to another jurisdiction.")})
    moved = not creating and any(values.get(name, before[name]) != before[name] for name in MOVING_FIELDS)
    if moved:
        values["sequence"] = meeting.sequence + 1
    save_tracked(actor=actor, instance=meeting, values=values)
    if agenda is not None:
        _replace_agenda(actor, meeting, agenda)
    if moved:
        text = _meeting_ics(meeting)
        for registration in meeting.registrations.exclude(status=Registration.Status.CANCELLED):
            _email(
                "moved",
                registration.email,
                {"registration": registration, "meeting": meeting, **_links(registration)},
                language=forum.jurisdiction.default_language,
                ics_text=text if registration.status == Registration.Status.ATTENDING else "",
            )
    return meeting


def _replace_agenda(actor: Actor, meeting: Meeting, items: list[dict[str, Any]]) -> None:
    meeting.agenda.all().delete()
    for order, item in enumerate(items, start=1):
        save_tracked(actor=actor, instance=AgendaItem(meeting=meeting, order=order), values=item)


@dataclass(frozen=True)
class Registered:
    registration: Registration
    created: bool  # False: the same form was sent again; the first receipt stands


def _government(meeting: Meeting, organisation: str) -> bool:
    """Whether the organisation is a government body of the forum's jurisdiction (the directory decides)."""
    if not organisation.strip():
        return False
    found = find_organisation(name=organisation.strip(), jurisdiction=meeting.forum.jurisdiction)
    return found is not None and found.type in Organisation.GOVERNMENT_TYPES


def _seat_for(meeting: Meeting, government: bool) -> tuple[str, bool]:
    """(status, on a reserved seat) for one more person; the caller holds the lock on the meeting."""
    if meeting.capacity is None:
        return Registration.Status.ATTENDING, False
    attending = meeting.registrations.filter(status=Registration.Status.ATTENDING)
    reserved_taken = attending.filter(reserved_seat=True).count()
    general_taken = attending.filter(reserved_seat=False).count()
    if government and reserved_taken < meeting.reserved_seats:
        return Registration.Status.ATTENDING, True
    if general_taken < meeting.capacity - meeting.reserved_seats:
        return Registration.Status.ATTENDING, False
    return Registration.Status.WAITLISTED, False


def register(
    *,
    meeting: Meeting,
    form_token: uuid.UUID,
    values: dict[str, Any],
    invitation: Invitation | None = None,
    now: datetime.datetime | None = None,
    address: str = "",
    throttle: bool = False,
    by_coordinator: bool = False,
) -> Registered:
    """Register someone for a meeting once per form token: a seat, a reserved seat or the waiting list.

    Refused after the deadline or the start (RegistrationClosed) unless a coordinator adds them; refused
    without a valid invitation to a meeting by invitation (InvitationNeeded); refused past the limit per
    organisation (OrganisationFull). The receipt email has a confirmation link and, for a seat, the `.ics`.
    """
    existing = intake.already_stored(Registration.objects.filter(meeting=meeting), form_token)
    if existing is not None:
        return Registered(existing, created=False)
    now = now or timezone.now()
    if not by_coordinator:
        if not meeting.takes_registrations_at(now):
            raise RegistrationClosed
        if meeting.access == Meeting.Access.INVITATION and (invitation is None or not invitation.valid_for(meeting)):
            raise InvitationNeeded
    if invitation is not None and not invitation.valid_for(meeting):
        invitation = None
    if throttle:
        intake.throttle("forum-registration", address=address, email=str(values.get("email", "")))
    organisation = str(values.get("organisation", "")).strip()
    values = {**values, "organisation": organisation}
    forwarded_by = ""
    if invitation is not None and organisation.casefold() != invitation.organisation.strip().casefold():
        forwarded_by = invitation.organisation
    language = _language(meeting)
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().select_related("forum__jurisdiction").get(pk=meeting.pk)
        if not by_coordinator and not locked.takes_registrations_at(now):
            raise RegistrationClosed  # moved meanwhile
        if locked.per_organisation and organisation:
            same = locked.registrations.exclude(status=Registration.Status.CANCELLED).filter(
                organisation__iexact=organisation
            )
            if same.count() >= locked.per_organisation:
                raise OrganisationFull
        status, reserved = _seat_for(locked, _government(locked, organisation))
        registration = Registration(
            meeting=locked,
            form_token=form_token,
            submitted_at=now,
            status=status,
            reserved_seat=reserved,
            invitation=invitation,
            forwarded_by=forwarded_by,
            added_by_coordinator=by_coordinator,
            confirmed_at=now if by_coordinator else None,
            **values,
        )
        registration.full_clean(exclude=list(Registration.GENERATED_FIELDS))

        def receipt(stored: Registration) -> None:
            onward = None
            if invitation is not None:
                # The person gets a link of their own to forward: the chain goes on through it.
                onward = Invitation.objects.create(
                    forum=locked.forum,
                    meeting=invitation.meeting,
                    parent=invitation,
                    organisation=organisation or stored.name,
                    email=stored.email,
                    sent_at=now,
                )
            context = {
                "registration": stored,
                "meeting": locked,
                "confirm_url": intake.absolute(reverse("forum:confirm", kwargs={"token": stored.confirmation_token})),
                "forward_url": intake.absolute(onward.get_absolute_url()) if onward else "",
                **_links(stored),
            }
            attending = stored.status == Registration.Status.ATTENDING
            _email(
                "receipt", stored.email, context, language=language, ics_text=_meeting_ics(locked) if attending else ""
            )

        stored = intake.store_once(registration, then=receipt)
    return Registered(stored.record, created=stored.created)


@transaction.atomic
def confirm_registration(*, registration: Registration) -> Registration:
    if registration.confirmed_at is None:
        registration.mark_confirmed()
        registration.save(update_fields=["confirmed_at"])
    return registration


@transaction.atomic
def cancel(*, registration: Registration, now: datetime.datetime | None = None) -> Registration | None:
    """Cancel a registration; the seat goes to the first on the waiting list who may take it, in the same
    transaction, and that person is emailed. Returns the person promoted, if any."""
    now = now or timezone.now()
    meeting = Meeting.objects.select_for_update().select_related("forum__jurisdiction").get(pk=registration.meeting_id)
    current = Registration.objects.get(pk=registration.pk)
    if current.status == Registration.Status.CANCELLED:
        return None
    freed = current.status == Registration.Status.ATTENDING
    freed_reserved = current.reserved_seat
    current.status = Registration.Status.CANCELLED
    current.reserved_seat = False
    current.cancelled_at = now
    current.save(update_fields=["status", "reserved_seat", "cancelled_at"])
    registration.status, registration.cancelled_at = current.status, now
    if not freed or meeting.starts_at <= now:
        return None
    return _promote(meeting, now, reserved=freed_reserved)


def _promote(meeting: Meeting, now: datetime.datetime, *, reserved: bool) -> Registration | None:
    waiting = meeting.registrations.filter(status=Registration.Status.WAITLISTED).order_by("submitted_at", "pk")
    for candidate in waiting:
        status, on_reserved = _seat_for(meeting, _government(meeting, candidate.organisation))
        if status != Registration.Status.ATTENDING:
            continue
        candidate.status = Registration.Status.ATTENDING
        candidate.reserved_seat = on_reserved
        candidate.promoted_at = now
        candidate.save(update_fields=["status", "reserved_seat", "promoted_at"])
        _email(
            "promoted",
            candidate.email,
            {"registration": candidate, "meeting": meeting, **_links(candidate)},
            language=meeting.forum.jurisdiction.default_language,
            ics_text=_meeting_ics(meeting),
        )
        return candidate
    return None


@transaction.atomic
def set_attendance(*, actor: Actor, registration: Registration, attendance: str) -> Registration:
    if attendance not in Registration.Attendance.values:
        raise ValidationError({"attendance": _("Choose present, absent or excused.")})
    registration.attendance = attendance
    registration.save(update_fields=["attendance"])
    return registration


# --- Invitations --------------------------------------------------------------------------------


@transaction.atomic
def invite(
    *,
    actor: Actor,
    forum: Forum,
    recipients: list[tuple[str, str]],
    letter: str,
    meeting: Meeting | None = None,
) -> list[Invitation]:
    """Invitations to the forum or to one meeting, one per (organisation, email); sent through the worker."""
    if meeting is not None and meeting.forum_id != forum.pk:
        raise ValueError("The meeting belongs to another forum.")
    created = []
    for organisation, email in recipients:
        invitation = Invitation(forum=forum, meeting=meeting, organisation=organisation.strip(), email=email.strip())
        invitation.letter = letter
        invitation.full_clean()
        invitation.save()
        created.append(invitation)
    send_invitations(invitations=created)
    return created


@transaction.atomic
def send_invitations(*, invitations: list[Invitation], now: datetime.datetime | None = None) -> int:
    """Email each invitation not sent yet, exactly once however often this is called. Returns how many."""
    now = now or timezone.now()
    sent = 0
    for invitation in invitations:
        claimed = (
            Invitation.objects.filter(pk=invitation.pk, sent_at__isnull=True, revoked_at__isnull=True)
            .exclude(email="")
            .update(sent_at=now)
        )
        if not claimed:
            continue
        invitation.sent_at = now
        forum = invitation.forum
        _email(
            "invitation",
            invitation.email,
            {
                "invitation": invitation,
                "forum": forum,
                "meeting": invitation.meeting,
                "url": intake.absolute(invitation.get_absolute_url()),
            },
            language=forum.jurisdiction.default_language,
        )
        sent += 1
    return sent


@transaction.atomic
def revoke(*, actor: Actor, invitation: Invitation, now: datetime.datetime | None = None) -> int:
    """Revoke a link and every link forwarded from it; returns how many were revoked."""
    now = now or timezone.now()
    revoked = 0
    frontier = [invitation.pk]
    while frontier:
        revoked += Invitation.objects.filter(pk__in=frontier, revoked_at__isnull=True).update(revoked_at=now)
        frontier = list(Invitation.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
    return revoked


def invitation_by_token(token: str) -> Invitation | None:
    if not token:
        return None
    return Invitation.objects.select_related("forum__jurisdiction", "meeting", "parent").filter(token=token).first()


# --- Minutes ------------------------------------------------------------------------------------


@transaction.atomic
def save_minutes(*, actor: Actor, meeting: Meeting, text: str, outcomes: list[dict[str, Any]] | None = None) -> Minutes:
    minutes = Minutes.objects.filter(meeting=meeting).first() or Minutes(meeting=meeting)
    if minutes.status == Minutes.Status.APPROVED:
        raise WrongStep
    save_tracked(actor=actor, instance=minutes, values={"text": text})
    if outcomes is not None:
        minutes.outcomes.all().delete()
        for values in outcomes:
            save_tracked(actor=actor, instance=Outcome(minutes=minutes), values=values)
    return minutes


@transaction.atomic
def send_minutes_for_corrections(*, actor: Actor, minutes: Minutes) -> int:
    """Email the draft to those registered who were not marked absent; once. Returns how many emails."""
    locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if locked.status != Minutes.Status.DRAFT:
        raise WrongStep
    save_tracked(actor=actor, instance=locked, values={"status": Minutes.Status.CORRECTIONS, "sent_at": timezone.now()})
    meeting = locked.meeting
    people = meeting.registrations.filter(status=Registration.Status.ATTENDING).exclude(
        attendance=Registration.Attendance.ABSENT
    )
    for registration in people:
        _email(
            "minutes_draft",
            registration.email,
            {"registration": registration, "meeting": meeting, "minutes": locked, **_links(registration)},
            language=meeting.forum.jurisdiction.default_language,
        )
    minutes.status, minutes.sent_at = locked.status, locked.sent_at
    return people.count()


@transaction.atomic
def approve_minutes(*, actor: Actor, minutes: Minutes) -> Minutes:
    """Approved minutes are published on the meeting's page and go into the plan's record (its history)."""
    locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if locked.status == Minutes.Status.APPROVED:
        raise WrongStep
    save_tracked(
        actor=actor, instance=locked, values={"status": Minutes.Status.APPROVED, "approved_at": timezone.now()}
    )
    return locked


def public_attendees_filter() -> Q:
    return Q(status=Registration.Status.ATTENDING, show_publicly=True, confirmed_at__isnull=False)


def send_reminder(*, registration: Registration, meeting: Meeting) -> None:
    """One reminder (the scheduled job calls it once per meeting and start time)."""
    _email(
        "reminder",
        registration.email,
        {"registration": registration, "meeting": meeting, **_links(registration)},
        language=meeting.forum.jurisdiction.default_language,
    )
