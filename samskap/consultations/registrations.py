"""What consultations add to the site: download files, sitemap sections, feeds, calendar deadlines,
the open consultations on the home page and a plan's consultations on its page."""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskap.accounts.permissions import AccessAction, can, grants_for
from samskap.consultations import feeds
from samskap.consultations.models import Consultation, Outcome, Report, Response, Submission
from samskap.consultations.permissions import ConsultationAction
from samskap.consultations.public import SUBMISSION, listed_submissions, public_answers
from samskap.consultations.selectors import newest_found, open_now
from samskap.kernel.registry import (
    FeedRoute,
    Figure,
    InputUptake,
    NavItem,
    Panel,
    SearchHit,
    SearchSource,
    Share,
    dashboard_figures,
    deadline_sources,
    download_kinds,
    feed_routes,
    home_panels,
    input_uptake,
    navigation,
    plan_panels,
    public_fields,
    search_sources,
    sitemap_sections,
    work_items,
)
from samskap.kernel.search import matching
from samskap.kernel.sitemaps import I18nSitemap
from samskap.kernel.tabular import Kind, fields
from samskap.kernel.text import first_words
from samskap.plans.models import ActionPlan

public_fields.register("consultations.submission", SUBMISSION)


def _of_plan(queryset: QuerySet[Any], path: str) -> Any:
    return lambda plan: queryset.filter(**{path: plan}) if plan else queryset


download_kinds.register(
    "consultations",
    Kind(
        "consultations",
        "Public consultations",
        fields(Consultation, ["id", "jurisdiction", "plan", "stage", "title", "slug", "body", "questions", "opens_at"])
        + fields(Consultation, ["closes_at", "summary", "updated_at", "created_at"]),
        _of_plan(Consultation.objects.all(), "plan"),
        position=110,
    ),
)
download_kinds.register(
    "submissions",
    Kind(
        "submissions",
        "Published submissions (as their senders agreed; never an email address)",
        SUBMISSION.columns(),
        lambda plan: SUBMISSION.rows().filter(consultation__plan=plan) if plan else SUBMISSION.rows(),
        position=120,
    ),
)
download_kinds.register(
    "answers",
    Kind(
        "answers",
        "The government's reasoned answers to submissions",
        fields(Response, ["id", "consultation", "outcome", "reason", "answered_by_name", "created_at"])
        + fields(Response, ["updated_at"]),
        _of_plan(public_answers(), "consultation__plan"),
        position=130,
    ),
)


class ConsultationPages(I18nSitemap):
    def items(self) -> list[Any]:
        pages: list[Any] = ["list"]
        for consultation in Consultation.objects.select_related("jurisdiction").order_by("pk"):
            pages += [("detail", consultation), ("submissions", consultation)]
        return pages

    def location(self, item: Any) -> str:
        if item == "list":
            return reverse("consultations:list")
        name, consultation = item
        return str(consultation.url(name))


class PublishedSubmissions(I18nSitemap):
    def items(self) -> Any:
        return SUBMISSION.rows().select_related("consultation__jurisdiction").order_by("pk")


navigation.register("consultations", NavItem(_("Consultations"), "consultations:list", order=20))
sitemap_sections.register("consultations", ConsultationPages)
sitemap_sections.register("submissions", PublishedSubmissions)

feed_routes.register(
    "consultations_rss", FeedRoute("feeds/consultations/rss/", feeds.ConsultationNews(), "consultations_rss")
)
feed_routes.register(
    "consultations_atom", FeedRoute("feeds/consultations/atom/", feeds.ConsultationNewsAtom(), "consultations_atom")
)
feed_routes.register(
    "j_consultations_rss",
    FeedRoute("feeds/<slug:jurisdiction>/consultations/rss/", feeds.ConsultationNews(), "j_consultations_rss"),
)
feed_routes.register(
    "j_consultations_atom",
    FeedRoute("feeds/<slug:jurisdiction>/consultations/atom/", feeds.ConsultationNewsAtom(), "j_consultations_atom"),
)
deadline_sources.register("consultations", feeds.deadlines)


def _open_consultations(request: HttpRequest | None, subject: Any) -> dict[str, Any]:
    return {"consultations_now": open_now(8)}


def _plan_consultations(request: HttpRequest | None, plan: Any) -> dict[str, Any] | None:
    items = list(Consultation.objects.filter(plan=plan).select_related("jurisdiction").order_by("-closes_at"))
    return {"plan_consultations": items} if items else None


home_panels.register("consultations", Panel("consultations/panels/home.html", _open_consultations, order=20))
plan_panels.register("consultations", Panel("consultations/panels/plan.html", _plan_consultations, order=10))


def _input_answered(scope: Any) -> Share:
    """Confirmed input (published or not) that has a reasoned answer: OGP's reasoned response (MR 4.1)."""
    path = "consultation__plan" if isinstance(scope, ActionPlan) else "consultation__jurisdiction"
    received = Submission.objects.filter(**{path: scope}).exclude(status=Submission.Status.UNCONFIRMED)
    counts = received.aggregate(answered=Count("pk", filter=Q(response__isnull=False)), total=Count("pk"))
    return Share(counts["answered"], counts["total"])


dashboard_figures.register(
    "input_answered",
    Figure(
        _("Input answered"),
        _input_answered,
        _("Confirmed submissions to consultations that have a reasoned answer, divided by all confirmed submissions."),
    ),
)


def _input_uptake(plan_ids: list[int]) -> InputUptake:
    """What became of the consultation input to these plans (MR 4.1), one query: what the public can see
    (published, or hidden after it was published), how much of it has a reasoned answer, and how much was
    taken up wholly or partly."""
    counts = (
        listed_submissions()
        .filter(consultation__plan_id__in=plan_ids)
        .aggregate(
            received=Count("pk"),
            answered=Count("pk", filter=Q(response__isnull=False)),
            taken_up=Count("pk", filter=Q(response__outcome__in=[Outcome.TAKEN_UP, Outcome.PARTLY])),
        )
    )
    return InputUptake(_("Consultation input"), counts["received"], counts["answered"], counts["taken_up"])


input_uptake.register("consultations", _input_uptake)


def _find_consultations(words: list[str], query: str, jurisdiction: Any, limit: int) -> list[SearchHit]:
    items = Consultation.objects.select_related("jurisdiction")
    if jurisdiction is not None:
        items = items.filter(jurisdiction=jurisdiction)
    found = matching(items, ["title", "body", "summary"], query, language_path="jurisdiction__default_language")
    return [
        SearchHit(
            kind="consultations",
            title=item.title,
            url=item.get_absolute_url(),
            snippet=first_words(item.body, 30),
            context=f"{item.jurisdiction.name} · {item.get_state_display()}",
            language=item.jurisdiction.default_language,
        )
        for item in found.order_by("-closes_at", "pk")[:limit]
    ]


def _find_submissions(words: list[str], query: str, jurisdiction: Any, limit: int) -> list[SearchHit]:
    """Only what consultations.public declares public: published, with the sender's consent."""
    rows = SUBMISSION.rows().select_related("consultation__jurisdiction")
    places = None
    if jurisdiction is not None:  # the government's consultations narrow the search index
        places = list(Consultation.objects.filter(jurisdiction=jurisdiction).values_list("pk", flat=True))
    found = newest_found(rows, query, limit, consultation_ids=places)
    hits = []
    for item in found[:limit]:
        name = SUBMISSION.value(item, "name") or SUBMISSION.value(item, "organisation") or _("Anonymous")
        hits.append(
            SearchHit(
                kind="submissions",
                title=f"{name}: {first_words(item.text, 10)}",
                url=item.get_absolute_url(),
                snippet=first_words(item.text, 30),
                context=f"{item.consultation.jurisdiction.name} · {item.consultation.title}",
                language=item.consultation.jurisdiction.default_language,
            )
        )
    return hits


search_sources.register("consultations", SearchSource(_("Consultations"), _find_consultations, order=40))
search_sources.register("submissions", SearchSource(_("Submissions"), _find_submissions, order=50))


def _work(request: HttpRequest | None, subject: Any) -> dict[str, Any] | None:
    """My work: the consultations the user manages, with the submissions waiting for an answer and held
    for approval, and the reports waiting for a moderator; each decided by the permission rules."""
    if request is None or not request.user.is_authenticated:
        return None
    user = request.user
    grants = grants_for(user)
    if not (grants.coordinator_of or grants.moderator_of or grants.superuser):
        return None
    candidates = Consultation.objects.select_related("jurisdiction").annotate(
        unanswered=Count(
            "submissions",
            filter=Q(submissions__response__isnull=True)
            & ~Q(submissions__status__in=[Submission.Status.UNCONFIRMED, Submission.Status.HIDDEN]),
        ),
        held=Count("submissions", filter=Q(submissions__status=Submission.Status.PENDING)),
    )
    if not grants.superuser and None not in grants.moderator_of:
        places = set(grants.coordinator_of) | {pk for pk in grants.moderator_of if pk is not None}
        candidates = candidates.filter(jurisdiction_id__in=places)
    managed, held = [], []
    for consultation in candidates.order_by("-closes_at", "pk")[:200]:
        if can(user, ConsultationAction.MANAGE_CONSULTATION, consultation) and (
            consultation.state != Consultation.State.ANSWERED or consultation.unanswered
        ):
            managed.append(consultation)
        if consultation.held and can(user, ConsultationAction.APPROVE_SUBMISSION, consultation):
            held.append(consultation)
    reports = []
    if grants.moderator_of or grants.superuser:  # only moderators see reports: no query for anyone else
        queue = Report.objects.filter(resolved=False).select_related("submission__consultation__jurisdiction")
        if not grants.superuser and None not in grants.moderator_of:
            queue = queue.filter(submission__consultation__jurisdiction_id__in=grants.moderator_of)
        reports = [
            report
            for report in queue.order_by("created_at", "pk")[:200]
            if can(user, AccessAction.MODERATE, report.submission.consultation.jurisdiction)
        ]
    if not (managed or held or reports):
        return None
    return {"managed_consultations": managed, "held_consultations": held, "open_reports": reports}


work_items.register("consultations", Panel("consultations/panels/work.html", _work, order=30))
