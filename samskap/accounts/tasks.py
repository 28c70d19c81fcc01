"""The password-reset email, made in the task worker.

The request only enqueues this task with the address it was given, whether or not an account has it:
the page does the same work, and takes the same time, for a known and an unknown address (issue 10).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader
from django.utils import translation
from django_tasks import TaskContext, task

from samskap.kernel.tasks import rerunnable, send_email


@rerunnable
@task(takes_context=True)
def send_password_reset(context: TaskContext, *, email: str, language: str) -> int:
    """Email a reset link to each active account with this address (none: nothing is sent)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    task_id = context.task_result.id
    site = urlsplit(settings.SITE_URL)
    sent = 0
    with translation.override(language):
        for user in PasswordResetForm().get_users(email):
            values = {
                "email": email,
                "domain": site.netloc,
                "site_name": "Samskap",
                "uid": urlsafe_base64_encode(force_bytes(user.pk)),
                "user": user,
                "token": default_token_generator.make_token(user),
                "protocol": site.scheme or "https",
            }
            subject = "".join(loader.render_to_string("accounts/email/password_reset_subject.txt", values).splitlines())
            body = loader.render_to_string("accounts/email/password_reset_body.txt", values)
            # Keyed on this task and account: run again after a worker died, it sends no second email.
            send_email.enqueue(subject=subject, body=body, to=[email], key=f"reset:{task_id}:{user.pk}")
            sent += 1
    return sent
