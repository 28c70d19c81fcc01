"""What consultations add to the open data (bulk downloads), once that app is installed."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samskap.opendata.bulk import Kind


def kinds() -> list["Kind"]:
    return []


def deadlines(place: object) -> list[dict[str, object]]:
    """Consultation deadlines for the calendar: pk, title, deadline, time_zone, url."""
    return []
