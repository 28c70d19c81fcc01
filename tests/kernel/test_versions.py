"""The versions of the data (`kernel.versions`): every way of writing bumps the scope of the table it
wrote, after the commit, and cached public reads change at once."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from samskap.commitments.models import Commitment, Milestone
from samskap.kernel import versions
from samskap.kernel.registry import api_routes
from samskap.plans.models import ActionPlan
from tests import factories as f
from tests.queries import stamp_queries


def current(scope: str) -> str:
    return versions.stamp([scope])


@pytest.mark.django_db
def test_every_way_of_writing_bumps_the_scope_of_its_table():
    commitment = f.commitment()
    for write in (
        lambda: Commitment.objects.filter(pk=commitment.pk).update(title="Updated"),
        lambda: Milestone.objects.bulk_create([Milestone(commitment=commitment, activity="Bulk", order=9)]),
        lambda: Milestone.objects.filter(activity="Bulk").delete(),
        lambda: commitment.save(),
    ):
        before = current("commitments"), current("plans")
        write()
        assert current("commitments") != before[0]
        assert current("plans") == before[1]  # another app's data did not change
    plans_before = current("plans")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE plans_actionplan SET title = title WHERE id = %s", [commitment.plan_id])
    assert current("plans") != plans_before


@pytest.mark.django_db
def test_reading_bumps_nothing_and_the_kernels_own_tables_are_not_a_scope():
    f.commitment()
    before = versions.stamp(versions.all_scopes())
    list(Commitment.objects.all())
    assert versions.stamp(versions.all_scopes()) == before
    assert "kernel" not in versions.all_scopes() and "accounts" not in versions.all_scopes()
    assert {"plans", "commitments", "consultations", "forum", "history"} <= set(versions.all_scopes())


@pytest.mark.django_db(transaction=True)
def test_the_bump_comes_after_the_commit_and_a_rollback_bumps_nothing():
    plan = f.plan()
    before = current("plans")
    with transaction.atomic():
        ActionPlan.objects.filter(pk=plan.pk).update(title="Inside")
        assert current("plans") == before  # nothing is locked or bumped inside the writer's transaction
    after_commit = current("plans")
    assert after_commit != before

    def rolled_back() -> None:
        with transaction.atomic():
            ActionPlan.objects.filter(pk=plan.pk).update(title="Rolled back")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        rolled_back()
    assert current("plans") == after_commit

    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint, rolled back: its callback goes with it
                ActionPlan.objects.filter(pk=plan.pk).update(title="Savepoint")
                raise RuntimeError
        except RuntimeError:
            pass
        ActionPlan.objects.filter(pk=plan.pk).update(title="Again")  # registered anew
    assert current("plans") != after_commit


@pytest.mark.django_db(transaction=True)
def test_a_transaction_bumps_every_scope_it_wrote_to_in_one_statement_after_its_commit():
    plan = f.plan()
    commitment = f.commitment(plan=plan)
    before = current("plans"), current("commitments")
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        ActionPlan.objects.filter(pk=plan.pk).update(title="Both")
        try:
            with transaction.atomic():  # a savepoint rolled back after the first write's callback
                Milestone.objects.create(commitment=commitment, activity="Gone", order=9)
                raise RuntimeError
        except RuntimeError:
            pass
        Commitment.objects.filter(pk=commitment.pk).update(title="Both")
    bumps = [q["sql"] for q in queries if f"INSERT INTO {versions.TABLE}" in q["sql"] or "nextval(" in q["sql"]]
    assert len(bumps) == 1, bumps  # one statement (on PostgreSQL one commit), not one per scope
    assert current("plans") != before[0] and current("commitments") != before[1]


@pytest.mark.django_db
def test_an_api_answer_is_served_from_the_cache_and_changes_at_once(client):
    commitment = f.commitment(title="Before")
    url = f"/api/v1/commitments/{commitment.pk}/"
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second.content == first.content and second["ETag"] == first["ETag"]
    assert len(queries) == stamp_queries(), [q["sql"] for q in queries]  # the version, nothing else
    Commitment.objects.filter(pk=commitment.pk).update(title="After")
    assert b"After" in client.get(url).content


@pytest.mark.django_db
def test_every_registered_api_list_is_cached_in_one_query(client):
    f.milestone(f.commitment())
    for route in api_routes:
        url = f"/api/v1/{route.prefix}/"
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url)
        assert again.status_code == 200 and len(queries) == stamp_queries(), (url, len(queries))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_every_scope_has_a_sequence_and_a_stamp_is_never_reused():
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relkind = 'S' AND relname LIKE 'kernel\\_version\\_%%'")
        sequences = {name for (name,) in cursor.fetchall()}
    assert sequences == {f"kernel_version_{scope}" for scope in versions.all_scopes()}
    before = current("plans")

    def bumped_then_rolled_back() -> None:
        with transaction.atomic():
            versions._write(connection, ["plans"])
            raise RuntimeError

    with pytest.raises(RuntimeError):
        bumped_then_rolled_back()
    # A sequence is not rolled back: the version the rolled-back bump took is never handed out again.
    assert current("plans") != before
    assert versions.stamp(["no-such-scope"]) == "0"  # not a scope: never written to
