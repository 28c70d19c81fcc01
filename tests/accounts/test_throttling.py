"""Login and password-reset throttling per account and per client (issue 10, found 5 and 7)."""

import pytest
from django.core import mail

from samskap.accounts import views
from tests import factories as f

pytestmark = pytest.mark.django_db

PASSWORD = "et-langt-passord-2024"


@pytest.fixture(autouse=True)
def _fresh_counters():
    from django.core.cache import cache

    cache.clear()


def user():
    person = f.user(email="kari@example.no")
    person.set_password(PASSWORD)
    person.save()
    return person


@pytest.mark.parametrize("login", ["/en/accounts/login/", "/en/admin/login/"])
def test_wrong_passwords_lock_the_account_even_for_the_right_one(client, settings, login):
    person = user()
    person.is_staff = True
    person.save()
    codes = [
        client.post(login, {"username": "kari@example.no", "password": f"feil-{n}"}).status_code
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert codes == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    locked = client.post(login, {"username": "kari@example.no", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_one_client_trying_many_accounts_is_locked_out(client, settings):
    user()
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post("/en/accounts/login/", {"username": f"someone{n}@example.no", "password": "x"})
    response = client.post("/en/accounts/login/", {"username": "kari@example.no", "password": PASSWORD})
    assert response.status_code == 429


def test_another_client_may_still_log_in_to_another_account(client, settings):
    user()
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post("/en/accounts/login/", {"username": "ola@example.no", "password": f"x{n}"}, REMOTE_ADDR="10.0.0.9")
    response = client.post("/en/accounts/login/", {"username": "kari@example.no", "password": PASSWORD})
    assert response.status_code == 302


def test_password_reset_is_limited_per_account(client):
    user()
    codes = [client.post("/en/accounts/password-reset/", {"email": "kari@example.no"}).status_code for _ in range(6)]
    assert codes == [302] * views.RESETS_PER_EMAIL + [429] * (6 - views.RESETS_PER_EMAIL)
    assert len(mail.outbox) == views.RESETS_PER_EMAIL


def test_password_reset_is_limited_per_client(client):
    codes = [
        client.post("/en/accounts/password-reset/", {"email": f"n{n}@example.no"}).status_code
        for n in range(views.RESETS_PER_ADDRESS + 2)
    ]
    assert codes[-1] == 429 and codes[0] == 302
    assert "Wait an hour" in client.post("/en/accounts/password-reset/", {"email": "z@example.no"}).content.decode()


class Recorder:
    def __init__(self, calls: list[dict[str, str]]) -> None:
        self.calls = calls

    def enqueue(self, **kwargs: str) -> None:
        self.calls.append(kwargs)


def test_password_reset_does_the_same_work_for_known_and_unknown_accounts(client, monkeypatch):
    from samskap.accounts import tasks

    user()
    calls: list[dict[str, str]] = []
    monkeypatch.setattr(tasks, "send_password_reset", Recorder(calls))
    known = client.post("/en/accounts/password-reset/", {"email": "kari@example.no"})
    unknown = client.post("/en/accounts/password-reset/", {"email": "nobody@example.no"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [c["email"] for c in calls] == ["kari@example.no", "nobody@example.no"]
    assert mail.outbox == []  # the worker makes the email, not the request


def test_behind_the_proxy_the_forwarded_address_is_the_client(client, settings):
    """Behind nginx every request comes from 127.0.0.1: one client's lockout must not lock out everyone."""
    settings.BEHIND_PROXY = True
    user()
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/en/accounts/login/",
            {"username": f"x{n}@example.no", "password": "x"},
            HTTP_X_FORWARDED_FOR="198.51.100.7",
        )
    assert (
        client.post(
            "/en/accounts/login/", {"username": "y@example.no", "password": "x"}, HTTP_X_FORWARDED_FOR="198.51.100.7"
        ).status_code
        == 429
    )
    other = client.post(
        "/en/accounts/login/",
        {"username": "kari@example.no", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.9",
    )
    assert other.status_code == 302


def test_an_account_is_locked_even_when_the_guesses_come_from_many_addresses(client, settings):
    user()
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/en/accounts/login/", {"username": "kari@example.no", "password": f"x{n}"}, REMOTE_ADDR=f"10.0.1.{n}"
        )
    response = client.post(
        "/en/accounts/login/", {"username": "kari@example.no", "password": PASSWORD}, REMOTE_ADDR="10.0.2.1"
    )
    assert response.status_code == 429


def test_the_throttles_records_are_pruned_by_the_daily_job(client, settings):
    """Failed attempts past the cool-off lock nobody out and only hold addresses: the daily job deletes
    them, and successful logins after 30 days; the recent ones stay and still count."""
    import datetime

    from axes.models import AccessAttempt, AccessLog  # type: ignore[import-untyped]
    from django.utils import timezone

    from samskap.accounts.jobs import PRUNE_LOGINS
    from samskap.kernel import schedule

    today = timezone.now().astimezone(datetime.UTC).date()
    run_at = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(3, 1), datetime.UTC)
    for age, name in ((datetime.timedelta(hours=2), "old"), (datetime.timedelta(minutes=5), "recent")):
        made = AccessAttempt.objects.create(
            username=name, ip_address="192.0.2.1", user_agent="x", failures_since_start=3
        )
        AccessAttempt.objects.filter(pk=made.pk).update(attempt_time=run_at - age)  # the field is auto_now_add
    for age, name in ((datetime.timedelta(days=31), "old"), (datetime.timedelta(days=3), "recent")):
        made = AccessLog.objects.create(username=name, ip_address="192.0.2.1", user_agent="x")
        AccessLog.objects.filter(pk=made.pk).update(attempt_time=run_at - age)
    assert schedule.run_due(run_at, names=[PRUNE_LOGINS]).ran
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["recent"]
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["recent"]
    assert schedule.run_due(run_at, names=[PRUNE_LOGINS]).ran == []  # once a day, however many run it
