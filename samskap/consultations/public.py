"""What of a submission the public sees, declared once (the API, downloads, sitemap and pages read it).

Only published submissions whose senders agreed to publication; the name, organisation and on whose
behalf only when published by name; never an email address.
"""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from samskap.consultations.models import Response, Submission
from samskap.kernel.public import PublicFields


def published_submissions() -> QuerySet[Submission]:
    return Submission.objects.filter(
        status=Submission.Status.PUBLISHED,
        consent__in=[Submission.Consent.NAMED, Submission.Consent.ANONYMOUS],
    )


def listed_submissions() -> QuerySet[Submission]:
    """What a consultation's public list, pages and report show: the published submissions and, as a
    placeholder with the moderator's reason (never the text), those hidden after they were published.

    Hiding can never widen who sees a thing: a submission hidden while unconfirmed, held for moderation
    or sent with "do not publish" was never published (no `published_at`) and stays out.
    """
    return Submission.objects.filter(
        Q(status=Submission.Status.PUBLISHED) | Q(status=Submission.Status.HIDDEN, published_at__isnull=False),
        consent__in=[Submission.Consent.NAMED, Submission.Consent.ANONYMOUS],
    )


def public_answers() -> QuerySet[Response]:
    """The reasoned answers the public sees: those to confirmed input (published or not, since the answer
    to "do not publish" input is still part of the record). An answer only to unconfirmed input is not."""
    confirmed = Submission.objects.filter(response=OuterRef("pk")).exclude(status=Submission.Status.UNCONFIRMED)
    return Response.objects.filter(Exists(confirmed))


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
