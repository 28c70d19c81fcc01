"""The rules of the co-creation calendar: seats, the waiting list, deadlines, invitations, minutes."""

import datetime
import uuid
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse

from samskap.forum import services
from samskap.forum.models import Invitation, Meeting, Minutes, Registration, TimelinePublication
from samskap.forum.selectors import public_attendees, timeline
from samskap.history.models import ChangeRecord
from samskap.kernel import schedule
from samskap.organisations.models import Organisation
from tests import factories as f

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
pytestmark = pytest.mark.django_db


def sign_up(meeting, name, organisation="", **extra):
    values = {"name": name, "email": f"{name.lower().replace(' ', '.')}@example.no", "organisation": organisation}
    values.update(extra.pop("values", {}))
    return services.register(meeting=meeting, form_token=uuid.uuid4(), values=values, **extra).registration


def test_a_full_meeting_puts_the_next_on_the_waiting_list_and_promotes_on_cancellation():
    meeting = f.meeting(capacity=2)
    first, second = sign_up(meeting, "Kari"), sign_up(meeting, "Ola")
    third, fourth = sign_up(meeting, "Per"), sign_up(meeting, "Liv")
    assert [r.status for r in (first, second, third, fourth)] == ["attending", "attending", "waitlisted", "waitlisted"]
    mail.outbox.clear()
    promoted = services.cancel(registration=second)
    assert promoted == third  # first come, first served
    third.refresh_from_db()
    assert third.status == Registration.Status.ATTENDING and third.promoted_at is not None
    assert [m.to for m in mail.outbox] == [["per@example.no"]]
    assert "invite.ics" in [a[0] for a in mail.outbox[0].attachments]
    # Cancelling twice changes nothing and emails no one again.
    assert services.cancel(registration=second) is None
    assert len(mail.outbox) == 1
    fourth.refresh_from_db()
    assert fourth.status == Registration.Status.WAITLISTED


def test_waitlisted_people_are_not_shown_as_attendees():
    meeting = f.meeting(capacity=1)
    shown = sign_up(meeting, "Kari", values={"show_publicly": True})
    waiting = sign_up(meeting, "Ola", values={"show_publicly": True})
    hidden = sign_up(f.meeting(), "Per", values={"show_publicly": False})
    for registration in (shown, waiting, hidden):
        services.confirm_registration(registration=registration)
    assert public_attendees(meeting) == [shown]
    page = pytest.importorskip("django.test").Client().get(meeting.get_absolute_url().replace("/en/", "/en/"))
    assert "Kari" in page.content.decode() and "Ola" not in page.content.decode()


def test_reserved_seats_go_to_ministries_only_and_never_overbook():
    place = f.jurisdiction()
    f.organisation(jurisdiction=place, name="Finansdepartementet", type=Organisation.Type.MINISTRY)
    meeting = f.meeting(jurisdiction=place, capacity=3, reserved_seats=1)
    a, b = sign_up(meeting, "A", "Abelia"), sign_up(meeting, "B", "Amnesty")
    c = sign_up(meeting, "C", "Fagpressen")  # the general seats are taken; the reserved one is not theirs
    ministry = sign_up(meeting, "D", "finansdepartementet")
    late_ministry = sign_up(meeting, "E", "Finansdepartementet")
    assert (a.status, b.status, c.status) == ("attending", "attending", "waitlisted")
    assert ministry.status == "attending" and ministry.reserved_seat
    assert late_ministry.status == "waitlisted"
    assert meeting.registrations.filter(status="attending").count() == 3
    # A freed reserved seat goes to the next ministry on the list, not to the civil society ahead of it.
    assert services.cancel(registration=ministry) == late_ministry
    c.refresh_from_db()
    assert c.status == "waitlisted"


def test_registration_is_taken_until_the_last_second_of_the_deadline_across_a_dst_change():
    # Summer time ends in Oslo at 03:00 on Sunday 25 October 2026; the deadline is that Sunday at 23:59:59.
    deadline = datetime.datetime(2026, 10, 25, 23, 59, 59, tzinfo=OSLO)
    start = datetime.datetime(2026, 10, 27, 9, 0, tzinfo=OSLO)
    meeting = f.meeting(registration_closes_at=deadline, starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    assert deadline.utcoffset() == datetime.timedelta(hours=1)  # CET, not CEST: the stored moment is 22:59:58 UTC
    just_in = deadline - datetime.timedelta(seconds=1)
    assert sign_up(meeting, "Kari", now=just_in).status == "attending"
    with pytest.raises(services.RegistrationClosed):
        sign_up(meeting, "Ola", now=deadline)
    # An hour "earlier" by summer time is still open: the deadline is the wall clock in Oslo.
    assert sign_up(meeting, "Per", now=datetime.datetime(2026, 10, 25, 22, 59, 59, tzinfo=OSLO)).status == "attending"
    # The coordinator can still add people after the deadline, and after the start.
    added = sign_up(meeting, "Liv", by_coordinator=True, now=start + datetime.timedelta(minutes=5))
    assert added.added_by_coordinator and added.confirmed_at is not None


def test_the_public_form_refuses_after_the_deadline_with_a_clear_message(client):
    meeting = f.meeting(
        registration_closes_at=f_now() - datetime.timedelta(minutes=1),
        starts_at=f_now() + datetime.timedelta(days=1),
        ends_at=f_now() + datetime.timedelta(days=1, hours=2),
    )
    url = reverse("forum:register", kwargs={"jurisdiction": meeting.forum.jurisdiction.slug, "slug": meeting.slug})
    response = client.post(url, {"form_token": str(uuid.uuid4()), "name": "Kari", "email": "kari@example.no"})
    assert response.status_code == 409
    assert "Registration for this meeting has closed" in response.content.decode()
    assert "Kari" in response.content.decode()  # what was typed is kept
    assert not Registration.objects.exists() and not mail.outbox


def f_now():
    from django.utils import timezone

    return timezone.now()


def test_the_same_form_sent_twice_registers_once_and_emails_once():
    meeting = f.meeting()
    token = uuid.uuid4()
    values = {"name": "Kari", "email": "kari@example.no"}
    first = services.register(meeting=meeting, form_token=token, values=dict(values))
    again = services.register(meeting=meeting, form_token=token, values=dict(values))
    assert first.created and not again.created and first.registration == again.registration
    assert len(mail.outbox) == 1
    assert mail.outbox[0].attachments[0][0] == "invite.ics"
    assert "BEGIN:VEVENT" in mail.outbox[0].attachments[0][1]


def test_the_limit_per_organisation():
    meeting = f.meeting(per_organisation=2)
    sign_up(meeting, "A", "Abelia")
    sign_up(meeting, "B", "abelia ")
    with pytest.raises(services.OrganisationFull):
        sign_up(meeting, "C", "ABELIA")
    assert sign_up(meeting, "D", "WWF Norge").status == "attending"


def test_forwarded_links_record_the_chain():
    meeting = f.meeting(access=Meeting.Access.INVITATION)
    sent = services.invite(
        actor=None,
        forum=meeting.forum,
        meeting=meeting,
        recipients=[("Transparency International Norge", "post@transparency.no")],
        letter="Vi inviterer til møte i Interessentforumet.",
    )
    root = sent[0]
    with pytest.raises(services.InvitationNeeded):
        sign_up(meeting, "Uten lenke", "Ingen")
    own = sign_up(meeting, "Guro", "Transparency International Norge", invitation=root)
    assert own.forwarded_by == ""  # the organisation invited itself
    friend = sign_up(meeting, "Jon", "Wikimedia Norge", invitation=root)
    assert friend.forwarded_by == "Transparency International Norge"
    # Jon got a link of his own to forward; a registration through it names Wikimedia, and the chain shows both.
    onward = Invitation.objects.get(parent=root, organisation="Wikimedia Norge")
    third = sign_up(meeting, "Siri", "Norsk arkivråd", invitation=onward)
    assert third.forwarded_by == "Wikimedia Norge"
    assert [i.organisation for i in third.invitation.chain()] == ["Transparency International Norge", "Wikimedia Norge"]


def test_revoking_a_link_revokes_the_links_forwarded_from_it(client):
    meeting = f.meeting(access=Meeting.Access.INVITATION)
    root = services.invite(
        actor=None, forum=meeting.forum, meeting=meeting, recipients=[("Abelia", "a@abelia.no")], letter=""
    )[0]
    sign_up(meeting, "Jon", "Wikimedia Norge", invitation=root)
    onward = Invitation.objects.get(parent=root)
    assert services.revoke(actor=None, invitation=root) == 2
    onward.refresh_from_db()
    assert onward.revoked_at is not None
    with pytest.raises(services.InvitationNeeded):
        sign_up(meeting, "Siri", "Norsk arkivråd", invitation=onward)
    assert client.get(onward.get_absolute_url()).status_code == 410
    url = reverse(
        "forum:register_invited",
        kwargs={"jurisdiction": meeting.forum.jurisdiction.slug, "slug": meeting.slug, "token": root.token},
    )
    assert client.get(url).status_code == 410


def test_invitations_are_sent_once_with_the_letter():
    forum = f.forum()
    sent = services.invite(
        actor=None, forum=forum, recipients=[("Abelia", "a@abelia.no"), ("YS", "ys@ys.no")], letter="Kjære forum,"
    )
    assert len(mail.outbox) == 2
    assert mail.outbox[0].body.startswith("Kjære forum,")
    assert sent[0].token in mail.outbox[0].body
    assert services.send_invitations(invitations=sent) == 0
    assert len(mail.outbox) == 2


def test_a_move_is_emailed_with_the_new_time_and_place():
    meeting = f.meeting()
    sign_up(meeting, "Kari")
    mail.outbox.clear()
    new_start = datetime.datetime(2027, 1, 12, 10, 0, tzinfo=OSLO)
    services.save_meeting(
        actor=None,
        forum=meeting.forum,
        meeting=meeting,
        values={
            "starts_at": new_start,
            "ends_at": new_start + datetime.timedelta(hours=2),
            "registration_closes_at": new_start - datetime.timedelta(days=1),
            "room": "Møterom 1",
        },
    )
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "10:00" in body and "Møterom 1" in body and "12" in body
    assert "SEQUENCE:1" in mail.outbox[0].attachments[0][1]
    mail.outbox.clear()
    services.save_meeting(actor=None, forum=meeting.forum, meeting=meeting, values={"description": "Ny tekst"})
    assert mail.outbox == []  # no move, no email


def test_the_reminder_goes_once_at_the_configured_lead_time():
    start = datetime.datetime(2026, 12, 10, 9, 0, tzinfo=OSLO)
    meeting = f.meeting(
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        registration_closes_at=start - datetime.timedelta(days=2),
        reminder_hours=48,
    )
    sign_up(meeting, "Kari", now=start - datetime.timedelta(days=5))
    waiting_meeting_people = meeting.registrations.count()
    assert waiting_meeting_people == 1
    mail.outbox.clear()
    schedule.run_due(start - datetime.timedelta(hours=49), names=["forum.reminder"])
    assert mail.outbox == []
    schedule.run_due(start - datetime.timedelta(hours=47), names=["forum.reminder"])
    schedule.run_due(start - datetime.timedelta(hours=46), names=["forum.reminder"])
    assert len(mail.outbox) == 1 and meeting.title in mail.outbox[0].subject


def test_a_timeline_published_late_warns_and_is_recorded():
    plan = f.plan()
    services.save_phase(
        actor=None,
        plan=plan,
        values={
            "title": "Offentlig høring",
            "starts_on": datetime.date(2026, 12, 5),
            "ends_on": datetime.date(2026, 12, 20),
        },
    )
    services.save_phase(
        actor=None,
        plan=plan,
        values={"title": "Utkast", "starts_on": datetime.date(2027, 1, 1), "ends_on": datetime.date(2027, 2, 1)},
    )
    published = services.publish_timeline(
        actor=None, plan=plan, now=datetime.datetime(2026, 11, 29, 12, 0, tzinfo=OSLO)
    )
    assert published.warning and "6" in published.warning
    record = TimelinePublication.objects.get(plan=plan)
    assert record.short_notice and record.notice_days == 6
    assert ChangeRecord.objects.filter(plan_id=plan.pk).exists()
    shown = timeline(plan, today=datetime.date(2026, 12, 10))
    assert shown.current is not None and shown.current.title == "Offentlig høring"
    assert timeline(plan, today=datetime.date(2026, 12, 24)).current is None


def test_minutes_go_from_draft_to_corrections_to_published():
    meeting = f.meeting()
    present = sign_up(meeting, "Kari")
    absent = sign_up(meeting, "Ola")
    services.set_attendance(actor=None, registration=absent, attendance=Registration.Attendance.ABSENT)
    mail.outbox.clear()
    minutes = services.save_minutes(
        actor=None,
        meeting=meeting,
        text="Forumet drøftet temaene.",
        outcomes=[{"kind": "action", "text": "Sende utkast", "who": "KMD", "due_on": datetime.date(2027, 1, 15)}],
    )
    assert services.send_minutes_for_corrections(actor=None, minutes=minutes) == 1
    assert [m.to for m in mail.outbox] == [[present.email]]
    with pytest.raises(services.WrongStep):
        services.send_minutes_for_corrections(actor=None, minutes=minutes)
    assert len(mail.outbox) == 1
    services.approve_minutes(actor=None, minutes=minutes)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED


def test_join_requests_are_accepted_or_declined_with_a_reason():
    forum = f.forum()
    ask = services.ask_to_join(
        forum=forum,
        form_token=uuid.uuid4(),
        values={
            "organisation": "Wikimedia Norge",
            "contact_name": "Jon",
            "email": "jon@wikimedia.no",
            "motivation": "Åpenhet",
        },
    )
    with pytest.raises(Exception, match="reason"):
        services.decide_join_request(actor=None, request=ask, accept=False, reason=" ")
    services.decide_join_request(actor=None, request=ask, accept=True, reason="")
    assert forum.members.get().organisation.name == "Wikimedia Norge"
    with pytest.raises(services.WrongStep):
        services.decide_join_request(actor=None, request=ask, accept=False, reason="nei")
