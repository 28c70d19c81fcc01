"""Consultation work done by the task worker."""

from django.utils import translation
from django_tasks import task


@task()
def resend_receipt(*, receipt: str, email: str, language: str) -> bool:
    """The "send the confirmation again" page's request, looked up in the worker: the page does the same
    work, and answers the same, whether or not the receipt number and the email match."""
    from samskap.consultations import services

    with translation.override(language):
        return services.resend_receipt(receipt=receipt, email=email)
