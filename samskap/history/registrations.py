"""What the history app adds: the change history as a download file, the latest changes on the home page."""

import json
from typing import Any

from django.http import HttpRequest

from samskap.history.models import ChangeRecord
from samskap.history.selectors import public_changes, recent_changes, without_withheld
from samskap.kernel.registry import Panel, download_kinds, home_panels
from samskap.kernel.tabular import Column, Kind, attr, fields

download_kinds.register(
    "changes",
    Kind(
        "changes",
        "The change history: who changed what and when (changes as JSON)",
        [
            Column("id", "id", attr("pk")),
            Column("object_type", "What changed (model)", lambda r: r.content_type.model),
            *fields(ChangeRecord, ["object_id", "object_repr", "plan", "commitment", "action"]),
            Column("changes", "Changed fields with old and new values (JSON)", lambda r: json.dumps(r.changes)),
            *fields(ChangeRecord, ["actor_name", "created_at"]),
        ],
        lambda plan: (
            without_withheld(ChangeRecord.objects.filter(plan=plan)) if plan else public_changes()
        ).select_related("content_type"),
        position=100,
    ),
)


def _latest_changes(request: HttpRequest | None, subject: Any) -> dict[str, Any]:
    return {"changes": recent_changes(limit=8)}


home_panels.register("changes", Panel("history/panels/home.html", _latest_changes, order=50))
