"""Security headers (issue 10, found 11): a Content-Security-Policy with no inline script on every page,
a Permissions-Policy, HSTS behind SAMSKAP_HSTS_SECONDS, and `check --deploy` clean in production."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


def pages() -> list[str]:
    consultation = f.consultation()
    f.submission(consultation)
    base = f"/en/consultations/{consultation.jurisdiction.slug}/{consultation.slug}/"
    return ["/en/", "/en/consultations/", base, base + "submissions/", base + "send/", "/en/accounts/login/"]


def test_every_page_has_the_policies_and_no_inline_script(client):
    for path in pages():
        response = client.get(path)
        assert response.status_code == 200, path
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, path
        assert "frame-ancestors 'none'" in policy
        assert "camera=()" in response["Permissions-Policy"]
        html = response.content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, f"inline script on {path}: {tag}"
        assert not re.search(r"<style\b", html), f"inline style on {path}"
        assert not re.search(r"\son[a-z]+=\"", html), f"inline event handler on {path}"


def test_a_downloaded_attachment_keeps_its_stricter_policy(client):
    response = client.get("/en/")
    assert "sandbox" not in response["Content-Security-Policy"]


def test_hsts_follows_the_setting(settings):
    from django.test import Client

    settings.SECURE_HSTS_SECONDS = 0
    assert "Strict-Transport-Security" not in Client().get("/en/", secure=True)
    settings.SECURE_HSTS_SECONDS = 31536000
    response = Client().get("/en/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_production_defaults_to_hsts_and_https_and_the_setting_turns_it_off():
    code = "from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT)"
    base = {**os.environ, "SAMSKAP_SECRET_KEY": "x" * 50, "DJANGO_SETTINGS_MODULE": "samskap.settings"}
    run = [sys.executable, "-c", "import django; django.setup(); " + code]
    base.pop("SAMSKAP_ALLOW_INSECURE_KEY", None)
    production = subprocess.run(run, env={**base, "SAMSKAP_DEBUG": "0"}, capture_output=True, text=True, check=True)  # noqa: S603
    assert production.stdout.split() == ["31536000", "True"]
    off = {**base, "SAMSKAP_DEBUG": "0", "SAMSKAP_HSTS_SECONDS": "0", "SAMSKAP_SSL_REDIRECT": "0"}
    assert subprocess.run(run, env=off, capture_output=True, text=True, check=True).stdout.split() == ["0", "False"]  # noqa: S603


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **os.environ,
        "SAMSKAP_DEBUG": "0",
        "SAMSKAP_SECRET_KEY": secrets.token_urlsafe(50),
        "SAMSKAP_ALLOWED_HOSTS": "example.org",
    }
    env.pop("SAMSKAP_ALLOW_INSECURE_KEY", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' tooling, never in production
    manage = Path(__file__).resolve().parents[2] / "manage.py"
    done = subprocess.run(  # noqa: S603 (our own command)
        [sys.executable, str(manage), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "W004" not in done.stderr and "W008" not in done.stderr
