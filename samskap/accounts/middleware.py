"""`request.user` from the user the session store read with the session (`accounts.sessions`): no query
of its own. Everything else is Django's `django.contrib.auth.get_user`: the user the session's signed
data names, the backend it was logged in with, `user_can_authenticate` (an inactive user is anonymous)
and the session's auth hash (a password change logs every other session out), with the fallback
secrets."""

from typing import Any

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, load_backend
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from samskap.accounts.models import User


def get_user(request: HttpRequest) -> Any:
    session: Any = request.session
    try:
        user_id = User._meta.pk.to_python(session[SESSION_KEY])  # loads the session (and its user)
        backend_path = session[BACKEND_SESSION_KEY]
    except KeyError:
        return AnonymousUser()
    loaded = getattr(session, "loaded_user", None)
    if loaded is None or loaded.pk != user_id or backend_path not in settings.AUTHENTICATION_BACKENDS:
        return auth.get_user(request)  # Django's own way (its queries); e.g. a test's other session engine
    backend = load_backend(backend_path)
    if type(backend).get_user is not ModelBackend.get_user:
        return auth.get_user(request)  # a backend that finds its users another way
    if not backend.user_can_authenticate(loaded):  # type: ignore[attr-defined]
        return AnonymousUser()
    return loaded if _session_verified(session, loaded) else AnonymousUser()


def _session_verified(session: Any, user: Any) -> bool:
    """Django's check (`django.contrib.auth.get_user`), on the user read with the session."""
    session_hash = session.get(HASH_SESSION_KEY)
    session_auth_hash = user.get_session_auth_hash()
    if session_hash and constant_time_compare(session_hash, session_auth_hash):
        return True
    if session_hash and any(
        constant_time_compare(session_hash, fallback) for fallback in user.get_session_auth_fallback_hash()
    ):
        session.cycle_key()
        session[HASH_SESSION_KEY] = session_auth_hash
        return True
    session.flush()
    return False


class SessionUserMiddleware(AuthenticationMiddleware):
    """Django's `AuthenticationMiddleware` (the admin checks for it), with `request.user` from `get_user`."""

    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: get_user(request))  # type: ignore[assignment]
