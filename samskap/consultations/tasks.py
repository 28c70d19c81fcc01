"""Consultation work done by the task worker."""

from django.utils import translation
from django_tasks import TaskContext, task

from samskap.kernel.tasks import rerunnable


@rerunnable
@task(takes_context=True)
def resend_receipt(context: TaskContext, *, receipt: str, email: str, language: str) -> bool:
    """The "send the confirmation again" page's request, looked up in the worker: the page does the same
    work, and answers the same, whether or not the receipt number and the email match."""
    from samskap.consultations import services

    with translation.override(language):
        # Keyed on this task: run again after a worker died, it sends no second email.
        return services.resend_receipt(receipt=receipt, email=email, key=f"again:{context.task_result.id}")
