"""Sessions that bring their user (`samskap.accounts.sessions`, `samskap.accounts.middleware`): one query
reads the session, its user and the user's roles, and nothing is kept between requests, so a logout, an
expiry, a password change, a deactivated account and a revoked role take effect at once."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samskap.accounts.models import RoleGrant, Session, User
from samskap.accounts.sessions import SessionStore
from tests import factories as f

pytestmark = pytest.mark.django_db

WORK = "/en/dashboard/"  # "My work": for signed-in users only


def _signed_in(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _session_of(client: Client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def _same_session(client: Client) -> Client:
    """Another browser (another app server's view of it) with the same session cookie."""
    other = Client()
    other.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return other


@pytest.fixture
def plan_and_coordinator():
    norway = f.jurisdiction(name="Norge", slug="norge")
    plan = f.plan(jurisdiction=norway)
    return plan, f.user(role="coordinator", scope=norway)


def test_the_session_its_user_and_the_users_roles_take_one_query(plan_and_coordinator):
    plan, coordinator = plan_and_coordinator
    client = _signed_in(coordinator)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(plan.get_absolute_url())
    assert page.status_code == 200
    assert page.wsgi_request.user == coordinator
    assert "Edit plan" in page.content.decode()  # the coordinator's role was read
    sessions = [q["sql"] for q in queries.captured_queries if "_session" in q["sql"]]
    assert len(sessions) == 1 and "accounts_rolegrant" in sessions[0]
    for table in ("accounts_user", "accounts_rolegrant"):  # not read on their own
        assert not [q for q in queries.captured_queries if f'FROM "{table}"' in q["sql"]]


def test_the_user_read_with_the_session_is_the_user_the_orm_reads(plan_and_coordinator):
    _plan, coordinator = plan_and_coordinator
    coordinator.last_login = timezone.now() - datetime.timedelta(days=3)
    coordinator.notices_off = ["overdue", "digest"]
    coordinator.organisation = f.organisation(jurisdiction=RoleGrant.objects.get(user=coordinator).jurisdiction)
    coordinator.is_staff = True
    coordinator.save()
    client = _signed_in(coordinator)
    store = SessionStore(client.cookies[settings.SESSION_COOKIE_NAME].value)
    assert store[SESSION_KEY] == str(coordinator.pk)
    loaded = store.loaded_user
    assert loaded is not None
    fresh = User.objects.get(pk=coordinator.pk)
    for field in User._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(fresh, field.attname), field.name
    assert loaded._state.adding is False and loaded._state.db == "default"


def test_a_session_row_names_its_user_and_goes_with_the_user(plan_and_coordinator):
    _plan, coordinator = plan_and_coordinator
    client = _signed_in(coordinator)
    assert _session_of(client).user_id == coordinator.pk
    coordinator.delete()
    assert not Session.objects.exists()
    assert client.get(WORK).status_code == 302


def test_logging_out_logs_that_session_out_everywhere_at_once(plan_and_coordinator):
    _plan, coordinator = plan_and_coordinator
    client = _signed_in(coordinator)
    elsewhere = _same_session(client)
    assert elsewhere.get(WORK).status_code == 200
    client.post("/en/accounts/logout/")
    assert not Session.objects.exists()
    answer = elsewhere.get(WORK)
    assert answer.status_code == 302 and "/login/" in answer["Location"]


def test_a_password_change_logs_the_users_other_sessions_out(plan_and_coordinator):
    _plan, coordinator = plan_and_coordinator
    client = _signed_in(coordinator)
    assert client.get(WORK).status_code == 200
    coordinator.set_password("another long passphrase 42")
    coordinator.save()
    answer = client.get(WORK)
    assert answer.status_code == 302 and not answer.wsgi_request.user.is_authenticated
    assert not Session.objects.filter(user=coordinator).exists()  # flushed, as Django does


def test_a_session_signed_with_a_retired_secret_key_is_kept_under_a_new_key(plan_and_coordinator, settings):
    _plan, coordinator = plan_and_coordinator
    client = _signed_in(coordinator)
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-for-this-test-only-0123456789abcdef"
    answer = client.get(WORK)
    assert answer.status_code == 200 and answer.wsgi_request.user == coordinator
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != old_key  # cycled, as Django does
    assert client.get(WORK).status_code == 200


def test_an_expired_session_is_anonymous(plan_and_coordinator):
    _plan, coordinator = plan_and_coordinator
    client = _signed_in(coordinator)
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    answer = client.get(WORK)
    assert answer.status_code == 302 and not answer.wsgi_request.user.is_authenticated


def test_a_deactivated_account_is_anonymous_at_once(plan_and_coordinator):
    _plan, coordinator = plan_and_coordinator
    client = _signed_in(coordinator)
    User.objects.filter(pk=coordinator.pk).update(is_active=False)
    answer = client.get(WORK)
    assert answer.status_code == 302 and not answer.wsgi_request.user.is_authenticated


def test_a_revoked_role_stops_working_at_once(plan_and_coordinator):
    plan, coordinator = plan_and_coordinator
    client = _signed_in(coordinator)
    edit = f"{plan.get_absolute_url()}edit/"
    assert "Edit plan" in client.get(plan.get_absolute_url()).content.decode()
    assert client.get(edit).status_code == 200
    RoleGrant.objects.filter(user=coordinator).delete()
    assert "Edit plan" not in client.get(plan.get_absolute_url()).content.decode()
    assert client.get(edit).status_code == 403


def test_a_granted_role_works_at_once_and_several_roles_are_all_read(plan_and_coordinator):
    plan, _coordinator = plan_and_coordinator
    editor = f.user()
    client = _signed_in(editor)
    assert "Edit plan" not in client.get(plan.get_absolute_url()).content.decode()
    RoleGrant.objects.create(user=editor, role=RoleGrant.Role.MODERATOR, jurisdiction=None)
    RoleGrant.objects.create(user=editor, role=RoleGrant.Role.COORDINATOR, jurisdiction=plan.jurisdiction)
    page = client.get(plan.get_absolute_url())
    assert "Edit plan" in page.content.decode()
    grants = page.wsgi_request.user._samskap_grants
    assert grants.coordinator_of == {plan.jurisdiction_id} and grants.moderator_of == {None}


def test_a_login_through_the_form_is_read_back_with_the_session(plan_and_coordinator):
    plan, coordinator = plan_and_coordinator
    client = Client()
    answer = client.post("/en/accounts/login/", {"username": coordinator.email, "password": f.PASSWORD})
    assert answer.status_code == 302
    assert _session_of(client).user_id == coordinator.pk
    with CaptureQueriesContext(connection) as queries:
        page = client.get(plan.get_absolute_url())
    assert page.wsgi_request.user == coordinator and "Edit plan" in page.content.decode()
    assert not [q for q in queries.captured_queries if 'FROM "accounts_user"' in q["sql"]]


def test_a_forged_or_unknown_session_cookie_is_anonymous(plan_and_coordinator):
    plan, _coordinator = plan_and_coordinator
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
    page = client.get(plan.get_absolute_url())
    assert page.status_code == 200 and not page.wsgi_request.user.is_authenticated
