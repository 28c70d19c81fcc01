"""The kernel's scheduled work: tasks left RUNNING by a worker that died are queued again.

A worker killed (SIGKILL, out of memory, the machine lost) in the middle of a task leaves its row
RUNNING for ever, and nothing would run it again: a lost confirmation email. This job puts such a task
back to READY once it has been running for longer than `STALE_RUNNING` (no task of ours runs that
long), if the task is one that is safe to run again (`kernel.tasks.RERUNNABLE`: emails are sent once
per key). Others are marked FAILED, so that they are seen, not retried blindly.
"""

import datetime
import logging

from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from samskap.kernel.schedule import Key, scheduled
from samskap.kernel.tasks import RERUNNABLE

logger = logging.getLogger(__name__)

STALE_RUNNING = datetime.timedelta(minutes=15)
REQUEUE = "kernel.requeue_stale_tasks"


def _stale(since: datetime.datetime, now: datetime.datetime) -> list[Key]:
    rows = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lte=now - STALE_RUNNING, started_at__gt=since - STALE_RUNNING
    ).values_list("id", "started_at")
    return [(str(pk), started.isoformat()) for pk, started in rows if started is not None]


@scheduled(REQUEUE, due=_stale, catch_up=datetime.timedelta(days=2))
def requeue_stale_task(key: Key, now: datetime.datetime) -> None:
    """Queue the task again (or mark it failed), if it is still the same stale run."""
    assert isinstance(key, tuple)
    row = DBTaskResult.objects.filter(pk=str(key[0]), status=TaskResultStatus.RUNNING).first()
    if row is None or row.started_at is None or row.started_at.isoformat() != key[1]:
        return  # it finished, or was re-queued and started again since
    if row.task_path in RERUNNABLE:
        DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, run_after=timezone.now()
        )
        logger.warning("Task %s (%s) was left running by a dead worker: queued again", row.pk, row.task_path)
    else:
        DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED, finished_at=timezone.now(), exception_class_path="WorkerDied"
        )
        logger.error("Task %s (%s) was left running by a dead worker: marked failed", row.pk, row.task_path)


def requeue_now(now: datetime.datetime | None = None) -> int:
    """Do the job at once (the worker calls it when it starts): the number of tasks handled."""
    now = now or timezone.now()
    keys = _stale(now - datetime.timedelta(days=2), now)
    for key in keys:
        requeue_stale_task(key, now)
    return len(keys)


INDEX_PENDING = "kernel.index_pending_search"
#: How often the sweep below may enqueue the indexing: its key is the moment rounded down to this.
INDEX_SWEEP = datetime.timedelta(minutes=10)


def _left_pending(since: datetime.datetime, now: datetime.datetime) -> list[Key]:
    """Rows a bulk writer left pending with no `index_search` task queued or running to index them: the
    import's process died between its commit and its enqueue, or the task failed. Checked every
    `INDEX_SWEEP`, so nothing stays unsearchable for long."""
    from samskap.kernel.search import pending_count
    from samskap.kernel.tasks import index_search

    queued = DBTaskResult.objects.filter(
        task_path=index_search.module_path, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    )
    if queued.exists() or not pending_count():
        return []
    step = INDEX_SWEEP.total_seconds()
    moment = datetime.datetime.fromtimestamp(now.timestamp() // step * step, tz=datetime.UTC)
    return [moment.isoformat()]


@scheduled(INDEX_PENDING, due=_left_pending, catch_up=datetime.timedelta(days=1))
def enqueue_index_search(key: Key, now: datetime.datetime) -> None:
    from samskap.kernel.tasks import index_search

    index_search.enqueue()
