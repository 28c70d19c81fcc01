"""The read API's endpoints for history (registered in samskap.kernel.registry.api_routes)."""

from typing import Any

import django_filters as filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samskap.history.models import ChangeRecord
from samskap.history.selectors import public_changes
from samskap.kernel.api import PublicViewSet, ref, since
from samskap.kernel.registry import ApiRoute, api_routes


class ChangeSerializer(serializers.ModelSerializer[ChangeRecord]):
    object_type = serializers.CharField(source="content_type.model", read_only=True)
    changes = serializers.SerializerMethodField()

    class Meta:
        model = ChangeRecord
        fields = [
            "id",
            "object_type",
            "object_id",
            "object_repr",
            "plan",
            "commitment",
            "action",
            "changes",
            "actor_name",
            "created_at",
        ]

    @extend_schema_field(
        {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "properties": {"old": {}, "new": {}},
            },
        }
    )
    def get_changes(self, record: ChangeRecord) -> dict[str, Any]:
        return dict(record.changes)


class ChangeFilter(filters.FilterSet):
    jurisdiction = ref("plan__jurisdiction", "Jurisdiction id")
    plan = ref("plan", "Plan id")
    commitment = ref("commitment", "Commitment id")
    updated_since = since("created_at")

    class Meta:
        model = ChangeRecord
        fields = ["action"]


class ChangeViewSet(PublicViewSet):
    """The change history: who changed what, when, old and new values."""

    queryset = ChangeRecord.objects.none()  # for the schema; the records are read per request
    serializer_class = ChangeSerializer
    filterset_class = ChangeFilter
    modified_field = "created_at"

    def get_queryset(self) -> QuerySet[ChangeRecord]:
        # Per request: the apps' withheld records (kernel.registry.withheld_changes) are known only once loaded.
        return public_changes().select_related("content_type").order_by("pk")


api_routes.register("changes", ApiRoute("changes", ChangeViewSet, "change"))
