"""Consultations in the feeds and calendars: opened, closing soon, answered; their deadlines."""

import datetime
from zoneinfo import ZoneInfo

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from samskap.consultations.models import Consultation
from samskap.consultations.text import deadline_parts
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.feeds import AtomFeed, PublicFeed
from samskap.kernel.registry import Deadline

CLOSING_SOON = datetime.timedelta(days=7)


def deadlines(place: Jurisdiction | None) -> list[Deadline]:
    """Consultation deadlines for the calendars."""
    items = Consultation.objects.select_related("jurisdiction").order_by("closes_at", "pk")
    if place is not None:
        items = items.filter(jurisdiction=place)
    since = timezone.now() - datetime.timedelta(days=365)
    return [
        Deadline(
            uid=f"consultation-{c.pk}",
            title=_("Consultation deadline: %(title)s") % {"title": c.title},
            moment=c.closes_at,
            time_zone=c.jurisdiction.time_zone,
            url=c.get_absolute_url(),
            last_day=last_day if at is None else None,
        )
        for c in items.filter(closes_at__gte=since)
        for last_day, at in [deadline_parts(c.closes_at, c.jurisdiction.time_zone)]
    ]


class ConsultationNews(PublicFeed):
    """Consultations opened, closing soon and answered (all, or one jurisdiction's)."""

    def get_object(self, request: HttpRequest, jurisdiction: str | None = None) -> Jurisdiction | None:
        return get_object_or_404(Jurisdiction, slug=jurisdiction) if jurisdiction else None

    def title(self, obj: Jurisdiction | None) -> str:
        return _("Consultations: %(name)s (Samskap)") % {"name": obj.name if obj else "Samskap"}

    def page(self, obj: Jurisdiction | None) -> str:
        return reverse("consultations:list")

    def author_name(self, obj: Jurisdiction | None) -> str:
        return obj.name if obj else "Samskap"

    def description(self, obj: Jurisdiction | None) -> str:
        return _("Consultations that opened, close soon or were answered.")

    def items(self, obj: Jurisdiction | None) -> list[tuple[str, Consultation, datetime.datetime]]:
        now = timezone.now()
        consultations = Consultation.objects.select_related("jurisdiction").filter(opens_at__lte=now)
        if obj is not None:
            consultations = consultations.filter(jurisdiction=obj)
        events: list[tuple[str, Consultation, datetime.datetime]] = []
        for consultation in consultations.order_by("-opens_at")[:100]:
            events.append(("opened", consultation, consultation.opens_at))
            if now < consultation.closes_at <= now + CLOSING_SOON:
                events.append(("closing", consultation, consultation.closes_at - CLOSING_SOON))
            if consultation.state == Consultation.State.ANSWERED:
                events.append(("answered", consultation, consultation.updated_at))
        events.sort(key=lambda event: (event[2], event[1].pk), reverse=True)
        return events[:50]

    def item_title(self, item: tuple[str, Consultation, datetime.datetime]) -> str:
        kind, consultation, _when = item
        titles = {
            "opened": _("Open for input: %(title)s"),
            "closing": _("Closing soon: %(title)s"),
            "answered": _("Answered: %(title)s"),
        }
        return titles[kind] % {"title": consultation.title}

    def item_description(self, item: tuple[str, Consultation, datetime.datetime]) -> str:
        consultation = item[1]
        local = consultation.closes_at.astimezone(ZoneInfo(consultation.jurisdiction.time_zone))
        deadline = formats.date_format(local, "DATETIME_FORMAT")
        return _("%(name)s. Deadline: %(deadline)s.") % {"name": consultation.jurisdiction.name, "deadline": deadline}

    def item_page(self, item: tuple[str, Consultation, datetime.datetime]) -> str:
        return item[1].get_absolute_url()

    def item_author_name(self, item: tuple[str, Consultation, datetime.datetime]) -> str:
        return item[1].jurisdiction.name

    def item_tag(self, item: tuple[str, Consultation, datetime.datetime]) -> tuple[datetime.date, str]:
        kind, consultation, _when = item
        return consultation.created_at.date(), f"consultation/{consultation.pk}/{kind}"

    def item_pubdate(self, item: tuple[str, Consultation, datetime.datetime]) -> datetime.datetime:
        return item[2]


class ConsultationNewsAtom(AtomFeed, ConsultationNews):
    pass
