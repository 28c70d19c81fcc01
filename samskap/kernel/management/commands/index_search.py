"""Index now every row a bulk writer (the IRM import) left pending: `manage.py index_search`.

The task worker does it after each import (`kernel.tasks.index_search`); this is for operators (after a
worker outage, or to see it done) and for the import bench. Safe beside a running worker.
"""

import time
from typing import Any

from django.core.management.base import BaseCommand

from samskap.kernel.search import index_pending


class Command(BaseCommand):
    help = "Index the search text of the rows an import left pending (the task worker does it in the background)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        written = index_pending()
        if int(options["verbosity"]) > 0:
            self.stdout.write(f"Indexed {written} rows in {time.monotonic() - started:.1f} s.")
