"""Who may do what with the evidence repository and the standards check (registered with the permission module)."""

from enum import StrEnum
from typing import Any

from samskap.accounts.permissions import Grants, rule


class EvidenceAction(StrEnum):
    MANAGE_DOCUMENTS = "evidence.manage_documents"  # target: Jurisdiction (upload, link, edit, remove)
    OVERRIDE_VERDICT = "evidence.override_verdict"  # target: ActionPlan (a standards verdict, with a reason)
    DOWNLOAD_PACK = "evidence.download_pack"  # target: ActionPlan (the evidence pack, a ZIP)


def _jurisdiction_id(target: Any) -> int | None:
    if target is None:
        return None
    if hasattr(target, "jurisdiction_id"):  # a plan or a document
        return int(target.jurisdiction_id)
    return int(target.pk)  # a jurisdiction


@rule(EvidenceAction.MANAGE_DOCUMENTS, EvidenceAction.OVERRIDE_VERDICT, EvidenceAction.DOWNLOAD_PACK)
def _coordinate(grants: Grants, target: Any) -> bool:
    jurisdiction = _jurisdiction_id(target)
    return jurisdiction is not None and jurisdiction in grants.coordinator_of
