"""kernel.bulk: rows inserted without bulk_create's compilation hold what bulk_create would have written."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samskap.commitments.models import Commitment
from samskap.history.models import ChangeRecord
from samskap.kernel.bulk import insert_all, insert_and_read_ids, insert_rows
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_insert_all_writes_every_kind_of_value_as_bulk_create_does():
    plan = f.plan()
    kind = ContentType.objects.get_for_model(Commitment)
    when = timezone.now().replace(microsecond=0)
    records = [
        ChangeRecord(
            content_type=kind,
            object_id=n,
            object_repr=f"Forpliktelse {n} «æøå»",
            plan=plan if n % 2 else None,
            action=ChangeRecord.Action.CREATED,
            changes={"title": {"old": None, "new": f"T{n}"}, "flag": n % 3 == 0},
            created_at=when + datetime.timedelta(seconds=n % 2),
        )
        for n in range(130)  # more than one statement's rows on SQLite (64), with a remainder
    ]
    insert_all(ChangeRecord, records)
    stored = list(ChangeRecord.objects.order_by("object_id"))
    assert [r.object_id for r in stored] == list(range(130))
    for n, record in enumerate(stored):
        assert record.object_repr == f"Forpliktelse {n} «æøå»"
        assert record.plan_id == (plan.pk if n % 2 else None)
        assert record.action == "created"
        assert record.changes == {"title": {"old": None, "new": f"T{n}"}, "flag": n % 3 == 0}
        assert record.created_at == when + datetime.timedelta(seconds=n % 2)
        assert record.actor_id is None


def test_insert_and_read_ids_gives_each_object_its_own_row_in_one_read_per_batch():
    plan, other = f.plan(), f.plan()
    f.commitment(other, slug="c-5", identifier="X5")  # the same slug in another plan is not read back
    commitments = [
        Commitment(plan=plan, identifier=f"C{n}", slug=f"c-{n}", title=f"Tiltak {n}", order=n + 1) for n in range(70)
    ]
    with CaptureQueriesContext(connection) as queries:
        insert_and_read_ids(Commitment, commitments, key=("plan_id", "slug"))
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    reads = [sql for sql in reads if "nextval(" not in sql]  # PostgreSQL's version bump (`kernel.versions`)
    assert len(reads) == 1, reads
    assert "JOIN" not in reads[0] and "ORDER BY" not in reads[0]  # by the two columns, nothing more
    assert all(not c._state.adding for c in commitments)
    for commitment in commitments:
        assert Commitment.objects.get(pk=commitment.pk).identifier == commitment.identifier
    assert len({c.pk for c in commitments}) == 70


def test_insert_rows_writes_values_as_insert_all_writes_objects_and_defaults_the_other_fields():
    plan = f.plan()
    kind = ContentType.objects.get_for_model(Commitment)
    when = timezone.now().replace(microsecond=0)
    names = ("content_type_id", "object_id", "object_repr", "plan_id", "action", "changes")
    rows = [
        (kind.pk, n, f"Forpliktelse {n} «æøå»", plan.pk if n % 2 else None, "updated", {"n": n, "ok": n % 3 == 0})
        for n in range(130)
    ]
    before = timezone.now()
    insert_rows(ChangeRecord, names, rows)
    insert_rows(ChangeRecord, (*names, "created_at"), [(*rows[0][:1], 999, *rows[0][2:], when)])
    stored = list(ChangeRecord.objects.order_by("object_id"))
    assert [r.object_id for r in stored] == [*range(130), 999]
    for n, record in enumerate(stored[:130]):
        assert record.object_repr == f"Forpliktelse {n} «æøå»"
        assert record.plan_id == (plan.pk if n % 2 else None)
        assert record.changes == {"n": n, "ok": n % 3 == 0}
        assert (record.actor_id, record.actor_name, record.commitment_id) == (None, "", None)  # the defaults
    assert len({r.created_at for r in stored[:130]}) == 1  # a callable default: once per call
    assert stored[0].created_at >= before
    assert stored[-1].created_at == when
