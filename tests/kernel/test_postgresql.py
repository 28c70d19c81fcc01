"""The PostgreSQL backend's health check (`kernel.postgresql`): a reused connection is checked without a
round trip, and one the server ended is still found out and replaced."""

from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.db.backends.postgresql.base import DatabaseWrapper as DjangoWrapper

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_quiet_connection_is_used_without_a_query(monkeypatch):
    connection.ensure_connection()
    asked: list[str] = []

    def select_one(self: DjangoWrapper) -> bool:
        asked.append("SELECT 1")
        return True

    monkeypatch.setattr(DjangoWrapper, "is_usable", select_one)
    assert connection.is_usable()
    assert asked == []  # no SELECT 1


def test_a_connection_the_server_ended_is_replaced():
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])  # returns once it has ended
    assert not connection.is_usable()
    # What Django does before a request's first query when health checks are on: the next query works.
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"]
    wrapper: Any = connection
    wrapper.health_check_enabled = True
    wrapper.health_check_done = False
    wrapper.close_if_health_check_failed()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid
