from typing import Any

from django.contrib.auth.forms import PasswordResetForm


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the email made and sent by the task worker.

    `save` enqueues one task with the address, known or not: the same work and the same time for both,
    so the page's timing does not tell which addresses have an account (`accounts.tasks`).
    """

    def save(self, *args: Any, **kwargs: Any) -> None:
        from django.utils.translation import get_language

        from samskap.accounts.tasks import send_password_reset

        send_password_reset.enqueue(email=self.cleaned_data["email"], language=get_language() or "nb")
