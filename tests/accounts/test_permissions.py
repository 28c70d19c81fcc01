"""The permission rules as a matrix: each role against each action."""

import pytest
from django.contrib.auth.models import AnonymousUser

from samskap.accounts.models import RoleGrant
from samskap.accounts.permissions import AccessAction, can, registered_actions, require
from samskap.commitments.permissions import CommitmentAction
from samskap.consultations.permissions import ConsultationAction
from samskap.evaluation.permissions import EvaluationAction
from samskap.forum.permissions import ForumAction
from samskap.opendata.permissions import DataAction
from samskap.organisations.permissions import DirectoryAction, OrganisationAction
from samskap.plans.permissions import PlanAction
from samskap.review.models import Report
from samskap.review.permissions import ReviewAction
from tests import factories as f

Role = RoleGrant.Role


@pytest.fixture
def world():
    norway = f.jurisdiction(name="Norge", slug="norge")
    denmark = f.jurisdiction(name="Danmark", slug="danmark", country_code="DNK")
    ministry_a = f.organisation(jurisdiction=norway, name="Kulturdepartementet", slug="kud")
    ministry_b = f.organisation(jurisdiction=norway, name="Finansdepartementet", slug="fin")
    plan = f.plan(jurisdiction=norway)
    danish_plan = f.plan(jurisdiction=denmark)
    return {
        "norway": norway,
        "denmark": denmark,
        "plan": plan,
        "danish_plan": danish_plan,
        "ministry_a": ministry_a,
        "danish_ministry": f.organisation(jurisdiction=denmark, name="Finansministeriet", slug="fm"),
        "commitment_a": f.commitment(plan, lead_institution=ministry_a),
        "commitment_b": f.commitment(plan, lead_institution=ministry_b),
        "danish_commitment": f.commitment(danish_plan),
        "consultation": f.consultation(jurisdiction=norway),
        "danish_consultation": f.consultation(jurisdiction=denmark),
        "meeting": f.meeting(jurisdiction=norway),
        "danish_meeting": f.meeting(jurisdiction=denmark),
        "report": Report.objects.create(plan=plan, report_type="design", title="Norway design report 2019-2021"),
        "users": {
            "anonymous": AnonymousUser(),
            "no role": f.user(),
            "coordinator of Norway": f.user(role=Role.COORDINATOR, scope=norway),
            "coordinator of Denmark": f.user(role=Role.COORDINATOR, scope=denmark),
            "editor of ministry A": f.user(role=Role.EDITOR, scope=ministry_a, organisation=ministry_a),
            "reviewer": f.user(role=Role.REVIEWER),
            "moderator": f.user(role=Role.MODERATOR),
            "superuser": f.user(is_superuser=True, is_staff=True),
        },
    }


# (action, target, the users who may) — every other user in the world fixture may not.
MATRIX = [
    (PlanAction.CREATE_PLAN, "norway", {"coordinator of Norway", "superuser"}),
    (DirectoryAction.INVITE_USER, "norway", {"coordinator of Norway", "superuser"}),
    (OrganisationAction.MANAGE_ALIASES, "ministry_a", {"coordinator of Norway", "superuser"}),
    (OrganisationAction.MANAGE_ALIASES, "danish_ministry", {"coordinator of Denmark", "superuser"}),
    (PlanAction.EDIT_PLAN, "plan", {"coordinator of Norway", "superuser"}),
    (PlanAction.CREATE_COMMITMENT, "plan", {"coordinator of Norway", "superuser"}),
    (CommitmentAction.EDIT_COMMITMENT, "commitment_a", {"coordinator of Norway", "superuser"}),
    (CommitmentAction.REPORT_PROGRESS, "commitment_a", {"coordinator of Norway", "editor of ministry A", "superuser"}),
    # Editor of ministry A must not touch ministry B's commitment.
    (CommitmentAction.REPORT_PROGRESS, "commitment_b", {"coordinator of Norway", "superuser"}),
    (CommitmentAction.REPORT_PROGRESS, "danish_commitment", {"coordinator of Denmark", "superuser"}),
    (PlanAction.EDIT_PLAN, "danish_plan", {"coordinator of Denmark", "superuser"}),
    (PlanAction.PUBLISH_PLAN, "plan", {"coordinator of Norway", "superuser"}),
    (PlanAction.PUBLISH_PLAN, "danish_plan", {"coordinator of Denmark", "superuser"}),
    (PlanAction.VIEW_DRAFT, "plan", {"coordinator of Norway", "superuser"}),
    (ReviewAction.ASSESS_COMMITMENT, "commitment_a", {"reviewer", "superuser"}),
    (ReviewAction.MANAGE_REPORTS, "plan", {"reviewer", "superuser"}),
    # The IRM researcher collects the comments; the government whose plan it is may read them too.
    (ReviewAction.EXPORT_REPORT_COMMENTS, "report", {"reviewer", "coordinator of Norway", "superuser"}),
    (EvaluationAction.MANAGE_SELF_ASSESSMENT, "plan", {"coordinator of Norway", "superuser"}),
    (EvaluationAction.MANAGE_SELF_ASSESSMENT, "danish_plan", {"coordinator of Denmark", "superuser"}),
    (AccessAction.MODERATE, "norway", {"moderator", "superuser"}),
    (ConsultationAction.CREATE_CONSULTATION, "norway", {"coordinator of Norway", "superuser"}),
    (ConsultationAction.MANAGE_CONSULTATION, "consultation", {"coordinator of Norway", "superuser"}),
    (ConsultationAction.ANSWER_SUBMISSIONS, "consultation", {"coordinator of Norway", "superuser"}),
    (ConsultationAction.ACCEPT_LATE_SUBMISSION, "consultation", {"coordinator of Norway", "superuser"}),
    (ConsultationAction.ANSWER_SUBMISSIONS, "danish_consultation", {"coordinator of Denmark", "superuser"}),
    (DataAction.IMPORT_DATA, "norway", {"coordinator of Norway", "superuser"}),
    (DataAction.IMPORT_DATA, "denmark", {"coordinator of Denmark", "superuser"}),
    (DataAction.OPEN_IMPORT_PAGE, None, {"coordinator of Norway", "coordinator of Denmark", "superuser"}),
    (DataAction.CREATE_JURISDICTIONS, None, {"superuser"}),
    (ConsultationAction.APPROVE_SUBMISSION, "consultation", {"coordinator of Norway", "moderator", "superuser"}),
    (
        ConsultationAction.APPROVE_SUBMISSION,
        "danish_consultation",
        {"coordinator of Denmark", "moderator", "superuser"},
    ),
    (ConsultationAction.SEE_SUBMITTER, "consultation", {"coordinator of Norway", "superuser"}),
    (ForumAction.MANAGE_FORUM, "norway", {"coordinator of Norway", "superuser"}),
    (ForumAction.MANAGE_FORUM, "denmark", {"coordinator of Denmark", "superuser"}),
    (ForumAction.EDIT_TIMELINE, "plan", {"coordinator of Norway", "superuser"}),
    (ForumAction.MANAGE_MEETING, "meeting", {"coordinator of Norway", "superuser"}),
    (ForumAction.SEE_REGISTRATIONS, "meeting", {"coordinator of Norway", "superuser"}),
    (ForumAction.SEE_REGISTRATIONS, "danish_meeting", {"coordinator of Denmark", "superuser"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "target", "allowed"), MATRIX, ids=[f"{a}-{t}" for a, t, _ in MATRIX])
def test_permission_matrix(world, action, target, allowed):
    obj = world[target] if target else None
    results = {name: can(user, action, obj) for name, user in world["users"].items()}
    assert {name for name, ok in results.items() if ok} == allowed


@pytest.mark.django_db
def test_every_registered_action_is_in_the_matrix():
    # Each app registers its rules from its own permissions.py; a rule without a row here fails.
    assert {str(action) for action, _, _ in MATRIX} == set(registered_actions())


def test_an_unregistered_action_is_an_error_not_a_refusal():
    with pytest.raises(LookupError):
        can(None, "forum.nothing")


@pytest.mark.django_db
def test_inactive_user_loses_every_right(world):
    coordinator = world["users"]["coordinator of Norway"]
    coordinator.is_active = False
    assert not can(coordinator, PlanAction.EDIT_PLAN, world["plan"])


@pytest.mark.django_db
def test_require_raises_permission_denied(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        require(world["users"]["editor of ministry A"], CommitmentAction.REPORT_PROGRESS, world["commitment_b"])
