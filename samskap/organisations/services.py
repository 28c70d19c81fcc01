"""Writes to the directory's organisations: found by identity, created, renamed, merged; inviting people.

Identity: an organisation is its name (case aside, spaces collapsed) within its jurisdiction, or one of
its other names (`OrganisationAlias`: English or local names, abbreviations such as KMD), which are unique
in the jurisdiction too. Changes are recorded in the change history (without a plan); a rename or a merge
refreshes the cached pages that show the name.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from samskap.accounts.models import RoleGrant, User
from samskap.accounts.permissions import Actor
from samskap.accounts.services import grant_role, set_password_link
from samskap.history.models import ChangeRecord
from samskap.history.services import change_record, delete_tracked, record_change, save_tracked, snapshot
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.bulk import insert_all, insert_and_read_ids
from samskap.kernel.pages import shown_name_changed
from samskap.kernel.slugs import unique_slug, unique_slugs
from samskap.kernel.tasks import send_email
from samskap.organisations.models import Organisation, OrganisationAlias, normalise_name


@transaction.atomic
def invite_user(
    *,
    inviter: Actor,
    email: str,
    full_name: str,
    organisation: Organisation,
    role: str,
    jurisdiction: Jurisdiction,
    site_url: str,
    language: str,
) -> User:
    """Create (or reuse) the account, grant the role, and email a link to choose a password."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, full_name=full_name, organisation=organisation)
    elif user.organisation_id is None:
        user.organisation = organisation
        user.save(update_fields=["organisation"])
    if role == RoleGrant.Role.COORDINATOR:
        grant_role(user=user, role=role, jurisdiction=jurisdiction)
    elif role == RoleGrant.Role.EDITOR:
        grant_role(user=user, role=role, organisation=organisation)
    else:
        raise ValueError(f"Coordinators invite coordinators and editors, not {role}.")
    with translation.override(language):
        context = {
            "user": user,
            "inviter": inviter,
            "organisation": organisation,
            "jurisdiction": jurisdiction,
            "link": set_password_link(user, site_url),
            "role": RoleGrant.Role(role).label,
        }
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/invitation_body.txt", context)
    # The database task backend stores the email in this transaction: no account, no email.
    send_email.enqueue(subject=subject, body=body, to=[user.email])
    return user


def _stored_name(name: str) -> str:
    """The name as stored: at most 200 characters, kept as given otherwise (callers normalise spaces)."""
    return name[:200]


def find_organisation(*, name: str, jurisdiction: Jurisdiction) -> Organisation | None:
    """The organisation named `name` (case and spacing aside) in the jurisdiction, by its name or one of
    its other names; None when there is none."""
    wanted = " ".join(_stored_name(name).split())
    found = Organisation.objects.filter(jurisdiction=jurisdiction, name__iexact=wanted).order_by("pk").first()
    if found is not None:
        return found
    alias = (
        OrganisationAlias.objects.filter(jurisdiction=jurisdiction, normalised=normalise_name(wanted)[:200])
        .select_related("organisation")
        .first()
    )
    return alias.organisation if alias is not None else None


def organisations_by_name(jurisdiction: Jurisdiction) -> dict[str, Organisation]:
    """Every name and other name of the jurisdiction's organisations (normalised) -> the organisation:
    one lookup table for an import that names many organisations (two queries)."""
    table: dict[str, Organisation] = {}
    organisations = {o.pk: o for o in Organisation.objects.filter(jurisdiction=jurisdiction).order_by("-pk")}
    for alias in OrganisationAlias.objects.filter(jurisdiction=jurisdiction):
        table[alias.normalised] = organisations[alias.organisation_id]
    for organisation in organisations.values():  # names win over other names; the oldest wins a tie
        table[normalise_name(organisation.name)] = organisation
    return table


@transaction.atomic
def add_alias(*, actor: Actor, organisation: Organisation, name: str) -> OrganisationAlias:
    """Give the organisation another name. Raises ValidationError when an organisation of the
    jurisdiction already goes by that name (its own name, or another's name or other name)."""
    name = " ".join(_stored_name(name).split())
    if not name:
        raise ValidationError({"name": _("Write the other name.")})
    taken = find_organisation(name=name, jurisdiction=organisation.jurisdiction)
    if taken is not None:
        raise ValidationError({"name": _("%(organisation)s already goes by this name.") % {"organisation": taken.name}})
    alias = OrganisationAlias(organisation=organisation, jurisdiction=organisation.jurisdiction)
    save_tracked(actor=actor, instance=alias, values={"name": name})
    return alias


@transaction.atomic
def remove_alias(*, actor: Actor, alias: OrganisationAlias) -> None:
    delete_tracked(actor=actor, instance=alias)


@transaction.atomic
def create_organisation(
    *, actor: Actor, name: str, jurisdiction: Jurisdiction, type: str, values: dict[str, Any] | None = None
) -> Organisation:
    """A new organisation; a slug is made from its name and its jurisdiction's unless `values` gives one.

    Raises ValidationError (nothing saved) when the values break a model rule.
    """
    name = _stored_name(name)
    values = dict(values or {})
    if "slug" not in values:

        def taken(slug: str) -> bool:
            return Organisation.objects.filter(slug=slug).exists()

        values["slug"] = unique_slug(f"{name}-{jurisdiction.slug}", taken=taken, max_length=100, fallback="x")
    organisation = Organisation()
    save_tracked(
        actor=actor,
        instance=organisation,
        values={"name": name, "jurisdiction": jurisdiction, "type": type, **values},
    )
    return organisation


@transaction.atomic
def create_organisations(*, actor: Actor, wanted: list[tuple[str, Jurisdiction, str]]) -> list[Organisation]:
    """New organisations, (name, jurisdiction, type) each, in a few queries (an import's many): the same
    organisations, slugs and change records as `create_organisation` one after the other.

    The caller has looked them up by identity (`organisations_by_name`) and asks for none that exists
    nor twice for one name of a jurisdiction. Raises ValidationError (nothing saved) when a value breaks
    a model rule.
    """
    slugs = unique_slugs(
        [f"{_stored_name(name)}-{jurisdiction.slug}" for name, jurisdiction, _type in wanted],
        taken_among=lambda candidates: set(
            Organisation.objects.filter(slug__in=candidates).values_list("slug", flat=True)
        ),
        max_length=100,
        fallback="x",
    )
    organisations = [
        Organisation(name=_stored_name(name), jurisdiction=jurisdiction, type=type, slug=slug)
        for (name, jurisdiction, type), slug in zip(wanted, slugs, strict=True)
    ]
    for organisation in organisations:
        # Uniqueness is the caller's lookup and the slugs above, and the jurisdiction is a stored one:
        # checking them again would be queries per organisation.
        organisation.full_clean(exclude=["jurisdiction"], validate_unique=False, validate_constraints=False)
    # Written without bulk_create's compilation of every value (`kernel.bulk`; a COPY on PostgreSQL), their
    # ids read back by their identity: the IRM file's 100 times larger copy names 21,000 new organisations.
    insert_and_read_ids(Organisation, organisations, key=("jurisdiction_id", "name"))
    records = [
        change_record(actor=actor, instance=organisation, before=None, after=snapshot(organisation), plan_id=None)
        for organisation in organisations
    ]
    insert_all(ChangeRecord, [r for r in records if r is not None])
    return organisations


@transaction.atomic
def find_or_create_organisation(
    *, actor: Actor, name: str, jurisdiction: Jurisdiction, type: str, values: dict[str, Any] | None = None
) -> tuple[Organisation, bool]:
    """The organisation with this identity, created when there is none. Returns it and whether it was created."""
    found = find_organisation(name=name, jurisdiction=jurisdiction)
    if found is not None:
        return found, False
    return create_organisation(actor=actor, name=name, jurisdiction=jurisdiction, type=type, values=values), True


@transaction.atomic
def update_organisation(*, actor: Actor, organisation: Organisation, values: dict[str, Any]) -> Organisation:
    """Change fields; the change is recorded. A new name refreshes the pages that show it."""
    renamed = "name" in values and values["name"] != organisation.name
    save_tracked(actor=actor, instance=organisation, values=values)
    if renamed:
        shown_name_changed.send(sender=Organisation, instance=organisation)
    return organisation


@transaction.atomic
def rename_organisation(*, actor: Actor, organisation: Organisation, name: str) -> Organisation:
    """Give the organisation a new name (its address stays, so links keep working)."""
    return update_organisation(actor=actor, organisation=organisation, values={"name": _stored_name(name)})


def _tracked(model: type[models.Model]) -> bool:
    return callable(getattr(model, "history_scope", None))


@transaction.atomic
def merge_organisations(*, actor: Actor, keep: Organisation, merge: Organisation) -> Organisation:
    """Merge a duplicate into the organisation kept, then delete the duplicate.

    Everything that points at `merge` points at `keep` afterwards, whatever app it belongs to (every
    foreign key and many-to-many relation to Organisation is found through the model's meta data):
    commitments led and supported, members, role grants, coordinated jurisdictions. A role grant the
    kept organisation already has is not doubled, nor is a supporting institution. Each changed object
    that keeps a change history records the change, and the deletion of `merge` is recorded.
    """
    if keep.pk == merge.pk:
        raise ValueError("An organisation cannot be merged into itself.")
    # A role grant the kept organisation already gives the same person would be doubled.
    doubled = RoleGrant.objects.filter(organisation=keep).values_list("user_id", "role")
    for user_id, role in doubled:
        RoleGrant.objects.filter(organisation=merge, user_id=user_id, role=role).delete()
    for relation in Organisation._meta.related_objects:
        model: type[models.Model] = relation.related_model  # type: ignore[assignment]
        name = relation.field.name
        if relation.many_to_many:
            _move_many_to_many(actor, model, name, keep, merge)
        else:
            _move_foreign_key(actor, model, name, keep, merge)
    record_change(
        actor=actor,
        instance=merge,
        before=None,
        after=snapshot(merge),
        plan_id=None,
        deleted=True,
    )
    merge.delete()
    shown_name_changed.send(sender=Organisation, instance=keep)
    return keep


def _move_foreign_key(
    actor: Actor, model: type[models.Model], name: str, keep: Organisation, merge: Organisation
) -> None:
    rows = model._base_manager.filter(**{name: merge})
    for instance in rows if _tracked(model) else []:
        before = snapshot(instance)
        setattr(instance, name, keep)
        instance.save(update_fields=[name])
        plan_id, commitment_id = instance.history_scope()  # type: ignore[attr-defined]
        record_change(
            actor=actor,
            instance=instance,
            before=before,
            after=snapshot(instance),
            plan_id=plan_id,
            commitment_id=commitment_id,
        )
    model._base_manager.filter(**{name: merge}).update(**{name: keep})


def _move_many_to_many(
    actor: Actor, model: type[models.Model], name: str, keep: Organisation, merge: Organisation
) -> None:
    for instance in model._base_manager.filter(**{name: merge}).distinct():
        related = getattr(instance, name)
        members = list(related.all())
        before = snapshot(instance, extra={name: sorted(str(o) for o in members)})
        related.remove(merge)
        related.add(keep)
        if _tracked(model):
            after = snapshot(instance, extra={name: sorted(str(o) for o in related.all())})
            plan_id, commitment_id = instance.history_scope()  # type: ignore[attr-defined]
            record_change(
                actor=actor,
                instance=instance,
                before=before,
                after=after,
                plan_id=plan_id,
                commitment_id=commitment_id,
            )
