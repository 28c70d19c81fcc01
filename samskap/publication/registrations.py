"""What publication adds to the site: the published versions on the plan page (and the way to approval
for those preparing a draft), the version pages in the sitemap, the feed, the evidence repository's
entries for each published file."""

from typing import Any

from django.db.models import Prefetch, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from samskap.accounts.permissions import can, grants_for
from samskap.forum.models import Member
from samskap.kernel.links import absolute
from samskap.kernel.registry import (
    EvidenceItem,
    FeedRoute,
    Panel,
    commitment_panels,
    download_kinds,
    evidence_sources,
    feed_routes,
    plan_panels,
    sitemap_sections,
    work_items,
)
from samskap.kernel.sitemaps import I18nSitemap
from samskap.kernel.tabular import Column, Kind, fields
from samskap.plans.models import ActionPlan
from samskap.publication import feeds
from samskap.publication.models import Approval, FrozenDocument, PublishedVersion
from samskap.publication.permissions import PublicationAction
from samskap.publication.selectors import LIGHT, public_versions, versions_of


def _plan_panel(request: HttpRequest | None, plan: Any) -> dict[str, Any] | None:
    user = request.user if request is not None else None
    may_manage = can(user, PublicationAction.MANAGE, plan)
    may_preview = not plan.is_published and can(user, PublicationAction.PREVIEW, plan)
    versions = versions_of(plan) if plan.is_published else []
    if not versions and not may_manage and not may_preview:
        return None
    approval = Approval.objects.filter(plan=plan).first() if plan.is_published else None
    return {
        "plan": plan,
        "versions": versions,
        "may_manage": may_manage,
        "may_preview": may_preview,
        "approval": approval,
    }


plan_panels.register("publication_versions", Panel("publication/panels/versions.html", _plan_panel, order=3))


def _commitment_panel(request: HttpRequest | None, commitment: Any) -> dict[str, Any] | None:
    """The lead institution's editors and the coordinators write the commitment's English texts (OGP reads
    English); nothing for anyone else, nor for a plan written in English."""
    if request is None or commitment.plan.jurisdiction.default_language == "en":
        return None
    if not can(request.user, PublicationAction.TRANSLATE, commitment):
        return None
    return {"commitment": commitment, "english": commitment.texts.filter(language="en").first()}


commitment_panels.register(
    "publication_english", Panel("publication/panels/commitment.html", _commitment_panel, order=90)
)


class VersionPages(I18nSitemap):
    """Each published version's page, and each published plan's list of versions."""

    def items(self) -> list[tuple[str, Any]]:
        versions = list(public_versions().select_related("plan__jurisdiction").order_by("pk"))
        plans = {version.plan_id: version.plan for version in versions}
        return [("version", v) for v in versions] + [("versions", p) for p in plans.values()]

    def location(self, item: tuple[str, Any]) -> str:
        kind, obj = item
        if kind == "version":
            return str(obj.get_absolute_url())
        return reverse("publication:versions", kwargs={"jurisdiction": obj.jurisdiction.slug, "plan": obj.slug})


sitemap_sections.register("publication", VersionPages)

feed_routes.register(
    "plan_versions_rss", FeedRoute("feeds/plans/versions/rss/", feeds.VersionNews(), "plan_versions_rss")
)
feed_routes.register(
    "j_plan_versions_rss",
    FeedRoute("feeds/<slug:jurisdiction>/plans/versions/rss/", feeds.VersionNews(), "j_plan_versions_rss"),
)


def _evidence(jurisdiction_id: int | None) -> list[EvidenceItem]:
    """Each published version's PDF and DOCX, in each of its languages, as "plan" documents."""
    versions = public_versions().select_related("plan__jurisdiction")
    if jurisdiction_id is not None:
        versions = versions.filter(plan__jurisdiction_id=jurisdiction_id)
    versions = versions.prefetch_related(Prefetch("documents", queryset=FrozenDocument.objects.only(*LIGHT)))
    items = []
    for version in versions.order_by("plan_id", "number"):
        plan = version.plan
        for document in version.documents.all():
            for fmt in ("pdf", "docx"):
                items.append(
                    EvidenceItem(
                        key=f"publication.version:{version.pk}:{document.language}:{fmt}",
                        title=f"{plan.title} ({plan.label}), v{version.number}, {document.language.upper()}, "
                        f"{fmt.upper()}",
                        url=document.file_url(fmt),
                        kind="plan",
                        date=timezone.localdate(version.published_at),
                        language=document.language,
                        jurisdiction_id=plan.jurisdiction_id,
                        plan_id=plan.pk,
                    )
                )
    return items


evidence_sources.register("publication", _evidence)


def _versions_rows(plan: Any) -> Any:
    versions = public_versions().select_related("plan__jurisdiction").order_by("pk")
    return versions.filter(plan=plan) if plan else versions


download_kinds.register(
    "plan_versions",
    Kind(
        "plan_versions",
        "Published (frozen) versions of the action plans, with the hash of their content",
        fields(PublishedVersion, ["id", "plan", "number", "content_hash", "published_at"])
        + fields(PublishedVersion, ["government_approved_on", "government_reference", "forum_endorsed_on"])
        + [Column("url", "The version's page (its files are listed there)", lambda v: absolute(v.get_absolute_url()))],
        _versions_rows,
        position=45,
    ),
)


def _work(request: HttpRequest | None, user: Any) -> dict[str, Any] | None:
    """My work, for institution editors: the drafts they may read before publication (their institution has
    a commitment in it, or their organisation sits in the forum the draft is shared with)."""
    if request is None:
        return None
    organisations = grants_for(request.user).editor_of
    if not organisations:
        return None
    forums = Member.objects.filter(organisation__in=organisations).values("forum__jurisdiction")
    drafts = list(
        ActionPlan.objects.filter(published_at__isnull=True)
        .filter(
            Q(commitments__lead_institution__in=organisations)
            | Q(commitments__supporting_institutions__in=organisations)
            | Q(approval__shared_with_forum_at__isnull=False, jurisdiction__in=forums)
        )
        .select_related("jurisdiction")
        .distinct()
        .order_by("jurisdiction__name", "-start_date")[:20]
    )
    return {"preview_drafts": drafts} if drafts else None


work_items.register("publication", Panel("publication/panels/work.html", _work, order=40))
