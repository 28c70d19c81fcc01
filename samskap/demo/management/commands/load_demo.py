"""`manage.py load_demo`: the demo data (see samskap.demo). Safe to run again."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from samskap.demo.loader import DemoDataError, load_demo
from samskap.demo.users import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Load demo data: Norway's plans 4 and 4B, Denmark's 2017-2019 plan, a municipality's plan, and one "
        f'user per role (password "{DEMO_PASSWORD}"). Loads only what is missing.'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even when DEBUG is off (a public demo server). Never on a real site.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The demo includes a superuser with a published password; refuse on a site that looks real.
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                f'The demo creates a superuser with the published password "{DEMO_PASSWORD}". '
                "Run it with DEBUG on, or pass --force on a demo server."
            )
        try:
            created = load_demo()
        except DemoDataError as error:
            raise CommandError(f"Demo data not loaded: {error}") from error
        if not created:
            self.stdout.write("Demo data already loaded.")
            return
        summary = ", ".join(f"{count} {kind}" for kind, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {summary}."))
