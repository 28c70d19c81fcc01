"""manage.py import_irm FILE: OGP's commitment spreadsheet into Samskap, all or nothing."""

import os
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samskap.opendata.irm.importer import import_irm
from samskap.opendata.irm.reader import ImportRefused


class Command(BaseCommand):
    help = "Import the IRM's commitment data (CSV). Nothing is imported when the file has a problem."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the CSV file")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"]
        try:
            total = os.path.getsize(path)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        started = time.monotonic()
        show = not options["no_progress"] and options["verbosity"] > 0

        def progress(done: int) -> None:
            if not show:
                return
            share = done / total if total else 1.0
            bar = "#" * int(share * 40)
            sys.stderr.write(f"\r[{bar:<40}] {share:6.1%} {time.monotonic() - started:6.1f} s")
            sys.stderr.flush()

        try:
            with open(path, "rb") as stream:
                result = import_irm(stream, progress=progress)
        except ImportRefused as refused:
            if show:
                sys.stderr.write("\n")
            for problem in refused.problems:
                self.stderr.write(str(problem))
            raise CommandError("The file was refused; nothing was imported.") from None
        if show:
            sys.stderr.write("\n")
        self.stdout.write(
            f"{result.rows} rows: {result.created} commitments created, {result.updated} updated, "
            f"{result.unchanged} unchanged; {result.plans} new plans, {result.jurisdictions} new jurisdictions "
            f"({time.monotonic() - started:.1f} s)."
        )
        if result.skipped:
            places = ", ".join(f"{place} ({count})" for place, count in result.skipped_places.most_common())
            self.stdout.write(f"{result.skipped} rows skipped: {places}.")
        if result.kept_count:
            self.stdout.write(f"{result.kept_count} values differ from Samskap's and were kept as they are:")
            for kept in result.kept:
                self.stdout.write(
                    f"  line {kept.line}: {kept.what}, {kept.field}: {kept.stored!r} kept, file {kept.in_file!r}"
                )
