"""SQLite: a process keeps the versions it read, per connection, while `PRAGMA data_version` says no other
connection has committed since (`kernel.versions._seen_stamp`). Tested on a database file of its own: the
test database lives in memory, where the versions are always read."""

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from django.db.utils import ConnectionHandler
from django.test.utils import CaptureQueriesContext

from samskap.kernel import versions


@pytest.fixture
def file_database(tmp_path: Path, django_db_blocker: Any) -> Any:
    django_db_blocker.unblock()  # a database of the test's own, not the test database
    path = tmp_path / "versions.sqlite3"
    handler = ConnectionHandler({"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}})
    wrapper = handler["default"]
    wrapper.execute_wrappers.append(versions.track_writes)
    with wrapper.cursor() as cursor:
        cursor.execute("CREATE TABLE kernel_data_version (scope TEXT PRIMARY KEY, version INTEGER NOT NULL)")
        cursor.execute("INSERT INTO kernel_data_version VALUES ('plans', 3), ('commitments', 7)")
    yield wrapper, path
    wrapper.close()
    django_db_blocker.restore()


def seen(wrapper: Any, *scopes: str) -> tuple[str | None, int]:
    """The stamp, and how many queries reading it took."""
    with CaptureQueriesContext(wrapper) as queries:
        found = versions._seen_stamp(wrapper, scopes)
    return found, len(queries)


def test_versions_are_read_once_until_another_connection_commits(file_database):
    wrapper, path = file_database
    assert seen(wrapper, "commitments", "plans") == ("7.3", 1)
    assert seen(wrapper, "commitments", "plans") == ("7.3", 0)  # nothing committed elsewhere: no query
    assert seen(wrapper, "plans", "forum") == ("3.0", 0)  # a scope never written to is 0, as `stamp` says
    other = sqlite3.connect(path)  # another process's bump
    other.execute("UPDATE kernel_data_version SET version = version + 1 WHERE scope = 'plans'")
    other.commit()
    other.close()
    assert seen(wrapper, "commitments", "plans") == ("7.4", 1)
    assert seen(wrapper, "commitments", "plans") == ("7.4", 0)


def test_own_bumps_and_other_writes_of_the_versions_are_read_again(file_database):
    wrapper, _path = file_database
    seen(wrapper, "plans")
    versions._write(wrapper, ["plans"])  # SQLite does not count a connection's own commits: forgotten here
    assert seen(wrapper, "plans") == ("4", 1)
    versions._remembered[("SELECT 1 FROM plans_actionplan", ())] = ("4", "kept")
    with wrapper.cursor() as cursor:
        cursor.execute("DELETE FROM kernel_data_version")  # a flush: the versions go back
    assert ("SELECT 1 FROM plans_actionplan", ()) not in versions._remembered
    assert seen(wrapper, "plans", "commitments") == ("0.0", 1)


def test_inside_a_transaction_the_versions_are_always_read(file_database):
    wrapper, _path = file_database
    seen(wrapper, "plans")
    wrapper.in_atomic_block = True  # as `transaction.atomic` sets it (this wrapper is not in `connections`)
    try:
        assert seen(wrapper, "plans") == (None, 0)  # `stamp` then asks the database
    finally:
        wrapper.in_atomic_block = False


@pytest.mark.django_db
def test_a_database_in_memory_is_always_read():
    """The test database: connections in one process share it, and their commits do not change the
    number SQLite gives each of them."""
    assert versions._seen_stamp(connections["default"], ["plans"]) is None
