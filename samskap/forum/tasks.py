"""Emails of the forum: like the kernel's, with a calendar file (`.ics`) attached when there is one."""

from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_email_with_calendar(*, subject: str, body: str, to: list[str], ics: str = "") -> int:
    message = EmailMessage(subject=subject, body=body, to=to)
    if ics:
        message.attach("invite.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")
    return message.send()
