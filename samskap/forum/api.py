"""The read API's endpoints for the forum (registered in samskap.kernel.registry.api_routes)."""

import django_filters as filters
from rest_framework import serializers

from samskap.forum.models import Meeting, Member, Phase, TimelinePublication
from samskap.kernel.api import PublicViewSet, ref, since
from samskap.kernel.registry import ApiRoute, api_routes


class MeetingSerializer(serializers.ModelSerializer[Meeting]):
    jurisdiction = serializers.IntegerField(source="forum.jurisdiction_id", read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id", "forum", "jurisdiction", "plan", "title", "slug", "description", "starts_at", "ends_at",
            "address", "room", "video_url", "access", "registration_closes_at", "capacity", "reserved_seats",
            "per_organisation", "updated_at", "created_at",
        ]  # fmt: skip


class MeetingFilter(filters.FilterSet):
    forum = ref("forum")
    plan = ref("plan")
    changed_since = since("updated_at")

    class Meta:
        model = Meeting
        fields = ["forum", "plan"]


class MeetingViewSet(PublicViewSet):
    """Meetings of the stakeholder forums, ordered by id. Registrations are never shown here."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    queryset = Meeting.objects.select_related("forum").order_by("pk")


class PhaseSerializer(serializers.ModelSerializer[Phase]):
    class Meta:
        model = Phase
        fields = ["id", "plan", "kind", "title", "description", "starts_on", "ends_on", "link", "link_title", "meeting"]


class PhaseFilter(filters.FilterSet):
    plan = ref("plan")

    class Meta:
        model = Phase
        fields = ["plan"]


class PhaseViewSet(PublicViewSet):
    """The phases of plans' published timelines, ordered by id."""

    modified_field = None
    serializer_class = PhaseSerializer
    filterset_class = PhaseFilter
    queryset = Phase.objects.filter(plan__in=TimelinePublication.objects.values("plan")).order_by("pk")


class MemberSerializer(serializers.ModelSerializer[Member]):
    class Meta:
        model = Member
        fields = [
            "id",
            "forum",
            "organisation",
            "role",
            "representative",
            "deputy",
            "term_starts",
            "term_ends",
            "selection",
        ]


class MemberViewSet(PublicViewSet):
    """Members and observers of the stakeholder forums, ordered by id."""

    modified_field = None
    serializer_class = MemberSerializer
    queryset = Member.objects.order_by("pk")


api_routes.register("forum-meetings", ApiRoute("forum-meetings", MeetingViewSet, "forum-meeting"))
api_routes.register("plan-phases", ApiRoute("plan-phases", PhaseViewSet, "plan-phase"))
api_routes.register("forum-members", ApiRoute("forum-members", MemberViewSet, "forum-member"))
