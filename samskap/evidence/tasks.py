"""Background work of the evidence repository: a link is checked in the task worker, outside the
scheduler's transaction, so a slow server holds no database lock."""

import datetime

from django_tasks import task

from samskap.evidence import services
from samskap.evidence.models import Document


@task()
def check_link(*, document_id: int, checked_at: str) -> None:
    document = Document.objects.filter(pk=document_id).exclude(url="").first()
    if document is not None:
        services.check_link(document=document, now=datetime.datetime.fromisoformat(checked_at))
