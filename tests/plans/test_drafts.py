"""A plan is a draft until a coordinator publishes it: nothing of it in any public output before."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import translation

from samskap.accounts.models import RoleGrant
from samskap.commitments import services as commitment_services
from samskap.history.models import ChangeRecord
from samskap.plans import services
from samskap.plans.models import ActionPlan
from tests import factories as f
from tests.opendata.test_downloads import body
from tests.sitemap import sitemap_text

pytestmark = pytest.mark.django_db

SECRET = "Utkastmerke"


@pytest.fixture
def drafted():
    norway = f.jurisdiction(name="Norge", slug="norge")
    coordinator = f.user(role=RoleGrant.Role.COORDINATOR, scope=norway)
    published = f.plan(jurisdiction=norway, title="Offentlig plan", label="5")
    f.commitment(published, title="Offentlig forpliktelse")
    draft = services.create_plan(
        actor=coordinator,
        jurisdiction=norway,
        values={
            "label": "6",
            "title": f"{SECRET} plan",
            "summary": f"{SECRET} sammendrag",
            "start_date": datetime.date(2026, 1, 1),
            "end_date": datetime.date(2027, 12, 31),
            "status": ActionPlan.Status.CO_CREATION,
        },
    )
    commitment = commitment_services.create_commitment(
        actor=coordinator,
        plan=draft,
        values={"identifier": "6.1", "title": f"{SECRET} forpliktelse", "order": 1},
    )
    commitment_services.save_milestone(
        actor=coordinator,
        commitment=commitment,
        values={"order": 1, "activity": f"{SECRET} aktivitet", "end_date": datetime.date(2026, 6, 1)},
    )
    return {"norway": norway, "coordinator": coordinator, "draft": draft, "commitment": commitment}


def nb(item) -> str:
    with translation.override("nb"):
        return str(item.get_absolute_url())


def public_outputs(client, draft, commitment) -> dict[str, tuple[int, bytes]]:
    cache.clear()
    urls = [
        "/nb/",
        "/nb/plans/",
        "/nb/j/norge/",
        "/api/v1/plans/",
        "/api/v1/themes/",
        "/api/v1/commitments/",
        "/api/v1/milestones/",
        "/api/v1/progress-updates/",
        "/api/v1/changes/",
        "/nb/data/download/samskap.json",
        "/nb/data/ogp/commitments.csv",
        "/nb/data/feeds/norge/rss/",
        "/nb/data/feeds/norge/atom/",
        "/nb/data/calendar.ics",
        "/nb/search/?q=aktivitet",  # would list the draft's milestone (the query itself is echoed)
        nb(draft),
        nb(commitment),
        f"/nb/data/download/norge/{draft.slug}.json",
        f"/nb/data/ogp/norge/{draft.slug}.csv",
    ]
    outputs = {url: (response.status_code, body(response)) for url in urls for response in [client.get(url)]}
    outputs["/sitemap.xml"] = (200, sitemap_text(client).encode())  # the index and every section's pages
    return outputs


def test_nothing_of_a_draft_plan_is_in_any_public_output(client, drafted):
    outputs = public_outputs(client, drafted["draft"], drafted["commitment"])
    for url, (_status, content) in outputs.items():
        assert SECRET.encode() not in content, url
        if drafted["draft"].slug not in url:  # a 404 page's language links repeat its own address
            assert f"/j/norge/{drafted['draft'].slug}/".encode() not in content, url
    assert outputs[nb(drafted["draft"])][0] == 404
    assert outputs[nb(drafted["commitment"])][0] == 404
    assert outputs[f"/nb/data/ogp/norge/{drafted['draft'].slug}.csv"][0] == 404
    # The published plan is there, so the outputs are not simply empty.
    assert b"Offentlig plan" in outputs["/nb/plans/"][1]
    assert b"Offentlig forpliktelse" in outputs["/api/v1/commitments/"][1]


def test_the_coordinator_sees_the_draft_and_publishes_it(client, drafted):
    draft = drafted["draft"]
    other_coordinator = f.user(role=RoleGrant.Role.COORDINATOR, scope=f.jurisdiction(slug="danmark"))
    client.force_login(other_coordinator)
    assert client.get(draft.get_absolute_url()).status_code == 404
    manage = f"{draft.get_absolute_url()}publication/"
    assert client.post(manage, {"step": "publish"}).status_code in (403, 404)

    client.force_login(drafted["coordinator"])
    page = client.get(draft.get_absolute_url())
    assert page.status_code == 200
    assert b"publication/" in page.content  # the one way to publish: approval, then publication
    dashboard = client.get("/nb/dashboard/")
    assert SECRET.encode() in dashboard.content  # among the drafts waiting to be published
    client.post(manage, {"step": "publish"})
    draft.refresh_from_db()
    assert draft.published_at is None  # not without the government's approval
    approved = {
        "step": "approve",
        "approve-government_approved_on": "2026-11-20",
        "approve-government_reference": "K 1",
    }
    assert client.post(manage, approved).status_code == 302
    response = client.post(manage, {"step": "publish"})
    assert response.status_code == 302
    draft = type(draft).objects.get(pk=draft.pk)
    assert draft.published_at is not None
    change = ChangeRecord.objects.filter(object_id=draft.pk, changes__has_key="published_at")
    assert change.exists()

    client.logout()
    outputs = public_outputs(client, draft, drafted["commitment"])
    assert outputs[nb(draft)][0] == 200
    assert SECRET.encode() in outputs["/nb/plans/"][1]
    assert SECRET.encode() in outputs["/api/v1/milestones/"][1]
    assert SECRET.encode() in outputs["/nb/search/?q=aktivitet"][1]


def test_a_plan_made_before_drafts_existed_stays_public(client):
    # The factory makes plans as the migration leaves the existing ones: published.
    plan = f.plan()
    assert plan.is_published
    assert client.get(plan.get_absolute_url()).status_code == 200
