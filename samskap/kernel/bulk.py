"""Inserting many rows: `bulk_create` without its cost per value.

`bulk_create` builds and compiles an expression for every value of every object (most of an import's
time). Here the values are prepared as Django prepares them and sent in one COPY per batch on PostgreSQL
(`copy_rows`), in multi-row INSERTs on SQLite.
`insert_all` leaves the ids unread (change records, copies of a source's rows, pairs of a many-to-many
relation); `insert_and_read_ids` reads them back in one query per batch by a key the caller knows is
unique (the way `bulk_create` fills them, without its compilation).
"""

import contextlib
import datetime
import functools
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from django.db import connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper

BATCH = 1000
#: SQLite: rows in one INSERT at most (a power of two). Measured on the IRM import: 64 rows were faster and
#: held 12 MB less in SQLite's statement cache than 512; one row a statement was the slowest.
MOST_ROWS = 64


def insert_all(model: type[models.Model], objects: Sequence[models.Model], *, using: str = "default") -> None:
    """INSERT the objects (unsaved) like `bulk_create`; their ids stay None. Sends no signals, as
    `bulk_create` does not either."""
    if not objects:
        return
    auto = model._meta.auto_field  # the id the database gives
    fields = [f for f in model._meta.concrete_fields if f is not auto]
    for start in range(0, len(objects), BATCH):
        rows = [[f.pre_save(obj, True) for f in fields] for obj in objects[start : start + BATCH]]
        _insert(model, fields, rows, using)


def insert_rows(
    model: type[models.Model], names: Sequence[str], rows: Sequence[Sequence[Any]], *, using: str = "default"
) -> None:
    """INSERT rows given as the values of the fields `names` (attribute names: "plan_id"), prepared as
    `insert_all` prepares an object's, without building a model instance per row (a writer of many rows whose
    objects are never used again: change records). The other fields get their default, evaluated once per
    call (a callable default such as `timezone.now` gives every row the same value)."""
    if not rows:
        return
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    auto = model._meta.auto_field
    given = [by_attname[name] for name in names]
    others = [f for f in model._meta.concrete_fields if f is not auto and f.attname not in names]
    defaults = [f.get_default() for f in others]
    for start in range(0, len(rows), BATCH):
        _insert(model, [*given, *others], [[*row, *defaults] for row in rows[start : start + BATCH]], using)


def _insert(
    model: type[models.Model], fields: Sequence[models.Field[Any, Any]], rows: list[list[Any]], using: str
) -> None:
    """INSERT rows of values of `fields`, each prepared as Django prepares it (`_preparer`)."""
    connection = connections[using]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    values = rows  # prepared in place, a column at a time: no call for a value sent as it is
    for column, field in enumerate(fields):
        prepare, as_they_are = _preparer(field, connection)
        for row_values in values:
            value = row_values[column]
            if type(value) not in as_they_are:
                row_values[column] = prepare(value)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            copy_rows(cursor, model._meta.db_table, [f.column for f in fields], values)
            return
        row = "(" + ", ".join(["%s"] * len(fields)) + ")"
        sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES "  # noqa: S608
        per_statement = _rows_per_statement(connection, len(fields))
        first = 0
        while first < len(values):
            # Groups of a power of two rows: a few statement texts, so SQLite's cache of compiled
            # statements (a thousand-row INSERT is large) holds a few per table, whatever the counts.
            size = min(per_statement, 1 << ((len(values) - first).bit_length() - 1))
            group = values[first : first + size]
            cursor.execute(sql + ", ".join([row] * size), [value for row_values in group for value in row_values])
            first += size


def insert_values(table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], *, using: str = "default") -> None:
    """INSERT rows of plain values (ids, texts, numbers: sent as they are) into a table's columns: pairs of a
    many-to-many relation, a temporary table's rows. PostgreSQL: one COPY (`copy_rows`); SQLite: one
    `executemany` of a one-row INSERT (a single compiled statement; no FTS index to flush there)."""
    if not rows:
        return
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            copy_rows(cursor, table, columns, rows)
            return
        quote = connection.ops.quote_name
        placeholders = ", ".join(["%s"] * len(columns))
        cursor.executemany(
            f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) VALUES ({placeholders})",  # noqa: S608
            rows,
        )


def copy_rows(cursor: CursorWrapper, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """PostgreSQL: write the rows (values as `cursor.execute` takes them) into the table's columns with one
    `COPY ... FROM STDIN`, in the cursor's transaction. Django's backend binds every value on the client, so an
    INSERT per row (`executemany`) was a statement text the server parsed and planned for each row. Measured on
    a 10x IRM import: the commitments' INSERTs 1.75 s of PostgreSQL's CPU, their COPY 0.45 s; the pairs of ids
    and the assessments half. (Rows of long jsonb cost their compression instead: see `quick_compression`.)

    COPY is no `cursor.execute`: it is sent through the connection's execute wrappers all the same (as many
    rows, with the COPY's text; `kernel.versions` sees the write by it), logged as a query when queries are
    logged, and its errors are Django's (an IntegrityError for a constraint), as an INSERT's."""
    db = cursor.db
    quote = db.ops.quote_name
    sql = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"

    def copy(sql: str, params: Iterable[Sequence[Any]], many: bool, context: dict[str, Any]) -> None:
        db.validate_no_broken_transaction()
        with db.wrap_database_errors, cursor.cursor.copy(sql) as stream:
            write = stream.write_row
            for row in params:
                write(row)

    executor: Callable[..., Any] = copy
    context = {"connection": db, "cursor": cursor}
    for wrapper in reversed(db.execute_wrappers):  # as `CursorWrapper._execute_with_wrappers` chains them
        executor = functools.partial(wrapper, executor)
    logged = (
        cursor.debug_sql(sql, rows, many=True) if isinstance(cursor, CursorDebugWrapper) else contextlib.nullcontext()
    )
    with logged:
        executor(sql, rows, True, context)


#: Values whose prepared form depends on the field alone, prepared once per field and batch.
_REPEATED = (type(None), bool, datetime.datetime, datetime.date)


def _preparer(field: models.Field[Any, Any], connection: BaseDatabaseWrapper) -> tuple[Callable[[Any], Any], set[type]]:
    """`field.get_db_prep_save` for one insert, and the kinds of value it gives back as they are (not to be
    called for): a text of a plain text field (what Django's preparation returns for it), an integer once the
    field gave the first one back as it was (ids, numbers). A repeated value (None, a flag, the import's
    timestamp) is prepared once; everything else as Django prepares it. Half a million calls in a long import
    otherwise."""
    kind = type(field)
    plain_text = (
        kind.get_db_prep_save is models.Field.get_db_prep_save
        and kind.get_db_prep_value is models.Field.get_db_prep_value
        and kind.get_prep_value in (models.CharField.get_prep_value, models.TextField.get_prep_value)
    )
    as_they_are: set[type] = {str} if plain_text else set()
    prepared: dict[tuple[type, Any], Any] = {}
    integers_seen: list[bool] = []  # after the first integer (an id: as it is, or not)

    def prepare(value: Any) -> Any:
        kind_of_value = type(value)
        if kind_of_value in as_they_are:
            return value
        if kind_of_value is int and not integers_seen:
            result = field.get_db_prep_save(value, connection)
            integers_seen.append(True)
            if type(result) is int and result == value:
                as_they_are.add(int)
            return result
        if kind_of_value in _REPEATED:
            key = (kind_of_value, value)
            if key not in prepared:
                prepared[key] = field.get_db_prep_save(value, connection)
            return prepared[key]
        return field.get_db_prep_save(value, connection)

    return prepare, as_they_are


def _rows_per_statement(connection: BaseDatabaseWrapper, columns: int) -> int:
    """SQLite: up to `MOST_ROWS` rows in one INSERT, within its limit of parameters. A table indexed by FTS5
    (`kernel.search.ensure_fts`) flushes its index at the end of every statement: a row per statement made
    the commitments' index 4 times slower to write. (PostgreSQL: a batch is one COPY, `copy_rows`.)"""
    connection.ensure_connection()
    limit: int = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    most = max(1, min(MOST_ROWS, limit // max(1, columns)))
    return 1 << (most.bit_length() - 1)  # a power of two (see insert_all)


def insert_and_read_ids(
    model: type[models.Model], objects: Sequence[models.Model], *, key: tuple[str, str], using: str = "default"
) -> None:
    """INSERT the objects (unsaved) like `bulk_create` and give them their ids, read back by `key`: two
    columns (attribute names, e.g. ("plan_id", "slug")) unique among the table's rows, such as a unique
    constraint's. The objects are then saved ones (`_state.adding` False), as after `bulk_create`."""
    if not objects:
        return
    insert_all(model, objects, using=using)
    first, second = key
    manager = model._default_manager.db_manager(using)
    for start in range(0, len(objects), BATCH):
        batch = objects[start : start + BATCH]
        wanted = {(getattr(obj, first), getattr(obj, second)): obj for obj in batch}
        found = manager.filter(
            **{f"{first}__in": {a for a, _b in wanted}, f"{second}__in": {b for _a, b in wanted}}
        ).values_list("pk", first, second)
        # Unordered: a model's default order (a commitment's joins its plan) would only cost a join and a sort.
        for pk, a, b in found.order_by().iterator():
            obj = wanted.pop((a, b), None)
            if obj is not None:  # another row may share one of the two values, not both
                obj.pk = pk
                obj._state.adding = False
                obj._state.db = using
        if wanted:
            raise RuntimeError(f"{len(wanted)} inserted {model.__name__} rows not found by {key}")


@contextlib.contextmanager
def quick_compression(using: str = "default") -> Iterator[None]:
    """Inside a transaction that writes many long values (an import's jsonb rows and change records, its long
    texts): on PostgreSQL those are compressed with lz4 instead of the default pglz, when the server has lz4.
    Measured on the IRM import's 5,580 rows (50 MB of JSON): 2.2 s with pglz, 1.0 s with lz4, for 15 % more
    space. A value is read back the same whichever way it was compressed. The setting is the transaction's
    own (`set_config(..., true)`: a rollback undoes it too) and put back at the end."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('default_toast_compression'), set_config('default_toast_compression', 'lz4', true) "
            "FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
        )
        row = cursor.fetchone()
    yield
    if row is not None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('default_toast_compression', %s, true)", [row[0]])
