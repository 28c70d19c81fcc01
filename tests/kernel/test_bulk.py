"""kernel.bulk: rows inserted without bulk_create's compilation hold what bulk_create would have written."""

import datetime
import zoneinfo
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, models, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samskap.commitments.models import Commitment
from samskap.history.models import ChangeRecord
from samskap.kernel import versions
from samskap.kernel.bulk import insert_all, insert_and_read_ids, insert_rows, quick_compression
from samskap.opendata.models import IRMRecord
from samskap.review.models import IRMAssessment
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


#: Texts a COPY's text format must escape (tab, newline, backslash, its NULL marker \\N) and others.
AWKWARD = ["tab\there", "line\nbreak\r\n", "back\\slash", "\\N", "", "«æøå» 😀", 'it\'s "quoted"', " ", "NULL"]


def _stored(model: type[models.Model], pks: list[int], leave_out: set[str]) -> list[dict[str, Any]]:
    names = [f.attname for f in model._meta.concrete_fields if f.attname not in {"id", *leave_out}]
    rows = {row["id"]: row for row in model._default_manager.filter(pk__in=pks).values("id", *names)}
    return [{name: rows[pk][name] for name in names} for pk in pks]


def _same_rows(model: type[models.Model], build: Any, leave_out: set[str]) -> None:
    """The objects `build(0)` saved by bulk_create and `build(1)` by insert_all (PostgreSQL: a COPY) are read
    back with the same values in every field but those left out (their ids, the parent each set has)."""
    by_django, by_us = build(0), build(1)
    model._default_manager.bulk_create(by_django)
    insert_all(model, by_us)
    last = max(o.pk for o in by_django)
    ours = list(model._default_manager.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True))
    assert len(ours) == len(by_us)
    assert _stored(model, [o.pk for o in by_django], leave_out) == _stored(model, ours, leave_out)


def test_every_kind_of_value_is_written_as_bulk_create_writes_it():
    plans = [f.plan(), f.plan()]
    oslo = zoneinfo.ZoneInfo("Europe/Oslo")
    moments = [
        datetime.datetime(2024, 3, 31, 1, 59, 59, 999999, tzinfo=oslo),
        datetime.datetime(1999, 12, 31, 23, 0, tzinfo=datetime.UTC),
        timezone.now(),
    ]
    dates = [datetime.date(2024, 2, 29), None, datetime.date(1970, 1, 1)]

    def commitments(side: int) -> list[Commitment]:
        return [
            Commitment(
                plan=plans[side],
                identifier=f"ID {n}",
                slug=f"c-{n}",
                title=text or "-",
                description=text * 500,  # long: stored compressed
                short_title=text,
                order=n + 2_000_000_000 * (n == 3),
                start_date=dates[n % 3],
                end_date=None if n % 2 else datetime.date(2030, 12, 31),
                access_to_information=n % 2 == 0,
                created_at=moments[n % 3],
                updated_at=moments[(n + 1) % 3],
            )
            for n, text in enumerate(AWKWARD)
        ]

    _same_rows(Commitment, commitments, {"plan_id"})
    targets = [f.commitment(plans[0]), f.commitment(plans[1])]

    def assessments(side: int) -> list[IRMAssessment]:
        return [
            IRMAssessment(
                commitment=targets[side],
                report_type=report_type,
                report_year=[None, 2024, 0][n],
                verifiable=[True, False, None][n],
                starred=[None, True, False][n],
                specificity=["", "high", "low"][n],
                reviewer_name=AWKWARD[n],
                source=IRMAssessment.Source.IRM_IMPORT,
                updated_at=moments[n],
                created_at=moments[2 - n],
            )
            for n, report_type in enumerate(["action_plan_review", "progress", "end_of_term"])
        ]

    _same_rows(IRMAssessment, assessments, {"commitment_id"})

    def records(side: int) -> list[IRMRecord]:
        return [
            IRMRecord(
                commitment=f.commitment(plans[side]),
                row={"n": n, "text": text, "list": [1, 2.5, None, True, "\\N"], "big": 10**15, "nested": {"x": {}}},
                imported_at=moments[n % 3],
            )
            for n, text in enumerate(AWKWARD)
        ]

    _same_rows(IRMRecord, records, {"commitment_id"})
    kind = ContentType.objects.get_for_model(Commitment)
    user = f.user()

    def changes(side: int) -> list[ChangeRecord]:
        return [
            ChangeRecord(
                content_type=kind,
                object_id=n + 100 * side,
                object_repr=text,
                plan=plans[side] if n % 2 else None,
                actor=user if n % 3 else None,
                actor_name=text,
                action=ChangeRecord.Action.UPDATED,
                changes={"title": {"old": text, "new": None}, "flags": [n % 2 == 0], "text": text * 300},
                created_at=moments[n % 3],
            )
            for n, text in enumerate(AWKWARD)
        ]

    _same_rows(ChangeRecord, changes, {"object_id", "plan_id"})


def test_a_violated_constraint_raises_integrity_error_and_writes_nothing():
    plan = f.plan()
    f.commitment(plan, slug="taken")
    count = Commitment.objects.count()
    for bad in (
        [
            Commitment(plan=plan, identifier="A", slug="free", title="A"),
            Commitment(plan=plan, identifier="B", slug="taken", title="B"),
        ],
        [
            Commitment(
                plan=plan,
                identifier="C",
                slug="c",
                title="C",
                start_date=datetime.date(2025, 1, 2),
                end_date=datetime.date(2025, 1, 1),
            )
        ],
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            insert_all(Commitment, bad)
        assert Commitment.objects.count() == count  # the good row before the bad one is gone too
    insert_all(Commitment, [Commitment(plan=plan, identifier="D", slug="free", title="D")])  # the connection works
    assert Commitment.objects.count() == count + 1


def test_the_written_tables_scopes_are_bumped_and_the_write_is_a_logged_query():
    commitment = f.commitment()
    kind = ContentType.objects.get_for_model(Commitment)
    before = {scope: versions.stamp([scope]) for scope in ("history", "review", "plans")}
    with CaptureQueriesContext(connection) as queries:
        insert_rows(
            ChangeRecord,
            ("content_type_id", "object_id", "object_repr", "action"),
            [(kind.pk, n, "x", "created") for n in range(3)],
        )
    assert versions.stamp(["history"]) != before["history"]
    insert_all(IRMAssessment, [IRMAssessment(commitment=commitment, report_type="progress")])
    assert versions.stamp(["review"]) != before["review"]
    assert versions.stamp(["plans"]) == before["plans"]  # no other scope
    writes = [q["sql"] for q in queries.captured_queries if "history_changerecord" in q["sql"]]
    if connection.vendor == "postgresql":
        columns = ", ".join(f'"{name}"' for name in ("content_type_id", "object_id", "object_repr", "action"))
        assert len(writes) == 1 and writes[0].startswith(f'3 times: COPY "history_changerecord" ({columns}, ')
        assert writes[0].endswith(") FROM STDIN")
    else:
        assert len(writes) == 2 and all(
            sql.startswith('INSERT INTO "history_changerecord"') for sql in writes
        )  # 2 + 1 rows


@pytest.mark.postgres
def test_quick_compression_writes_long_values_with_lz4_and_puts_the_setting_back():
    if connection.vendor != "postgresql":
        pytest.fail("needs PostgreSQL (make test-postgres); SQLite runs deselect the 'postgres' marker")

    def setting() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('default_toast_compression')")
            return str(cursor.fetchone()[0])

    def compression(record: IRMRecord) -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_column_compression(row) FROM opendata_irmrecord WHERE id = %s", [record.pk])
            return str(cursor.fetchone()[0])  # None (shown "None") when stored uncompressed

    default = setting()
    row = {"Full Text": "Åpenhet i offentlig forvaltning. " * 400}
    with transaction.atomic(), quick_compression():
        assert setting() == "lz4"
        fast = IRMRecord.objects.create(commitment=f.commitment(), row=row)
    assert setting() == default
    plain = IRMRecord.objects.create(commitment=f.commitment(), row=row)
    assert compression(fast) == "lz4" and compression(plain) == default
    assert IRMRecord.objects.get(pk=fast.pk).row == row
    with pytest.raises(IntegrityError), transaction.atomic(), quick_compression():
        IRMRecord.objects.create(commitment=fast.commitment, row=row)  # one record per commitment
    assert setting() == default  # a rollback puts it back too
