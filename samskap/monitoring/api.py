"""The read API's endpoint for published status rounds (registered in samskap.kernel.registry.api_routes)."""

from typing import Any

import django_filters as filters
from rest_framework import serializers

from samskap.kernel.api import PublicViewSet, ref, since
from samskap.kernel.registry import ApiRoute, api_routes
from samskap.monitoring.models import StatusRequest, StatusRound
from samskap.monitoring.selectors import public_rounds, tallied


class StatusRoundSerializer(serializers.ModelSerializer[StatusRound]):
    asked = serializers.IntegerField(source="n_asked", read_only=True)
    answered = serializers.IntegerField(source="n_answered", read_only=True)
    late = serializers.IntegerField(source="n_late", read_only=True)
    institutions = serializers.SerializerMethodField()

    class Meta:
        model = StatusRound
        fields = [
            "id", "plan", "as_of", "due_date", "letter", "published_at", "asked", "answered", "late",
            "institutions", "snapshot",
        ]  # fmt: skip

    def get_institutions(self, obj: StatusRound) -> list[dict[str, Any]]:
        """Who was asked, whether they answered, and whether late (answers are the commitments' progress updates)."""
        requests: list[StatusRequest] = list(obj.requests.all())
        return [
            {
                "organisation": r.organisation_id,
                "answered": r.answered,
                "late": r.late,
                "submitted_at": r.submitted_at,
            }
            for r in requests
        ]


class StatusRoundFilter(filters.FilterSet):
    plan = ref("plan")
    changed_since = since("updated_at")

    class Meta:
        model = StatusRound
        fields = ["plan"]


class StatusRoundViewSet(PublicViewSet):
    """Published status rounds, ordered by id: the date, who was asked and answered, and the figures then."""

    serializer_class = StatusRoundSerializer
    filterset_class = StatusRoundFilter
    queryset = tallied(public_rounds()).prefetch_related("requests").order_by("pk")


api_routes.register("status-rounds", ApiRoute("status-rounds", StatusRoundViewSet, "status-round"))
