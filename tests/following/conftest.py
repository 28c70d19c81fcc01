import datetime

import pytest
from django.utils import timezone

from samskap.following import services
from samskap.following.models import Subscription


@pytest.fixture
def follow_now():
    """Follow a thing with a confirmed address at once (what the confirmation link does), cursor at now."""

    def make(kind: str, object_id: int, email: str = "kari@example.no", frequency: str = "realtime", **extra):
        followed = services.follow(
            kind=kind,
            object_id=object_id,
            frequency=frequency,
            language=extra.pop("language", "en"),
            email=email,
        )
        subscription = services.confirm(subscription=followed.subscription)
        Subscription.objects.filter(pk=subscription.pk).update(cursor=timezone.now() - datetime.timedelta(seconds=1))
        subscription.refresh_from_db()
        return subscription

    return make
