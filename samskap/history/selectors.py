"""Reading the change history as a timeline a person can follow."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.utils import formats
from django.utils.translation import gettext

from samskap.history.models import ChangeRecord
from samskap.kernel.registry import withheld_changes


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


def _display(field: models.Field[Any, Any] | None, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "\u2014"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(field, models.DateField) and isinstance(value, str):
        try:
            return formats.date_format(datetime.date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def describe(record: ChangeRecord) -> list[FieldChange]:
    """The record's field changes with labels and values in the reader's language."""
    model = record.content_type.model_class()
    changes = []
    for name, change in record.changes.items():
        field: Any = None
        if model is not None:
            try:
                field = model._meta.get_field(name)
            except Exception:  # a field removed since the change was recorded
                field = None
        label = str(getattr(field, "verbose_name", name))
        changes.append(
            FieldChange(
                label=label[:1].upper() + label[1:],
                old=_display(field, change.get("old")),
                new=_display(field, change.get("new")),
            )
        )
    return changes


def _timeline(records: QuerySet[ChangeRecord], limit: int) -> list[dict[str, Any]]:
    rows = records.select_related("content_type")[:limit]
    return [{"record": record, "kind": _kind(record), "changes": describe(record)} for record in rows]


def _kind(record: ChangeRecord) -> str:
    model = record.content_type.model_class()
    return str(model._meta.verbose_name) if model is not None else ""


def without_withheld(records: QuerySet[ChangeRecord]) -> QuerySet[ChangeRecord]:
    """The records less those an app keeps out of the public history (`kernel.registry.withheld_changes`)."""
    for withheld in withheld_changes:
        records = records.exclude(withheld())
    return records


def timeline_for_commitment(commitment_id: int, limit: int = 100) -> list[dict[str, Any]]:
    return _timeline(without_withheld(ChangeRecord.objects.filter(commitment_id=commitment_id)), limit)


def timeline_for_plan(plan_id: int, limit: int = 50) -> list[dict[str, Any]]:
    """Changes to the plan itself and its themes; commitments keep their own timelines."""
    return _timeline(without_withheld(ChangeRecord.objects.filter(plan_id=plan_id, commitment__isnull=True)), limit)


def public_changes() -> QuerySet[ChangeRecord]:
    """Changes anyone may read: not those of a plan still being drafted (`plans`' `published_at`), nor those
    an app withholds (`kernel.registry.withheld_changes`: e.g. a local activity before it is accepted)."""
    return without_withheld(ChangeRecord.objects.filter(Q(plan__isnull=True) | Q(plan__published_at__isnull=False)))


def recent_changes(limit: int = 8) -> list[dict[str, Any]]:
    return _timeline(public_changes().select_related("plan__jurisdiction", "commitment__plan__jurisdiction"), limit)
