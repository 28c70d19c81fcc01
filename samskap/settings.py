"""Settings, read from the environment (twelve-factor); the defaults suit a developer's machine."""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("SAMSKAP_DEBUG", False)
SECRET_KEY = os.environ.get("SAMSKAP_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not env_bool("SAMSKAP_ALLOW_INSECURE_KEY", False):
        raise RuntimeError(
            "SAMSKAP_SECRET_KEY is not set. Set it (for example with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`), "
            "or set SAMSKAP_DEBUG=1 for development."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("SAMSKAP_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("SAMSKAP_CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SAMSKAP_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "axes",
    # Bottom to top, as docs/ARCHITECTURE.md lays them out.
    "samskap.kernel",
    "samskap.history",
    "samskap.accounts",
    "samskap.jurisdictions",
    "samskap.organisations",
    "samskap.plans",
    "samskap.commitments",
    "samskap.consultations",
    "samskap.review",
    "samskap.forum",
    "samskap.proposals",
    "samskap.publication",
    "samskap.monitoring",
    "samskap.following",
    "samskap.evidence",
    "samskap.local",
    "samskap.evaluation",
    "samskap.dashboards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "samskap.site.middleware.HtmlGZipMiddleware",  # HTML pages compressed; BREACH: see its docstring
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "samskap.site.middleware.RememberLanguageMiddleware",
    "samskap.api.middleware.EnglishApiMiddleware",
    "samskap.site.middleware.RejectNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "samskap.accounts.middleware.SessionUserMiddleware",  # the user read with the session: no query
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "samskap.site.middleware.SecurityHeadersMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samskap.urls"
WSGI_APPLICATION = "samskap.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samskap.site.context_processors.site",
                "samskap.kernel.pages.csrf_stand_in",  # after Django's own (`kernel.pages.blank_form`)
            ],
        },
    },
]

# SQLite (WAL) by default; PostgreSQL 15 in production through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("SAMSKAP_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SAMSKAP_TEST_SQLITE_NAME") or None}
else:
    # Lets two test runs share one PostgreSQL server without dropping each other's test database.
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SAMSKAP_TEST_DB_NAME") or None}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Django's backend, with a health check of a reused connection that costs no round trip.
        DATABASES["default"]["ENGINE"] = "samskap.kernel.postgresql"
    if env_bool("SAMSKAP_DB_PREPARED_STATEMENTS", True):
        # Parameters bound by the server, and a statement run five times on a connection is prepared: the
        # version stamp every cached page reads is planned once per connection instead of on every request
        # (a three-table stamp: 0.8 ms planned each time, 0.17 ms prepared). Off behind a pooler that
        # shares server connections between transactions (PgBouncer in transaction mode before 1.21).
        DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5}
# PostgreSQL announces each new version of the data and every process listens, so a cached page reads its
# stamp without a query (`kernel.versions`); off behind a pooler that does not keep LISTEN (PgBouncer in
# transaction mode). Each process then holds one more connection, which only listens.
VERSIONS_ANNOUNCED = env_bool("SAMSKAP_VERSIONS_ANNOUNCED", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

# Login throttling (django-axes, database handler: shared by every app server): after AXES_FAILURE_LIMIT
# wrong passwords for one account, or from one address, that account or address is refused for the
# cool-off time, on the site's login and on /admin/ alike. A right password in between does not reset it.
AUTHENTICATION_BACKENDS = [
    "samskap.accounts.backends.ThrottledLogins",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("SAMSKAP_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)  # the lockout page says "a quarter of an hour"
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]  # either one: per client and per account
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
# The client's address as every per-address limit sees it (behind the proxy: the address it forwards).
AXES_CLIENT_IP_CALLABLE = "samskap.kernel.intake.client_address"
AXES_USERNAME_FORM_FIELD = "username"  # the login form's field (the account is found by its email)
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Norwegian Bokmål, Danish, English. The visitor's choice is kept in a cookie.
LANGUAGE_CODE = os.environ.get("SAMSKAP_DEFAULT_LANGUAGE", "nb")
LANGUAGES = [
    ("nb", _("Norwegian Bokmål")),
    ("da", _("Danish")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("SAMSKAP_TIME_ZONE", "Europe/Oslo")

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("SAMSKAP_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Generated files kept per version of the data (whole-site downloads, a self-assessment's PDF):
# `samskap.kernel.filecache`; by default MEDIA_ROOT/cache.
SAMSKAP_FILE_CACHE = os.environ.get("SAMSKAP_FILE_CACHE", "")
# The evidence repository's link checker never requests loopback, private or reserved addresses;
# tests check against a local server with this set.
EVIDENCE_LINKS_ALLOW_PRIVATE = False

# Rendered fragments are keyed on a version stamp, so a per-process cache stays correct
# on several app servers; set SAMSKAP_CACHE_URL-style backends through CACHE_BACKEND.
CACHES = {
    "default": {
        "BACKEND": os.environ.get("SAMSKAP_CACHE_BACKEND", "samskap.kernel.cache.ProcessMemoryCache"),
        "LOCATION": os.environ.get("SAMSKAP_CACHE_LOCATION", "samskap"),
        "TIMEOUT": 3600,
    }
}
# The public intake's limit per address and per email (samskap.kernel.intake); `off` only for load tests.
INTAKE_THROTTLE = env_bool("SAMSKAP_INTAKE_THROTTLE", True)

# Email: console in development, SMTP in production (SAMSKAP_EMAIL_URL-like settings).
EMAIL_BACKEND = os.environ.get(
    "SAMSKAP_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("SAMSKAP_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("SAMSKAP_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("SAMSKAP_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("SAMSKAP_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("SAMSKAP_EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = os.environ.get("SAMSKAP_EMAIL_FILE_PATH", str(BASE_DIR / "sent-emails"))
DEFAULT_FROM_EMAIL = os.environ.get("SAMSKAP_DEFAULT_FROM_EMAIL", "Samskap <noreply@localhost>")

# Background work: Django 6's task framework through its backport, stored in the database.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("SAMSKAP_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Database sessions whose one query also reads the user and their roles (samskap.accounts.sessions).
SESSION_ENGINE = "samskap.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SAMSKAP_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
BEHIND_PROXY = env_bool("SAMSKAP_BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
X_FRAME_OPTIONS = "DENY"
# HTTPS only. In production (SAMSKAP_DEBUG=0) the cookies are already sent over HTTPS only, so browsers
# are told so too (HSTS, a year: SAMSKAP_HSTS_SECONDS; 0 turns it off) and plain HTTP is redirected
# (SAMSKAP_SSL_REDIRECT=0 when the proxy in front does that). Behind a proxy that ends TLS, set
# SAMSKAP_BEHIND_PROXY=1 (it sends X-Forwarded-Proto), or every request would be redirected again.
SECURE_HSTS_SECONDS = int(os.environ.get("SAMSKAP_HSTS_SECONDS", "0" if DEBUG else "31536000"))
# Subdomains and the browsers' preload list are for whoever owns the whole domain (a ministry's other
# sites may not all be HTTPS): off unless asked for, and their deploy-check reminders are silenced.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SAMSKAP_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SAMSKAP_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
# Not with SAMSKAP_ALLOW_INSECURE_KEY either: that is never a production deployment (tests, benchmarks).
SECURE_SSL_REDIRECT = env_bool("SAMSKAP_SSL_REDIRECT", not DEBUG and not env_bool("SAMSKAP_ALLOW_INSECURE_KEY", False))
SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^ping/$"]  # a load balancer's checks over plain HTTP
# Every page's Content-Security-Policy (samskap.site.middleware.SecurityHeadersMiddleware): scripts and
# styles only from the site itself (htmx is served from /static/), no inline script, no frames.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SAMSKAP_LOG_LEVEL", "WARNING")},
}
CSRF_FAILURE_VIEW = "samskap.site.views.csrf_failure"

# --- Open data: the read API (/api/v1/), bulk downloads, OGP/IRM and Decidim files, feeds ----------
INSTALLED_APPS += ["rest_framework", "rest_framework.authtoken", "django_filters", "drf_spectacular"]
INSTALLED_APPS += ["samskap.opendata", "samskap.api", "samskap.site", "samskap.demo"]
_api_rate = os.environ.get("SAMSKAP_API_ANON_RATE", "300/min")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["samskap.api.auth.UserTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "samskap.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["samskap.api.auth.AnonymousThrottle"],
    # Anonymous API clients' rate; "off" for none (the load tests).
    "DEFAULT_THROTTLE_RATES": {"anon": None if _api_rate == "off" else _api_rate},
    "EXCEPTION_HANDLER": "samskap.api.views.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samskap API",
    "DESCRIPTION": (
        "Open Government Partnership action plans, commitments, progress and reviews, as open data. "
        "This description and every error message are in English, whatever the request's language; "
        "the data are in the language they were entered in. Errors are JSON (`detail`) under /api/."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Every status the API answers with, bounded parameters, anyOf for "blank or an email".
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "samskap.api.schema.complete"],
    "ENUM_NAME_OVERRIDES": {
        "OpenedGovernmentEnum": "samskap.review.models.IRMAssessment.OpenedGovernment",
        "CompletionLevelEnum": "samskap.commitments.models.CompletionLevel",
        "LanguageEnum": "samskap.settings.LANGUAGES",  # a government's default language, a document's language
    },
}
