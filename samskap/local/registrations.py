"""What the local app adds to the site: the local governments taking part and their accepted activities
on the country's and the local government's pages, the national coordinator's and the local coordinator's
work, downloads, public fields, feeds, the API (api.py), the sitemap and the site search."""

from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskap.accounts.permissions import can, grants_for
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.registry import (
    FeedRoute,
    Panel,
    SearchHit,
    SearchSource,
    commitment_panels,
    download_kinds,
    feed_routes,
    jurisdiction_panels,
    public_fields,
    search_sources,
    sitemap_sections,
    withheld_changes,
    work_items,
)
from samskap.kernel.search import matching
from samskap.kernel.sitemaps import I18nSitemap
from samskap.kernel.tabular import Kind
from samskap.kernel.text import first_words
from samskap.local import feeds, selectors
from samskap.local.models import Activity, AdaptedCommitment, JoinRequest
from samskap.local.permissions import LocalAction
from samskap.local.public import ACTIVITY

public_fields.register("local.activity", ACTIVITY)


def _withheld_activity_changes() -> Any:
    """An activity's history is public from its acceptance on: what the local government drafted, and the
    review before it was accepted (comments, the contact's email as typed), stay with the coordinators."""
    published = Activity.objects.public().filter(pk=OuterRef("object_id"), published_at__lte=OuterRef("created_at"))
    # By label, not ContentType.objects.get_for_model: no query of its own, so the reads that use it
    # keep a fixed number of queries however warm the content-type cache is.
    return Q(content_type__app_label="local", content_type__model="activity") & ~Exists(published)


def _withheld_request_changes() -> Any:
    """A request to join is the requester's; its acceptance shows as the new local government's own record."""
    return Q(content_type__app_label="local", content_type__model="joinrequest")


withheld_changes.register("local.activity", _withheld_activity_changes)
withheld_changes.register("local.join_request", _withheld_request_changes)


def _withheld_document_changes() -> Any:
    """Documents are added and removed only while the activity is a draft or changes are asked (never once
    it is public), so, like the rest of its history before the acceptance, their changes stay withheld."""
    return Q(content_type__app_label="local", content_type__model="activitydocument")


withheld_changes.register("local.activity_document", _withheld_document_changes)

download_kinds.register(
    "local_activities",
    Kind(
        "local_activities",
        "Openness activities of local governments, accepted as OGP activities (drafts never)",
        ACTIVITY.columns(),
        # A plan's download holds the activities that contribute to one of its commitments.
        lambda plan: ACTIVITY.rows().filter(commitment__plan=plan) if plan else ACTIVITY.rows(),
        position=180,
    ),
)


class ActivityPages(I18nSitemap):
    """The local programme's front page, accepted activities, and the activity lists of the places that have
    some (local and national)."""

    def items(self) -> list[Any]:
        activities = list(Activity.objects.public().select_related("jurisdiction__parent").order_by("pk"))
        places = {a.jurisdiction.slug for a in activities} | {
            a.jurisdiction.parent.slug for a in activities if a.jurisdiction.parent
        }
        return [None, *sorted(places), *activities]

    def location(self, item: Any) -> str:
        if item is None:
            return reverse("local:index")
        if isinstance(item, str):
            return reverse("local:activities", kwargs={"jurisdiction": item})
        return str(item.get_absolute_url())


sitemap_sections.register("local_activities", ActivityPages)

feed_routes.register("local_rss", FeedRoute("feeds/local/rss/", feeds.ActivityNews(), "local_rss"))
feed_routes.register("local_atom", FeedRoute("feeds/local/atom/", feeds.ActivityNewsAtom(), "local_atom"))
feed_routes.register(
    "j_local_rss", FeedRoute("feeds/<slug:jurisdiction>/local/rss/", feeds.ActivityNews(), "j_local_rss")
)
feed_routes.register(
    "j_local_atom", FeedRoute("feeds/<slug:jurisdiction>/local/atom/", feeds.ActivityNewsAtom(), "j_local_atom")
)


def _find_activities(words: list[str], query: str, jurisdiction: Any, limit: int) -> list[SearchHit]:
    items = Activity.objects.public().select_related("jurisdiction")
    if jurisdiction is not None:
        items = items.filter(Q(jurisdiction=jurisdiction) | Q(jurisdiction__parent=jurisdiction))
    found = matching(items, ["title", "description", "results"], query, language_path="jurisdiction__default_language")
    return [
        SearchHit(
            kind="local_activities",
            title=item.title,
            url=item.get_absolute_url(),
            snippet=first_words(item.description, 30),
            context=item.jurisdiction.name,
            language=item.jurisdiction.default_language,
        )
        for item in found.order_by("-published_at", "pk")[:limit]
    ]


search_sources.register("local_activities", SearchSource(_("Local activities"), _find_activities, order=60))


def _user(request: HttpRequest | None) -> Any:
    return request.user if request is not None else None


def _jurisdiction_panel(request: HttpRequest | None, place: Jurisdiction) -> dict[str, Any] | None:
    """The country's page: the local governments taking part and their accepted activities, how to join;
    a local government's page: its accepted activities (and, for its coordinator, what it is drafting)."""
    user = _user(request)
    if not place.is_local:
        members = selectors.taking_part(place)
        return {
            "country": place,
            "taking_part": members,
            "activities": list(selectors.public_activities(country=place)[:10]),
            "may_oversee": can(user, LocalAction.SEE_OVERVIEW, place),
        }
    own = can(user, LocalAction.REPORT_ACTIVITY, place)
    drafts = (
        list(place.local_activities.exclude(status=Activity.Status.ACCEPTED).order_by("-updated_at")) if own else []
    )
    activities = list(selectors.public_activities(jurisdiction=place))
    if not activities and not own:
        return None
    return {"local": place, "activities": activities, "drafts": drafts, "may_report": own}


def _work(request: HttpRequest | None, user: Any) -> dict[str, Any] | None:
    if request is None:
        return None
    places = grants_for(request.user).coordinator_of
    if not places:
        return None
    countries = list(Jurisdiction.objects.filter(pk__in=places, kind=Jurisdiction.Kind.NATIONAL).order_by("name"))
    join_requests = list(
        JoinRequest.objects.filter(
            country__in=countries, status=JoinRequest.Status.PENDING, confirmed_at__isnull=False
        ).select_related("country")
    )
    to_review = list(
        Activity.objects.filter(jurisdiction__parent__in=countries, status=Activity.Status.SUBMITTED).select_related(
            "jurisdiction__parent"
        )
    )
    changes = list(
        Activity.objects.filter(jurisdiction__in=places, status=Activity.Status.CHANGES_REQUESTED).select_related(
            "jurisdiction"
        )
    )
    if not (countries or join_requests or to_review or changes):
        return None
    return {"countries": countries, "join_requests": join_requests, "to_review": to_review, "changes": changes}


def _commitment_panel(request: HttpRequest | None, commitment: Any) -> dict[str, Any] | None:
    """A national commitment's page: the accepted local activities that contribute to it, and the published
    local plans' commitments that adapt it; a local commitment's page: the national one it adapts."""
    activities = list(selectors.public_activities().filter(commitment=commitment))
    adaptations = list(
        AdaptedCommitment.objects.filter(adapts=commitment, commitment__plan__published_at__isnull=False)
        .select_related("commitment__plan__jurisdiction")
        .order_by("commitment__plan__jurisdiction__name", "pk")
    )
    source = (
        AdaptedCommitment.objects.filter(commitment=commitment).select_related("adapts__plan__jurisdiction").first()
    )
    adapted_from = source.adapts if source is not None and source.adapts.plan.published_at else None
    if not activities and not adaptations and adapted_from is None:
        return None
    return {"local_activities": activities, "adaptations": adaptations, "adapted_from": adapted_from}


commitment_panels.register("local", Panel("local/panels/commitment.html", _commitment_panel, order=60))
jurisdiction_panels.register("local", Panel("local/panels/jurisdiction.html", _jurisdiction_panel, order=20))
work_items.register("local", Panel("local/panels/work.html", _work, order=40))
