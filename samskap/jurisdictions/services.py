"""Writes to the directory's jurisdictions: found by identity, created, renamed, changed.

Identity: a country (a national jurisdiction) is its country code, or else its name in any language
(`COUNTRY_NAMES`: "Norway", "Norge" and "Noreg" are one country); a local jurisdiction
is its name (case aside) within the jurisdiction it belongs to. Changes are recorded in the change
history (without a plan), and a rename refreshes the cached pages that show the name.
"""

from typing import Any

from django.db import transaction

from samskap.accounts.permissions import Actor
from samskap.history.services import save_tracked
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.pages import shown_name_changed
from samskap.kernel.slugs import unique_slug


def _stored_name(name: str) -> str:
    """The name as stored: at most 200 characters, kept as given otherwise (callers normalise spaces)."""
    return name[:200]


# The names a country goes by in the languages Samskap's files and users write (English, the local
# languages, the Nordic neighbours'), by ISO 3166-1 alpha-3 code: a file that writes "Norway" finds "Norge".
COUNTRY_NAMES: dict[str, frozenset[str]] = {
    "NOR": frozenset({"Norway", "Norge", "Noreg", "Norga"}),
    "DNK": frozenset({"Denmark", "Danmark"}),
    "SWE": frozenset({"Sweden", "Sverige"}),
    "FIN": frozenset({"Finland", "Suomi"}),
    "ISL": frozenset({"Iceland", "Island", "Ísland"}),
    "EST": frozenset({"Estonia", "Eesti", "Estland"}),
    "LVA": frozenset({"Latvia", "Latvija", "Letland"}),
    "LTU": frozenset({"Lithuania", "Lietuva", "Litauen"}),
    "DEU": frozenset({"Germany", "Deutschland", "Tyskland"}),
    "NLD": frozenset({"Netherlands", "Nederland", "Nederlandene"}),
    "GBR": frozenset({"United Kingdom", "Storbritannia", "Storbritannien"}),
}
_CODE_BY_NAME = {name.casefold(): code for code, names in COUNTRY_NAMES.items() for name in names}


def country_code_for(name: str) -> str:
    """The code of a country known by this name in any language (case aside), or ""."""
    return _CODE_BY_NAME.get(" ".join(name.split()).casefold(), "")


def find_jurisdiction(*, name: str, parent: Jurisdiction | None = None, country_code: str = "") -> Jurisdiction | None:
    """The jurisdiction with this identity, or None.

    Without a parent: the national jurisdiction with `country_code` (when given), else the one named
    `name`, else (a country's name in another language) the one with that country's code or one of its
    other names. With a parent: the jurisdiction named `name` within it. Names compare case-insensitively.
    """
    name = _stored_name(name)
    if parent is None:
        nationals = Jurisdiction.objects.filter(kind=Jurisdiction.Kind.NATIONAL).order_by("pk")
        if country_code:
            found = nationals.filter(country_code__iexact=country_code).first()
            if found is not None:
                return found
        found = nationals.filter(name__iexact=name).first()
        if found is not None:
            return found
        code = country_code_for(name)
        if not code:
            return None
        found = nationals.filter(country_code__iexact=code).first()
        if found is not None:
            return found
        for other in sorted(COUNTRY_NAMES[code]):
            found = nationals.filter(name__iexact=other).first()
            if found is not None:
                return found
        return None
    return Jurisdiction.objects.filter(parent=parent, name__iexact=name).order_by("pk").first()


@transaction.atomic
def create_jurisdiction(
    *,
    actor: Actor,
    name: str,
    kind: str | None = None,
    parent: Jurisdiction | None = None,
    country_code: str = "",
    values: dict[str, Any] | None = None,
) -> Jurisdiction:
    """A new jurisdiction (national without a parent, a region by default with one).

    `values` sets further fields; a slug is made from the name (and the parent's slug) unless given.
    Raises ValidationError (nothing saved) when the values break a model rule.
    """
    name = _stored_name(name)
    values = dict(values or {})
    if "slug" not in values:
        base = f"{name}-{parent.slug}" if parent is not None else name

        def taken(slug: str) -> bool:
            return Jurisdiction.objects.filter(slug=slug).exists()

        values["slug"] = unique_slug(base, taken=taken, max_length=80, fallback="x")
    jurisdiction = Jurisdiction()
    save_tracked(
        actor=actor,
        instance=jurisdiction,
        values={
            "name": name,
            "kind": kind or (Jurisdiction.Kind.REGION if parent is not None else Jurisdiction.Kind.NATIONAL),
            "parent": parent,
            "country_code": country_code or (parent.country_code if parent is not None else ""),
            **values,
        },
    )
    return jurisdiction


@transaction.atomic
def find_or_create_jurisdiction(
    *,
    actor: Actor,
    name: str,
    kind: str | None = None,
    parent: Jurisdiction | None = None,
    country_code: str = "",
    values: dict[str, Any] | None = None,
) -> tuple[Jurisdiction, bool]:
    """The jurisdiction with this identity (see `find_jurisdiction`), created when there is none.

    Returns it and whether it was created; an existing one is left as it is.
    """
    found = find_jurisdiction(name=name, parent=parent, country_code=country_code)
    if found is not None:
        return found, False
    created = create_jurisdiction(
        actor=actor, name=name, kind=kind, parent=parent, country_code=country_code, values=values
    )
    return created, True


@transaction.atomic
def update_jurisdiction(*, actor: Actor, jurisdiction: Jurisdiction, values: dict[str, Any]) -> Jurisdiction:
    """Change fields; the change is recorded. A new name refreshes the pages that show it."""
    renamed = "name" in values and values["name"] != jurisdiction.name
    save_tracked(actor=actor, instance=jurisdiction, values=values)
    if renamed:
        shown_name_changed.send(sender=Jurisdiction, instance=jurisdiction)
    return jurisdiction


@transaction.atomic
def rename_jurisdiction(*, actor: Actor, jurisdiction: Jurisdiction, name: str) -> Jurisdiction:
    """Give the jurisdiction a new name (its address stays, so links keep working)."""
    return update_jurisdiction(actor=actor, jurisdiction=jurisdiction, values={"name": _stored_name(name)})
