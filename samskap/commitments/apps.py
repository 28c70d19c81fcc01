from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _keep_search_index(using: str = "default", **kwargs: Any) -> None:
    """SQLite rebuilds a table to alter it, which drops its triggers: put back the search index's (0005).
    A no-op when they are there."""
    from django.db import connections

    from samskap.kernel.search import TRIGRAMS, ensure_fts

    for table in ("commitments_commitment", "commitments_milestone"):
        ensure_fts(connections[using], table, tokenize=TRIGRAMS)


class CommitmentsConfig(AppConfig):
    name = "samskap.commitments"
    label = "commitments"

    def ready(self) -> None:
        post_migrate.connect(_keep_search_index, sender=self, dispatch_uid="commitments_search_index")
