"""Delivery: the events each follower has not had yet, in one email per address and stream.

`deliver(frequency, until)` runs in the scheduler's transaction (`jobs`): for every active subscription of
that frequency, the events in (its cursor, until] are grouped by what is followed (newest first), each
address gets one email keyed by the stream and the moment (sent once, however often this runs), and
every cursor moves to `until` in the same transaction. A digest and a real-time follower read the same
sources over the same moments, so they get the same events, only bundled differently.
"""

import dataclasses
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from samskap.following import services
from samskap.following.models import Subscription
from samskap.kernel import intake
from samskap.kernel.registry import FollowEvent, follow_events, followables
from samskap.kernel.tasks import send_email


@dataclass
class Group:
    """What one followed thing had: its title and address and its new events, newest first."""

    title: str
    url: str
    events: list[FollowEvent] = field(default_factory=list)


def events_for(kind: str, ids: list[int], after: datetime.datetime, until: datetime.datetime) -> list[FollowEvent]:
    """Every registered source's events of one kind, once each (by key), in the active language."""
    seen: dict[tuple[int, str], FollowEvent] = {}
    for source in follow_events:
        if source.kind == kind and ids:
            for event in source.events(ids, after, until):
                if after < event.moment <= until:
                    seen.setdefault((event.object_id, event.key), event)
    return list(seen.values())


def pending(subscriptions: list[Subscription], until: datetime.datetime) -> dict[str, list[Group]]:
    """{email: groups} of the events each address has not had, read in the subscriptions' languages."""
    by_language: dict[tuple[str, str], list[Subscription]] = defaultdict(list)
    for subscription in subscriptions:
        by_language[(subscription.language, subscription.kind)].append(subscription)
    result: dict[str, list[Group]] = defaultdict(list)
    for (language, kind), rows in by_language.items():
        ids = sorted({s.object_id for s in rows})
        after = min(s.cursor for s in rows)
        with translation.override(language):
            things = followables[kind].lookup(ids) if kind in followables else {}
            events = events_for(kind, [i for i in ids if i in things], after, until)
        by_object: dict[int, list[FollowEvent]] = defaultdict(list)
        for event in events:
            by_object[event.object_id].append(event)
        for subscription in rows:
            if subscription.object_id not in things:
                continue  # deleted, or no longer public: nothing to tell
            new = [
                dataclasses.replace(e, url=intake.absolute(e.url))
                for e in by_object[subscription.object_id]
                if e.moment > subscription.cursor
            ]
            if new:
                title, url = things[subscription.object_id]
                new.sort(key=lambda e: (e.moment, e.key), reverse=True)
                result[subscription.email].append(Group(title, intake.absolute(url), new))
    for groups in result.values():
        groups.sort(key=lambda g: g.events[0].moment, reverse=True)
    return dict(result)


def send(email: str, frequency: str, language: str, groups: list[Group], until: datetime.datetime) -> None:
    """Enqueue one email (keyed: sent once) with a one-click unsubscribe in its headers."""
    with translation.override(language):
        unsubscribe = intake.absolute(
            reverse("following:unsubscribe", kwargs={"token": services.unsubscribe_token(email, frequency)})
        )
        manage = intake.absolute(reverse("following:manage", kwargs={"token": services.manage_token(email)}))
        context = {
            "groups": groups,
            "frequency": frequency,
            "count": sum(len(g.events) for g in groups),
            "unsubscribe_url": unsubscribe,
            "manage_url": manage,
            "until": until,
        }
        subject = " ".join(render_to_string("following/email/events_subject.txt", context).split())
        body = render_to_string("following/email/events_body.txt", context)
    send_email.enqueue(
        subject=subject,
        body=body,
        to=[email],
        key=f"following:{frequency}:{until:%Y%m%dT%H%M}:{services.address_hash(email)}",
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )


#: Events are told up to this long before the stream's moment: a change whose transaction is still
#: committing when the moment comes (its time stamp is older than its commit) is not passed over.
SETTLE = datetime.timedelta(minutes=1)


def deliver(frequency: str, moment: datetime.datetime) -> int:
    """Email every address of this stream what it has not had up to `moment` (less SETTLE); returns the
    number of emails enqueued."""
    until = moment - SETTLE
    rows = list(
        Subscription.objects.select_for_update(of=("self",))
        .filter(frequency=frequency, stopped_at__isnull=True, confirmed_at__isnull=False, cursor__lt=until)
        .exclude(user__is_active=False)  # a closed account is told nothing more
        .order_by("pk")
    )
    languages = {s.email: s.language for s in sorted(rows, key=lambda s: s.changed_at)}  # the latest choice
    sent = 0
    for email, groups in sorted(pending(rows, until).items()):
        send(email, frequency, languages[email], groups, until)
        sent += 1
    Subscription.objects.filter(pk__in=[s.pk for s in rows]).update(cursor=until)
    return sent
