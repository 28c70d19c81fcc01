"""iCalendar (RFC 5545) for meetings and a plan's timeline: written by hand, it is a few lines."""

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone

if TYPE_CHECKING:
    from samskap.forum.models import Meeting, Phase

PRODID = "-//Samskap//Co-creation calendar//EN"


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545, 3.1)."""
    out: list[str] = []
    current = ""
    for char in line:
        if len((current + char).encode()) > 74:
            out.append(current)
            current = " "
        current += char
    out.append(current)
    return out


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_event(meeting: "Meeting") -> list[str]:
    place = meeting.place or meeting.video_url
    description = meeting.description
    if meeting.video_url:
        description = f"{description}\n\n{meeting.video_url}".strip()
    lines = [
        "BEGIN:VEVENT",
        f"UID:forum-meeting-{meeting.pk}@samskap",
        f"DTSTAMP:{_utc(meeting.updated_at)}",
        f"SEQUENCE:{meeting.sequence}",
        f"DTSTART:{_utc(meeting.starts_at)}",
        f"DTEND:{_utc(meeting.ends_at)}",
        f"SUMMARY:{escape(meeting.title)}",
        f"URL:{settings.SITE_URL}{meeting.get_absolute_url()}",
    ]
    if place:
        lines.append(f"LOCATION:{escape(place)}")
    if description:
        lines.append(f"DESCRIPTION:{escape(description)}")
    return [*lines, "END:VEVENT"]


def phase_event(phase: "Phase") -> list[str]:
    end = phase.ends_on + datetime.timedelta(days=1)  # DTEND of a whole-day event is exclusive
    lines = [
        "BEGIN:VEVENT",
        f"UID:plan-phase-{phase.pk}@samskap",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART;VALUE=DATE:{phase.starts_on:%Y%m%d}",
        f"DTEND;VALUE=DATE:{end:%Y%m%d}",
        f"SUMMARY:{escape(phase.title)}",
    ]
    if phase.description:
        lines.append(f"DESCRIPTION:{escape(phase.description)}")
    if phase.link:
        lines.append(f"URL:{phase.link}")
    return [*lines, "END:VEVENT"]


def calendar(name: str, events: Iterable[list[str]]) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(name)}"]
    for event in events:
        lines += event
    lines.append("END:VCALENDAR")
    return "\r\n".join(part for line in lines for part in fold(line)) + "\r\n"
