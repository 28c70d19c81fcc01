"""The permission rules as a matrix: each role against each action."""

import pytest
from django.contrib.auth.models import AnonymousUser

from samskap.accounts.models import RoleGrant
from samskap.accounts.permissions import Action, can, require
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
        "commitment_a": f.commitment(plan, lead_institution=ministry_a),
        "commitment_b": f.commitment(plan, lead_institution=ministry_b),
        "danish_commitment": f.commitment(danish_plan),
        "consultation": f.consultation(jurisdiction=norway),
        "danish_consultation": f.consultation(jurisdiction=denmark),
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
    (Action.CREATE_PLAN, "norway", {"coordinator of Norway", "superuser"}),
    (Action.INVITE_USER, "norway", {"coordinator of Norway", "superuser"}),
    (Action.EDIT_PLAN, "plan", {"coordinator of Norway", "superuser"}),
    (Action.CREATE_COMMITMENT, "plan", {"coordinator of Norway", "superuser"}),
    (Action.EDIT_COMMITMENT, "commitment_a", {"coordinator of Norway", "superuser"}),
    (Action.REPORT_PROGRESS, "commitment_a", {"coordinator of Norway", "editor of ministry A", "superuser"}),
    # Editor of ministry A must not touch ministry B's commitment.
    (Action.REPORT_PROGRESS, "commitment_b", {"coordinator of Norway", "superuser"}),
    (Action.REPORT_PROGRESS, "danish_commitment", {"coordinator of Denmark", "superuser"}),
    (Action.EDIT_PLAN, "danish_plan", {"coordinator of Denmark", "superuser"}),
    (Action.ASSESS_COMMITMENT, "commitment_a", {"reviewer", "superuser"}),
    (Action.MODERATE, "norway", {"moderator", "superuser"}),
    (Action.CREATE_CONSULTATION, "norway", {"coordinator of Norway", "superuser"}),
    (Action.MANAGE_CONSULTATION, "consultation", {"coordinator of Norway", "superuser"}),
    (Action.ANSWER_SUBMISSIONS, "consultation", {"coordinator of Norway", "superuser"}),
    (Action.ACCEPT_LATE_SUBMISSION, "consultation", {"coordinator of Norway", "superuser"}),
    (Action.ANSWER_SUBMISSIONS, "danish_consultation", {"coordinator of Denmark", "superuser"}),
    (Action.IMPORT_DATA, "norway", {"coordinator of Norway", "superuser"}),
    (Action.IMPORT_DATA, "denmark", {"coordinator of Denmark", "superuser"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "target", "allowed"), MATRIX, ids=[f"{a}-{t}" for a, t, _ in MATRIX])
def test_permission_matrix(world, action, target, allowed):
    obj = world[target]
    results = {name: can(user, action, obj) for name, user in world["users"].items()}
    assert {name for name, ok in results.items() if ok} == allowed


@pytest.mark.django_db
def test_every_action_is_in_the_matrix():
    assert {action for action, _, _ in MATRIX} == set(Action)


@pytest.mark.django_db
def test_inactive_user_loses_every_right(world):
    coordinator = world["users"]["coordinator of Norway"]
    coordinator.is_active = False
    assert not can(coordinator, Action.EDIT_PLAN, world["plan"])


@pytest.mark.django_db
def test_require_raises_permission_denied(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        require(world["users"]["editor of ministry A"], Action.REPORT_PROGRESS, world["commitment_b"])
