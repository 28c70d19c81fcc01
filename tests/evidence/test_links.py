"""The link checker against a local HTTP server: HEAD then GET, redirects limited, private addresses
refused outside tests, and the scheduled job that flags broken links (recorded in the history)."""

import datetime
import http.server
import threading

import pytest
from django.utils import timezone

from samskap.evidence import linkcheck, services
from samskap.evidence.jobs import LINK_CHECK
from samskap.evidence.models import Document
from samskap.history.models import ChangeRecord
from samskap.kernel.schedule import run_due
from tests import factories as f

pytestmark = pytest.mark.django_db


class Handler(http.server.BaseHTTPRequestHandler):
    def _answer(self) -> None:
        path = self.path
        self.server.seen.append((self.command, path))  # type: ignore[attr-defined]  # before answering: no race
        if path == "/ok":
            self.send_response(200)
        elif path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        elif path == "/no-head":
            self.send_response(200)
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", f"/loop{len(path)}")
        elif path == "/to-private":
            self.send_response(302)
            self.send_header("Location", "http://10.0.0.1/intern")
        elif path == "/error":
            self.send_response(500)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = _answer
    do_GET = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def allow_local(settings):
    settings.EVIDENCE_LINKS_ALLOW_PRIVATE = True


def test_a_working_link_is_checked_with_head_only(server, allow_local):
    httpd, base = server
    assert linkcheck.check(f"{base}/ok") == linkcheck.Checked(True)
    assert httpd.seen == [("HEAD", "/ok")]


def test_a_server_that_refuses_head_is_asked_with_get(server, allow_local):
    httpd, base = server
    assert linkcheck.check(f"{base}/no-head").ok
    assert httpd.seen == [("HEAD", "/no-head"), ("GET", "/no-head")]


def test_redirects_are_followed_a_few_times_only(server, allow_local):
    httpd, base = server
    assert linkcheck.check(f"{base}/moved").ok
    assert httpd.seen == [("HEAD", "/moved"), ("HEAD", "/ok")]
    httpd.seen.clear()
    looping = linkcheck.check(f"{base}/loop")
    assert not looping.ok
    assert len(httpd.seen) <= linkcheck.MAX_REDIRECTS + 2


def test_missing_and_failing_pages_and_closed_ports_are_broken(server, allow_local):
    _httpd, base = server
    assert linkcheck.check(f"{base}/gone") == linkcheck.Checked(False, "HTTP 404")
    assert linkcheck.check(f"{base}/error") == linkcheck.Checked(False, "HTTP 500")
    closed = linkcheck.check("http://127.0.0.1:9/")
    assert not closed.ok and closed.problem.startswith("no answer")
    assert linkcheck.check("ftp://example.org/fil") == linkcheck.Checked(False, "not an http or https address")


def test_private_and_loopback_addresses_are_never_requested_outside_tests(server, settings):
    httpd, base = server
    settings.EVIDENCE_LINKS_ALLOW_PRIVATE = False
    assert linkcheck.check(f"{base}/ok") == linkcheck.Checked(False, "the address is not public")
    assert linkcheck.check("http://169.254.169.254/latest/") == linkcheck.Checked(False, "the address is not public")
    assert linkcheck.check("http://[::1]/") == linkcheck.Checked(False, "the address is not public")
    assert httpd.seen == []


def test_a_redirect_to_a_private_address_is_refused(server, settings, monkeypatch):
    httpd, base = server
    settings.EVIDENCE_LINKS_ALLOW_PRIVATE = False
    real = linkcheck._public_host

    def local_server_is_public(url: str) -> None:
        if url.startswith(base):
            return
        real(url)

    monkeypatch.setattr(linkcheck, "_public_host", local_server_is_public)
    assert linkcheck.check(f"{base}/to-private") == linkcheck.Checked(False, "the address is not public")
    assert httpd.seen == [("HEAD", "/to-private")]


def test_the_scheduled_job_flags_broken_links_once_a_week_and_records_the_change(
    server, allow_local, django_capture_on_commit_callbacks
):
    _httpd, base = server
    place = f.jurisdiction()
    plan = f.plan(jurisdiction=place)
    values = {"kind": "report", "date": datetime.date(2021, 1, 1), "language": "nb", "plan": plan}
    good = services.save_document(
        actor=None, jurisdiction=place, values={**values, "title": "God", "url": f"{base}/ok"}
    )
    bad = services.save_document(
        actor=None, jurisdiction=place, values={**values, "title": "Borte", "url": f"{base}/gone"}
    )
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):  # the checks run in the worker after the claims
        outcome = run_due(now, names=[LINK_CHECK])
    assert len(outcome.ran) == 2 and not outcome.failed
    good.refresh_from_db()
    bad.refresh_from_db()
    assert (good.link_status, bad.link_status, bad.link_problem) == ("ok", "broken", "HTTP 404")
    assert ChangeRecord.objects.filter(object_id=bad.pk, action="updated", plan=plan).count() == 1
    # Nothing is due again within the week, however often the scheduler runs.
    assert run_due(now + datetime.timedelta(hours=1), names=[LINK_CHECK]).ran == []
    assert run_due(now + datetime.timedelta(days=6), names=[LINK_CHECK]).ran == []
    # A week later both are checked again; the unchanged verdicts add nothing to the history.
    later = now + datetime.timedelta(days=7, minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert len(run_due(later, names=[LINK_CHECK]).ran) == 2
    bad.refresh_from_db()
    assert bad.link_checked_at == later
    assert ChangeRecord.objects.filter(object_id=bad.pk, action="updated").count() == 1
    assert Document.objects.filter(link_status="broken").get() == bad


def test_a_broken_link_is_flagged_on_the_public_pages(client):
    place = f.jurisdiction()
    document = services.save_document(
        actor=None,
        jurisdiction=place,
        values={
            "kind": "report",
            "title": "Borte",
            "date": datetime.date(2021, 1, 1),
            "language": "nb",
            "url": "https://example.org/x",
        },
    )
    Document.objects.filter(pk=document.pk).update(link_status="broken", link_checked_at=timezone.now())
    assert "Broken link" in client.get("/en/documents/").content.decode()
    assert "did not work when it was last checked" in client.get(document.get_absolute_url()).content.decode()
