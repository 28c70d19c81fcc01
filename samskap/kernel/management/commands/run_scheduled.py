"""Runs the scheduled work that is due (`samskap.kernel.schedule`), once or in a loop.

Once a minute from a systemd timer or cron, or `--loop` as a long-running service. Any number of them may
run at once, on one machine or several: each occurrence is claimed in the database and runs once.
"""

import signal
import threading
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections

from samskap.kernel import schedule


class Command(BaseCommand):
    help = "Runs the scheduled jobs (reminders, digests, deadlines) that are due; --loop to keep running."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Keep running, checking every --interval seconds.")
        parser.add_argument("--interval", type=float, default=60.0, help="Seconds between runs with --loop.")
        parser.add_argument("--job", action="append", dest="jobs", help="Only this job (repeatable).")
        parser.add_argument("--list", action="store_true", help="List the registered jobs and stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        self.verbosity = int(options["verbosity"])
        if options["list"]:
            for job in schedule.jobs:
                self.stdout.write(f"{job.name}  (catches up {job.catch_up})")
            return
        names = options["jobs"]
        unknown = [name for name in names or [] if name not in schedule.jobs]
        if unknown:
            raise CommandError(f"No scheduled job named {', '.join(unknown)}; --list shows them.")
        if not options["loop"]:
            if not self._run_once(names):
                raise CommandError("Some scheduled work failed (see the log); it is tried again at the next run.")
            return
        if options["interval"] <= 0:
            raise CommandError("--interval must be positive.")
        stop = threading.Event()

        def _stop(signum: int, frame: FrameType | None) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        while not stop.is_set():
            close_old_connections()
            try:
                self._run_once(names)
            except Exception as error:  # the database is away, say: log it and try again at the next turn
                self.stderr.write(f"Scheduled work could not run: {error!r}")
            stop.wait(options["interval"])

    def _run_once(self, names: list[str] | None) -> bool:
        outcome = schedule.run_due(names=names)
        schedule.prune()
        for name, key in outcome.ran:
            if self.verbosity >= 1:
                self.stdout.write(f"ran {name} {key}")
        for name, key in outcome.failed:
            self.stderr.write(f"failed {name} {key or '(finding what is due)'}")
        return not outcome.failed
