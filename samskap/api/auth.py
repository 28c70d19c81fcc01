"""Tokens and rate limits of the API."""

import re
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.throttling import AnonRateThrottle

TOKEN = re.compile(r"[0-9a-f]{40}")


class UserTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`, a key a user made on their API token page. A malformed key is
    refused before it reaches the database."""

    def authenticate_credentials(self, key: str) -> Any:
        if not TOKEN.fullmatch(key):
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        return super().authenticate_credentials(key)


class AnonymousThrottle(AnonRateThrottle):
    """Anonymous clients' rate, read from the settings at each request (None: no limit)."""

    def get_rate(self) -> str | None:
        rates: Any = settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES") or {}
        rate = rates.get(self.scope)
        return str(rate) if rate else None

    def allow_request(self, request: Any, view: Any) -> bool:
        self.rate = self.get_rate()
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return bool(super().allow_request(request, view))
