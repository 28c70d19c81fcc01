"""On PostgreSQL the versions of the data are announced (NOTIFY) and every process listens: a cached read
takes its stamp from what was announced, without a query; another server's bump is heard; a listener
the server ended falls back to the query and listens again, missing nothing."""

import time

import psycopg
import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from samskap.commitments.models import Commitment
from samskap.kernel import versions
from samskap.kernel.postgresql import listener
from tests import factories as f

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def queried(scopes: list[str]) -> str:
    """The stamp as the query reads it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {versions._sequence_values(sorted(scopes))}")
        return ".".join(str(value) for value in cursor.fetchone())


def another_server_bumps(scope: str) -> None:
    """A bump made on another connection, as another app server's would be (its own process's copy of
    the versions is not this one's)."""
    other = connections.create_connection("default")
    other.alias = "another-server"
    try:
        versions._write(other, [scope])
    finally:
        other.close()


def heard_within(scopes: list[str], expected: str, seconds: float = 5.0) -> str:
    deadline = time.monotonic() + seconds
    while (found := versions.stamp(scopes)) != expected and time.monotonic() < deadline:
        time.sleep(0.01)
    return found


def test_a_stamp_is_read_from_the_announced_versions_without_a_query():
    versions.stamp(["plans"])  # the first read starts this process's listener
    versions._write(connection, ["plans"])
    with CaptureQueriesContext(connection) as queries:
        found = versions.stamp(["plans", "commitments", "no-such-scope"])
    assert len(queries) == 0
    assert found == queried(["plans", "commitments", "no-such-scope"])


def test_another_servers_bump_is_heard_without_a_query():
    scopes = ["consultations", "plans"]
    versions.stamp(scopes)
    before = queried(scopes)
    another_server_bumps("consultations")
    after = queried(scopes)
    assert after != before
    assert heard_within(scopes, after) == after
    with CaptureQueriesContext(connection) as queries:
        versions.stamp(scopes)
    assert len(queries) == 0


def test_a_listener_the_server_ended_falls_back_to_the_query_and_listens_again(monkeypatch):
    scopes = ["plans"]
    versions.stamp(scopes)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name = %s",
            [versions._listener.name],
        )
        assert cursor.fetchone() == (True,)
    another_server_bumps("plans")  # announced while no one listens: not heard, read again on listening
    expected = queried(scopes)
    with CaptureQueriesContext(connection) as queries:
        found = versions.stamp(scopes)
    assert found == expected and len(queries) == 1  # the query, at once
    monkeypatch.setattr(listener, "RETRY_AFTER", 0.0)
    versions._listener._retry_at = 0.0
    versions.stamp(scopes)  # listens again, and reads every version afresh
    with CaptureQueriesContext(connection) as queries:
        found = versions.stamp(scopes)
    assert found == expected and len(queries) == 0


def test_without_announcements_the_stamp_is_read_with_one_query(settings):
    settings.VERSIONS_ANNOUNCED = False
    with CaptureQueriesContext(connection) as queries:
        found = versions.stamp(["plans", "commitments"])
    assert len(queries) == 1 and found == queried(["plans", "commitments"])


def test_a_pages_own_stamp_is_read_again_only_after_a_write_to_its_tables(client):
    commitment = f.commitment(title="Before")
    url = commitment.get_absolute_url()
    assert b"Before" in client.get(url).content
    with CaptureQueriesContext(connection) as queries:
        assert b"Before" in client.get(url).content
    assert len(queries) == 0  # neither the versions nor the commitment's own stamp
    # Another server changes the commitment: its write bumps the scope, and the stamp is read again.
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute(
            f"UPDATE {Commitment._meta.db_table} SET title = 'After', updated_at = now() WHERE id = %s",  # noqa: S608
            [commitment.pk],
        )
    another_server_bumps("commitments")
    deadline = time.monotonic() + 5
    while b"After" not in (page := client.get(url).content) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert b"After" in page


def test_a_stamp_over_a_table_of_no_scope_is_always_read():
    versions.stamp(["plans"])
    sql = "SELECT count(*) FROM django_session"
    with CaptureQueriesContext(connection) as queries:
        for _ in range(2):
            versions.read_unless_unchanged(sql, [], lambda: connection.cursor().execute(sql).fetchone())
    assert len(queries) == 2
