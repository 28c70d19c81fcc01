import datetime
from typing import Any

from django import template

from samskap.kernel.deadlines import deadline_parts

register = template.Library()


@register.inclusion_tag("kernel/deadline.html")
def deadline(moment: datetime.datetime, zone: str) -> dict[str, Any]:
    """A deadline as people say it: "end of 12 June" for one given as a date, else the day and the time."""
    day, at = deadline_parts(moment, zone)
    return {"day": day, "time": at, "moment": moment, "zone": zone}
