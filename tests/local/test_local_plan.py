"""A local plan started from the national one: a draft of the municipality with the national pillars and
the chosen commitments to adapt; the national coordinator does not edit it; the overview shows it."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from samskap.local.models import AdaptedCommitment
from samskap.plans.models import ActionPlan
from tests import factories as f
from tests.local.conftest import activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan4(norway):
    plan = f.plan(jurisdiction=norway, label="4", title="Norges handlingsplan 4")
    pillars = [f.theme(plan, title=t) for t in ("Integritet og åpenhet", "Åpne data", "Anskaffelser")]
    for n in range(7):
        f.commitment(
            plan, identifier=f"NO{n}", title=f"Forpliktelse {n}", theme=pillars[n % 3], civic_participation=True
        )
    return plan


def start(client, place, plan, **changes):
    data = {
        "label": "2025-2027",
        "title": "Fjordviks OGP-handlingsplan",
        "start_date": "2025-01-01",
        "end_date": "2027-12-31",
        "themes": [t.pk for t in plan.themes.all()[:2]],
        "commitments": [c.pk for c in plan.commitments.order_by("order")[:2]],
    }
    data.update(changes)
    return client.post(reverse("local:start_plan_from", kwargs={"jurisdiction": place.slug, "plan": plan.pk}), data)


def test_start_a_local_plan_from_the_national_one(client, fjordvik, plan4, local_coordinator, national):
    client.force_login(local_coordinator)
    assert plan4.title in client.get(reverse("local:start_plan", kwargs={"jurisdiction": "fjordvik"})).content.decode()
    page = client.get(reverse("local:start_plan_from", kwargs={"jurisdiction": "fjordvik", "plan": plan4.pk}))
    assert "Integritet og åpenhet" in page.content.decode()
    assert start(client, fjordvik, plan4).status_code == 302

    local = ActionPlan.objects.get(jurisdiction=fjordvik)
    assert local.published_at is None and local.status == "co_creation"
    assert [t.title for t in local.themes.order_by("order")] == ["Integritet og åpenhet", "Åpne data"]
    copies = list(local.commitments.order_by("order"))
    assert [c.identifier for c in copies] == ["L1", "L2"]
    assert all(c.status == "under_discussion" and c.civic_participation for c in copies)
    assert copies[0].theme.title == "Integritet og åpenhet"
    assert [a.adapts.identifier for a in AdaptedCommitment.objects.order_by("commitment__order")] == ["NO0", "NO1"]
    assert plan4.commitments.count() == 7  # the national plan is untouched

    # A draft: not public; the municipality edits it, the national coordinator does not.
    client.logout()
    assert client.get(local.get_absolute_url()).status_code == 404
    client.force_login(national)
    assert client.get(reverse("plans:edit", kwargs={"jurisdiction": "fjordvik", "plan": local.slug})).status_code == 403
    client.force_login(local_coordinator)
    assert client.get(reverse("plans:edit", kwargs={"jurisdiction": "fjordvik", "plan": local.slug})).status_code == 200
    # The local commitment names the national one it adapts.
    assert "Adapted from the national commitment" in client.get(copies[0].get_absolute_url()).content.decode()


def test_ogp_local_shape_and_bad_input(client, fjordvik, plan4, local_coordinator, national):
    client.force_login(local_coordinator)
    too_many = [c.pk for c in plan4.commitments.all()[:6]]
    response = start(client, fjordvik, plan4, commitments=too_many)
    assert response.status_code == 400 and "at most" in response.content.decode()
    assert start(client, fjordvik, plan4, end_date="2024-01-01").status_code == 400
    assert start(client, fjordvik, plan4, start_date="not a date").status_code == 400
    assert start(client, fjordvik, plan4, commitments=["999999"]).status_code == 400
    assert not ActionPlan.objects.filter(jurisdiction=fjordvik).exists()
    draft = f.plan(jurisdiction=plan4.jurisdiction, published_at=None)
    assert (
        client.get(reverse("local:start_plan_from", kwargs={"jurisdiction": "fjordvik", "plan": draft.pk})).status_code
        == 404
    )
    # Only the municipality's own coordinator starts its plan.
    client.force_login(national)
    assert start(client, fjordvik, plan4).status_code == 403


def test_the_national_overview_and_its_export(client, norway, fjordvik, plan4, local_coordinator, national):
    client.force_login(local_coordinator)
    start(client, fjordvik, plan4)
    activity(fjordvik, status="accepted", good_example=True)
    activity(fjordvik, status="submitted", title="Data til kommunene")
    activity(fjordvik, title='=HYPERLINK("http://evil")')
    client.force_login(national)
    page = client.get(reverse("local:overview", kwargs={"country": "norge"})).content.decode()
    assert "Fjordvik kommune" in page and "Data til kommunene" in page and "Drafting a plan" in page

    text = client.get(reverse("local:overview_csv", kwargs={"country": "norge"})).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Local government"
    fjordvik_row = rows[1]
    assert fjordvik_row[0] == "Fjordvik kommune" and fjordvik_row[4:8] == ["1", "1", "1", "1"]
    assert "2025-2027 (draft" in fjordvik_row[3]

    book = load_workbook(io.BytesIO(client.get(reverse("local:overview_xlsx", kwargs={"country": "norge"})).content))
    sheet = book.active
    assert sheet.cell(row=2, column=1).value == "Fjordvik kommune"
    # The municipality sees no national overview.
    client.force_login(local_coordinator)
    assert client.get(reverse("local:overview_csv", kwargs={"country": "norge"})).status_code == 403


def test_overview_reads_with_a_fixed_number_of_queries(norway, django_assert_num_queries):
    from samskap.jurisdictions.models import Jurisdiction
    from samskap.local import selectors

    for n in range(3):
        place = f.jurisdiction(name=f"Kommune {n}", slug=f"k{n}", kind=Jurisdiction.Kind.MUNICIPALITY, parent=norway)
        f.plan(jurisdiction=place)
        activity(place, status="accepted")
    with django_assert_num_queries(3):
        rows = selectors.overview(norway)
        assert [r.phase for r in rows]
