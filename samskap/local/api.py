"""The read API's endpoint for local activities (registered in samskap.kernel.registry.api_routes)."""

import django_filters as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samskap.kernel.api import FlagFilter, PublicViewSet, ref, since
from samskap.kernel.links import absolute
from samskap.kernel.registry import ApiRoute, api_routes
from samskap.local.models import Activity, ActivityDocument
from samskap.local.public import ACTIVITY


class ActivityDocumentSerializer(serializers.ModelSerializer[ActivityDocument]):
    url = serializers.SerializerMethodField(help_text="The file's address (downloaded as an attachment).")

    class Meta:
        model = ActivityDocument
        fields = ["title", "url", "content_type", "size"]
        extra_kwargs = {
            "content_type": {"help_text": "The kind of file, judged by its content (a media type)."},
            "size": {"help_text": "Size in bytes."},
        }

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_url(self, document: ActivityDocument) -> str:
        return absolute(document.get_absolute_url())


class ActivitySerializer(serializers.ModelSerializer[Activity]):
    documents = ActivityDocumentSerializer(many=True, read_only=True)

    class Meta:
        model = Activity
        fields = [*ACTIVITY.fields, "documents"]


class ActivityFilter(filters.FilterSet):
    jurisdiction = ref("jurisdiction")
    commitment = ref("commitment")
    good_example = FlagFilter()
    changed_since = since("updated_at")

    class Meta:
        model = Activity
        fields = ["jurisdiction", "commitment", "good_example"]


class ActivityViewSet(PublicViewSet):
    """Openness activities local governments reported and the national coordinator accepted, ordered by id.
    Drafts, activities waiting for review and declined ones are never shown; nor is the contact's email.
    Each activity lists its documents (uploaded files): title, address, kind of file and size."""

    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    queryset = ACTIVITY.rows().select_related("jurisdiction").prefetch_related("documents")


api_routes.register("local-activities", ApiRoute("local-activities", ActivityViewSet, "local-activity"))
