"""What PostgreSQL announces on a channel (LISTEN/NOTIFY), read in this process without a query.

A `Listener` holds one connection of its own per process, which only listens. Before a read that
depends on the announcements, `poll()` takes what the server has sent (a non-blocking read of the
socket: no round trip), and a daemon thread takes it too while the process is idle, so the server's
queue of notifications never waits on a process that serves no request. A listener that cannot connect,
or whose connection fails, reports so (`poll()` is False) and tries again after `RETRY_AFTER` seconds:
the caller then reads what it needs from the database, as it would without a listener.
"""

import logging
import os
import select
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

import psycopg
from psycopg import pq

logger = logging.getLogger(__name__)
_every: "weakref.WeakSet[Listener]" = weakref.WeakSet()
RETRY_AFTER = 5.0
IDLE_WAIT = 30.0  # seconds the daemon thread waits on the socket before looking again


class Listener:
    """Announcements on `channel`, handed to `heard(payload)`. `start(connection)` is called on every new
    connection, after its LISTEN and before any announcement is handed over, to read the state the
    announcements change (what was announced before the LISTEN is not heard)."""

    def __init__(
        self,
        channel: str,
        connect: Callable[[], dict[str, Any]],
        *,
        start: Callable[[psycopg.Connection[Any]], None],
        heard: Callable[[str], None],
    ) -> None:
        self.channel = channel
        self.name = f"{channel} listener"
        self._connect = connect
        self._start = start
        self._heard = heard
        self._lock = threading.Lock()
        self._connection: psycopg.Connection[Any] | None = None
        self._pid = 0
        self._retry_at = 0.0
        _every.add(self)

    def poll(self) -> bool:
        """Take every announcement the server has sent; False when not listening (read the database)."""
        with self._lock:
            if not self._listening():
                return False
            return self._take()

    def close(self) -> None:
        with self._lock:
            self._drop(retry=False)

    def _listening(self) -> bool:
        if self._connection is not None and self._pid == os.getpid():
            return True
        # A connection opened before a fork belongs to the parent: left alone, never closed from here
        # (closing it would end the parent's session on the shared socket).
        self._connection = None
        if time.monotonic() < self._retry_at:
            return False
        try:
            # Named, so that an administrator sees in pg_stat_activity what the extra connection is.
            params = {**self._connect(), "autocommit": True, "prepare_threshold": None, "application_name": self.name}
            connection = psycopg.Connection.connect(**params)
            connection.execute(f"LISTEN {self.channel}")
            self._start(connection)  # after the LISTEN: nothing announced in between is missed
        except (psycopg.Error, OSError) as error:
            logger.warning("Not listening on %s: %s", self.channel, error)
            self._retry_at = time.monotonic() + RETRY_AFTER
            return False
        self._connection, self._pid = connection, os.getpid()
        threading.Thread(target=self._wait, args=(connection,), daemon=True, name=f"listen-{self.channel}").start()
        return True

    def _take(self) -> bool:
        connection = self._connection
        assert connection is not None
        pgconn = connection.pgconn
        try:
            pgconn.consume_input()  # what has arrived on the socket; it does not wait for more
        except psycopg.OperationalError as error:
            logger.warning("Stopped listening on %s: %s", self.channel, error)
            self._drop(retry=True)
            return False
        if pgconn.status != pq.ConnStatus.OK:
            self._drop(retry=True)
            return False
        while (notice := pgconn.notifies()) is not None:
            if notice.relname.decode() == self.channel:
                self._heard(notice.extra.decode())
        return True

    def _drop(self, *, retry: bool) -> None:
        connection, self._connection = self._connection, None
        if retry:
            self._retry_at = time.monotonic() + RETRY_AFTER
        if connection is not None and self._pid == os.getpid():
            connection.close()

    def _wait(self, connection: psycopg.Connection[Any]) -> None:
        """Take announcements while the process is idle, until this connection is dropped."""
        while True:
            try:
                select.select([connection.pgconn.socket], [], [], IDLE_WAIT)
            except (OSError, ValueError, psycopg.OperationalError):
                return  # closed under us: the connection was dropped
            with self._lock:
                if self._connection is not connection:
                    return
                self._take()


def close_all() -> None:
    """Close every listener of this process (before its database is dropped, as after the tests)."""
    for listener in list(_every):
        listener.close()
