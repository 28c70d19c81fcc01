"""The main menu (registered by the apps), the plans list, a plan's state by its dates, and My work."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskap.commitments.models import Milestone
from samskap.consultations.models import Report, Submission
from samskap.kernel import registry
from samskap.kernel.registry import NavItem
from samskap.plans.models import ActionPlan
from tests import factories as f
from tests.sitemap import sitemap_text

pytestmark = pytest.mark.django_db


def menu(content: bytes) -> str:
    text = content.decode()
    start = text.index('class="site-nav"')
    return text[start : text.index("</nav>", start)]


@pytest.mark.parametrize("path", ["/nb/", "/en/organisations/", "/da/data/", "/en/search/?q=x", "/nb/plans/"])
def test_every_page_reaches_plans_consultations_open_data_and_search(client, path):
    nav = menu(client.get(path).content)
    for name in ["plan_index:list", "consultations:list", "opendata:index", "core:search", "organisations:list"]:
        assert f'href="{reverse(name)}"' in nav, name


def test_the_current_section_is_marked_in_the_menu(client):
    nav = menu(client.get("/en/plans/").content)
    assert '<a href="/en/plans/" aria-current="page">' in nav


def test_a_capability_adds_itself_to_the_menu_from_its_own_app(client):
    registry.navigation.register("forum", NavItem("Forum", "core:home", order=25))
    try:
        nav = menu(client.get("/en/").content)
        assert ">Forum</a>" in nav
        assert nav.index("Consultations") < nav.index("Forum") < nav.index("Organisations")
    finally:
        registry.navigation.unregister("forum")


def test_the_plans_list_groups_published_plans_by_government_and_is_in_the_sitemap(client):
    norway = f.jurisdiction(name="Norge", slug="norge")
    denmark = f.jurisdiction(name="Danmark", slug="danmark")
    f.plan(jurisdiction=norway, title="Norsk plan 5")
    f.plan(jurisdiction=denmark, title="Dansk plan 6")
    f.plan(jurisdiction=norway, title="Norsk utkast", published_at=None)
    body = client.get("/en/plans/").content.decode()
    assert body.index("Danmark") < body.index("Dansk plan 6") < body.index("Norge") < body.index("Norsk plan 5")
    assert "Norsk utkast" not in body
    assert "/en/plans/" in sitemap_text(client)


def test_a_plan_past_its_end_date_does_not_show_as_in_implementation(client):
    plan = f.plan(
        label="4B",
        start_date=datetime.date(2021, 1, 1),
        end_date=datetime.date(2022, 12, 31),
        status=ActionPlan.Status.IMPLEMENTATION,
    )
    assert plan.status_on(datetime.date(2026, 1, 1)) == "Implementation period ended"
    assert plan.status_on(datetime.date(2022, 6, 1)) == "Implementation"
    assert plan.status_on(datetime.date(2020, 6, 1)) == "Upcoming"
    completed = f.plan(status=ActionPlan.Status.COMPLETED, end_date=datetime.date(2021, 8, 31))
    assert completed.status_on(datetime.date(2026, 1, 1)) == "Completed"
    body = client.get(plan.get_absolute_url().replace("/nb/", "/en/")).content.decode()
    assert "Implementation period ended" in body
    home = client.get("/en/").content.decode()
    assert "4B" not in home or "Implementation period ended" not in home  # not among the current plans


def test_my_work_lists_what_awaits_each_role(client):
    norway = f.jurisdiction(name="Norge", slug="norge")
    ministry = f.organisation(jurisdiction=norway, name="Digitaliseringsdirektoratet", slug="digdir")
    plan = f.plan(jurisdiction=norway)
    commitment = f.commitment(plan, lead_institution=ministry, title="Åpne postlister")
    f.milestone(
        commitment,
        activity="Forfalt milepæl",
        end_date=timezone.localdate() - datetime.timedelta(days=3),
        status=Milestone.Status.ON_TRACK,
    )
    f.milestone(commitment, activity="Ferdig milepæl", end_date=datetime.date(2020, 1, 1), status="completed")
    consultation = f.consultation(jurisdiction=norway, title="Høring om innsyn")
    waiting = f.submission(consultation)
    f.submission(consultation, status=Submission.Status.PENDING)
    Report.objects.create(submission=waiting, reason="Personangrep")
    f.plan(jurisdiction=norway, title="Utkast til plan 6", published_at=None)

    editor = f.user(role="editor", scope=ministry, organisation=ministry)
    client.force_login(editor)
    page = client.get("/en/dashboard/").content.decode()
    assert "Åpne postlister" in page and "Forfalt milepæl" in page
    assert "Ferdig milepæl" not in page
    assert "Høring om innsyn" not in page and "Utkast til plan 6" not in page

    client.force_login(f.user(role="coordinator", scope=norway))
    page = client.get("/en/dashboard/").content.decode()
    assert "Consultations you manage" in page and "Høring om innsyn" in page
    assert "Submissions waiting for approval" in page
    assert "Utkast til plan 6" in page
    assert "Reports waiting for a moderator" not in page  # coordinators do not moderate

    client.force_login(f.user(role="moderator", scope=norway))
    page = client.get("/en/dashboard/").content.decode()
    assert "Reports waiting for a moderator" in page and "Personangrep" in page
    assert "Consultations you manage" not in page

    client.force_login(f.user(role="moderator", scope=f.jurisdiction(slug="danmark")))
    page = client.get("/en/dashboard/").content.decode()
    assert "Personangrep" not in page
    assert "Nothing awaits you" in page


def _grow(norway, ministry, plan, n):
    """More of everything My work lists for a coordinator, an editor and a moderator."""
    past = timezone.localdate() - datetime.timedelta(days=3)
    for i in range(n):
        commitment = f.commitment(plan, lead_institution=ministry, title=f"Forpliktelse {i}")
        f.milestone(commitment, activity=f"Forfalt {i}", end_date=past, status=Milestone.Status.DELAYED)
        consultation = f.consultation(jurisdiction=norway, title=f"Høring {i}")
        waiting = f.submission(consultation)
        f.submission(consultation, status=Submission.Status.PENDING)
        Report.objects.create(submission=waiting, reason=f"Rapport {i}")


@pytest.mark.parametrize("role", ["coordinator", "editor", "moderator"])
def test_my_work_takes_the_same_number_of_queries_however_much_awaits(client, role, django_assert_num_queries):
    norway = f.jurisdiction(name="Norge", slug="norge")
    ministry = f.organisation(jurisdiction=norway, name="Digitaliseringsdirektoratet", slug="digdir")
    plan = f.plan(jurisdiction=norway)
    _grow(norway, ministry, plan, 2)
    client.force_login(f.user(role=role, scope=ministry if role == "editor" else norway, organisation=ministry))
    with CaptureQueriesContext(connection) as small:
        assert client.get("/en/dashboard/").status_code == 200
    _grow(norway, ministry, plan, 30)
    with django_assert_num_queries(len(small)):
        page = client.get("/en/dashboard/").content.decode()
    if role != "moderator":  # commitments and their overdue milestones: the first 25 of 32, and how many
        assert "The first 25 of 32 commitments" in page and "The 25 longest overdue of 32 milestones" in page
        assert page.count("Report progress") == 25


def test_my_work_is_kept_per_user_until_the_data_changes(client):
    norway = f.jurisdiction(name="Norge", slug="norge")
    ministry = f.organisation(jurisdiction=norway, name="Digitaliseringsdirektoratet", slug="digdir")
    plan = f.plan(jurisdiction=norway)
    f.commitment(plan, lead_institution=ministry, title="Åpne postlister")
    editor = f.user(role="editor", scope=ministry, organisation=ministry)
    client.force_login(editor)
    with CaptureQueriesContext(connection) as first:
        assert "Åpne postlister" in client.get("/en/dashboard/").content.decode()
    with CaptureQueriesContext(connection) as again:
        assert "Åpne postlister" in client.get("/en/dashboard/").content.decode()
    assert len(again) < len(first) - 5

    # A change shows at once; another user never gets this one's panels.
    f.commitment(plan, lead_institution=ministry, title="Åpne møter")
    assert "Åpne møter" in client.get("/en/dashboard/").content.decode()
    client.force_login(f.user(role="moderator", scope=f.jurisdiction(slug="danmark")))
    assert "Åpne postlister" not in client.get("/en/dashboard/").content.decode()


def test_my_works_tables_scroll_in_their_own_labelled_region(client):
    """At 320 px a wide table must not push the page sideways (WCAG 1.4.10): each table of My work is in a
    keyboard-focusable region named by its heading, as the plans' tables are."""
    norway = f.jurisdiction(name="Norge", slug="norge")
    ministry = f.organisation(jurisdiction=norway, slug="digdir")
    f.commitment(f.plan(jurisdiction=norway), lead_institution=ministry, title="Åpne postlister")
    f.consultation(jurisdiction=norway, title="Høring om innsyn")
    editor = f.user(role="editor", scope=ministry, organisation=ministry)
    for user in (editor, f.user(role="coordinator", scope=norway)):
        client.force_login(user)
        page = client.get("/da/dashboard/").content.decode()
        region = r'<div class="table-scroll" role="region" aria-labelledby="([^"]+)" tabindex="0">\s*<table'
        regions = re.findall(region, page)
        assert regions and len(regions) == page.count("<table"), page.count("<table")
        for label in regions:
            assert f'id="{label}"' in page
