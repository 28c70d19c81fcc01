"""What proposals add to the site: the register in the menu, sitemap, downloads, API (in `api`), feeds,
calendar deadlines, search, "My work", the plan's proposals, a commitment's provenance, the proposals
on a forum meeting's agenda, and the proposals' uptake for MR 4.1 and the dashboards."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskap.accounts.permissions import grants_for
from samskap.kernel.registry import (
    FeedRoute,
    InputUptake,
    NavItem,
    Panel,
    SearchHit,
    SearchSource,
    commitment_panels,
    deadline_sources,
    download_kinds,
    feed_routes,
    input_uptake,
    meeting_panels,
    navigation,
    plan_panels,
    public_fields,
    search_sources,
    sitemap_sections,
    work_items,
)
from samskap.kernel.search import matching
from samskap.kernel.sitemaps import I18nSitemap
from samskap.kernel.tabular import Column, Kind, fields
from samskap.kernel.text import first_words
from samskap.proposals import feeds, selectors
from samskap.proposals.models import Comment, Proposal, Round
from samskap.proposals.public import PROPOSAL

public_fields.register("proposals.proposal", PROPOSAL)


def _sender(item: Proposal) -> str:
    return item.sender


download_kinds.register(
    "proposals",
    Kind(
        "proposals",
        "Proposals for commitments and what became of them (the register; never a draft or an email address)",
        [*PROPOSAL.columns(), Column("sender", "Who proposed it (organisation or person)", _sender)],
        lambda plan: PROPOSAL.rows().filter(plan=plan) if plan else PROPOSAL.rows(),
        position=180,
    ),
)
download_kinds.register(
    "proposal_comments",
    Kind(
        "proposal_comments",
        "Comments on proposals, by people and organisations (is_answer: the responsible ministry's answer)",
        fields(Comment, ["id", "proposal", "author_name", "organisation", "text", "is_answer", "created_at"]),
        lambda plan: (
            Comment.objects.exclude(proposal__status=Proposal.Status.DRAFT).filter(
                **({"proposal__plan": plan} if plan else {})
            )
        ).order_by("pk"),
        position=190,
    ),
)


class ProposalPages(I18nSitemap):
    limit = 5000

    def items(self) -> list[Any]:
        pages: list[Any] = [("register", None)]
        plan_ids = selectors.public_proposals().values("plan")
        pages += [("plan", pk) for pk in sorted(set(plan_ids.values_list("plan", flat=True)))]
        pages += [("round", item) for item in Round.objects.order_by("pk")]
        pages += [("proposal", item) for item in selectors.public_proposals().order_by("pk")]
        return pages

    def location(self, item: Any) -> str:
        name, obj = item
        if name == "register":
            return reverse("proposals:register")
        if name == "plan":
            return reverse("proposals:plan", kwargs={"plan": obj})
        return str(obj.get_absolute_url())


navigation.register("proposals", NavItem(_("Proposals"), "proposals:register", order=25))
sitemap_sections.register("proposals", ProposalPages)
feed_routes.register("proposals_rss", FeedRoute("feeds/proposals/rss/", feeds.ProposalNews(), "proposals_rss"))
feed_routes.register(
    "j_proposals_rss", FeedRoute("feeds/<slug:jurisdiction>/proposals/rss/", feeds.ProposalNews(), "j_proposals_rss")
)
deadline_sources.register("proposals", feeds.deadlines)


def _uptake(plan_ids: list[int]) -> InputUptake:
    """Sent proposals (not withdrawn by their senders), those decided with a reason, those taken up."""
    counted = selectors.public_proposals().filter(plan_id__in=plan_ids).exclude(status=Proposal.Status.WITHDRAWN)
    return InputUptake(
        label=_("Proposals for commitments"),
        received=counted.count(),
        answered=counted.filter(status__in=selectors.ANSWERED).count(),
        taken_up=counted.filter(status__in=selectors.TAKEN_UP).count(),
    )


input_uptake.register("proposals", _uptake)


def _find(words: list[str], query: str, jurisdiction: Any, limit: int) -> list[SearchHit]:
    rows = selectors.public_proposals().select_related("plan__jurisdiction", "organisation")
    if jurisdiction is not None:
        rows = rows.filter(plan__jurisdiction=jurisdiction)
    found = matching(
        rows, ["title", "problem", "description"], query, language_path="plan__jurisdiction__default_language"
    )
    return [
        SearchHit(
            kind="proposals",
            title=item.title,
            url=item.get_absolute_url(),
            snippet=first_words(item.description or item.problem, 30),
            context=f"{item.plan.jurisdiction.name} · {item.plan} · {item.get_status_display()}",
            language=item.plan.jurisdiction.default_language,
        )
        for item in found.order_by("-sent_at", "pk")[:limit]
    ]


search_sources.register("proposals", SearchSource(_("Proposals"), _find, order=45))


def _plan_panel(request: HttpRequest | None, plan: Any) -> dict[str, Any] | None:
    rounds = list(Round.objects.filter(plan=plan).order_by("-closes_at", "pk"))
    count = selectors.public_proposals().filter(plan=plan).count()
    if not rounds and not count:
        return None
    return {"plan": plan, "proposal_rounds": rounds, "proposal_count": count}


def _commitment_panel(request: HttpRequest | None, commitment: Any) -> dict[str, Any] | None:
    origins = selectors.provenance(commitment)
    return {"origins": origins} if origins else None


def _meeting_panel(request: HttpRequest | None, meeting: Any) -> dict[str, Any] | None:
    rounds = list(Round.objects.filter(meeting=meeting).order_by("closes_at", "pk"))
    if not rounds:
        return None
    return {"meeting_rounds": rounds, "meeting_proposals": selectors.for_meeting(meeting)}


def _work(request: HttpRequest | None, subject: Any) -> dict[str, Any] | None:
    """My work: my drafts, the proposals my ministries are asked to answer, those to triage."""
    if request is None or not request.user.is_authenticated:
        return None
    grants = grants_for(request.user)
    drafts = [
        p for p in selectors.mine(request.user) if p.status in (Proposal.Status.DRAFT, Proposal.Status.NEEDS_REVISION)
    ]
    answers = selectors.waiting_for_answer(sorted(grants.editor_of))
    triage: list[Proposal] = []
    if grants.superuser or grants.coordinator_of:
        triage = selectors.to_triage(None if grants.superuser else sorted(grants.coordinator_of))
    if not (drafts or answers or triage):
        return None
    return {"my_drafts": drafts, "to_answer": answers, "to_triage": triage}


plan_panels.register("proposals", Panel("proposals/panels/plan.html", _plan_panel, order=12))
commitment_panels.register("proposals", Panel("proposals/panels/commitment.html", _commitment_panel, order=5))
meeting_panels.register("proposals", Panel("proposals/panels/meeting.html", _meeting_panel, order=10))
work_items.register("proposals", Panel("proposals/panels/work.html", _work, order=35))
