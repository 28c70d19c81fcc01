"""The follow pages: double opt-in, following with an account, unsubscribe (one click), managing."""

import datetime
import re
import uuid

import pytest
from django.core import mail

from samskap.following import services
from samskap.following.models import Subscription
from tests import factories as f

pytestmark = pytest.mark.django_db


def link(body: str, part: str) -> str:
    found = re.search(rf"http://\S+{part}\S+", body)
    assert found is not None, body
    return found.group(0).split("8000", 1)[1]


def test_following_without_an_account_needs_the_link_in_the_email(client):
    plan = f.plan()
    page = client.get(f"/en/following/plan/{plan.pk}/")
    assert page.status_code == 200 and plan.title in page.content.decode()
    token = page.context["form"].initial["form_token"]
    data = {"email": "Kari@Example.no", "frequency": "weekly", "form_token": token}
    response = client.post(f"/en/following/plan/{plan.pk}/", data)
    assert response.status_code == 200 and "Check your email" in response.content.decode()
    client.post(f"/en/following/plan/{plan.pk}/", data)  # a double click: one subscription, one email
    subscription = Subscription.objects.get()
    assert subscription.email == "kari@example.no" and not subscription.is_active
    assert [m.to for m in mail.outbox] == [["kari@example.no"]]

    confirm = link(str(mail.outbox[0].body), "/following/confirm/")
    assert client.get(confirm).status_code == 200  # a mail scanner's GET confirms nothing
    subscription.refresh_from_db()
    assert not subscription.is_active
    response = client.post(confirm)
    assert response.status_code == 302
    subscription = Subscription.objects.get(pk=subscription.pk)  # a new object: mypy forgets the old checks
    assert subscription.is_active and subscription.frequency == "weekly"
    manage = client.get(response["Location"])
    assert plan.title in manage.content.decode()


def test_the_follow_form_tells_no_one_whether_an_address_already_follows(client):
    plan = f.plan()
    followed = services.follow(kind="plan", object_id=plan.pk, frequency="daily", language="en", email="a@example.no")
    services.confirm(subscription=followed.subscription)
    mail.outbox.clear()
    data = {"email": "a@example.no", "frequency": "realtime", "form_token": uuid.uuid4()}
    response = client.post(f"/en/following/plan/{plan.pk}/", data)
    assert "Check your email" in response.content.decode()
    assert mail.outbox == []
    followed.subscription.refresh_from_db()
    assert followed.subscription.frequency == "daily"  # a stranger cannot change it


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/en/following/plan/999999/", 404),
        ("/en/following/plan/99999999999999999999999/", 404),
        ("/en/following/planet/1/", 404),
        ("/en/following/plan/1x/", 404),
        ("/en/following/confirm/nope/", 404),
        ("/en/following/unsubscribe/nope/", 404),
        ("/en/following/manage/nope/", 404),
    ],
)
def test_bad_addresses_are_not_found(client, path, status):
    assert client.get(path).status_code == status


def test_bad_input_is_a_clear_error_not_a_crash(client):
    plan = f.plan()
    response = client.post(
        f"/en/following/plan/{plan.pk}/",
        {"email": "not an address\x00" + "x" * 5000, "frequency": "hourly", "form_token": "bad"},
    )
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert Subscription.objects.count() == 0


def test_with_an_account_following_is_at_once_and_can_be_stopped(client):
    commitment = f.commitment()
    person = f.user()
    client.force_login(person)
    page = client.get(f"/en/following/commitment/{commitment.pk}/?frequency=weekly")
    assert page.context["form"]["frequency"].value() == "weekly"
    response = client.post(f"/en/following/commitment/{commitment.pk}/", {"frequency": "realtime"})
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.user == person and subscription.is_active and mail.outbox == []
    assert "Stop following" in client.get(f"/en/following/commitment/{commitment.pk}/").content.decode()
    mine = client.get("/en/following/")
    assert commitment.title in mine.content.decode()
    assert "What I follow (1 page)" in client.get("/en/dashboard/").content.decode()
    client.post(f"/en/following/commitment/{commitment.pk}/", {"action": "stop"})
    subscription.refresh_from_db()
    assert subscription.stopped_at is not None


def test_the_panel_on_a_cached_page_carries_no_ones_state(client):
    commitment = f.commitment()
    person = f.user()
    client.force_login(person)
    client.post(f"/en/following/commitment/{commitment.pk}/", {"frequency": "realtime"})
    content = client.get(commitment.get_absolute_url()).content.decode()
    panel = content[content.index('id="follow-heading"') :][:1200]
    assert 'method="get"' in panel and "csrfmiddlewaretoken" not in panel


def test_follow_panels_on_the_five_pages(client):
    commitment = f.commitment()
    consultation = f.consultation()
    forum = f.forum()
    pages = {
        "plan": (commitment.plan.get_absolute_url(), commitment.plan_id),
        "commitment": (commitment.get_absolute_url(), commitment.pk),
        "organisation": (commitment.lead_institution.get_absolute_url(), commitment.lead_institution_id),
        "consultation": (consultation.get_absolute_url(), consultation.pk),
        "forum": (forum.get_absolute_url(), forum.pk),
    }
    for kind, (url, pk) in pages.items():
        content = client.get(url).content.decode()
        assert f"/en/following/{kind}/{pk}/" in content, kind
        assert client.get(f"/en/following/{kind}/{pk}/").status_code == 200


def test_unsubscribe_get_changes_nothing_and_a_one_click_post_stops_the_stream(client):
    commitment = f.commitment()
    followed = services.follow(
        kind="commitment", object_id=commitment.pk, frequency="daily", language="en", email="b@example.no"
    )
    services.confirm(subscription=followed.subscription)
    token = services.unsubscribe_token("b@example.no", "daily")
    url = f"/en/following/unsubscribe/{token}/"
    assert commitment.title in client.get(url).content.decode()
    followed.subscription.refresh_from_db()
    assert followed.subscription.is_active
    # RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click", with no CSRF token and no session.
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.get(pk=followed.subscription.pk).is_active
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert strict.post(f"/en/following/unsubscribe/{tampered}/").status_code == 404


def test_the_manage_link_changes_how_often_and_stops_one_thing(client):
    first, second = f.commitment(), f.commitment()
    for commitment in (first, second):
        followed = services.follow(
            kind="commitment", object_id=commitment.pk, frequency="daily", language="en", email="c@example.no"
        )
        services.confirm(subscription=followed.subscription)
    url = f"/en/following/manage/{services.manage_token('c@example.no')}/"
    rows = {s.object_id: s for s in Subscription.objects.all()}
    client.post(url, {"subscription": rows[first.pk].pk, "action": "save", "frequency": "weekly"})
    client.post(url, {"subscription": rows[second.pk].pk, "action": "stop"})
    client.post(url, {"language": "da"})
    rows = {s.object_id: s for s in Subscription.objects.all()}
    assert rows[first.pk].frequency == "weekly" and rows[first.pk].is_active and rows[first.pk].language == "da"
    assert not rows[second.pk].is_active
    # Someone else's subscription is not reachable through this link.
    other = services.follow(kind="commitment", object_id=first.pk, frequency="daily", language="en", email="d@x.no")
    assert client.post(url, {"subscription": other.subscription.pk, "action": "stop"}).status_code == 404
    assert client.post(url, {"subscription": "x", "action": "stop"}).status_code == 400


def test_my_following_needs_an_account(client):
    assert client.get("/en/following/").status_code == 302


def test_following_again_with_an_account_starts_from_now_and_the_language_resumes_nothing(client):
    from django.utils import timezone

    commitment = f.commitment()
    person = f.user()
    client.force_login(person)
    client.post(f"/en/following/commitment/{commitment.pk}/", {"frequency": "daily"})
    client.post(f"/en/following/commitment/{commitment.pk}/", {"action": "stop"})
    subscription = Subscription.objects.get()
    client.post("/en/following/", {"language": "nb"})
    subscription.refresh_from_db()
    assert subscription.stopped_at is not None and subscription.language == "nb"
    before = timezone.now()
    client.post("/en/following/", {"subscription": subscription.pk, "action": "save", "frequency": "weekly"})
    subscription.refresh_from_db()
    assert subscription.is_active and subscription.frequency == "weekly" and subscription.cursor >= before


def test_a_closed_account_is_emailed_nothing():
    from django.utils import timezone

    from samskap.following import jobs
    from samskap.history.services import save_tracked
    from samskap.kernel import schedule

    commitment = f.commitment()
    person = f.user()
    followed = services.follow(
        kind="commitment", object_id=commitment.pk, frequency="realtime", language="en", user=person
    )
    Subscription.objects.filter(pk=followed.subscription.pk).update(
        cursor=timezone.now() - datetime.timedelta(seconds=5)
    )
    person.is_active = False
    person.save()
    save_tracked(actor=None, instance=commitment, values={"title": "Stengt konto"})
    schedule.run_due(timezone.now() + datetime.timedelta(minutes=10), names=[jobs.REALTIME])
    assert mail.outbox == []
