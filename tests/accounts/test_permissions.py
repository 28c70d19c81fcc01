"""The permission rules as a matrix: each role against each action."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from samskap.accounts.models import RoleGrant
from samskap.accounts.permissions import AccessAction, can, registered_actions, require
from samskap.commitments.permissions import CommitmentAction
from samskap.consultations.permissions import ConsultationAction
from samskap.evaluation.permissions import CommentAction, EvaluationAction
from samskap.evidence.permissions import EvidenceAction
from samskap.following.permissions import FollowingAction
from samskap.forum.permissions import ForumAction
from samskap.local.models import Activity
from samskap.local.permissions import LocalAction
from samskap.monitoring.models import StatusRequest, StatusRound
from samskap.monitoring.permissions import MonitoringAction
from samskap.opendata.permissions import DataAction
from samskap.organisations.permissions import DirectoryAction, OrganisationAction
from samskap.plans.permissions import PlanAction
from samskap.proposals.models import Proposal
from samskap.proposals.permissions import ProposalAction
from samskap.publication.permissions import PublicationAction
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
    municipality = f.jurisdiction(name="Fjordvik kommune", slug="fjordvik", kind="municipality", parent=norway)
    status_round = StatusRound.objects.create(
        plan=plan, as_of=datetime.date(2020, 12, 1), due_date=datetime.date(2020, 12, 15), letter="Status"
    )
    return {
        "status_round": status_round,
        "status_request_a": StatusRequest.objects.create(round=status_round, organisation=ministry_a),
        "status_request_b": StatusRequest.objects.create(round=status_round, organisation=ministry_b),
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
        # A civil-society proposal that ministry A is asked to answer.
        "proposal": Proposal.objects.create(
            plan=plan,
            title="Forslag",
            sender_type="civil_society",
            author_name="TI",
            email="ti@example.no",
            status="submitted",
            responsible=ministry_a,
        ),
        "danish_proposal": Proposal.objects.create(
            plan=danish_plan,
            title="Forslag",
            sender_type="citizen",
            author_name="Borger",
            email="b@example.dk",
            status="submitted",
        ),
        "municipality": municipality,
        "municipal_plan": f.plan(jurisdiction=municipality, published_at=None),
        "activity": Activity.objects.create(
            jurisdiction=municipality, title="Åpne digitale møter", description="…", ogp_value="civic_participation"
        ),
        "report": Report.objects.create(plan=plan, report_type="design", title="Norway design report 2019-2021"),
        "users": {
            "anonymous": AnonymousUser(),
            "no role": f.user(),
            "coordinator of Norway": f.user(role=Role.COORDINATOR, scope=norway),
            "coordinator of Denmark": f.user(role=Role.COORDINATOR, scope=denmark),
            "coordinator of the municipality": f.user(role=Role.COORDINATOR, scope=municipality),
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
    # Moderators hide comments on a self-assessment or an IRM report; the coordinator only answers them.
    (CommentAction.MODERATE_COMMENTS, "plan", {"moderator", "superuser"}),
    (CommentAction.MODERATE_COMMENTS, "danish_plan", {"moderator", "superuser"}),
    (ConsultationAction.CREATE_CONSULTATION, "norway", {"coordinator of Norway", "superuser"}),
    (ConsultationAction.MANAGE_CONSULTATION, "consultation", {"coordinator of Norway", "superuser"}),
    (ConsultationAction.ANSWER_SUBMISSIONS, "consultation", {"coordinator of Norway", "superuser"}),
    (ConsultationAction.ACCEPT_LATE_SUBMISSION, "consultation", {"coordinator of Norway", "superuser"}),
    (ConsultationAction.ANSWER_SUBMISSIONS, "danish_consultation", {"coordinator of Denmark", "superuser"}),
    (DataAction.IMPORT_DATA, "norway", {"coordinator of Norway", "superuser"}),
    (DataAction.IMPORT_DATA, "denmark", {"coordinator of Denmark", "superuser"}),
    (
        DataAction.OPEN_IMPORT_PAGE,
        None,
        {"coordinator of Norway", "coordinator of Denmark", "coordinator of the municipality", "superuser"},
    ),
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
    (ProposalAction.MANAGE_ROUNDS, "plan", {"coordinator of Norway", "superuser"}),
    (ProposalAction.MANAGE_ROUNDS, "danish_plan", {"coordinator of Denmark", "superuser"}),
    (ProposalAction.TRIAGE, "proposal", {"coordinator of Norway", "superuser"}),
    (ProposalAction.TRIAGE, "danish_proposal", {"coordinator of Denmark", "superuser"}),
    # An institution editor acts for their own organisation only.
    (ProposalAction.ACT_FOR, "ministry_a", {"editor of ministry A", "superuser"}),
    (ProposalAction.ACT_FOR, "danish_ministry", {"superuser"}),
    # The ministry asked to answer answers; so may the coordinator.
    (ProposalAction.ANSWER, "proposal", {"editor of ministry A", "coordinator of Norway", "superuser"}),
    (ProposalAction.ANSWER, "danish_proposal", {"coordinator of Denmark", "superuser"}),
    (
        FollowingAction.FOLLOW,
        None,
        {
            "anonymous",
            "no role",
            "coordinator of Norway",
            "coordinator of Denmark",
            "coordinator of the municipality",
            "editor of ministry A",
            "reviewer",
            "moderator",
            "superuser",
        },
    ),
    (
        FollowingAction.SET_NOTICES,
        None,
        {
            "coordinator of Norway",
            "coordinator of Denmark",
            "coordinator of the municipality",
            "editor of ministry A",
            "reviewer",
            "moderator",
            "superuser",
        },
    ),
    # Local governments: the national coordinator answers requests, reviews activities and sees the overview;
    # the municipality's coordinator reports and edits its own, and alone edits its plan.
    (LocalAction.ANSWER_JOIN_REQUESTS, "norway", {"coordinator of Norway", "superuser"}),
    (LocalAction.ANSWER_JOIN_REQUESTS, "municipality", {"superuser"}),
    (LocalAction.SEE_OVERVIEW, "norway", {"coordinator of Norway", "superuser"}),
    (LocalAction.SEE_OVERVIEW, "denmark", {"coordinator of Denmark", "superuser"}),
    (LocalAction.REPORT_ACTIVITY, "municipality", {"coordinator of the municipality", "superuser"}),
    (LocalAction.REPORT_ACTIVITY, "norway", {"superuser"}),
    (LocalAction.EDIT_ACTIVITY, "activity", {"coordinator of the municipality", "superuser"}),
    (LocalAction.REVIEW_ACTIVITY, "activity", {"coordinator of Norway", "superuser"}),
    (PlanAction.EDIT_PLAN, "municipal_plan", {"coordinator of the municipality", "superuser"}),
    (PlanAction.PUBLISH_PLAN, "municipal_plan", {"coordinator of the municipality", "superuser"}),
    (PublicationAction.MANAGE, "plan", {"coordinator of Norway", "superuser"}),
    (PublicationAction.MANAGE, "danish_plan", {"coordinator of Denmark", "superuser"}),
    # The institutions in the plan see the draft's preview (ministry A leads commitment A); forum members
    # only once it is shared (tests/publication).
    (PublicationAction.PREVIEW, "plan", {"coordinator of Norway", "editor of ministry A", "superuser"}),
    (PublicationAction.PREVIEW, "danish_plan", {"coordinator of Denmark", "superuser"}),
    (PublicationAction.TRANSLATE, "commitment_a", {"coordinator of Norway", "editor of ministry A", "superuser"}),
    (PublicationAction.TRANSLATE, "commitment_b", {"coordinator of Norway", "superuser"}),
    (MonitoringAction.MANAGE_ROUND, "plan", {"coordinator of Norway", "superuser"}),
    (MonitoringAction.MANAGE_ROUND, "danish_plan", {"coordinator of Denmark", "superuser"}),
    (MonitoringAction.MANAGE_ROUND, "status_round", {"coordinator of Norway", "superuser"}),
    (
        MonitoringAction.ANSWER_REQUEST,
        "status_request_a",
        {"coordinator of Norway", "editor of ministry A", "superuser"},
    ),
    # Editor of ministry A must not answer for ministry B.
    (MonitoringAction.ANSWER_REQUEST, "status_request_b", {"coordinator of Norway", "superuser"}),
    (EvidenceAction.MANAGE_DOCUMENTS, "norway", {"coordinator of Norway", "superuser"}),
    (EvidenceAction.MANAGE_DOCUMENTS, "denmark", {"coordinator of Denmark", "superuser"}),
    (EvidenceAction.OVERRIDE_VERDICT, "plan", {"coordinator of Norway", "superuser"}),
    (EvidenceAction.OVERRIDE_VERDICT, "danish_plan", {"coordinator of Denmark", "superuser"}),
    (EvidenceAction.DOWNLOAD_PACK, "plan", {"coordinator of Norway", "superuser"}),
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
