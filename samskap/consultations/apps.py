from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _keep_search_index(using: str = "default", **kwargs: Any) -> None:
    """SQLite rebuilds a table to alter it, which drops its triggers: put back the search index's (0007).
    A no-op when they are there."""
    from django.db import connections

    from samskap.consultations.text import SEARCH_INDEX
    from samskap.kernel.search import ensure_fts

    ensure_fts(connections[using], "consultations_submission", **SEARCH_INDEX)


class ConsultationsConfig(AppConfig):
    name = "samskap.consultations"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        post_migrate.connect(_keep_search_index, sender=self, dispatch_uid="consultations_search_index")
