"""Who may do what on the road from draft to published plan (registered with the permission module)."""

from enum import StrEnum
from typing import Any

from django.db.models import Q

from samskap.accounts.permissions import Grants, rule
from samskap.plans.permissions import jurisdiction_of


class PublicationAction(StrEnum):
    MANAGE = "publication.manage"  # target: ActionPlan (share, decisions, texts, publish, new version, OGP)
    PREVIEW = "publication.preview"  # target: ActionPlan (the draft as it would be published)
    TRANSLATE = "publication.translate"  # target: Commitment (its texts in English)


@rule(PublicationAction.MANAGE)
def _manage(grants: Grants, target: Any) -> bool:
    return target is not None and target.jurisdiction_id in grants.coordinator_of


@rule(PublicationAction.TRANSLATE)
def _translate(grants: Grants, target: Any) -> bool:
    if target is None:
        return False
    if target.lead_institution_id is not None and target.lead_institution_id in grants.editor_of:
        return True
    return jurisdiction_of(target) in grants.coordinator_of


@rule(PublicationAction.PREVIEW)
def _preview(grants: Grants, target: Any) -> bool:
    """The coordinators; the editors of the institutions in the plan (leading or supporting a commitment);
    once the draft is shared with the forum, the editors of the forum's member organisations."""
    if target is None:
        return False
    if target.jurisdiction_id in grants.coordinator_of:
        return True
    if not grants.editor_of:
        return False
    from samskap.commitments.models import Commitment
    from samskap.forum.models import Member
    from samskap.publication.models import Approval

    involved = Commitment.objects.filter(plan=target).filter(
        Q(lead_institution__in=grants.editor_of) | Q(supporting_institutions__in=grants.editor_of)
    )
    if involved.exists():
        return True
    shared = Approval.objects.filter(plan=target, shared_with_forum_at__isnull=False).exists()
    return shared and (
        Member.objects.filter(forum__jurisdiction_id=target.jurisdiction_id, organisation__in=grants.editor_of).exists()
    )
