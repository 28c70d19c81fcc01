"""Writes run by a thread of their own, on the caller's connection and in its transaction, so that the
database writes one batch while Python prepares the next (a long import: on its own the database and Python
took turns, each leaving a core idle; PostgreSQL works in its own process and SQLite's library releases
the GIL while it works).

    with transaction.atomic(), Writer() as writer:
        writer.submit(insert_all, Model, objects, with_ids=True)  # returns at once; run in order
        ...  # a statement of this thread first waits until every write submitted is done

Ordering: the tasks run one after the other in the order submitted. A statement the caller's thread runs
first waits until every task submitted so far is done, so a read sees every earlier write; inside
`unordered()` it does not wait (the caller knows those statements do not depend on the writes still
queued, e.g. rows the writes never touch), and the two threads' statements then take turns on the connection
(one statement at a time). A task must only execute statements (no `transaction.atomic`: the connection's
record of its atomic blocks is the caller's thread's; `insert_all`, `insert_rows` and raw SQL are fine).

The GIL: while the writer waits for the database, the caller's thread runs Python; each time a statement
returns, the writer needs the GIL back, and the running thread hands it over only every switch interval
(5 ms by default): with thousands of statements that was seconds of a 10x import. While a writer runs, the
interval is `SWITCH_INTERVAL` (the process's own is put back when the last writer ends).

Errors: a task's exception stops the writer (the tasks after it are skipped) and is raised again in the
caller's thread by its next `submit`, `wait` or statement, or at the latest when the `with` block ends; so
the transaction around it rolls back, nothing half written. The thread is always stopped and joined when the
`with` block ends (on an error too), before the transaction does. Writes made in the thread are tracked by
`kernel.versions` as any other (the connection's execute wrappers are the same).
"""

import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from types import TracebackType
from typing import Any, Self

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

#: Seconds: the GIL's switch interval while a writer runs (measured on the IRM import: 0.5 ms was ~15 % faster
#: than the default 5 ms once the database's work and Python's were of a size).
SWITCH_INTERVAL = 0.0005

_switching = threading.Lock()
_writers = 0
_interval = 0.0  # the process's own, put back by the last writer


def _use_short_interval(on: bool) -> None:
    global _writers, _interval
    with _switching:
        if on:
            if _writers == 0:
                _interval = sys.getswitchinterval()
                sys.setswitchinterval(min(_interval, SWITCH_INTERVAL))
            _writers += 1
        else:
            _writers -= 1
            if _writers == 0:
                sys.setswitchinterval(_interval)


class Writer:
    def __init__(self, using: str = "default") -> None:
        self.using = using
        self.connection: BaseDatabaseWrapper = connections[using]
        self.tasks: deque[Callable[[], Any] | None] = deque()
        self.changed = threading.Condition()  # a task submitted, or one done
        self.submitted = 0
        self.done = 0  # tasks run or skipped
        self.statement = threading.RLock()  # one statement at a time (a wrapper may run one inside another)
        self.error: BaseException | None = None
        self.owner = threading.get_ident()
        self.unordered_depth = 0
        self.thread: threading.Thread | None = None

    def __enter__(self) -> Self:
        self.connection.ensure_connection()
        self.connection.inc_thread_sharing()
        # First, so the statement lock is around every other wrapper (`kernel.versions` notes the write).
        self.connection.execute_wrappers.insert(0, self._execute)
        self.thread = threading.Thread(target=self._run, name=f"writer-{self.using}", daemon=True)
        self.thread.start()
        _use_short_interval(True)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        try:
            if kind is None:
                self.wait()  # raises the writer's error: the transaction then rolls back
        finally:
            self._stop(skip=kind is not None)

    def submit(self, task: Callable[..., Any], *args: Any, **kwargs: Any) -> int:
        """Run `task(*args, **kwargs)` in the writer's thread after the tasks submitted before; returns its
        number (for `wait`)."""
        self._raise()
        with self.changed:
            self.tasks.append(partial(task, *args, **kwargs))
            self.submitted += 1
            self.changed.notify_all()
            return self.submitted

    def wait(self, upto: int | None = None) -> None:
        """Until the tasks up to number `upto` (all submitted: None) are done; raises a task's error."""
        with self.changed:
            target = self.submitted if upto is None else upto
            while self.done < target:
                self.changed.wait()
        self._raise()

    @contextmanager
    def unordered(self) -> Iterator[None]:
        """The caller's statements here do not wait for the writes still queued (they do not depend on them)."""
        self.unordered_depth += 1
        try:
            yield
        finally:
            self.unordered_depth -= 1

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error

    def _run(self) -> None:
        # The thread's own `connections[using]` is the caller's connection: the tasks' ORM and cursors use it.
        connections[self.using] = self.connection
        try:
            while True:
                with self.changed:
                    while not self.tasks:
                        self.changed.wait()
                    task = self.tasks.popleft()
                if task is None:
                    return
                try:
                    if self.error is None:
                        task()
                except BaseException as error:  # given to the caller's thread
                    self.error = error
                finally:
                    with self.changed:
                        self.done += 1
                        self.changed.notify_all()
        finally:
            del connections[self.using]

    def _stop(self, *, skip: bool) -> None:
        if skip and self.error is None:
            self.error = RuntimeError("writer stopped")  # the tasks still queued are skipped
        with self.changed:
            self.tasks.append(None)
            self.changed.notify_all()
        if self.thread is not None:
            self.thread.join()
        self.connection.execute_wrappers.remove(self._execute)
        self.connection.dec_thread_sharing()
        _use_short_interval(False)

    def _execute(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
        if threading.get_ident() != self.owner:
            with self.statement:
                return execute(sql, params, many, context)
        if not self.unordered_depth:
            self.wait()
        self._raise()
        try:
            with self.statement:
                return execute(sql, params, many, context)
        except Exception:
            # Failed because a write failed first (PostgreSQL refuses every statement after an error in the
            # transaction): that error is the one to report.
            with self.changed:
                while self.done < self.submitted and self.error is None:
                    self.changed.wait()
            self._raise()
            raise
