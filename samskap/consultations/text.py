"""Markdown to safe HTML, deadlines in a jurisdiction's time zone; the search's stemmer is `kernel.search`."""

import datetime
import re
from zoneinfo import ZoneInfo

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

# The search's stemmer and configurations are the kernel's, shared with the site search.
from samskap.kernel.search import normalise_for_search as normalise_for_search
from samskap.kernel.search import search_config as search_config
from samskap.kernel.search import search_words as search_words
from samskap.kernel.search import stem as stem

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}


def render_markdown(text: str) -> SafeString:
    """Markdown as HTML with only a small set of tags; scripts, styles and event handlers never pass."""
    html = _markdown.render(text or "")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


SECTION_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$", re.MULTILINE)


def split_sections(text: str) -> list[tuple[str, str]]:
    """A draft's sections: each level-2 heading starts one; (title, body) in order."""
    matches = list(SECTION_HEADING.finditer(text))
    sections = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        sections.append((match.group(1).strip()[:300], text[match.end() : end].strip()))
    return sections


def introduction(text: str) -> str:
    """What a draft split into sections says before its first level-2 heading (shown above the sections)."""
    match = SECTION_HEADING.search(text or "")
    return (text[: match.start()] if match else text or "").strip()


def start_of_day(day: datetime.date, zone: str) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(0), tzinfo=ZoneInfo(zone))


def deadline_from(day: datetime.date, at: datetime.time | None, zone: str) -> datetime.datetime:
    """A deadline given as a date means the end of that day in the zone: the start of the next local
    day, as an exclusive bound. Correct on the days daylight saving begins or ends, which are 23 or 25
    hours long. With a time, the deadline is that local moment."""
    if at is None:
        return start_of_day(day + datetime.timedelta(days=1), zone)
    moment = datetime.datetime.combine(day, at, tzinfo=ZoneInfo(zone))
    # A local time that does not exist (skipped at the spring change) is taken as the moment after.
    return moment.astimezone(datetime.UTC).astimezone(ZoneInfo(zone))


def deadline_parts(moment: datetime.datetime, zone: str) -> tuple[datetime.date, datetime.time | None]:
    """The inverse of deadline_from, for a form's initial values."""
    local = moment.astimezone(ZoneInfo(zone))
    if local.time() == datetime.time(0):
        return local.date() - datetime.timedelta(days=1), None
    return local.date(), local.time().replace(tzinfo=None)


def last_day(moment: datetime.datetime, zone: str) -> tuple[datetime.date, datetime.time | None]:
    return deadline_parts(moment, zone)
