"""Who may import files (registered with the permission module)."""

from enum import StrEnum
from typing import Any

from samskap.accounts.permissions import Grants, rule


class DataAction(StrEnum):
    IMPORT_DATA = "data.import"  # target: Jurisdiction (OGP/IRM and Decidim files)
    OPEN_IMPORT_PAGE = "data.import_page"  # target: None (the upload form; rows are checked one by one)
    CREATE_JURISDICTIONS = "data.create_jurisdictions"  # target: None (files that add countries)


@rule(DataAction.IMPORT_DATA)
def _import(grants: Grants, target: Any) -> bool:
    return target is not None and target.pk in grants.coordinator_of


@rule(DataAction.OPEN_IMPORT_PAGE)
def _import_page(grants: Grants, target: Any) -> bool:
    return bool(grants.coordinator_of)


@rule(DataAction.CREATE_JURISDICTIONS)
def _create_jurisdictions(grants: Grants, target: Any) -> bool:
    return False  # superusers only (the module lets them do anything)
