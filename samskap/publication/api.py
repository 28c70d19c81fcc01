"""The read API's endpoint for published plan versions (registered in samskap.kernel.registry.api_routes):
each version with its documents' languages, content hashes, file hashes and file addresses."""

from typing import Any

import django_filters as filters
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samskap.kernel.api import PublicViewSet, ref
from samskap.kernel.links import absolute
from samskap.kernel.registry import ApiRoute, api_routes
from samskap.publication.models import FrozenDocument, PublishedVersion
from samskap.publication.selectors import LIGHT, public_versions


class PlanVersionFileSerializer(serializers.ModelSerializer[FrozenDocument]):
    files = serializers.SerializerMethodField()

    class Meta:
        model = FrozenDocument
        fields = ["language", "content_hash", "file_hashes", "files"]

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "string", "format": "uri"}})
    def get_files(self, document: FrozenDocument) -> dict[str, str]:
        return {fmt: absolute(document.file_url(fmt)) for fmt in FrozenDocument.MEDIA_TYPES}


class PlanVersionSerializer(serializers.ModelSerializer[PublishedVersion]):
    jurisdiction = serializers.IntegerField(source="plan.jurisdiction_id", read_only=True)
    url = serializers.SerializerMethodField()
    documents = PlanVersionFileSerializer(many=True, read_only=True)

    class Meta:
        model = PublishedVersion
        fields = [
            "id", "plan", "jurisdiction", "number", "content_hash", "published_at", "government_approved_on",
            "government_reference", "forum_endorsed_on", "url", "documents",
        ]  # fmt: skip

    def get_url(self, version: PublishedVersion) -> str:
        return absolute(version.get_absolute_url())


class VersionFilter(filters.FilterSet):
    plan = ref("plan")
    jurisdiction = ref("plan__jurisdiction")

    class Meta:
        model = PublishedVersion
        fields = ["plan"]


class VersionViewSet(PublicViewSet):
    """Published (frozen) versions of action plans, ordered by id; a draft plan has none."""

    modified_field = "published_at"
    serializer_class = PlanVersionSerializer
    filterset_class = VersionFilter

    def get_queryset(self) -> Any:
        return (
            public_versions()
            .select_related("plan__jurisdiction")
            .prefetch_related(Prefetch("documents", queryset=FrozenDocument.objects.only(*LIGHT)))
            .order_by("pk")
        )


api_routes.register("plan_versions", ApiRoute("plan-versions", VersionViewSet, "plan-version"))
