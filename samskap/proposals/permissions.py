"""Who may do what with proposals (registered with the permission module).

Authorship is not a role: the author of a draft edits, sends and withdraws it (checked in
`selectors.is_author`). Roles decide the rest."""

from enum import StrEnum
from typing import Any

from samskap.accounts.permissions import Grants, rule


class ProposalAction(StrEnum):
    MANAGE_ROUNDS = "proposals.manage_rounds"  # target: ActionPlan (open rounds, set deadlines)
    TRIAGE = "proposals.triage"  # target: Proposal (discuss, ask for revision, merge, accept, decline)
    ACT_FOR = "proposals.act_for"  # target: Organisation (propose or comment in its name)
    ANSWER = "proposals.answer"  # target: Proposal (the responsible ministry's answer)


def _jurisdiction_id(target: Any) -> int | None:
    plan = getattr(target, "plan", None)  # a proposal
    if plan is not None:
        return int(plan.jurisdiction_id)
    jurisdiction = getattr(target, "jurisdiction_id", None)  # a plan
    return int(jurisdiction) if jurisdiction is not None else None


@rule(ProposalAction.MANAGE_ROUNDS, ProposalAction.TRIAGE)
def _coordinate(grants: Grants, target: Any) -> bool:
    jurisdiction = _jurisdiction_id(target)
    return jurisdiction is not None and jurisdiction in grants.coordinator_of


@rule(ProposalAction.ACT_FOR)
def _act_for(grants: Grants, target: Any) -> bool:
    return target is not None and target.pk in grants.editor_of


@rule(ProposalAction.ANSWER)
def _answer(grants: Grants, target: Any) -> bool:
    if target is None:
        return False
    if target.responsible_id is not None and target.responsible_id in grants.editor_of:
        return True
    return _coordinate(grants, target)
