"""The task worker that survives database blips: `manage.py run_worker` (same options as `db_worker`).

django-tasks' `db_worker` exits when the database is briefly away (a restart, a failover, a terminated
connection). This command runs it again after a pause (1, 2, 4 … at most 30 seconds) instead, and at each
start first queues again the tasks a dead worker left RUNNING (`kernel.jobs`). Run it under a supervisor
too (docs/deploy/samskap-worker.service: systemd, Restart=always) against everything else.
"""

import contextlib
import logging
import time
from typing import Any

from django.db import DatabaseError, connections
from django_tasks_db.management.commands.db_worker import Command as DbWorker

logger = logging.getLogger("samskap.worker")

MAX_PAUSE = 30.0


class Command(DbWorker):
    help = "Run the task worker; it waits out a database that is briefly unavailable instead of exiting."

    def handle(self, *args: Any, **options: Any) -> None:
        # Never under the autoreloader: its thread would swallow the error this loop waits out.
        options["reload"] = False
        pause = 1.0
        while True:
            try:
                from samskap.kernel.jobs import requeue_now

                requeue_now()
                super().handle(*args, **options)
                return  # --batch, --max-tasks, or a clean shutdown
            except DatabaseError as error:
                if any(c.in_atomic_block for c in connections.all(initialized_only=True)):
                    raise  # inside a transaction (a test): waiting cannot help
                logger.warning("The database is unavailable (%s); the worker tries again in %.0f s", error, pause)
                for connection in connections.all(initialized_only=True):
                    with contextlib.suppress(DatabaseError):
                        connection.close()
                time.sleep(pause)
                pause = min(pause * 2, MAX_PAUSE)
