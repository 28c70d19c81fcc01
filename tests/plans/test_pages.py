import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samskap.accounts.models import RoleGrant
from samskap.plans import services
from samskap.plans.models import ActionPlan
from tests import factories as f
from tests.queries import stamp_queries


def fill(plan, commitments, milestones_each, updates_each):
    themes = [f.theme(plan), f.theme(plan)]
    for i in range(commitments):
        commitment = f.commitment(plan, theme=themes[i % 2])
        for _ in range(milestones_each):
            f.milestone(commitment)
        for _ in range(updates_each):
            f.progress_update(commitment)
    return plan


def count_queries(client, url):
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_plan_page_queries_do_not_grow_with_commitments_or_milestones(client):
    small = fill(f.plan(), commitments=2, milestones_each=1, updates_each=1)
    large = fill(f.plan(), commitments=12, milestones_each=4, updates_each=3)
    assert count_queries(client, small.get_absolute_url()) == count_queries(client, large.get_absolute_url())


@pytest.mark.django_db
def test_commitment_page_queries_do_not_grow_with_milestones_or_updates(client):
    small = f.commitment()
    f.milestone(small)
    f.progress_update(small)
    large = f.commitment()
    for _ in range(8):
        f.milestone(large)
        f.progress_update(large)
    assert count_queries(client, small.get_absolute_url()) == count_queries(client, large.get_absolute_url())


@pytest.mark.django_db
def test_plan_page_shows_themes_commitments_and_completion_at_a_glance(client):
    plan = f.plan(title="Norges handlingsplan 4")
    pillar = f.theme(plan, title="Åpne data og viderebruk")
    f.commitment(plan, theme=pillar, title="Energistatistikk", completion="complete")
    f.commitment(plan, theme=pillar, title="eInnsyn i kommunene", completion="limited")
    body = client.get(plan.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Åpne data og viderebruk" in body
    assert "Energistatistikk" in body and "eInnsyn i kommunene" in body
    assert 'data-level="complete"><span class="glance__count">1</span>' in body
    assert 'data-level="limited"><span class="glance__count">1</span>' in body


@pytest.mark.django_db
def test_cached_plan_page_shows_a_new_progress_update(client):
    from samskap.commitments.services import add_progress_update

    plan = f.plan()
    commitment = f.commitment(plan)
    one_substantial = 'data-level="substantial"><span class="glance__count">1</span>'
    assert one_substantial not in client.get(plan.get_absolute_url()).content.decode()
    add_progress_update(
        actor=f.user(), commitment=commitment, as_of=datetime.date(2020, 1, 1), completion="substantial", narrative="x"
    )
    assert one_substantial in client.get(plan.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_revision_carries_commitments_over_and_comparison_shows_what_changed(client):
    from samskap.commitments.services import create_commitment, save_milestone, update_commitment

    coordinator = f.user()
    plan4 = fill(f.plan(label="4", slug="4"), commitments=0, milestones_each=0, updates_each=0)
    kept = f.commitment(plan4, theme=plan4.themes.first(), identifier="NO0063", title="Digitale anskaffelser")
    f.milestone(kept, activity="Kartlegging", order=1)
    dropped = f.commitment(plan4, identifier="NO0064", title="Åpne kulturdata")
    plan4b = services.create_revision(
        actor=coordinator,
        plan=plan4,
        values={
            "label": "4B",
            "title": "Plan 4B",
            "start_date": datetime.date(2021, 9, 1),
            "end_date": datetime.date(2022, 8, 31),
        },
    )
    assert plan4b.revises == plan4
    assert plan4b.themes.count() == 2
    assert plan4b.commitments.count() == 2
    carried = plan4b.commitments.get(identifier="NO0063")
    assert carried.previous_version == kept
    assert carried.theme.plan == plan4b
    assert carried.milestones.get().activity == "Kartlegging"

    update_commitment(actor=coordinator, commitment=carried, values={"title": "Heldigitale offentlige anskaffelser"})
    save_milestone(
        actor=coordinator, commitment=carried, milestone=carried.milestones.get(), values={"status": "delayed"}
    )
    plan4b.commitments.get(identifier="NO0064").delete()
    create_commitment(actor=coordinator, plan=plan4b, values={"identifier": "NO0070", "title": "Ungdomspanel"})

    url = f"/en/j/{plan4.jurisdiction.slug}/{plan4.slug}/compare/{plan4b.slug}/"
    assert client.get(url).status_code == 404  # the revision is a draft until it is published
    services.publish_plan(actor=coordinator, plan=plan4b)
    body = client.get(url).content.decode()
    assert "<del>Digitale</del> <ins>Heldigitale offentlige</ins> anskaffelser" in body
    assert "Ungdomspanel" in body and "Added" in body
    assert dropped.title in body and "Removed" in body
    assert "<del>Not started</del>" in body and "<ins>Delayed</ins>" in body


@pytest.mark.django_db
def test_coordinator_creates_a_plan_and_a_bad_period_is_refused(client):
    norway = f.jurisdiction()
    client.force_login(f.user(role=RoleGrant.Role.COORDINATOR, scope=norway))
    url = f"/en/j/{norway.slug}/new-plan/"
    bad = client.post(
        url,
        {"label": "5", "title": "Plan 5", "start_date": "2024-01-01", "end_date": "2023-01-01", "status": "planned"},
    )
    assert bad.status_code == 200
    assert "The end date cannot be before the start date." in bad.content.decode()
    assert not ActionPlan.objects.exists()
    good = client.post(
        url,
        {
            "label": "5",
            "title": "Plan 5",
            "start_date": "2024-01-01",
            "end_date": "2026-01-01",
            "status": "co_creation",
        },
    )
    assert good.status_code == 302
    plan = ActionPlan.objects.get()
    assert good["Location"] == f"/en/j/{norway.slug}/5/"
    assert plan.change_records.get().action == "created"
    duplicate = client.post(
        url, {"label": "5", "title": "Again", "start_date": "2024-01-01", "end_date": "2026-01-01", "status": "planned"}
    )
    assert "already has a plan with this label" in duplicate.content.decode()


@pytest.mark.django_db
def test_coordinator_of_another_country_cannot_edit_the_plan(client):
    plan = f.plan()
    client.force_login(f.user(role=RoleGrant.Role.COORDINATOR, scope=f.jurisdiction()))
    response = client.post(f"/en/j/{plan.jurisdiction.slug}/{plan.slug}/edit/", {"label": "x", "title": "Taken over"})
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.title != "Taken over"


@pytest.mark.django_db
def test_unknown_plan_gets_a_translated_404(client):
    response = client.get("/nb/j/nowhere/none/")
    assert response.status_code == 404
    assert 'lang="nb"' in response.content.decode()


@pytest.mark.django_db
def test_visitors_share_a_cached_page_but_a_coordinator_gets_their_own(client):
    plan = f.plan()
    anonymous = client.get(plan.get_absolute_url()).content.decode()
    assert "Edit plan" not in anonymous
    with CaptureQueriesContext(connection) as queries:
        again = client.get(plan.get_absolute_url())
    assert again.content.decode() == anonymous
    assert len(queries) == stamp_queries()  # only the plan's version stamp is read (none, when announced)
    client.force_login(f.user(role=RoleGrant.Role.COORDINATOR, scope=plan.jurisdiction))
    assert "Edit plan" in client.get(plan.get_absolute_url()).content.decode()
