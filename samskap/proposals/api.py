"""The read API's endpoints for proposals (registered in samskap.kernel.registry.api_routes): sent
proposals and their fate; never a draft, an email address or a form token."""

import django_filters as filters
from rest_framework import serializers

from samskap.kernel.api import PublicViewSet, ref, since
from samskap.kernel.registry import ApiRoute, api_routes
from samskap.proposals.models import Comment, Proposal
from samskap.proposals.selectors import public_proposals


class ProposalSerializer(serializers.ModelSerializer[Proposal]):
    sender = serializers.CharField(read_only=True)

    class Meta:
        model = Proposal
        fields = [
            "id", "plan", "round", "receipt", "title", "problem", "description", "contribution", "relevance",
            "access_to_information", "civic_participation", "public_accountability", "technology_innovation",
            "lead_institution", "other_actors", "milestones", "start_date", "end_date", "budget", "sender_type",
            "sender", "author_name", "organisation", "co_authors", "responsible", "answer_by", "status", "reason",
            "merged_into", "commitment", "sent_at", "is_late", "decided_at", "updated_at",
        ]  # fmt: skip


class ProposalFilter(filters.FilterSet):
    plan = ref("plan")
    round = ref("round")
    status = filters.ChoiceFilter(choices=[c for c in Proposal.Status.choices if c[0] != Proposal.Status.DRAFT])
    changed_since = since("updated_at")

    class Meta:
        model = Proposal
        fields = ["plan", "round", "status"]


class ProposalViewSet(PublicViewSet):
    """Sent proposals for commitments and what became of them, ordered by id. Drafts are never shown."""

    serializer_class = ProposalSerializer
    filterset_class = ProposalFilter
    queryset = public_proposals().select_related("organisation").prefetch_related("co_authors").order_by("pk")


class CommentSerializer(serializers.ModelSerializer[Comment]):
    speaker = serializers.CharField(read_only=True)

    class Meta:
        model = Comment
        fields = ["id", "proposal", "speaker", "author_name", "organisation", "text", "is_answer", "created_at"]


class CommentFilter(filters.FilterSet):
    proposal = ref("proposal")

    class Meta:
        model = Comment
        fields = ["proposal"]


class CommentViewSet(PublicViewSet):
    """Comments on proposals, by people and organisations; `is_answer` marks the responsible ministry's."""

    modified_field = "created_at"
    serializer_class = CommentSerializer
    filterset_class = CommentFilter
    queryset = (
        Comment.objects.exclude(proposal__status=Proposal.Status.DRAFT).select_related("organisation").order_by("pk")
    )


api_routes.register("proposals", ApiRoute("proposals", ProposalViewSet, "proposal"))
api_routes.register("proposal-comments", ApiRoute("proposal-comments", CommentViewSet, "proposal-comment"))
