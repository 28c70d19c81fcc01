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
def _uploads_in_tmp(settings, tmp_path_factory):
    """Files written by any test (uploads, the demo's documents) go to a temporary directory, never media/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
