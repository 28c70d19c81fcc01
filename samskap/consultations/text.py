"""Markdown to safe HTML, deadlines in a jurisdiction's time zone; the search's stemmer is `kernel.search`."""

import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

# The search's stemmer and configurations are the kernel's, shared with the site search.
from samskap.kernel.deadlines import deadline_from as deadline_from
from samskap.kernel.deadlines import deadline_parts as deadline_parts
from samskap.kernel.deadlines import start_of_day as start_of_day
from samskap.kernel.search import CONFIGS as CONFIGS
from samskap.kernel.search import normalise_for_search as normalise_for_search
from samskap.kernel.search import search_config as search_config
from samskap.kernel.search import search_words as search_words
from samskap.kernel.search import stem as stem

#: The submissions' SQLite search index (`kernel.search.ensure_fts`, migration 0007) holds each one's
#: consultation as a scope token ("c12"), so a government's consultations narrow it (`selectors.newest_found`).
SEARCH_INDEX = {"scope_column": "consultation_id", "scope_prefix": "c"}

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
