"""The WSGI handler remembers what an address resolves to (`kernel.handler`): an address is resolved
once per process, every request still gets its own match, and an address that matches nothing is
never remembered."""

import io

import pytest
from django.core import signals
from django.db import close_old_connections
from django.urls.resolvers import URLResolver
from django.utils import translation

from samskap.kernel.handler import Handler
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def serve(monkeypatch):
    """Requests through the handler, as gunicorn makes them (the connection kept open, as Django's test
    client keeps it, so the test's transaction survives)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    handler = Handler()
    resolved: list[str] = []
    real = URLResolver.resolve

    def counted(self, path):
        if self.pattern.regex.pattern == "^/":  # the root: one call per resolution
            resolved.append(path)
        return real(self, path)

    monkeypatch.setattr(URLResolver, "resolve", counted)

    def get(path: str) -> tuple[str, bytes]:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.url_scheme": "http",
            "SERVER_PROTOCOL": "HTTP/1.1",
        }
        status: list[str] = []

        def start_response(code: str, headers: list[tuple[str, str]], exc_info: object = None) -> None:
            status.append(code)

        body = b"".join(handler(environ, start_response))  # type: ignore[arg-type]
        return status[0], body

    yield get, resolved
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_an_address_is_resolved_once(serve):
    get, resolved = serve
    one, other = f.plan(title="Første plan"), f.plan(title="Andre plan")
    for _ in range(3):
        status, body = get(one.get_absolute_url())
        assert status.startswith("200") and "Første plan".encode() in body
    status, body = get(other.get_absolute_url())
    assert status.startswith("200") and b"Andre plan" in body
    assert resolved == [one.get_absolute_url(), other.get_absolute_url()]


def test_each_request_gets_its_own_match(rf):
    plan = f.plan()
    handler = Handler()
    with translation.override("nb"):
        first = handler.resolve_request(rf.get(plan.get_absolute_url()))
        first.kwargs["plan"] = "changed-by-a-view"
        second_request = rf.get(plan.get_absolute_url())
        second = handler.resolve_request(second_request)
    assert second is not first and second_request.resolver_match is second
    assert second.kwargs == {"jurisdiction": plan.jurisdiction.slug, "plan": plan.slug}
    assert second.func is first.func and second.url_name == "detail"


def test_an_address_that_matches_nothing_is_not_remembered(serve):
    get, resolved = serve
    for _ in range(2):
        status, _body = get("/nb/no-such-page/")
        assert status.startswith("404")
    assert resolved == ["/nb/no-such-page/"] * 2
