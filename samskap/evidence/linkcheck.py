"""Checking a linked document's address: HEAD, then GET when a server does not answer HEAD properly.

A few redirects are followed; each address on the way must resolve to a public IP address, so the check
cannot be used to reach the server's own network (loopback, private, link-local, reserved addresses).
Tests check against a local server with `EVIDENCE_LINKS_ALLOW_PRIVATE = True`.
"""

import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.client import HTTPResponse
from typing import Any

from django.conf import settings

TIMEOUT = 10  # seconds per request
MAX_REDIRECTS = 5
USER_AGENT = "Samskap link checker (+https://github.com/samskap)"
#: Statuses after which a GET is tried (servers that refuse or do not implement HEAD).
RETRY_WITH_GET = {403, 405, 501}


@dataclass(frozen=True)
class Checked:
    ok: bool
    problem: str = ""  # in English, for the log and the coordinators (an HTTP status or the error's kind)


class Refused(Exception):
    pass


def _public_host(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise Refused("not an http or https address")
    if getattr(settings, "EVIDENCE_LINKS_ALLOW_PRIVATE", False):
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except (OSError, UnicodeError):
        raise Refused("the host name does not resolve") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise Refused("the address is not public")


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        _public_host(newurl)
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.method = req.get_method()  # a HEAD stays a HEAD after a redirect
        return new


_opener = urllib.request.build_opener(_Redirects)


def _status(url: str, method: str) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})  # noqa: S310 (scheme checked)
    try:
        response: HTTPResponse = _opener.open(request, timeout=TIMEOUT)
    except urllib.error.HTTPError as error:
        error.close()
        return int(error.code)
    with response:
        return int(response.status)


def check(url: str) -> Checked:
    """Whether the address answers with a success (2xx, after at most `MAX_REDIRECTS` redirects)."""
    try:
        _public_host(url)
        status = _status(url, "HEAD")
        if status in RETRY_WITH_GET:
            status = _status(url, "GET")
    except Refused as error:
        return Checked(False, str(error))
    except urllib.error.HTTPError as error:  # too many redirects
        return Checked(False, f"HTTP {error.code}: {error.reason}"[:300])
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, Refused):
            return Checked(False, str(reason))
        return Checked(False, f"no answer: {reason}"[:300])
    if 200 <= status < 300:
        return Checked(True)
    return Checked(False, f"HTTP {status}")
