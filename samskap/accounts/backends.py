"""Login throttling (django-axes) for every login over HTTP."""

from typing import Any

from axes.backends import AxesStandaloneBackend  # type: ignore[import-untyped]
from django.http import HttpRequest


class ThrottledLogins(AxesStandaloneBackend):
    """django-axes' check on every login that comes with a request (the site's login, /admin/, the
    password-reset flow). A check without a request (a management command, a test's `client.login`)
    is no attack from the network; axes would refuse it with an error, so it is left to the next backend."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
