"""Writes of following: follow (at once with an account, by a confirmed link without), confirm, change,
stop. A subscription is personal data, not a change to a plan: it is not written to the public history;
the subscription's own `submitted_at`, `confirmed_at`, `changed_at` and `stopped_at` record its life."""

import hashlib
import uuid
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation

from samskap.accounts.models import User
from samskap.following.models import Frequency, Kind, Subscription
from samskap.kernel import intake
from samskap.kernel.registry import followables

UNSUBSCRIBE_SALT = "following.unsubscribe"
MANAGE_SALT = "following.manage"


class NotFollowable(Exception):
    """No such thing, or not public (a draft plan): nothing to follow."""


def thing(kind: str, object_id: int) -> tuple[str, str] | None:
    """The (title, path) of a public thing of this kind, or None."""
    if kind not in Kind.values or kind not in followables:
        return None
    return followables[kind].lookup([object_id]).get(object_id)


# --- Signed links -------------------------------------------------------------------------------------


def unsubscribe_token(email: str, frequency: str) -> str:
    """The one-click unsubscribe link of one stream of emails (an address's real-time or digest emails)."""
    return signing.dumps([email, frequency], salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[str, str] | None:
    try:
        email, frequency = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(email, str) or frequency not in Frequency.values:
        return None
    return email, str(frequency)


def manage_token(email: str) -> str:
    """The link in every email with which an address without an account manages what it follows."""
    return signing.dumps(email, salt=MANAGE_SALT, compress=True)


def read_manage_token(token: str) -> str | None:
    try:
        email = signing.loads(token, salt=MANAGE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return email if isinstance(email, str) else None


def address_hash(email: str) -> str:
    return hashlib.sha256(email.encode()).hexdigest()[:24]


# --- Following ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Followed:
    subscription: Subscription
    needs_confirmation: bool


def _normal(email: str) -> str:
    return email.strip().lower()


def _send_confirmation(subscription: Subscription) -> None:
    found = thing(subscription.kind, subscription.object_id)
    with translation.override(subscription.language):
        intake.send_templated_email(
            "following/email/confirm",
            subscription.email,
            {
                "subscription": subscription,
                "title": found[0] if found else "",
                "confirm_url": intake.absolute(
                    reverse("following:confirm", kwargs={"token": subscription.confirmation_token})
                ),
            },
            key=f"following.confirm:{subscription.pk}:{subscription.confirmation_token[:16]}",
        )


@transaction.atomic
def follow(
    *,
    kind: str,
    object_id: int,
    frequency: str,
    language: str,
    user: User | None = None,
    email: str = "",
    form_token: uuid.UUID | None = None,
    address: str = "",
) -> Followed:
    """Follow a public thing. With an account: active at once. With only an email address: a
    confirmation email; the subscription is active once its link is followed (double opt-in).

    An address that already follows the thing gets no new email and no change (someone else could have
    typed it in); the answer is the same either way, so the form tells no one who follows what.
    Raises NotFollowable, and `intake.TooManySubmissions` past the intake's limits.
    """
    if thing(kind, object_id) is None:
        raise NotFollowable
    now = timezone.now()
    if user is not None:
        subscription, _created = Subscription.objects.get_or_create(
            email=_normal(user.email), kind=kind, object_id=object_id, defaults={"language": language}
        )
        if not subscription.is_active:
            subscription.cursor = now
        subscription.user = user
        subscription.frequency = frequency
        subscription.language = language
        subscription.confirmed_at = subscription.confirmed_at or now
        subscription.stopped_at = None
        subscription.changed_at = now
        subscription.save()
        return Followed(subscription, needs_confirmation=False)
    email = _normal(email)
    if form_token is not None:
        stored = intake.already_stored(Subscription, form_token)
        if stored is not None:
            return Followed(stored, needs_confirmation=not stored.is_active)
    existing = Subscription.objects.select_for_update().filter(email=email, kind=kind, object_id=object_id).first()
    if existing is not None and existing.is_active:
        return Followed(existing, needs_confirmation=True)
    intake.throttle("following", address=address, email=email)
    if existing is not None:
        existing.confirmation_token = intake.new_secret()
        existing.confirmed_at = None
        existing.stopped_at = None
        existing.frequency = frequency
        existing.language = language
        existing.changed_at = now
        existing.save()
        _send_confirmation(existing)
        return Followed(existing, needs_confirmation=True)
    subscription = Subscription(
        kind=kind, object_id=object_id, email=email, frequency=frequency, language=language, cursor=now
    )
    if form_token is not None:
        subscription.form_token = form_token
    subscription.full_clean(exclude=list(Subscription.GENERATED_FIELDS))
    try:
        stored_once = intake.store_once(subscription, then=_send_confirmation)
    except IntegrityError:  # the same address and thing, stored by another request this instant
        return Followed(Subscription.objects.get(email=email, kind=kind, object_id=object_id), True)
    return Followed(stored_once.record, needs_confirmation=True)


@transaction.atomic
def confirm(*, subscription: Subscription) -> Subscription:
    """The link in the confirmation email was followed: events from now on are emailed."""
    if subscription.confirmed_at is not None:
        return subscription
    now = timezone.now()
    subscription.mark_confirmed(now)
    subscription.cursor = now
    subscription.changed_at = now
    subscription.save(update_fields=["confirmed_at", "cursor", "changed_at"])
    return subscription


@transaction.atomic
def change(*, subscription: Subscription, frequency: str, language: str) -> Subscription:
    """How often and in which language. A stopped subscription of an account follows again, from now on
    (not with what happened while it was stopped); one without an account needs a new opt-in."""
    if frequency not in Frequency.values:
        raise ValueError(frequency)
    now = timezone.now()
    fields = ["frequency", "language", "changed_at"]
    if subscription.stopped_at is not None and subscription.user_id is not None:
        subscription.stopped_at = None
        subscription.cursor = now
        fields += ["stopped_at", "cursor"]
    subscription.frequency = frequency
    subscription.language = language
    subscription.changed_at = now
    subscription.save(update_fields=fields)
    return subscription


@transaction.atomic
def set_language(*, subscriptions: QuerySet[Subscription], language: str) -> int:
    """The language of every email to an address (or an account): one language for all it follows."""
    return subscriptions.update(language=language, changed_at=timezone.now())


@transaction.atomic
def stop(*, subscriptions: QuerySet[Subscription]) -> int:
    """Stop following (unsubscribe): the rows stay, stopped, so that following again is a new opt-in."""
    now = timezone.now()
    return subscriptions.filter(stopped_at__isnull=True).update(stopped_at=now, changed_at=now)


def of_address(email: str) -> QuerySet[Subscription]:
    return Subscription.objects.filter(email=_normal(email))


def stream(email: str, frequency: str) -> QuerySet[Subscription]:
    """The subscriptions one email stream carries (what one-click unsubscribe stops)."""
    return of_address(email).filter(frequency=frequency)


def for_user(user: Any) -> QuerySet[Subscription]:
    return (
        Subscription.objects.filter(user=user)
        if getattr(user, "is_authenticated", False)
        else Subscription.objects.none()
    )
