"""Django's PostgreSQL backend, with a cheaper check of a reused connection.

With `CONN_HEALTH_CHECKS`, Django checks a persistent connection before its first use in each request
with a `SELECT 1`: a round trip to the server on every request, as much as a cached page's one query
costs. Here the check first asks the operating system whether the server has said anything on the
connection since its last answer. On an idle connection the server speaks unasked only to end it (a
restart, an administrator's `pg_terminate_backend`, `idle_session_timeout`), and a closed socket reads
as readable too; only then is Django's `SELECT 1` run, which fails and has the connection replaced. A
silent connection is used as it is: if it still fails (the network dropped without a word), the request
fails as it would after a successful `SELECT 1` a moment earlier, and Django closes the connection.
"""

import select
from typing import Any

from django.db.backends.postgresql import base, creation

from samskap.kernel.postgresql import listener


class DatabaseCreation(creation.DatabaseCreation):
    def _destroy_test_db(self, test_database_name: str, verbosity: int) -> None:
        listener.close_all()  # a listening connection would keep the test database from being dropped
        super()._destroy_test_db(test_database_name, verbosity)  # type: ignore[misc]


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation

    def is_usable(self) -> bool:
        connection: Any = self.connection
        if connection is None or connection.closed:
            return False
        try:
            readable, _writable, _failed = select.select([connection.fileno()], [], [], 0)
        except (OSError, ValueError):
            return False
        if readable:
            return bool(super().is_usable())
        return True
