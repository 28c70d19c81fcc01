"""A consultation's report (HTML and PDF), made once per version of its data, in the task worker, and
kept as a file (issue 10, found 1: a 2,000-submission PDF took 13 s of an app worker per request).

The version is a digest of what the report shows (the consultation, the listed submissions and their
answers), so a new submission, a hiding or an answer makes a new file and the old one is never served
again. A request that finds no file enqueues `make_report` once and is told to come back
(503 with Retry-After); it never renders the report itself.
"""

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Max, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from samskap.consultations import selectors
from samskap.consultations.models import Consultation, Submission
from samskap.consultations.public import listed_submissions
from samskap.kernel.tasks import rerunnable

FORMATS = ("html", "pdf")


def version(consultation: Consultation) -> str:
    """A digest of everything the report shows; it changes whenever the report would."""
    listed = listed_submissions().filter(consultation=consultation)
    figures = listed.aggregate(
        n=Count("pk"),
        hidden=Count("pk", filter=Q(status=Submission.Status.HIDDEN)),
        last=Max("pk"),
        published=Max("published_at"),
        answered=Max("response__updated_at"),
        answers=Count("response"),
    )
    received = Submission.objects.filter(consultation=consultation).exclude(status=Submission.Status.UNCONFIRMED)
    totals = received.aggregate(n=Count("pk"), answered=Count("response"))
    text = repr((consultation.pk, consultation.updated_at, consultation.title, consultation.summary, figures, totals))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def path(consultation_id: int, stamp: str, fmt: str, language: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "reports" / str(consultation_id) / f"{stamp}-{language}.{fmt}"


def html(consultation: Consultation) -> str:
    return render_to_string(
        "consultations/report.html",
        {
            "consultation": consultation,
            "jurisdiction": consultation.jurisdiction,
            "rows": selectors.export_rows(consultation),
            "totals": selectors.totals(consultation),
            "outcomes": selectors.outcome_counts(consultation),
            "generated": timezone.now(),
            "LANGUAGE_CODE": translation.get_language(),
        },
    )


def render(consultation_id: int, fmt: str, language: str = "en") -> Path | None:
    """Make the report file for the data as it is now (nothing when the consultation is gone)."""
    consultation = selectors.consultations().filter(pk=consultation_id).first()
    if consultation is None or fmt not in FORMATS:
        return None
    with translation.override(language):
        stamp = version(consultation)
        target = path(consultation.pk, stamp, fmt, language)
        if target.exists():
            return target
        document = html(consultation)
        if fmt == "pdf":
            from weasyprint import HTML  # type: ignore[import-untyped]

            data = HTML(string=document, base_url=settings.SITE_URL + "/").write_pdf()
        else:
            data = document.encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written beside it and renamed: a reader sees the whole file or none.
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, target)
    for old in target.parent.glob(f"*-{language}.{fmt}"):
        if old != target:
            old.unlink(missing_ok=True)
    return target


@rerunnable
@task()
def make_report(*, consultation_id: int, fmt: str, language: str) -> str:
    made = render(consultation_id, fmt, language)
    return str(made or "")
