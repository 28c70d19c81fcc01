"""Inserting many rows that nothing reads back: `bulk_create` without its cost per value.

`bulk_create` builds and compiles an expression for every value of every object (most of an import's
time). For rows whose ids nobody needs afterwards (change records, copies of a source's rows, pairs of
a many-to-many relation), the values are prepared as Django prepares them and sent in one
`executemany` per batch.
"""

from collections.abc import Sequence

from django.db import connections, models

BATCH = 1000


def insert_all(model: type[models.Model], objects: Sequence[models.Model], *, using: str = "default") -> None:
    """INSERT the objects (unsaved) like `bulk_create`; their ids stay None. Sends no signals, as
    `bulk_create` does not either."""
    if not objects:
        return
    connection = connections[using]
    auto = model._meta.auto_field  # the id the database gives
    fields = [f for f in model._meta.concrete_fields if f is not auto]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(objects), BATCH):
            cursor.executemany(
                sql,
                [
                    [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
                    for obj in objects[start : start + BATCH]
                ],
            )
