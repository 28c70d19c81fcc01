"""What the forum adds to the site: sitemap sections, downloads, public fields, feeds, calendar entries,
the timeline and meetings on the plan, jurisdiction and home pages, and coordinators' work."""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from samskap.accounts.permissions import grants_for
from samskap.forum import feeds
from samskap.forum.models import Forum, Meeting, Member, Minutes, Phase
from samskap.forum.public import ATTENDEE
from samskap.forum.selectors import Timeline, timeline, upcoming
from samskap.kernel.registry import (
    EvidenceItem,
    FeedRoute,
    Panel,
    deadline_sources,
    download_kinds,
    evidence_sources,
    feed_routes,
    home_panels,
    jurisdiction_panels,
    plan_panels,
    public_fields,
    sitemap_sections,
    work_items,
)
from samskap.kernel.sitemaps import I18nSitemap
from samskap.kernel.tabular import Kind, fields

public_fields.register("forum.attendee", ATTENDEE)


def _of_plan(queryset: QuerySet[Any], path: str) -> Any:
    return lambda plan: queryset.filter(**{path: plan}) if plan else queryset


download_kinds.register(
    "phases",
    Kind(
        "phases",
        "The phases of each plan's timeline (co-creation calendar)",
        fields(Phase, ["id", "plan", "kind", "title", "description", "starts_on", "ends_on", "link", "meeting"]),
        _of_plan(Phase.objects.all(), "plan"),
        position=140,
    ),
)
download_kinds.register(
    "meetings",
    Kind(
        "meetings",
        "Meetings of the stakeholder forums",
        fields(Meeting, ["id", "forum", "plan", "title", "slug", "description", "starts_at", "ends_at", "address"])
        + fields(Meeting, ["room", "video_url", "access", "registration_closes_at", "capacity", "reserved_seats"])
        + fields(Meeting, ["updated_at"]),
        _of_plan(Meeting.objects.all(), "plan"),
        position=150,
    ),
)
download_kinds.register(
    "forum_members",
    Kind(
        "forum_members",
        "Members and observers of the stakeholder forums",
        fields(Member, ["id", "forum", "organisation", "role", "representative", "deputy", "term_starts"])
        + fields(Member, ["term_ends", "selection"]),
        lambda plan: Member.objects.filter(forum__jurisdiction=plan.jurisdiction_id) if plan else Member.objects.all(),
        position=160,
    ),
)
download_kinds.register(
    "attendees",
    Kind(
        "attendees",
        "Meeting attendees who agreed to be shown (never an email address)",
        ATTENDEE.columns(),
        lambda plan: ATTENDEE.rows().filter(meeting__plan=plan) if plan else ATTENDEE.rows(),
        position=170,
    ),
)


class ForumPages(I18nSitemap):
    """The forums and their meetings: pages to read. A meeting's registration form is linked from its page
    and not listed, like the consultations' and the proposals' forms: a form is no page for a crawler."""

    def items(self) -> list[Any]:
        pages: list[Any] = []
        for forum in Forum.objects.select_related("jurisdiction").order_by("pk"):
            pages.append(("forum", forum))
        for meeting in Meeting.objects.select_related("forum__jurisdiction").order_by("pk"):
            pages.append(("meeting", meeting))
        return pages

    def location(self, item: Any) -> str:
        name, obj = item
        if name == "forum":
            return str(obj.get_absolute_url())
        return str(obj.url(name))


sitemap_sections.register("forum", ForumPages)

feed_routes.register("forum_rss", FeedRoute("feeds/forum/rss/", feeds.MeetingNews(), "forum_rss"))
feed_routes.register(
    "j_forum_rss", FeedRoute("feeds/<slug:jurisdiction>/forum/rss/", feeds.MeetingNews(), "j_forum_rss")
)
deadline_sources.register("forum", feeds.deadlines)


def _published_minutes(jurisdiction_id: int | None) -> list[EvidenceItem]:
    """Approved minutes in the evidence repository, dated by their meeting (a draft plan's meeting is
    listed without the plan)."""
    rows = Minutes.objects.filter(status=Minutes.Status.APPROVED).select_related(
        "meeting__forum__jurisdiction", "meeting__plan"
    )
    if jurisdiction_id is not None:
        rows = rows.filter(meeting__forum__jurisdiction_id=jurisdiction_id)
    items = []
    for minutes in rows.order_by("pk"):
        meeting = minutes.meeting
        plan = meeting.plan
        items.append(
            EvidenceItem(
                key=f"forum.minutes:{minutes.pk}",
                title=meeting.title,
                url=meeting.get_absolute_url() + "#minutes-heading",
                kind="minutes",
                date=meeting.local_start.date(),
                language=meeting.forum.jurisdiction.default_language,
                jurisdiction_id=meeting.forum.jurisdiction_id,
                plan_id=plan.pk if plan is not None and plan.published_at is not None else None,
                meeting_id=meeting.pk,
            )
        )
    return items


evidence_sources.register("forum.minutes", _published_minutes)


def _may_coordinate(request: HttpRequest | None, jurisdiction_id: int) -> bool:
    if request is None:
        return False
    grants = grants_for(request.user)
    return grants.superuser or jurisdiction_id in grants.coordinator_of


def _plan_panel(request: HttpRequest | None, plan: Any) -> dict[str, Any] | None:
    """The public sees a published timeline; the plan's coordinators see the phases as they edit them."""
    shown = timeline(plan)
    coordinating = _may_coordinate(request, plan.jurisdiction_id)
    if shown.published is None and not coordinating:
        shown = Timeline([], None, None)
    meetings = list(Meeting.objects.filter(plan=plan).select_related("forum__jurisdiction").order_by("starts_at"))
    if not shown.phases and not meetings and not coordinating:
        return None
    return {"plan": plan, "timeline": shown, "plan_meetings": meetings}


def _home_panel(request: HttpRequest | None, subject: Any) -> dict[str, Any] | None:
    meetings = upcoming(5)
    return {"forum_meetings": meetings} if meetings else None


def _jurisdiction_panel(request: HttpRequest | None, jurisdiction: Any) -> dict[str, Any] | None:
    forum = Forum.objects.filter(jurisdiction=jurisdiction).select_related("jurisdiction").first()
    if forum is None:
        return {"forum": None, "may_manage": True} if _may_coordinate(request, jurisdiction.pk) else None
    timelines = []
    for plan in jurisdiction.plans.filter(timeline_publications__isnull=False).distinct().order_by("-start_date")[:3]:
        timelines.append((plan, timeline(plan)))
    return {
        "forum": forum,
        "forum_meetings": upcoming(5, jurisdiction),
        "timelines": timelines,
        "may_manage": _may_coordinate(request, jurisdiction.pk),
    }


def _work(request: HttpRequest | None, user: Any) -> dict[str, Any] | None:
    if request is None:
        return None
    places = grants_for(request.user).coordinator_of
    if not places:
        return None
    pending = Count(
        "join_requests", filter=Q(join_requests__status="pending", join_requests__confirmed_at__isnull=False)
    )
    forums = [
        f
        for f in Forum.objects.filter(jurisdiction__in=places).select_related("jurisdiction").annotate(pending=pending)
        if f.pending
    ]
    due = list(
        Meeting.objects.filter(forum__jurisdiction__in=places, ends_at__lt=timezone.now())
        .exclude(minutes__status=Minutes.Status.APPROVED)
        .select_related("forum__jurisdiction")
        .order_by("-starts_at")[:10]
    )
    if not forums and not due:
        return None
    return {"pending_forums": forums, "minutes_due": due}


plan_panels.register("forum_timeline", Panel("forum/panels/timeline.html", _plan_panel, order=5))
home_panels.register("forum", Panel("forum/panels/meetings.html", _home_panel, order=30))
jurisdiction_panels.register("forum", Panel("forum/panels/jurisdiction.html", _jurisdiction_panel, order=10))
work_items.register("forum", Panel("forum/panels/work.html", _work, order=30))
