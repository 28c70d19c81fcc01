"""Database sessions that bring their user: one query per signed-in request reads the session row, its
user and the user's role grants (`SESSION_ENGINE = "samskap.accounts.sessions"`).

Django's own database sessions take three queries for that (the session, the user, then the roles for
the permission checks); on PostgreSQL each is a round trip. Nothing is kept between requests: every
request reads the row again, so a logout (the row deleted), an expiry, a password change (the session's
auth hash, checked by `SessionUserMiddleware` exactly as Django checks it) and a revoked role take effect
at once on every app server.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from samskap.accounts.models import RoleGrant, Session, User
from samskap.accounts.permissions import keep_grants

_USER_FIELDS = User._meta.concrete_fields


def _user_converters(database: BaseDatabaseWrapper) -> list[tuple[list[Callable[..., Any]], Any]]:
    """What the ORM does to each user column read from this database (dates, booleans, JSON), worked out
    once per connection."""
    known = getattr(database, "_samskap_user_converters", None)
    if known is None:
        columns = [field.get_col(User._meta.db_table) for field in _USER_FIELDS]
        known = [(database.ops.get_db_converters(c) + c.get_db_converters(database), c) for c in columns]
        setattr(database, "_samskap_user_converters", known)  # noqa: B010
    return known


def _sql(database: BaseDatabaseWrapper) -> str:
    """The session row, its user's columns, then one row per role grant (NULLs when there is none). Plain
    SQL: the ORM would spend more compiling it than the database spends answering it."""
    known = getattr(database, "_samskap_session_sql", None)
    if known is None:
        q = database.ops.quote_name
        user_columns = ", ".join(f"u.{q(field.column)}" for field in _USER_FIELDS)
        known = (
            f"SELECT s.{q('session_data')}, {user_columns}, g.{q('role')}, g.{q('jurisdiction_id')}, "  # noqa: S608 (names from the models; values are parameters)
            f"g.{q('organisation_id')} FROM {q(Session._meta.db_table)} s "
            f"LEFT JOIN {q(User._meta.db_table)} u ON u.{q('id')} = s.{q('user_id')} "
            f"LEFT JOIN {q(RoleGrant._meta.db_table)} g ON g.{q('user_id')} = u.{q('id')} "
            f"WHERE s.{q('session_key')} = %s AND s.{q('expire_date')} > %s"
        )
        setattr(database, "_samskap_session_sql", known)  # noqa: B010
    return known


class SessionStore(DatabaseSessionStore):
    """`loaded_user` is the session's user, read with the session (None for an anonymous session, an
    inactive or missing user, or before the session is loaded); `SessionUserMiddleware` uses it only
    when it is the user the session's signed data names."""

    loaded_user: User | None = None

    @classmethod
    def get_model_class(cls) -> type[Session]:
        return Session

    def _get_session_from_db(self) -> Any:
        self.loaded_user = None
        if self.session_key is None:
            return None
        database = connections[router.db_for_read(Session)]
        with database.cursor() as cursor:
            now = database.ops.adapt_datetimefield_value(timezone.now())
            cursor.execute(_sql(database), [self.session_key, now])
            rows = cursor.fetchall()
        if not rows:
            self._session_key = None
            return None
        first = rows[0]
        values = first[1 : 1 + len(_USER_FIELDS)]
        if values[0] is not None:
            converted = []
            for value, (converters, column) in zip(values, _user_converters(database), strict=True):
                for convert in converters:
                    value = convert(value, column, database)
                converted.append(value)
            user = User.from_db(database.alias, [field.attname for field in _USER_FIELDS], converted)
            keep_grants(user, (row[-3:] for row in rows if row[-3] is not None))
            self.loaded_user = user
        return Session(session_key=self.session_key, session_data=first[0])

    def create_model_instance(self, data: dict[str, Any]) -> AbstractBaseSession:
        session = super().create_model_instance(data)
        assert isinstance(session, Session)
        try:
            session.user_id = int(data[SESSION_KEY])
        except (KeyError, TypeError, ValueError):
            session.user_id = None
        return session
