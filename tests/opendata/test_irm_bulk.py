"""The import writes the directory in bulk: the queries do not grow with the organisations, plans and
themes a file creates, and what it creates is what creating them one by one gave (slugs, history)."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samskap.history.models import ChangeRecord
from samskap.opendata.irm.importer import import_irm
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan, Theme
from tests import factories as f
from tests.opendata.irm_files import irm_csv, row

pytestmark = pytest.mark.django_db


def _file(n: int, country: str = "Norway", code: str = "NOR") -> bytes:
    return irm_csv(
        [
            row(
                **{
                    "Country/Locality": country,
                    "Code": code,
                    "Commitment Unique Identifier": f"{code}{k:04d}",
                    "Action Plan Number": str(k % 3 + 1),
                    "Theme": f"Theme {k % 4}",
                    "Lead Institution": f"Ministry {k}",
                    "Supporting Institution(s)": f"Agency {k}; Agency {k + 1}",
                }
            )
            for k in range(n)
        ]
    )


def _queries(data: bytes) -> int:
    with CaptureQueriesContext(connection) as queries:
        import_irm(io.BytesIO(data))
    return len(queries)


def test_the_queries_do_not_grow_with_the_organisations_a_file_creates():
    few = _queries(_file(4))
    many = _queries(_file(40, "Denmark", "DNK"))
    assert Organisation.objects.filter(jurisdiction__country_code="DNK").count() == 2 * 40 + 1
    assert many <= few + 4, (few, many)


def test_organisations_plans_and_themes_made_in_bulk_are_recorded_and_get_free_slugs():
    norge = f.jurisdiction(name="Norway", slug="norway", country_code="NOR")
    # Slugs the new ones would take are taken by others (another jurisdiction's organisation, a plan).
    sverige = f.jurisdiction(name="Sverige", slug="sverige", country_code="SWE")
    f.organisation(name="Elsewhere", slug="ministry-1-norway", jurisdiction=sverige)
    import_irm(io.BytesIO(_file(6)))
    ministry = Organisation.objects.get(name="Ministry 1", jurisdiction=norge)
    assert ministry.slug == "ministry-1-norway-2"
    assert Organisation.objects.get(name="Agency 2").slug == "agency-2-norway"
    plans = ActionPlan.objects.filter(jurisdiction=norge)
    assert sorted(p.slug for p in plans) == ["1", "2", "3"] and all(p.published_at for p in plans)
    plan = plans.get(label="1")
    assert [(t.title, t.order) for t in Theme.objects.filter(plan=plan)] == [("Theme 0", 1), ("Theme 3", 2)]
    history = ChangeRecord.objects.filter(object_id=plan.pk, content_type__model="actionplan").order_by("pk")
    assert [r.action for r in history] == ["created", "updated"]
    assert set(history[1].changes) == {"published_at"}
    created = ChangeRecord.objects.get(content_type__model="organisation", object_id=ministry.pk)
    assert created.action == "created" and created.changes["name"] == {"old": None, "new": "Ministry 1"}
    assert ChangeRecord.objects.filter(content_type__model="theme", plan=plan).count() == 2
