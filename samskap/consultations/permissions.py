"""Who may do what with consultations (registered with the permission module)."""

from enum import StrEnum
from typing import Any

from samskap.accounts.permissions import Grants, rule


class ConsultationAction(StrEnum):
    CREATE_CONSULTATION = "consultation.create"  # target: Jurisdiction
    MANAGE_CONSULTATION = "consultation.manage"  # target: Consultation (text, documents, summary)
    ANSWER_SUBMISSIONS = "consultation.answer"  # target: Consultation (themes, groups, answers)
    ACCEPT_LATE_SUBMISSION = "consultation.accept_late"  # target: Consultation
    APPROVE_SUBMISSION = "consultation.approve"  # target: Consultation (release held input)
    SEE_SUBMITTER = "consultation.see_submitter"  # target: Consultation (emails, hidden and held input)


@rule(ConsultationAction.CREATE_CONSULTATION)
def _create(grants: Grants, target: Any) -> bool:
    return target is not None and target.pk in grants.coordinator_of


@rule(
    ConsultationAction.MANAGE_CONSULTATION,
    ConsultationAction.ANSWER_SUBMISSIONS,
    ConsultationAction.ACCEPT_LATE_SUBMISSION,
    ConsultationAction.SEE_SUBMITTER,
)
def _coordinate(grants: Grants, target: Any) -> bool:
    return target is not None and target.jurisdiction_id in grants.coordinator_of


@rule(ConsultationAction.APPROVE_SUBMISSION)
def _approve(grants: Grants, target: Any) -> bool:
    # Coordinators and moderators release held input; only moderators hide (AccessAction.MODERATE).
    if target is None:
        return False
    if target.jurisdiction_id in grants.coordinator_of:
        return True
    return None in grants.moderator_of or target.jurisdiction_id in grants.moderator_of
