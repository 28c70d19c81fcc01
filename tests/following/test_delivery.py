"""Delivery: the events a follower gets, when, how often, and that nothing unpublished causes an email."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samskap.consultations import services as consultation_services
from samskap.consultations.models import Submission
from samskap.following import delivery, jobs
from samskap.following.models import Subscription
from samskap.forum.models import Minutes
from samskap.history.services import save_tracked
from samskap.kernel import schedule
from samskap.kernel.models import SentEmail
from tests import factories as f

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)
DAY = datetime.timedelta(days=1)


def run(job: str, at: datetime.datetime) -> schedule.Outcome:
    return schedule.run_due(at, names=[job])


def follow_mails(address: str = "kari@example.no"):
    return [m for m in mail.outbox if m.to == [address] and "List-Unsubscribe" in m.extra_headers]


def test_a_change_to_a_followed_commitment_is_emailed_once_with_one_click_unsubscribe(follow_now):
    commitment = f.commitment()
    follow_now("commitment", commitment.pk)
    mail.outbox.clear()
    save_tracked(actor=None, instance=commitment, values={"title": "Åpne data om anskaffelser"})

    run(jobs.REALTIME, timezone.now() + 10 * MINUTE)
    run(jobs.REALTIME, timezone.now() + 10 * MINUTE)  # again: nothing new, nothing twice

    sent = follow_mails()
    assert len(sent) == 1
    message = sent[0]
    assert "Åpne data om anskaffelser" in message.body
    assert commitment.get_absolute_url() in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        message.extra_headers["List-Unsubscribe"].startswith("<http")
        and "/following/unsubscribe/" in (message.extra_headers["List-Unsubscribe"])
    )
    assert message.extra_headers["Message-ID"].startswith("<following:realtime:")


def test_nothing_is_sent_before_the_moment_and_the_cursor_moves_with_the_email(follow_now):
    commitment = f.commitment()
    subscription = follow_now("commitment", commitment.pk)
    mail.outbox.clear()
    save_tracked(actor=None, instance=commitment, values={"title": "Ny tittel"})
    # The change is newer than the last five-minute moment before it: it waits for the next one.
    changed = timezone.now()
    step = int(jobs.REALTIME_STEP.total_seconds())
    previous_moment = datetime.datetime.fromtimestamp(int(changed.timestamp()) // step * step, datetime.UTC)
    run(jobs.REALTIME, previous_moment + datetime.timedelta(seconds=1))
    assert follow_mails() == []
    run(jobs.REALTIME, previous_moment + jobs.REALTIME_STEP)
    if changed > previous_moment + jobs.REALTIME_STEP - delivery.SETTLE:  # too close to that moment: the next
        assert follow_mails() == []
        run(jobs.REALTIME, previous_moment + 2 * jobs.REALTIME_STEP)
        moment = previous_moment + 2 * jobs.REALTIME_STEP
    else:
        moment = previous_moment + jobs.REALTIME_STEP
    assert len(follow_mails()) == 1
    subscription.refresh_from_db()
    assert subscription.cursor == moment - delivery.SETTLE


def test_a_draft_plan_cannot_be_followed_and_its_changes_are_never_emailed(follow_now, client):
    draft = f.plan(published_at=None)
    response = client.get(f"/en/following/plan/{draft.pk}/")
    assert response.status_code == 404
    # A commitment followed while its plan was public, then the plan is taken back to a draft: silence.
    published = f.plan()
    commitment = f.commitment(published)
    follow_now("commitment", commitment.pk)
    published.published_at = None
    published.save(update_fields=["published_at"])
    mail.outbox.clear()
    save_tracked(actor=None, instance=commitment, values={"title": "Utkast"})
    run(jobs.REALTIME, timezone.now() + 10 * MINUTE)
    assert follow_mails() == []


def test_changes_made_while_a_plan_was_a_draft_are_not_told_when_it_is_published(follow_now):
    plan = f.plan(published_at=None)
    commitment = f.commitment(plan)
    save_tracked(actor=None, instance=commitment, values={"title": "Skrevet i utkastet"})
    plan.published_at = timezone.now()
    plan.save(update_fields=["published_at"])
    follow_now("plan", plan.pk)
    Subscription.objects.update(cursor=timezone.now() - DAY)  # even a follower whose cursor is older
    mail.outbox.clear()
    run(jobs.REALTIME, timezone.now() + 10 * MINUTE)
    assert follow_mails() == []


def test_unpublished_input_never_causes_an_email_but_an_opening_consultation_does(follow_now):
    plan = f.plan()
    consultation = f.consultation(
        jurisdiction=plan.jurisdiction,
        plan=plan,
        opens_at=timezone.now() + 2 * MINUTE,
        closes_at=timezone.now() + 10 * DAY,
        moderation=True,
    )
    follow_now("plan", plan.pk, email="plan@example.no")
    follow_now("consultation", consultation.pk, email="consultation@example.no")
    mail.outbox.clear()
    held = f.submission(consultation, status=Submission.Status.PENDING)
    hidden = f.submission(consultation, status=Submission.Status.PUBLISHED)
    consultation_services.hide(actor=None, submission=hidden, reason="Personangrep")
    f.submission(consultation, status=Submission.Status.UNCONFIRMED)
    consultation_services.approve(actor=None, submission=held)

    run(jobs.REALTIME, timezone.now() + 10 * MINUTE)

    for address in ("plan@example.no", "consultation@example.no"):
        sent = follow_mails(address)
        assert len(sent) == 1
        assert f"A consultation opened: {consultation.title}" in sent[0].body
        assert "Personangrep" not in sent[0].body and "Innspill" not in sent[0].body
        assert "submission" not in sent[0].body.lower()


def test_forum_followers_hear_of_meetings_and_approved_minutes_only(follow_now):
    meeting = f.meeting()
    follow_now("forum", meeting.forum_id)
    mail.outbox.clear()
    announced = f.meeting(forum=meeting.forum)
    Minutes.objects.create(meeting=meeting, text="Utkast til referat", status=Minutes.Status.DRAFT)
    run(jobs.REALTIME, timezone.now() + 10 * MINUTE)
    (first,) = follow_mails()
    assert f"A meeting was announced: {announced.title}" in first.body
    assert "Minutes" not in first.body

    approved = timezone.now() + 12 * MINUTE  # the clock has moved on since the last email
    Minutes.objects.filter(meeting=meeting).update(status=Minutes.Status.APPROVED, approved_at=approved)
    run(jobs.REALTIME, timezone.now() + 20 * MINUTE)
    assert f"Minutes were published: {meeting.title}" in follow_mails()[-1].body


def test_a_digest_has_the_same_events_as_real_time_grouped_by_what_is_followed_newest_first(follow_now):
    older, newer = f.commitment(), f.commitment()
    for commitment in (older, newer):
        follow_now("commitment", commitment.pk, email="now@example.no", frequency="realtime")
        follow_now("commitment", commitment.pk, email="daily@example.no", frequency="daily")
    mail.outbox.clear()
    save_tracked(actor=None, instance=older, values={"title": "Første endring"})
    save_tracked(actor=None, instance=newer, values={"title": "Andre endring"})
    save_tracked(actor=None, instance=older, values={"title": "Tredje endring"})

    later = timezone.now() + 2 * DAY
    run(jobs.REALTIME, timezone.now() + 10 * MINUTE)
    run(jobs.DAILY, later)
    run(jobs.DAILY, later)

    realtime = follow_mails("now@example.no")
    daily = follow_mails("daily@example.no")
    assert len(realtime) == 1 and len(daily) == 1
    assert "daily digest" in daily[0].subject

    def lines(body: str) -> list[str]:
        return [line.split(": ", 1)[1] for line in body.splitlines() if line.startswith("- ")]

    assert lines(daily[0].body) == lines(realtime[0].body)
    body = daily[0].body
    # The commitment with the newest event first; within it, newest first.
    assert body.index("Tredje endring") < body.index("Første endring") < body.index("Andre endring")


def test_a_weekly_digest_comes_on_monday_morning_only(follow_now):
    commitment = f.commitment()
    follow_now("commitment", commitment.pk, frequency="weekly")
    mail.outbox.clear()
    save_tracked(actor=None, instance=commitment, values={"title": "Ukentlig"})
    keys = jobs.digest_moments(timezone.now(), timezone.now() + 7 * DAY, weekly=True)
    assert len(keys) == 1
    moment = datetime.datetime.fromisoformat(str(keys[0]))
    assert moment.astimezone(jobs._zone()).weekday() == 0 and moment.astimezone(jobs._zone()).hour == 7
    run(jobs.WEEKLY, moment - MINUTE)
    assert follow_mails() == []
    run(jobs.WEEKLY, moment + MINUTE)
    assert len(follow_mails()) == 1


def test_the_email_is_in_the_followers_language(follow_now):
    commitment = f.commitment()
    follow_now("commitment", commitment.pk, language="nb")
    mail.outbox.clear()
    save_tracked(actor=None, instance=commitment, values={"title": "Norsk"})
    run(jobs.REALTIME, timezone.now() + 10 * MINUTE)
    (message,) = follow_mails()
    assert "/nb/" in message.extra_headers["List-Unsubscribe"]
    assert "/nb/" in message.body and "Stopp" in message.body


def test_a_stopped_or_unconfirmed_follower_gets_nothing(follow_now):
    from samskap.following import services

    commitment = f.commitment()
    stopped = follow_now("commitment", commitment.pk, email="stopped@example.no")
    services.stop(subscriptions=Subscription.objects.filter(pk=stopped.pk))
    services.follow(
        kind="commitment", object_id=commitment.pk, frequency="realtime", language="en", email="new@example.no"
    )
    mail.outbox.clear()
    save_tracked(actor=None, instance=commitment, values={"title": "Ingen skal få dette"})
    run(jobs.REALTIME, timezone.now() + 10 * MINUTE)
    assert mail.outbox == []


def test_a_failing_run_sends_nothing_and_keeps_the_cursor_for_the_next(follow_now, monkeypatch, settings):
    from django_tasks_db.models import DBTaskResult

    commitment = f.commitment()
    subscription = follow_now("commitment", commitment.pk)
    save_tracked(actor=None, instance=commitment, values={"title": "Etter omstart"})
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # enqueued in the transaction
    original = delivery.send

    def broken(*args, **kwargs):
        original(*args, **kwargs)
        raise RuntimeError("the worker died")

    monkeypatch.setattr(delivery, "send", broken)
    at = timezone.now() + 10 * MINUTE
    outcome = run(jobs.REALTIME, at)
    assert outcome.failed
    assert DBTaskResult.objects.count() == 0  # the email went with the failure
    cursor = subscription.cursor
    subscription.refresh_from_db()
    assert subscription.cursor == cursor
    monkeypatch.setattr(delivery, "send", original)
    run(jobs.REALTIME, at)  # the next run (after a restart) takes it up
    assert DBTaskResult.objects.count() == 1
    subscription.refresh_from_db()
    assert subscription.cursor > cursor


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_send_each_email_once(follow_now):
    if connection.vendor != "postgresql":
        pytest.fail("needs PostgreSQL (make test-postgres); SQLite runs deselect the 'postgres' marker")
    commitment = f.commitment()
    for n in range(5):
        follow_now("commitment", commitment.pk, email=f"person{n}@example.no")
    mail.outbox.clear()
    save_tracked(actor=None, instance=commitment, values={"title": "Samtidig"})
    at = timezone.now() + 10 * MINUTE
    errors: list[BaseException] = []

    def scheduler() -> None:
        try:
            run(jobs.REALTIME, at)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(m.to[0] for m in mail.outbox) == [f"person{n}@example.no" for n in range(5)]
    assert SentEmail.objects.filter(key__startswith="following:realtime:").count() == 5


def test_another_app_plugs_its_events_in_from_its_own_registrations(follow_now):
    from samskap.kernel.registry import FollowEvent, FollowSource, follow_events

    plan = f.plan()
    follow_now("plan", plan.pk)
    mail.outbox.clear()
    moment = timezone.now()

    def status_round(ids, after, until):
        return [FollowEvent(pk, "round:1", moment, "A status round was published", "/en/") for pk in ids]

    follow_events.register("test.rounds", FollowSource("plan", status_round))
    try:
        run(jobs.REALTIME, timezone.now() + 10 * MINUTE)
    finally:
        follow_events.unregister("test.rounds")
    (message,) = follow_mails()
    assert "A status round was published" in message.body


def test_delivery_reads_a_fixed_number_of_queries_however_many_follow(follow_now, django_assert_max_num_queries):
    from samskap.following.delivery import pending

    commitment = f.commitment()
    for n in range(2):
        follow_now("commitment", commitment.pk, email=f"few{n}@example.no")
    save_tracked(actor=None, instance=commitment, values={"title": "Telles"})
    until = timezone.now() + MINUTE
    with CaptureQueriesContext(connection) as few:
        assert len(pending(list(Subscription.objects.all()), until)) == 2
    for n in range(20):
        follow_now("commitment", commitment.pk, email=f"many{n}@example.no")
    Subscription.objects.update(cursor=timezone.now() - DAY)  # all of them before the change
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(pending(list(Subscription.objects.all()), until)) == 22
