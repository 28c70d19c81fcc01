"""What reading the data's versions costs (`kernel.versions.stamp`), for tests that count queries."""

from django.conf import settings
from django.db import connection


def stamp_queries() -> int:
    """None on PostgreSQL, where the versions are announced and this process listens; one elsewhere."""
    return 0 if connection.vendor == "postgresql" and settings.VERSIONS_ANNOUNCED else 1
