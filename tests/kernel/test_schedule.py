"""Scheduled work: what is due comes from the data, each occurrence runs once, a failure is retried."""

import datetime
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from samskap.kernel import schedule
from samskap.kernel.models import ScheduledRun
from samskap.kernel.registry import Registry

T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def jobs(monkeypatch):
    """An empty registry of jobs, so that only the test's own jobs run."""
    registry: Registry[schedule.Job] = Registry("test jobs")
    monkeypatch.setattr(schedule, "jobs", registry)
    return registry


class Deadlines:
    """A job's data: named moments, as a table would hold them; `runs` records the work done."""

    def __init__(self, name: str, moments: dict[str, datetime.datetime], *, fail_on: str = "") -> None:
        self.name = name
        self.moments = moments
        self.fail_on = fail_on
        self.runs: list[str] = []
        self.lock = threading.Lock()

    def due(self, since, now):
        return [key for key, moment in self.moments.items() if since < moment <= now]

    def run(self, key, now):
        if key == self.fail_on:
            raise RuntimeError("the mail server is away")
        with self.lock:
            self.runs.append(key)

    def register(self, **options):
        return schedule.register_job(self.name, due=self.due, run=self.run, **options)


pytestmark = pytest.mark.django_db


def test_nothing_is_due_before_its_moment_and_it_runs_once_after(jobs):
    deadlines = Deadlines("reminder", {"a": T0})
    deadlines.register()

    assert schedule.run_due(T0 - HOUR).ran == []
    outcome = schedule.run_due(T0 + HOUR)
    assert outcome.ran == [("reminder", "a")]
    assert deadlines.runs == ["a"]

    assert schedule.run_due(T0 + 2 * HOUR).ran == []
    assert deadlines.runs == ["a"]
    assert ScheduledRun.objects.get().ran_at == T0 + HOUR


def test_the_decorator_registers_the_work_and_tuple_keys_are_stored_as_text(jobs):
    runs = []

    @schedule.scheduled("digest", due=lambda since, now: [(42, "2026-03-02")])
    def digest(key, now):
        runs.append(key)

    schedule.run_due(T0)
    assert runs == [(42, "2026-03-02")]  # the work gets the key as `due` returned it
    assert ScheduledRun.objects.get().key == "42:2026-03-02"


def test_a_name_is_registered_once(jobs):
    Deadlines("reminder", {}).register()
    with pytest.raises(ValueError, match="twice"):
        Deadlines("reminder", {}).register()


def test_what_came_due_while_nothing_ran_runs_at_the_next_run_within_the_catch_up(jobs):
    deadlines = Deadlines("reminder", {"recent": T0, "stale": T0 - datetime.timedelta(days=30)})
    deadlines.register(catch_up=datetime.timedelta(days=7))

    schedule.run_due(T0 + datetime.timedelta(days=2))  # the scheduler was down for two days
    assert deadlines.runs == ["recent"]  # a month-old deadline is not worth a reminder any more


def test_a_job_that_raises_leaves_no_claim_is_retried_and_does_not_stop_the_others(jobs):
    failing = Deadlines("failing", {"a": T0, "b": T0}, fail_on="a")
    failing.register()
    other = Deadlines("other", {"x": T0})
    other.register()

    outcome = schedule.run_due(T0 + HOUR)
    assert outcome.failed == [("failing", "a")]
    assert sorted(outcome.ran) == [("failing", "b"), ("other", "x")]
    assert not ScheduledRun.objects.filter(job="failing", key="a").exists()

    failing.fail_on = ""  # the mail server is back
    outcome = schedule.run_due(T0 + 2 * HOUR)
    assert outcome.ran == [("failing", "a")]
    assert failing.runs == ["b", "a"]
    assert other.runs == ["x"]


def test_a_job_whose_due_raises_does_not_stop_the_others(jobs):
    def broken(since, now):
        raise RuntimeError("a bad query")

    schedule.register_job("broken", due=broken, run=lambda key, now: None)
    other = Deadlines("other", {"x": T0})
    other.register()

    outcome = schedule.run_due(T0 + HOUR)
    assert outcome.failed == [("broken", "")]
    assert other.runs == ["x"]


def test_the_claim_and_the_enqueued_email_roll_back_together(jobs, settings):
    from django_tasks_db.models import DBTaskResult

    from samskap.kernel.tasks import send_email

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def run(key, now):
        send_email.enqueue(subject="Reminder", body="…", to=["a@example.no"])
        if key == "b":
            raise RuntimeError("failed after enqueueing")

    schedule.register_job("mail", due=lambda since, now: ["a", "b"], run=run)
    schedule.run_due(T0)

    assert DBTaskResult.objects.count() == 1  # a's email; b's went with b's failure
    assert list(ScheduledRun.objects.values_list("key", flat=True)) == ["a"]


def test_an_occurrence_another_runner_claimed_meanwhile_is_skipped(jobs, monkeypatch):
    """Between reading the claims and inserting its own, another runner committed the same claim."""
    deadlines = Deadlines("reminder", {"a": T0, "b": T0})
    deadlines.register()
    ScheduledRun.objects.create(job="reminder", key="a", ran_at=T0)
    monkeypatch.setattr(schedule, "_claimed", lambda name, texts: set())  # it read before the other's commit

    outcome = schedule.run_due(T0 + HOUR)
    assert outcome.taken == [("reminder", "a")]
    assert outcome.ran == [("reminder", "b")]
    assert deadlines.runs == ["b"]


def test_a_restart_does_not_run_again(jobs, monkeypatch):
    """Nothing is remembered in memory: a new process, with its jobs registered afresh, reads the claims."""
    Deadlines("reminder", {"a": T0}).register()
    schedule.run_due(T0 + HOUR)

    monkeypatch.setattr(schedule, "jobs", Registry("jobs of a new process"))
    after_restart = Deadlines("reminder", {"a": T0, "b": T0 + HOUR})
    after_restart.register()
    schedule.run_due(T0 + 2 * HOUR)
    assert after_restart.runs == ["b"]


def test_prune_deletes_only_the_claims_that_can_no_longer_be_due(jobs):
    deadlines = Deadlines("reminder", {"old": T0, "new": T0 + datetime.timedelta(days=10)})
    deadlines.register(catch_up=datetime.timedelta(days=7))
    schedule.run_due(T0)
    schedule.run_due(T0 + datetime.timedelta(days=10))
    ScheduledRun.objects.create(job="no-longer-registered", key="1", ran_at=T0 - datetime.timedelta(days=400))

    assert schedule.prune(T0 + datetime.timedelta(days=7, hours=23)) == 0  # within catch-up and margin
    assert schedule.prune(T0 + datetime.timedelta(days=8, hours=1)) == 1
    assert set(ScheduledRun.objects.values_list("key", flat=True)) == {"new", "1"}

    schedule.run_due(T0 + datetime.timedelta(days=12))
    assert deadlines.runs == ["old", "new"]  # the pruned occurrence is past its catch-up: not run again


def test_keys_and_names_have_bounds(jobs):
    with pytest.raises(ValueError, match="key"):
        schedule.key_text("x" * 201)
    with pytest.raises(ValueError, match="name"):
        schedule.register_job("x" * 101, due=lambda since, now: [], run=lambda key, now: None)


# --- The command ---------------------------------------------------------------------------------------


def test_the_command_runs_what_is_due_once(jobs, capsys):
    deadlines = Deadlines("reminder", {"a": timezone.now() - HOUR})
    deadlines.register()

    call_command("run_scheduled")
    call_command("run_scheduled")
    assert deadlines.runs == ["a"]
    assert "ran reminder a" in capsys.readouterr().out

    call_command("run_scheduled", "--list")
    assert "reminder" in capsys.readouterr().out


def test_the_command_fails_when_a_job_failed_after_running_the_rest(jobs):
    failing = Deadlines("failing", {"a": timezone.now() - HOUR}, fail_on="a")
    failing.register()
    other = Deadlines("other", {"x": timezone.now() - HOUR})
    other.register()

    with pytest.raises(CommandError, match="tried again"):
        call_command("run_scheduled")
    assert other.runs == ["x"]
    with pytest.raises(CommandError, match="No scheduled job"):
        call_command("run_scheduled", "--job", "nothing")


# --- Two schedulers at once (PostgreSQL: real concurrent transactions) ----------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_run_each_occurrence_once(jobs):
    if connection.vendor != "postgresql":
        pytest.fail("needs PostgreSQL (make test-postgres); SQLite runs deselect the 'postgres' marker")
    keys = [f"k{n}" for n in range(20)]
    runs: list[str] = []
    lock = threading.Lock()
    both_looked = threading.Barrier(2, timeout=10)

    def due(since, now):
        both_looked.wait()  # both runners find the same occurrences unclaimed
        return keys

    def run(key, now):
        with lock:
            runs.append(key)
        threading.Event().wait(0.01)  # hold the claim uncommitted a moment: the other runner must wait on it

    schedule.register_job("busy", due=due, run=run)
    outcomes: list[schedule.Outcome] = []
    errors: list[BaseException] = []

    def scheduler() -> None:
        try:
            outcomes.append(schedule.run_due(T0))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert errors == []
    assert sorted(runs) == sorted(keys)  # each once
    assert sum(len(o.ran) for o in outcomes) == len(keys)
    assert ScheduledRun.objects.filter(job="busy").count() == len(keys)
    assert all(o.failed == [] for o in outcomes)
