"""Scheduled work: reminders, digests, deadlines. `docs/SCHEDULED_WORK.md` tells how it runs.

A job is declared in its app's `jobs` module (imported by the kernel when the apps are ready) as two
functions:

- `due(since, now)` reads the database and returns the keys of the occurrences that are due: those whose
  moment fell between `since` and `now`, e.g. `(consultation.pk, closes_at)` for each consultation whose
  deadline has passed. Nothing is kept in memory, so a restart loses nothing: what came due while no
  scheduler ran is due at the next run, as long as it is no older than the job's `catch_up`
  (`since = now - catch_up`). Older occurrences are dropped, so a scheduler that was down for a month, or
  is started for the first time, does not send a month of stale reminders.
- `run(key, now)` does the work of one occurrence, typically enqueueing emails (`samskap.kernel.tasks`).

`run_due(now)` claims each due occurrence by inserting a `ScheduledRun` row, unique on job and key, and
runs it in the same transaction. Exactly one runner's insert succeeds, however many schedulers run at
once (the others get an IntegrityError, caught in a savepoint, and skip it), and the claim commits or
rolls back with the work: a job that raises leaves no claim and is tried again at the next run, and an
email enqueued by a job that then failed is not sent. Claims older than a job's catch-up can never be
due again; `prune(now)` deletes them, so the table holds a few weeks of runs.
"""

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from samskap.kernel.models import ScheduledRun
from samskap.kernel.registry import Registry

logger = logging.getLogger(__name__)

Key = str | int | tuple[str | int, ...]
Due = Callable[[datetime.datetime, datetime.datetime], Iterable[Key]]
Run = Callable[[Key, datetime.datetime], None]

DEFAULT_CATCH_UP = datetime.timedelta(days=7)
# Claims are kept this much longer than a job's catch-up, against clocks that differ between machines.
PRUNE_MARGIN = datetime.timedelta(days=1)
NAME_MAX = ScheduledRun._meta.get_field("job").max_length or 100
KEY_MAX = ScheduledRun._meta.get_field("key").max_length or 200
_CHUNK = 500  # keys per `IN (...)` query: well below SQLite's limit on query parameters


@dataclass(frozen=True)
class Job:
    name: str
    due: Due
    run: Run
    catch_up: datetime.timedelta = DEFAULT_CATCH_UP


jobs: Registry[Job] = Registry("scheduled jobs")


def register_job(name: str, *, due: Due, run: Run, catch_up: datetime.timedelta = DEFAULT_CATCH_UP) -> Job:
    if not name or len(name) > NAME_MAX:
        raise ValueError(f"A scheduled job's name has 1 to {NAME_MAX} characters: {name!r}")
    if catch_up <= datetime.timedelta(0):
        raise ValueError(f"{name}: catch_up must be positive")
    return jobs.register(name, Job(name=name, due=due, run=run, catch_up=catch_up))


def scheduled(name: str, *, due: Due, catch_up: datetime.timedelta = DEFAULT_CATCH_UP) -> Callable[[Run], Run]:
    """Registers the decorated function as the work of job `name`, for each occurrence `due` returns."""

    def decorate(run: Run) -> Run:
        register_job(name, due=due, run=run, catch_up=catch_up)
        return run

    return decorate


def key_text(key: Key) -> str:
    """How a key is stored: its parts joined with colons, `(42, "2025-03-01")` as `42:2025-03-01`."""
    parts = key if isinstance(key, tuple) else (key,)
    text = ":".join(str(part) for part in parts)
    if not text or len(text) > KEY_MAX:
        raise ValueError(f"A scheduled occurrence's key has 1 to {KEY_MAX} characters: {text!r}")
    return text


@dataclass
class Outcome:
    """What one `run_due` did, as (job, key) pairs; a failure to find what is due has the key ''."""

    ran: list[tuple[str, str]] = field(default_factory=list)
    taken: list[tuple[str, str]] = field(default_factory=list)  # claimed by another runner meanwhile
    failed: list[tuple[str, str]] = field(default_factory=list)


def run_due(now: datetime.datetime | None = None, *, names: Iterable[str] | None = None) -> Outcome:
    """Runs every due occurrence not run before, each in its own transaction with its claim."""
    now = now or timezone.now()
    outcome = Outcome()
    selected = [jobs[name] for name in names] if names is not None else list(jobs)
    for job in selected:
        try:
            due = {key_text(key): key for key in job.due(now - job.catch_up, now)}
            done = _claimed(job.name, list(due))
        except Exception:
            logger.exception("Scheduled job %s: finding what is due failed", job.name)
            outcome.failed.append((job.name, ""))
            continue
        for text, key in due.items():
            if text not in done:
                _run_one(job, text, key, now, outcome)
    return outcome


def _claimed(name: str, texts: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(texts), _CHUNK):
        chunk = texts[start : start + _CHUNK]
        found.update(ScheduledRun.objects.filter(job=name, key__in=chunk).values_list("key", flat=True))
    return found


def _claim(name: str, text: str, now: datetime.datetime) -> bool:
    """Inserts the claim; False when another runner holds it (on PostgreSQL this waits for its commit)."""
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(job=name, key=text, ran_at=now)
    except IntegrityError:
        return False
    return True


def _run_one(job: Job, text: str, key: Key, now: datetime.datetime, outcome: Outcome) -> None:
    try:
        with transaction.atomic():
            claimed = _claim(job.name, text, now)
            if claimed:
                job.run(key, now)
    except Exception:
        logger.exception("Scheduled job %s failed for %s; it is tried again at the next run", job.name, text)
        outcome.failed.append((job.name, text))
        return
    (outcome.ran if claimed else outcome.taken).append((job.name, text))


def prune(now: datetime.datetime | None = None) -> int:
    """Deletes the claims that can no longer be due (older than their job's catch-up); returns how many.

    Claims of a job no longer registered are kept: nothing says how long it would look back.
    """
    now = now or timezone.now()
    deleted = 0
    for job in jobs:
        count, _ = ScheduledRun.objects.filter(job=job.name, ran_at__lt=now - job.catch_up - PRUNE_MARGIN).delete()
        deleted += count
    return deleted
