"""Background work. Emails go through the task worker so that a slow mail server slows no page."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    return send_mail(subject=subject, message=body, from_email=None, recipient_list=to)
