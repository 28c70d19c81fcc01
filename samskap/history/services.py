"""Recording changes. Every service that writes something public records it here; recording a change also
marks the cached pages of its plan and commitment as stale (one owner for "this changed")."""

import functools
from collections.abc import Collection
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from samskap.history.models import ChangeRecord
from samskap.kernel.types import Actor, person

# Fields that change on every save and say nothing to a reader.
UNTRACKED_FIELDS = frozenset({"id", "updated_at", "created_at", "slug", "search_text", "search_config"})

Snapshot = dict[str, Any]


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str | list):
        return value
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


@functools.cache  # an import snapshots tens of thousands of objects of a few models
def _tracked_fields(model: type[models.Model]) -> tuple[tuple[str, str], ...]:
    """(name, attribute to read) of a model's tracked fields: a relation's object (shown by its name), else
    the field's own value."""
    return tuple(
        (field.name, field.name if field.is_relation else field.attname)
        for field in model._meta.concrete_fields
        if field.name not in UNTRACKED_FIELDS
    )


def snapshot(instance: models.Model, *, extra: Snapshot | None = None) -> Snapshot:
    """The tracked values of an instance, as JSON-ready values (foreign keys as their names)."""
    fields = _tracked_fields(type(instance))
    values: Snapshot = {name: _plain(getattr(instance, attribute)) for name, attribute in fields}
    if extra:
        values.update(extra)
    return values


def snapshot_of(model: type[models.Model], values: dict[str, Any]) -> Snapshot:
    """What `snapshot` gives for an instance of `model` with these values (by field name, a relation's object)
    for all its tracked fields, without building the instance (a writer of many rows: the IRM import)."""
    return {name: _plain(values[name]) for name, _attribute in _tracked_fields(model)}


def change_record(
    *,
    actor: Actor,
    instance: models.Model,
    before: Snapshot | None,
    after: Snapshot,
    plan_id: int | None,
    commitment_id: int | None = None,
    deleted: bool = False,
) -> ChangeRecord | None:
    """The change record between two snapshots, not saved (for writers in bulk: `bulk_create` them, and
    refresh the pages of their scopes once). None when nothing changed."""
    if deleted:
        action = ChangeRecord.Action.DELETED
        changes = {name: {"old": value, "new": None} for name, value in after.items()}
    elif before is None:
        action = ChangeRecord.Action.CREATED
        changes = {name: {"old": None, "new": value} for name, value in after.items() if value not in (None, "", [])}
    else:
        action = ChangeRecord.Action.UPDATED
        changes = {
            name: {"old": before.get(name), "new": value} for name, value in after.items() if before.get(name) != value
        }
        if not changes:
            return None
    user = person(actor)
    return ChangeRecord(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=instance.pk,
        object_repr=str(instance)[:300],
        plan_id=plan_id,
        commitment_id=commitment_id,
        action=action,
        changes=changes,
        actor=user,
        actor_name=(user.get_full_name() if user else "") or "",
    )


def record_change(
    *,
    actor: Actor,
    instance: models.Model,
    before: Snapshot | None,
    after: Snapshot,
    plan_id: int | None,
    commitment_id: int | None = None,
    deleted: bool = False,
) -> ChangeRecord | None:
    """Store what changed between two snapshots. Returns None when nothing changed."""
    record = change_record(
        actor=actor,
        instance=instance,
        before=before,
        after=after,
        plan_id=plan_id,
        commitment_id=commitment_id,
        deleted=deleted,
    )
    if record is None:
        return None
    refresh_pages(plan_id=plan_id, commitment_id=commitment_id)
    record.save(force_insert=True)
    return record


def refresh_pages(*, plan_id: int | None, commitment_id: int | None) -> None:
    """Public pages are cached under the `updated_at` of their plan and commitment (samskap.kernel.pages):
    every recorded change bumps the stamps of its scope, so no service has to remember to."""
    now = timezone.now()
    for name, pk in (("commitment", commitment_id), ("plan", plan_id)):
        if pk is not None:
            model = ChangeRecord._meta.get_field(name).related_model
            model._default_manager.filter(pk=pk).update(updated_at=now)  # type: ignore[union-attr]


def refresh_plan_pages(*, plan_ids: Collection[int]) -> None:
    """`refresh_pages` for many plans at once (a writer in bulk: one query)."""
    if plan_ids:
        ChangeRecord._meta.get_field("plan").related_model._default_manager.filter(  # type: ignore[union-attr]
            pk__in=sorted(plan_ids)
        ).update(updated_at=timezone.now())


def save_tracked(
    *,
    actor: Actor,
    instance: models.Model,
    values: dict[str, Any],
    related: dict[str, list[models.Model]] | None = None,
) -> ChangeRecord | None:
    """Set values, validate, save and record the change. Many-to-many sets go in `related`.

    The instance's `history_scope()` names the plan and commitment the change belongs to.
    Raises ValidationError (nothing saved) when the values break a model rule.
    """
    creating = instance.pk is None
    related = related or {}
    before = None if creating else snapshot(instance, extra=_related_names(instance, list(related)))
    for name, value in values.items():
        setattr(instance, name, value)
    if hasattr(instance, "updated_at"):
        instance.updated_at = timezone.now()
    instance.full_clean()
    instance.save()
    for name, objects in related.items():
        getattr(instance, name).set(objects)
    after = snapshot(instance, extra={name: sorted(str(o) for o in objects) for name, objects in related.items()})
    plan_id, commitment_id = instance.history_scope()  # type: ignore[attr-defined]
    return record_change(
        actor=actor,
        instance=instance,
        before=before,
        after=after,
        plan_id=plan_id,
        commitment_id=commitment_id,
    )


def delete_tracked(*, actor: Actor, instance: models.Model) -> None:
    plan_id, commitment_id = instance.history_scope()  # type: ignore[attr-defined]
    record_change(
        actor=actor,
        instance=instance,
        before=None,
        after=snapshot(instance),
        plan_id=plan_id,
        commitment_id=commitment_id,
        deleted=True,
    )
    instance.delete()


def _related_names(instance: models.Model, names: list[str]) -> Snapshot:
    return {name: sorted(str(o) for o in getattr(instance, name).all()) for name in names}
