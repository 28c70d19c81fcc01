"""Registries: how a capability plugs into the site from its own app.

An app fills them in its `registrations` module (imported by the kernel when the apps are ready); the
site, the API, the downloads, the feeds and the dashboards read them. Nothing above an app needs to
know it exists. `docs/ARCHITECTURE.md` lists which registry a new capability fills in.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.http import HttpRequest

T = TypeVar("T")


class Registry(Generic[T]):
    """Named entries in registration order; a name registered twice is a programming error."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._entries: dict[str, T] = {}

    def register(self, key: str, entry: T) -> T:
        if key in self._entries:
            raise ValueError(f"{self.name}: {key!r} is registered twice")
        self._entries[key] = entry
        return entry

    def unregister(self, key: str) -> None:
        """For tests that plug in a capability of their own."""
        del self._entries[key]

    def __getitem__(self, key: str) -> T:
        return self._entries[key]

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._entries.values()))

    def items(self) -> list[tuple[str, T]]:
        return list(self._entries.items())

    def keys(self) -> list[str]:
        return list(self._entries)


@dataclass(frozen=True)
class Panel:
    """A block on a page another app owns (the home page, a plan's or a commitment's page).

    `context` receives the request and the page's object (None on the home page) and returns the
    template's context, or None when the panel has nothing to show there. Panels are sorted by `order`.
    """

    template: str
    context: Callable[[HttpRequest | None, Any], dict[str, Any] | None]
    order: int = 100


@dataclass(frozen=True)
class ApiRoute:
    """A read API endpoint under /api/v1/<prefix>/ (a DRF viewset)."""

    prefix: str
    viewset: Any
    basename: str


@dataclass(frozen=True)
class FeedRoute:
    """A feed (RSS, Atom) an app offers under /<lang>/data/<path>, named `opendata:<name>`."""

    path: str
    view: Callable[..., Any]
    name: str


@dataclass(frozen=True)
class Deadline:
    """A deadline for the iCalendar feeds (a consultation's closing time, a registration's): the moment
    it falls (exclusive), and `last_day` when it was given as a date ("end of 29 December": the moment
    is the start of 30 December, the last day 29 December), which calendars show as an all-day event."""

    uid: str
    title: str
    moment: Any  # an aware datetime
    time_zone: str
    url: str
    last_day: Any = None  # a date, for a deadline given as a date


@dataclass(frozen=True)
class Share:
    """A figure as a count of a whole ("3 of 6 milestones complete = 50 %"), so that it adds up."""

    count: int
    total: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.count / self.total) if self.total else None


@dataclass(frozen=True)
class Figure:
    """A figure on a dashboard: `value(scope)` for a plan or a jurisdiction, with the formula in words."""

    label: Any  # a lazily translated text
    value: Callable[[Any], Share]
    explanation: Any = ""
    scopes: tuple[str, ...] = field(default=("plan", "jurisdiction"))


@dataclass(frozen=True)
class NavItem:
    """An entry of the site's main menu: a (lazily translated) label, a URL name without arguments, an order."""

    label: Any
    url_name: str
    order: int = 100


@dataclass(frozen=True)
class SearchHit:
    """One thing a site search found: its kind (a `search_sources` key), a title, an address, a snippet."""

    kind: str
    title: str
    url: str
    snippet: str = ""
    context: str = ""  # e.g. the government or the plan it belongs to
    language: str = ""  # the content's language, for `lang`


@dataclass(frozen=True)
class SearchSource:
    """A kind of thing the site search finds: `find(words, query, jurisdiction, limit)` returns hits.

    `words` are the query's stemmed words (`kernel.text.search_words`), `query` the raw text (for a
    database's own full-text search), `jurisdiction` a Jurisdiction or None. Only public things.
    """

    label: Any  # a lazily translated plural, e.g. "Commitments"
    find: Callable[[list[str], str, Any, int], list[SearchHit]]
    order: int = 100


@dataclass(frozen=True)
class EvidenceItem:
    """A document of the process or of implementation that another app publishes by itself (a published
    plan's files, a meeting's minutes, a published self-assessment), listed in the evidence repository
    beside the uploaded and linked ones. `key` is stable and unique, e.g. "forum.minutes:12"."""

    key: str
    title: str
    url: str
    kind: str  # an evidence document type, e.g. "plan", "minutes", "letter", "report", "self_assessment"
    date: Any  # a date
    language: str
    jurisdiction_id: int
    plan_id: int | None = None
    commitment_id: int | None = None
    milestone_id: int | None = None
    meeting_id: int | None = None


@dataclass(frozen=True)
class InputUptake:
    """What became of one kind of public input to a set of plans (consultation input, proposals): how
    much came in, how much has a reasoned response, how much was taken up wholly or partly (MR 4.1)."""

    label: Any  # a lazily translated plural, e.g. "Consultation input"
    received: int
    answered: int
    taken_up: int


@dataclass(frozen=True)
class ProgressPoint:
    """What was reported for a plan as of a date (a status round's snapshot), for charts over time: the
    figures then, not today's. `commitments` counts commitments by completion level (OGP's scale)."""

    as_of: Any  # a date
    label: str
    milestones_complete: int
    milestones_total: int
    commitments: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class FollowEvent:
    """Something that became public about a thing people follow (a plan, a commitment, an organisation, a
    consultation, a forum): what a follower is told, in real time or in a digest. `key` is stable and
    unique among the kind's events (e.g. "history:123"); `moment` (an aware datetime) is when it became
    public; `title` is in the active language; `url` is a path."""

    object_id: int
    key: str
    moment: Any
    title: str
    url: str
    language: str = ""  # the content's language, when it differs from the reader's


@dataclass(frozen=True)
class FollowSource:
    """Where events of one followable kind come from: `events(object_ids, after, until)` returns the public
    events about those objects whose moment is in (after, until]. Called in the reader's language. Only
    published things: never a draft plan's changes, never a hidden or unconfirmed submission."""

    kind: str  # a `followables` key
    events: Callable[[list[int], Any, Any], list[FollowEvent]]


@dataclass(frozen=True)
class Followable:
    """A kind of thing people can follow: `lookup(ids)` returns {id: (title, path)} of those that are public."""

    label: Any  # a lazily translated singular, e.g. "plan"
    lookup: Callable[[list[int]], dict[int, tuple[str, str]]]


@dataclass(frozen=True)
class NoticeKind:
    """A kind of email the people who work in Samskap get about their work (new input, a report, a status
    due), which each can turn off (`accounts.notices.wants_notice`). `roles`: whose settings page lists it."""

    label: Any  # a lazily translated description
    roles: tuple[str, ...]  # RoleGrant roles, e.g. ("coordinator",)
    order: int = 100


sitemap_sections: Registry[Any] = Registry("sitemap sections")
navigation: Registry[NavItem] = Registry("main menu")
search_sources: Registry[SearchSource] = Registry("site search sources")
home_panels: Registry[Panel] = Registry("home page panels")
plan_panels: Registry[Panel] = Registry("plan page panels")
commitment_panels: Registry[Panel] = Registry("commitment page panels")
organisation_panels: Registry[Panel] = Registry("organisation page panels")
jurisdiction_panels: Registry[Panel] = Registry("jurisdiction page panels")
meeting_panels: Registry[Panel] = Registry("forum meeting page panels")  # e.g. the proposals on its agenda
consultation_panels: Registry[Panel] = Registry("consultation page panels")
forum_panels: Registry[Panel] = Registry("forum page panels")
download_kinds: Registry[Any] = Registry("bulk download kinds")  # samskap.kernel.tabular.Kind
feed_routes: Registry[FeedRoute] = Registry("feeds")
deadline_sources: Registry[Callable[[Any], list[Deadline]]] = Registry("calendar deadlines")  # (jurisdiction|None)
api_routes: Registry[ApiRoute] = Registry("API routes")
dashboard_figures: Registry[Figure] = Registry("dashboard figures")
work_items: Registry[Panel] = Registry("my work panels")
# (jurisdiction id or None) -> the public documents an app publishes by itself
evidence_sources: Registry[Callable[[int | None], list[EvidenceItem]]] = Registry("evidence sources")
# (plan ids) -> what became of the public input to those plans
input_uptake: Registry[Callable[[list[int]], InputUptake]] = Registry("input uptake")
# (plan ids) -> {plan id: the reported figures over time, oldest first}
progress_series: Registry[Callable[[list[int]], dict[int, list[ProgressPoint]]]] = Registry("progress series")
#: followable kind ("plan", "commitment", "organisation", "consultation", "forum") -> what it is
followables: Registry[Followable] = Registry("followable kinds")
#: any unique name -> a source of follow events for one followable kind
follow_events: Registry[FollowSource] = Registry("follow event sources")
notice_kinds: Registry[NoticeKind] = Registry("work notice kinds")
# () -> a condition (Q) on history.ChangeRecord for records an app keeps out of the public history: those of
# things not public (yet), such as a draft a local government has not had accepted, or a request to join
withheld_changes: Registry[Callable[[], Any]] = Registry("withheld changes")
public_fields: Registry[Any] = Registry("public fields")  # samskap.kernel.public.PublicFields, by "app.model"


def panels(registry: Registry[Panel], request: HttpRequest | None, subject: Any) -> list[tuple[str, dict[str, Any]]]:
    """The panels that have something to show for `subject`, in order, as (template, context)."""
    shown = []
    for panel in sorted(registry, key=lambda p: p.order):
        context = panel.context(request, subject)
        if context is not None:
            shown.append((panel.template, context))
    return shown
