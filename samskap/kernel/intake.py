"""The public intake: anything the public sends without an account, written once.

A capability that takes input from anyone (consultation submissions today; meeting registrations,
proposals, comments on reports tomorrow) reuses these pieces instead of writing its own:

1. The model inherits `Intake` (abstract: the one-time form token, the confirmation token, the email,
   when it was sent and confirmed) and declares its receipt number with `receipt_field(new_receipt)`,
   where `new_receipt()` returns `receipt_number("<its letter>")` (a module-level function, so that
   migrations can name it).
2. The form inherits `IntakeForm`: a hidden one-time `form_token`, new for every blank form.
3. The service looks the token up with `already_stored(Model, form_token)` (a double click or a resend
   returns the first record and its receipt). Only for a new token does it call
   `throttle(kind, address=..., email=...)` (the view passes `client_address(request)` and shows
   `TooManySubmissions.message` as a form error, status 429), then builds the instance and stores it
   with `store_once(instance, then=...)`; `then` runs in the same transaction (attachments, and
   `send_templated_email(...)` with a link built by `absolute(reverse(...confirmation_token...))`).
4. The confirm page finds the record with `by_confirmation_token(Model, token)` and, on POST only
   (a mail scanner's GET confirms nothing), marks it confirmed (`Intake.mark_confirmed`).
"""

import hashlib
import secrets
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.db.models.expressions import Combinable
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samskap.kernel.forms import apply_model_errors
from samskap.kernel.tasks import new_key, send_email

# Crockford's alphabet without I, L, O, U: a receipt read out over the phone is not misheard.
RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def receipt_number(prefix: str) -> str:
    """A receipt number such as H-7K3Q-9XWA: 40 random bits, not guessable from another one."""
    chars = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(8))
    return f"{prefix}-{chars[:4]}-{chars[4:]}"


def new_secret() -> str:
    """A secret for a link in an email (confirmation) or a file's address: 256 random bits."""
    return secrets.token_urlsafe(32)


#: Stands in for the one-time form token in a blank form's page kept in the page cache
#: (`kernel.pages.blank_form`): each visitor's copy gets a new token in its place. A form sent with it
#: is refused, so that visitors never share a token (a token stands for one submission).
FORM_TOKEN_STAND_IN = uuid.UUID("7d6c1f0e-5a8b-4c2d-9e3f-b1a2c3d4e5f6")
_standing_in: ContextVar[bool] = ContextVar("form_token_stand_in", default=False)


def new_form_token() -> uuid.UUID:
    return FORM_TOKEN_STAND_IN if _standing_in.get() else uuid.uuid4()


@contextmanager
def form_tokens_stood_in() -> Iterator[None]:
    """Blank forms built inside get `FORM_TOKEN_STAND_IN` (a page rendered once for every visitor)."""
    token = _standing_in.set(True)
    try:
        yield
    finally:
        _standing_in.reset(token)


def receipt_field(default: Callable[[], str]) -> "models.CharField[str | int | Combinable, str]":
    """The receipt number column; `default` is the capability's own module-level generator."""
    return models.CharField(_("receipt number"), max_length=16, unique=True, default=default, editable=False)


class Intake(models.Model):
    """What every record the public sends without an account has (abstract)."""

    form_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    confirmation_token = models.CharField(max_length=64, unique=True, default=new_secret, editable=False)
    email = models.EmailField(_("email"))
    submitted_at = models.DateTimeField(_("sent"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    #: Fields the record fills itself; left out of `full_clean` before the first save.
    GENERATED_FIELDS = ("form_token", "receipt", "confirmation_token")

    class Meta:
        abstract = True

    def mark_confirmed(self, now: Any = None) -> None:
        self.confirmed_at = now or timezone.now()


IntakeT = TypeVar("IntakeT", bound=Intake)
T = TypeVar("T")


class IntakeForm(forms.Form):
    """A public form sent once: its hidden token makes a double click or a resend harmless."""

    form_token = forms.UUIDField(widget=forms.HiddenInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", new_form_token())

    def clean_form_token(self) -> uuid.UUID:
        token: uuid.UUID = self.cleaned_data["form_token"]
        if token == FORM_TOKEN_STAND_IN:  # never given to a visitor: a copy of a page not served by Samskap
            self.add_error(None, gettext("This form is out of date. Please reload the page and send it again."))
        return token


@dataclass(frozen=True)
class Stored(Generic[IntakeT]):
    record: IntakeT
    created: bool  # False: the same form was sent again; the first receipt stands


def _rows(source: "type[IntakeT] | QuerySet[IntakeT]") -> "QuerySet[IntakeT]":
    # Unordered: the lookups here find one row by a unique value, and a model's default order (a
    # submission's is by its consultation's deadline) would join and sort for nothing.
    return (source._default_manager.all() if isinstance(source, type) else source).order_by()


def already_stored(source: "type[IntakeT] | QuerySet[IntakeT]", form_token: uuid.UUID) -> IntakeT | None:
    """The record stored under this form token, if any (`source`: the model, or a queryset of it)."""
    return _rows(source).filter(form_token=form_token).first()


def by_confirmation_token(source: "type[IntakeT] | QuerySet[IntakeT]", token: str) -> IntakeT | None:
    """The record whose confirmation link this is, if any."""
    return _rows(source).filter(confirmation_token=token).first() if token else None


def store_once(instance: IntakeT, *, then: Callable[[IntakeT], None] | None = None) -> Stored[IntakeT]:
    """Save a new record once per form token; `then` runs in the same transaction after the save.

    A clash on a random receipt number or confirmation token is retried with new ones. When the same
    form token is stored by another request at the same moment, that request's record is returned.

    No savepoint around the insert: a clash is rare, and it rolls the whole (still empty) transaction
    back and starts again, so the usual submission costs two statements fewer (on PostgreSQL, two
    round trips at the deadline rush).
    """
    model = type(instance)
    form_token = instance.form_token
    for _attempt in range(5):
        saving = True
        try:
            with transaction.atomic():
                instance.save()
                saving = False
                if then is not None:
                    then(instance)
        except IntegrityError:
            if not saving:
                raise  # from `then`: not a clash of the record's own unique values
            # The same form token, sent twice at the same moment: the other request stored it.
            stored = already_stored(model, form_token)
            if stored is not None:
                return Stored(stored, created=False)
            instance.pk = None
            instance._state.adding = True
            for name in ("receipt", "confirmation_token"):
                field = model._meta.get_field(name)
                assert isinstance(field, models.Field)
                setattr(instance, name, field.get_default())
            continue
        return Stored(instance, created=True)
    raise IntegrityError(f"no free receipt number for {model._meta.label} after 5 attempts")


def absolute(path: str) -> str:
    """An address for an email: the site's address and the path."""
    return f"{settings.SITE_URL}{path}"


def send_templated_email(template: str, to: str, context: dict[str, Any], *, key: str = "") -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` and send them through the task worker.

    Enqueued in the caller's transaction (the task is a database row): the data and the email, or neither.
    `key` names the email for `kernel.tasks.send_email` (sent once per key); a new one by default.
    """
    subject = render_to_string(f"{template}_subject.txt", context).strip()
    body = render_to_string(f"{template}_body.txt", context)
    send_email.enqueue(subject=subject, body=body, to=[to], key=key or new_key())


# --- Throttle ----------------------------------------------------------------------------------

#: New records one address (a whole office behind one router counts once) and one email may send per window.
PER_ADDRESS = 60
PER_EMAIL = 10
WINDOW = 3600  # seconds


class TooManySubmissions(Exception):
    """Too many new records from one address or for one email within the window."""

    @property
    def message(self) -> str:
        return gettext("You have sent a lot in a short time. Wait an hour and send again; what you wrote is kept.")


def client_address(request: HttpRequest) -> str:
    """The client's address for the per-address limits. Behind the reverse proxy (SAMSKAP_BEHIND_PROXY=1)
    every request comes from the proxy: the address is then the last one in X-Forwarded-For, the one the
    proxy itself wrote (docs/deploy/nginx.conf); anything before it was sent by the client and is not trusted."""
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",")[-1].strip()
        if forwarded:
            return forwarded[:64]
    return str(request.META.get("REMOTE_ADDR") or "")


def _count(kind: str, what: str, who: str) -> int:
    # Hashed: an email or an IPv6 address is no valid key for every cache backend (memcached).
    key = f"intake:{kind}:{what}:" + hashlib.sha256(who.encode()).hexdigest()
    cache.add(key, 0, WINDOW)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW)
        return 1


def throttle(
    kind: str, *, address: str = "", email: str = "", per_address: int = PER_ADDRESS, per_email: int = PER_EMAIL
) -> None:
    """Count one new record of `kind` for the address and the email; raise TooManySubmissions past a limit.

    Call it only for a form token not stored yet: sending the same form again is never throttled.
    Switched off with SAMSKAP_INTAKE_THROTTLE=off (the deadline-rush benchmark sends from one address).
    """
    if not getattr(settings, "INTAKE_THROTTLE", True):
        return
    over = False
    if address:
        over |= _count(kind, "address", address) > per_address
    if email:
        over |= _count(kind, "email", email.strip().lower()) > per_email
    if over:
        raise TooManySubmissions


@dataclass(frozen=True)
class Posted(Generic[T]):
    """What became of a public form's POST: the service's result, or None with the page's status."""

    result: T | None
    status: int


def send_public(form: forms.BaseForm, send: Callable[[], T]) -> Posted[T]:
    """Run `send` for a valid public form. Too many submissions is a 429 with the reason on the form; a
    model rule the service refuses becomes a form error (400); the form keeps what was typed."""
    if not form.is_valid():
        return Posted(None, 400)
    try:
        return Posted(send(), 200)
    except TooManySubmissions as error:
        form.add_error(None, error.message)
        return Posted(None, 429)
    except ValidationError as error:
        apply_model_errors(form, error)
        return Posted(None, 400)
