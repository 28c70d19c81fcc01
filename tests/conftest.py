from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _immediate_tasks_and_memory_mail(settings):
    """Tests run background tasks at once and keep emails in django.core.mail.outbox."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Production redirects plain HTTP to HTTPS; the test client speaks plain HTTP (tests/site/test_headers.py).
    settings.SECURE_SSL_REDIRECT = False
    # Hashing passwords the slow, safe way is production's business, not the tests'.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _own_file_cache(settings, tmp_path):
    """Generated files are kept per version of the data; each test's database starts at the same
    versions, so each test keeps its files apart."""
    settings.SAMSKAP_FILE_CACHE = str(tmp_path / "file-cache")


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_unless_told():
    """Each test starts in English; the active language must not leak from one test to the next."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path_factory, request):
    """Files written by any test (uploads, the demo's documents) go to a temporary directory, never media/."""
    if "demo_data" in request.fixturenames:  # the demo's files are where the module's demo put them
        settings.MEDIA_ROOT = request.getfixturevalue("demo_data").media_root
    else:
        settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@dataclass(frozen=True)
class DemoData:
    created: Counter[str]  # what the load created, by kind
    media_root: Path


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for a module of tests that read it: a load takes seconds, and twenty tests
    loading it each cost minutes of `make test`. It lives in a transaction rolled back after the module;
    each test runs in its own savepoint inside it, so what a test changes is gone for the next one.
    Use it only in modules where every test wants the demo (the data is there for the whole module)."""
    from django.db import transaction
    from django.test.utils import override_settings

    from samskap.demo.loader import load_demo

    media_root = tmp_path_factory.mktemp("demo-media")
    with (
        django_db_blocker.unblock(),
        override_settings(
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            MEDIA_ROOT=media_root,
            SAMSKAP_FILE_CACHE=str(tmp_path_factory.mktemp("demo-file-cache")),
        ),
    ):
        block = transaction.atomic()
        # Marked like Django's own test transactions: what runs "after commit" runs at once inside it.
        block._from_testcase = True  # type: ignore[attr-defined]
        with block:
            created = load_demo()
            yield DemoData(created=created, media_root=media_root)
            transaction.set_rollback(True)
