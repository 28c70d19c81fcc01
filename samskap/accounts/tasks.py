"""The password-reset email, made in the task worker.

The request only enqueues this task with the address it was given, whether or not an account has it:
the page does the same work, and takes the same time, for a known and an unknown address (issue 10).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader
from django.utils import translation
from django_tasks import task

from samskap.kernel.tasks import send_email


@task()
def send_password_reset(*, email: str, language: str) -> int:
    """Email a reset link to each active account with this address (none: nothing is sent)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    site = urlsplit(settings.SITE_URL)
    sent = 0
    with translation.override(language):
        for user in PasswordResetForm().get_users(email):
            context = {
                "email": email,
                "domain": site.netloc,
                "site_name": "Samskap",
                "uid": urlsafe_base64_encode(force_bytes(user.pk)),
                "user": user,
                "token": default_token_generator.make_token(user),
                "protocol": site.scheme or "https",
            }
            subject = "".join(loader.render_to_string("accounts/email/password_reset_subject.txt", context).splitlines())
            body = loader.render_to_string("accounts/email/password_reset_body.txt", context)
            send_email.enqueue(subject=subject, body=body, to=[email])
            sent += 1
    return sent
