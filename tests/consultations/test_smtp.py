"""The receipt email through a real SMTP server on localhost (aiosmtpd), read back from it."""

import socket
import uuid
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from samskap.consultations import services
from tests import factories as f

pytestmark = pytest.mark.django_db


class Inbox(Message):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[Any] = []

    def handle_message(self, message):
        self.messages.append(message)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_the_receipt_goes_through_smtp(settings):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        consultation = f.consultation(title="Innspill til plan 5")
        sent = services.submit(
            consultation=consultation,
            form_token=uuid.uuid4(),
            values={
                "name": "Kari",
                "email": "kari@example.no",
                "respondent_type": "citizen",
                "text": "Innspill",
                "consent": "named",
            },
        )
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == "kari@example.no"
    assert sent.submission.receipt in message["Subject"]
    body = message.get_payload(decode=True).decode()
    assert f"/confirm/{sent.submission.confirmation_token}/" in body
