"""Version stamps of the data, so that every public read can be cached and still show a change at once.

Each Samskap app's tables form a scope named by its app label ("commitments", "consultations", ...).
A write to any of them, however it is made (a service's `save`, a queryset's `update`, a `bulk_create`,
an import's raw SQL), is seen by a database execute wrapper, and the scope's stamp is bumped once the
transaction commits. A cached read is keyed on the stamps of the scopes it shows, read with one
indexed query (`stamp`), so it needs no service to remember anything and stays correct on several app
servers whatever cache each one uses.

Bumping after the commit, in a statement of its own, holds no lock inside the writer's transaction
(two transactions cannot deadlock over it). A page rendered between the commit and the bump is stored
under the old stamp, which the bump then retires.

Where the versions live: on SQLite, one row per scope in `kernel_data_version` (SQLite has one writer at
a time anyway, and a commit there waits for no disk flush). On PostgreSQL, one sequence per scope
(`kernel_version_<scope>`, created after every `migrate`): `nextval` takes no row lock and, 31 times out
of 32, writes no WAL, so a bump costs neither a lock that concurrent submissions queue behind nor a flush
of its own at the deadline rush; and a sequence never goes back, even after a crash (it jumps ahead),
so a stamp is never reused for other data.

On PostgreSQL a bump also announces the new versions (`NOTIFY samskap_versions`, in the same statement),
and each process listens (`kernel.postgresql.listener`): a cached read then takes the versions from what
was announced, with no query at all (a round trip was half of what a cached page cost on PostgreSQL). A
process's own bumps count at once; another server's arrive as soon as PostgreSQL delivers them, as a
bump itself comes just after the commit. Without a listener (it cannot connect, or
`SAMSKAP_VERSIONS_ANNOUNCED=off` behind a pooler that does not keep LISTEN, such as PgBouncer in
transaction mode), the versions are read with the query.

On SQLite (a database file) a process keeps the versions it last read, per connection, with the file's
`PRAGMA data_version` at that moment: SQLite changes that number whenever another connection commits, so
while it is unchanged (and this connection wrote no versions itself) the versions are the same and cost no
query. Only outside a transaction: inside one, what is read depends on the transaction (and a test's
transaction is rolled back, which would take versions back).
"""

import functools
import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

import psycopg
from django.apps import apps
from django.conf import settings
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper

from samskap.kernel.postgresql.listener import Listener

#: A statement that writes to a table: the table is group 1 (INSERT, UPDATE, DELETE) or group 2 (a COPY into
#: it, `kernel.bulk.copy_rows`; a COPY ... TO only reads).
WRITE = re.compile(
    r'^\s*(?:(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z0-9_]+)"?|COPY\s+"?([A-Za-z0-9_]+)"?\s*(?:\([^)]*\)\s*)?FROM\b)',
    re.IGNORECASE,
)
TABLE = "kernel_data_version"
SEQUENCE_PREFIX = "kernel_version_"
SCOPE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# The kernel's own tables (claims of scheduled runs, delivery records) and the accounts' (logins) are
# shown on no public page.
UNTRACKED = {"kernel", "accounts"}

_scopes_by_table: dict[str, str] = {}
_enabled = True


def scopes_by_table() -> dict[str, str]:
    """{database table: scope} for every model of a Samskap app."""
    if not _scopes_by_table:
        for model in apps.get_models(include_auto_created=True):
            label = model._meta.app_label
            if model.__module__.startswith("samskap.") and label not in UNTRACKED:
                _scopes_by_table[model._meta.db_table] = label
    return _scopes_by_table


@functools.cache
def all_scopes() -> tuple[str, ...]:
    """Every scope: what a read that shows a bit of everything depends on."""
    return tuple(sorted(set(scopes_by_table().values())))


def enable(on: bool) -> None:
    """Off while migrations run (the table may not exist yet); see `kernel.apps`."""
    global _enabled
    _enabled = on


def _in_test_transaction(wrapper: BaseDatabaseWrapper) -> bool:
    """Inside a test case's transaction, which never commits: the bump is made at once instead (no other
    connection runs there, so no lock is held against anyone)."""
    return any(getattr(block, "_from_testcase", False) for block in wrapper.atomic_blocks)


def _sequence(scope: str) -> str:
    """The sequence of a scope (an app label: the name goes into SQL, so it is checked)."""
    if not SCOPE_NAME.match(scope):
        raise ValueError(f"not a scope: {scope!r}")
    return SEQUENCE_PREFIX + scope


def _in_sequences(wrapper: BaseDatabaseWrapper) -> bool:
    return wrapper.vendor == "postgresql"


def ensure_sequences(using: str = "default") -> None:
    """Create the sequence of every scope that has none (PostgreSQL; after every `migrate`)."""
    wrapper = connections[using]
    if not _in_sequences(wrapper):
        return
    with wrapper.cursor() as cursor:
        for scope in all_scopes():
            cursor.execute(f"CREATE SEQUENCE IF NOT EXISTS {_sequence(scope)}")


def _write(wrapper: BaseDatabaseWrapper, scopes: Iterable[str]) -> None:
    names = sorted(set(scopes))
    if not names:
        return
    if _in_sequences(wrapper):
        known = [name for name in names if name in all_scopes()]  # only scopes have a sequence
        if known:
            # "scope:version scope:version", announced to every listening process at this statement's
            # commit (MATERIALIZED: each nextval is called once).
            values = " || ' ' || ".join(f"'{name}:' || nextval('{_sequence(name)}')" for name in known)
            with wrapper.cursor() as cursor:
                cursor.execute(
                    f"WITH bump AS MATERIALIZED (SELECT {values} AS announced) "  # noqa: S608 (checked names)
                    f"SELECT announced, pg_notify('{CHANNEL}', announced) FROM bump"
                )
                row = cursor.fetchone()
            if wrapper.alias == "default":
                _heard(row[0])  # this process's own bump counts at once
        return
    rows = ", ".join(["(%s, 1)"] * len(names))
    _forget_seen(wrapper)
    with wrapper.cursor() as cursor:
        # One statement for all the scopes a transaction wrote to: on PostgreSQL each statement outside a
        # transaction is a commit of its own (a WAL flush), and a submission writes to several scopes.
        # The rows are locked in name order, so two bumps cannot deadlock, and only for the statement.
        cursor.execute(
            f"INSERT INTO {TABLE} (scope, version) VALUES {rows} "  # noqa: S608 (a constant table name)
            f"ON CONFLICT (scope) DO UPDATE SET version = {TABLE}.version + 1",
            names,
        )


def bump(*scopes: str, using: str = "default") -> None:
    """Mark these scopes changed, after the current transaction commits (or now, outside one)."""
    wrapper = connections[using]
    if not _enabled or not scopes:
        return
    if not wrapper.in_atomic_block or _in_test_transaction(wrapper):
        _write(wrapper, scopes)
        return
    # One callback per transaction, which bumps every scope written to in one statement. Django drops the
    # callbacks of a rolled-back transaction or savepoint. A callback still registered is one whose
    # savepoints are either still open (and then enclose this write too, so a rollback drops both) or
    # released (and then can no longer be rolled back alone): adding this write's scopes to it is safe.
    # A scope added from a savepoint later rolled back is bumped all the same: a needless cache miss.
    for entry in reversed(wrapper.run_on_commit):
        if isinstance(entry[1], _Bump):
            entry[1].scopes.update(scopes)
            return
    wrapper.on_commit(_Bump(wrapper, set(scopes)), robust=True)


class _Bump:
    def __init__(self, wrapper: BaseDatabaseWrapper, scopes: set[str]) -> None:
        self.wrapper = wrapper
        self.scopes = scopes

    def __call__(self) -> None:
        _write(self.wrapper, self.scopes)


def track_writes(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
    """The execute wrapper: run the statement, then note the scope of the table it wrote to."""
    result = execute(sql, params, many, context)
    match = WRITE.match(sql)
    if match is None:
        return result
    cursor: CursorWrapper = context["cursor"]
    table = match.group(1) or match.group(2)
    if table == TABLE:
        _forget_seen(cursor.db)
        if sql.lstrip()[:6].upper() != "INSERT":  # not a bump: the versions may have gone back (a flush)
            with _lock:
                _remembered.clear()
    elif _enabled:
        scope = scopes_by_table().get(table)
        if scope is not None:
            bump(scope, using=cursor.db.alias)
    return result


def install(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """`connection_created` receiver: every new connection tracks its writes."""
    if track_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(track_writes)


def _sequence_values(names: Iterable[str]) -> str:
    """The SQL columns of these scopes' versions. A sequence never called says its start value with
    is_called false: that is version 0; a name that is not a scope was never written to (the names in
    the SQL are checked scope names)."""
    return ", ".join(
        f"(SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {_sequence(name)})"  # noqa: S608
        if name in all_scopes()
        else "0"
        for name in names
    )


def stamp(scopes: Iterable[str]) -> str:
    """The version of what a read shows, in one indexed query (none on PostgreSQL while this process
    hears the announced versions); a scope never written to is 0."""
    names = sorted(set(scopes))
    known = _known_stamp(names)
    if known is not None:
        return known
    if _in_sequences(connection):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {_sequence_values(names)}")
            row = cursor.fetchone()
        return ".".join(str(value) for value in row)
    placeholders = ", ".join(["%s"] * len(names))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT scope, version FROM {TABLE} WHERE scope IN ({placeholders})", names)  # noqa: S608
        found = dict(cursor.fetchall())
    return ".".join(str(found.get(name, 0)) for name in names)


CHANNEL = "samskap_versions"
#: The versions announced on PostgreSQL, as this process has heard them (the highest of each scope: two
#: bumps' announcements may arrive in either order, and a sequence only goes up).
_known: dict[str, int] = {}
_lock = threading.Lock()


def _announced() -> bool:
    return bool(getattr(settings, "VERSIONS_ANNOUNCED", True))


def _heard_stamp(names: Iterable[str]) -> str:
    """The stamp of these scopes from the versions heard, as `stamp` writes it (a scope not heard of is 0)."""
    with _lock:
        return ".".join(str(_known.get(name, 0)) for name in names)


def _known_stamp(names: Iterable[str]) -> str | None:
    """The stamp of these scopes without a query, when this process knows the versions: heard on
    PostgreSQL, seen unchanged on SQLite; else None."""
    if _in_sequences(connection):
        return _heard_stamp(names) if _announced() and _listener.poll() else None
    return _seen_stamp(connections["default"], names)


#: SQLite: per connection, the versions it last read, with the database file's data_version then.
_seen: "weakref.WeakKeyDictionary[BaseDatabaseWrapper, tuple[Any, int, dict[str, int]]]" = weakref.WeakKeyDictionary()


def _seen_stamp(wrapper: BaseDatabaseWrapper, names: Iterable[str]) -> str | None:
    """SQLite: the stamp from the versions this connection last read, read again only when another
    connection has committed since (`PRAGMA data_version`); None inside a transaction or for a database
    in memory (shared between connections in one process, whose commits that number does not count)."""
    if wrapper.vendor != "sqlite" or wrapper.in_atomic_block or wrapper.is_in_memory_db():  # type: ignore[attr-defined]
        return None
    wrapper.ensure_connection()
    raw = wrapper.connection
    data_version = raw.execute("PRAGMA data_version").fetchone()[0]
    seen = _seen.get(wrapper)
    if seen is None or seen[0] is not raw or seen[1] != data_version:
        with wrapper.cursor() as cursor:
            cursor.execute(f"SELECT scope, version FROM {TABLE}")  # noqa: S608 (a constant table name)
            seen = (raw, data_version, dict(cursor.fetchall()))
        _seen[wrapper] = seen
    return ".".join(str(seen[2].get(name, 0)) for name in names)


def _forget_seen(wrapper: BaseDatabaseWrapper) -> None:
    """This connection changed the versions itself: SQLite's data_version does not count its own commits."""
    _seen.pop(wrapper, None)


def _heard(announced: str) -> None:
    with _lock:
        for part in announced.split():
            name, _colon, value = part.partition(":")
            if value.isdigit() and int(value) > _known.get(name, 0):
                _known[name] = int(value)


def _read_all(listening: psycopg.Connection[Any]) -> None:
    """Every scope's version, read once the listener listens (what was announced before is in it)."""
    names = all_scopes()
    row = listening.execute(f"SELECT {_sequence_values(names)}").fetchone()
    assert row is not None
    _heard(" ".join(f"{name}:{value}" for name, value in zip(names, row, strict=True)))


_listener = Listener(CHANNEL, lambda: connections["default"].get_connection_params(), start=_read_all, heard=_heard)


TABLES_READ = re.compile(r'\b(?:FROM|JOIN)\s+"?([A-Za-z0-9_]+)', re.IGNORECASE)
REMEMBERED = 10_000  # stamps kept per process (a few hundred bytes each)
_remembered: OrderedDict[tuple[str, tuple[Any, ...]], tuple[str, Any]] = OrderedDict()


@functools.cache
def _scopes_read(sql: str) -> tuple[str, ...] | None:
    """The scopes of the tables a query reads; None when one of them is not a scope's."""
    scopes = []
    for table in TABLES_READ.findall(sql):
        scope = scopes_by_table().get(table)
        if scope is None:
            return None
        scopes.append(scope)
    return tuple(sorted(set(scopes))) or None


def read_unless_unchanged(sql: str, params: list[Any], read: Callable[[], Any]) -> Any:
    """`read()`, the result of this query over Samskap tables, or the result it gave last time in this
    process if no table it reads has been written to since (on PostgreSQL, where the versions are
    announced: a plan's or a commitment's own stamp then costs no query either). Every write to a table
    bumps its scope, so an unchanged version of each scope read means an unchanged result. So also on
    SQLite outside a transaction, while the versions are seen unchanged."""
    scopes = _scopes_read(sql)
    seen = _known_stamp(scopes) if scopes is not None else None  # before the read: a write after it counts
    if seen is None:
        return read()
    key = (sql, tuple(params))
    with _lock:
        kept = _remembered.get(key)
        if kept is not None and kept[0] == seen:
            _remembered.move_to_end(key)
            return kept[1]
    value = read()
    with _lock:
        _remembered[key] = (seen, value)
        _remembered.move_to_end(key)
        while len(_remembered) > REMEMBERED:
            _remembered.popitem(last=False)
    return value
