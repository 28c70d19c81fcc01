"""What the demo holds, read from one load per module (the `demo_data` fixture in tests/conftest.py)."""

from collections import Counter

import pytest
from django.apps import apps
from django.test import Client

from samskap.accounts.models import RoleGrant, User
from samskap.commitments.models import Commitment
from samskap.demo.loader import load_demo
from samskap.demo.users import DEMO_PASSWORD, USERS
from samskap.jurisdictions.models import Jurisdiction
from samskap.plans.models import ActionPlan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_data")]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The demo creates eight accounts; the default hasher would make every test slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_loading_again_changes_no_row_count():
    before = row_counts()

    created = load_demo()

    assert created == Counter()
    assert row_counts() == before


def test_denmark_2017_2019_has_the_mid_term_state():
    plan = ActionPlan.objects.get(jurisdiction__slug="danmark", label="2017-2019")

    assert plan.status == ActionPlan.Status.COMPLETED
    assert plan.themes.count() == 4
    assert plan.commitments.count() == 14
    assert Counter(plan.commitments.values_list("completion", flat=True)) == {
        "limited": 7,
        "substantial": 5,
        "complete": 2,
    }
    # Every commitment's status comes from the mid-term self-assessment.
    for commitment in plan.commitments.all():
        assert [u.as_of.isoformat() for u in commitment.progress_updates.all()] == ["2018-09-30"]
        assert commitment.milestones.count() in range(1, 4)


def test_norway_plan_4b_revises_plan_4():
    norway = Jurisdiction.objects.get(slug="norge")
    plan_4 = ActionPlan.objects.get(jurisdiction=norway, label="4")
    plan_4b = ActionPlan.objects.get(jurisdiction=norway, label="4B")

    assert plan_4.status == ActionPlan.Status.COMPLETED
    assert plan_4b.status == ActionPlan.Status.IMPLEMENTATION
    assert plan_4b.revises == plan_4
    assert plan_4.themes.count() == plan_4b.themes.count() == 3

    new = plan_4b.commitments.filter(title__in=["Åpenhet om kunstig intelligens og algoritmer"])
    assert new.count() == 1
    youth_panel = plan_4b.commitments.get(title__icontains="ungdomspanel")
    for commitment in [new.get(), youth_panel]:
        assert commitment.previous_version is None
        assert commitment.lead_institution.name == "Kommunal- og moderniseringsdepartementet"

    carried = plan_4b.commitments.filter(previous_version__isnull=False)
    assert carried.count() == plan_4.commitments.count()
    assert all(c.previous_version.plan == plan_4 for c in carried)
    assert all(c.previous_version.identifier == c.identifier for c in carried)


def test_plan_4b_carries_the_changes_of_april_2021():
    plan_4b = ActionPlan.objects.get(jurisdiction__slug="norge", label="4B")

    procurement = plan_4b.commitments.get(lead_institution__slug="naerings-og-fiskeridepartementet")
    assert "heldigitalisere" in procurement.title
    assert procurement.title != procurement.previous_version.title

    cultural_data = plan_4b.commitments.get(title__icontains="kulturdata")
    assert cultural_data.status == Commitment.Status.WITHDRAWN

    journal = plan_4b.commitments.get(title__icontains="journalføring")
    assert journal.progress_updates.filter(as_of="2020-12-01").exists()

    einnsyn = plan_4b.commitments.get(title__icontains="eInnsyn")
    assert einnsyn.milestones.count() > einnsyn.previous_version.milestones.count()


def test_plan_4b_has_two_published_versions_to_compare(client):
    plan_4b = ActionPlan.objects.get(jurisdiction__slug="norge", label="4B")
    assert list(plan_4b.published_versions.order_by("number").values_list("number", flat=True)) == [1, 2]
    versions = client.get("/en/j/norge/4b/versions/").content.decode()
    assert 'href="/en/j/norge/4b/versions/2/compare/1/"' in versions
    compared = client.get("/en/j/norge/4b/versions/2/compare/1/en/").content.decode()
    assert "<del>June 30,</del> <ins>Aug. 31,</ins> 2022" in compared
    assert '<span class="glance__count">1</span> changed' in compared


def test_progress_is_dated_in_the_plan_past_and_reported_by_a_demo_user():
    plan_4 = ActionPlan.objects.get(jurisdiction__slug="norge", label="4")
    demo_names = {user["full_name"] for user in USERS}
    for commitment in plan_4.commitments.all():
        updates = list(commitment.progress_updates.all())
        assert len(updates) in range(1, 4)
        for update in updates:
            assert plan_4.start_date <= update.as_of <= plan_4.end_date
            assert update.author_name in demo_names
        assert 2 <= commitment.milestones.count() <= 4


def test_the_municipality_has_a_local_plan():
    municipality = Jurisdiction.objects.get(slug="fjordvik")
    assert municipality.kind == Jurisdiction.Kind.MUNICIPALITY and municipality.parent.slug == "norge"
    plan = municipality.plans.get()
    assert plan.status == ActionPlan.Status.IMPLEMENTATION
    assert plan.commitments.count() == 3
    for commitment in plan.commitments.all():
        assert commitment.progress_updates.count() == 1


def test_local_governments_take_part_and_report_activities():
    from samskap.local.models import Activity, JoinRequest

    county = Jurisdiction.objects.get(name="Vestfjord fylkeskommune")
    assert county.kind == Jurisdiction.Kind.COUNTY and county.parent.slug == "norge"
    assert RoleGrant.objects.filter(user__email="fylke@example.no", jurisdiction=county, role="coordinator").exists()
    public = Activity.objects.public()
    assert public.filter(jurisdiction=county, title__icontains="digitalt").exists()
    good = public.get(good_example=True)
    assert good.jurisdiction.name == "Havøy kommune" and good.commitment.identifier == "NO0056"
    assert Activity.objects.filter(status="submitted").count() == 1
    waiting = JoinRequest.objects.get(status="pending")
    assert waiting.name == "Nordli kommune" and waiting.confirmed_at is not None


@pytest.mark.parametrize(
    ("email", "role"),
    [
        ("koordinator@example.no", "coordinator"),
        ("koordinator@example.dk", "coordinator"),
        ("redaktor@example.no", "editor"),
        ("redaktor-kmd@example.no", "editor"),
        ("kommune@example.no", "coordinator"),
        ("reviewer@example.org", "reviewer"),
        ("moderator@example.org", "moderator"),
        ("admin@example.org", None),
    ],
)
def test_every_demo_user_exists_with_its_role_and_can_log_in(email, role):
    user = User.objects.get(email=email)
    if role is None:
        assert user.is_superuser
        assert user.is_staff
    else:
        assert RoleGrant.objects.filter(user=user, role=role).exists()

    assert Client().login(username=email, password=DEMO_PASSWORD) is True


def test_the_moderator_moderates_everywhere_and_the_coordinators_have_their_countries():
    assert RoleGrant.objects.get(user__email="moderator@example.org").jurisdiction is None
    assert RoleGrant.objects.get(user__email="koordinator@example.no").jurisdiction.slug == "norge"
    assert RoleGrant.objects.get(user__email="koordinator@example.dk").jurisdiction.slug == "danmark"
    assert RoleGrant.objects.get(user__email="redaktor@example.no").organisation.slug == "kulturdepartementet"


def test_the_norwegian_forum_has_the_invited_bodies_and_its_meetings():
    import datetime
    import zoneinfo

    from samskap.forum.models import Forum, Member, Minutes, Phase, Registration, TimelinePublication
    from samskap.forum.selectors import members, seats

    forum = Forum.objects.get(jurisdiction__slug="norge")
    assert forum.mandate and forum.rules
    shown = members(forum)
    # KMD and the 15 ministries of the letters; the 31 other invited bodies; the OGP council and IRM.
    assert (len(shown.government), len(shown.civil_society), len(shown.observers)) == (16, 31, 2)
    assert {m.organisation.slug for m in shown.observers} == {"ogp-radet", "irm"}
    assert Member.objects.filter(forum=forum).count() == 49

    oslo = zoneinfo.ZoneInfo("Europe/Oslo")
    june = forum.meetings.get(slug="interessentforum-19-juni-2018")
    assert june.starts_at == datetime.datetime(2018, 6, 19, 9, 0, tzinfo=oslo)
    assert june.ends_at == datetime.datetime(2018, 6, 19, 12, 30, tzinfo=oslo)
    assert june.local_deadline.date() == datetime.date(2018, 6, 13)  # 12 June inclusive
    assert "Akersgata 59" in june.address and "2511" in june.room
    assert sum(item.minutes or 0 for item in june.agenda.all()) == 210
    assert june.agenda.count() == 7
    assert sorted(june.registrations.values_list("attendance", flat=True)) == [
        "absent",
        "excused",
        "present",
        "present",
        "present",
        "present",
        "present",
    ]
    assert june.minutes.status == Minutes.Status.APPROVED
    assert june.minutes.outcomes.count() == 2

    upcoming = forum.meetings.get(slug="innspill-til-handlingsplan-5")
    assert upcoming.takes_registrations
    counted = seats(upcoming)
    assert (counted.attending, counted.reserved_taken, counted.waitlisted, counted.free) == (8, 2, 2, 0)
    assert upcoming.registrations.filter(confirmed_at__isnull=False).count() == 8
    assert upcoming.registrations.filter(status=Registration.Status.WAITLISTED).count() == 2

    plan_4b = forum.jurisdiction.plans.get(label="4B")
    written = Phase.objects.get(plan=plan_4b, kind=Phase.Kind.CONSULTATION)
    assert written.ends_on == datetime.date(2021, 5, 18)
    assert Phase.objects.filter(plan__jurisdiction=forum.jurisdiction).count() == 5
    assert Phase.objects.get(plan__label="4", kind=Phase.Kind.FORUM).meeting == june
    publication = TimelinePublication.objects.get(plan=plan_4b)
    assert publication.short_notice and publication.notice_days == 0


def test_denmark_has_the_open_network_meeting():
    import datetime
    import zoneinfo

    from samskap.forum.models import Meeting

    meeting = Meeting.objects.get(forum__jurisdiction__slug="danmark")
    assert meeting.starts_at == datetime.datetime(2018, 8, 22, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Copenhagen"))
    assert meeting.access == Meeting.Access.OPEN
    assert meeting.plan.label == "2017-2019"


def test_the_forum_counts_of_the_first_load(demo_data):
    created = demo_data.created
    # Fjordvik's forum, its six meetings and their minutes come with the evidence demo (samskap/demo/evidence.py).
    assert created["forums"] == 2 + 1
    assert created["forum members"] == 49
    assert created["meetings"] == 3 + 6
    assert created["registrations"] == 17
    assert created["phases"] == 5
    assert created["timeline publications"] == 2
    assert created["minutes"] == 1 + 6
