"""What consultations add to the site: download files, sitemap sections, feeds, calendar deadlines,
the open consultations on the home page and a plan's consultations on its page."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskap.consultations import feeds
from samskap.consultations.models import Consultation, Response, Submission
from samskap.consultations.public import SUBMISSION, public_answers
from samskap.consultations.selectors import open_now
from samskap.kernel.registry import (
    FeedRoute,
    Figure,
    Panel,
    Share,
    dashboard_figures,
    deadline_sources,
    download_kinds,
    feed_routes,
    home_panels,
    plan_panels,
    public_fields,
    sitemap_sections,
)
from samskap.kernel.sitemaps import I18nSitemap
from samskap.kernel.tabular import Kind, fields
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
    limit = 5000

    def items(self) -> Any:
        return SUBMISSION.rows().select_related("consultation__jurisdiction").order_by("pk")


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
    return Share(received.filter(response__isnull=False).count(), received.count())


dashboard_figures.register(
    "input_answered",
    Figure(
        _("Input answered"),
        _input_answered,
        _("Confirmed submissions to consultations that have a reasoned answer, divided by all confirmed submissions."),
    ),
)
