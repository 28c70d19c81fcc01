"""What of a submission the public sees, declared once (the API, downloads, sitemap and pages read it).

Only published submissions whose senders agreed to publication; the name, organisation and on whose
behalf only when published by name; never an email address.
"""

from typing import Any

from django.db.models import QuerySet

from samskap.consultations.models import Submission
from samskap.kernel.public import PublicFields


def published_submissions() -> QuerySet[Submission]:
    return Submission.objects.filter(
        status=Submission.Status.PUBLISHED,
        consent__in=[Submission.Consent.NAMED, Submission.Consent.ANONYMOUS],
    )


def _by_name(item: Any) -> bool:
    return bool(item.consent == Submission.Consent.NAMED)


SUBMISSION = PublicFields(
    model=Submission,
    fields=(
        "id",
        "consultation",
        "section",
        "name",
        "organisation",
        "on_behalf_of",
        "respondent_type",
        "text",
        "answers",
        "is_late",
        "group",
        "response",
        "published_at",
    ),
    rows=published_submissions,
    withheld={
        "name": ("Name (only when published by name)", _by_name),
        "organisation": ("Organisation (only when published by name)", _by_name),
        "on_behalf_of": ("On whose behalf (only when published by name)", _by_name),
    },
)
