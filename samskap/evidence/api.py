"""The read API's endpoint for the evidence repository (registered in samskap.kernel.registry.api_routes)."""

import django_filters as filters
from rest_framework import serializers

from samskap.evidence.models import Document
from samskap.evidence.selectors import public_documents
from samskap.kernel.api import PublicViewSet, ref, since
from samskap.kernel.links import absolute
from samskap.kernel.registry import ApiRoute, api_routes


class EvidenceDocumentSerializer(serializers.ModelSerializer[Document]):
    address = serializers.SerializerMethodField()
    file = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id", "jurisdiction", "plan", "commitment", "milestone", "meeting", "kind", "title", "description",
            "date", "language", "address", "file", "url", "link_status", "link_checked_at", "content_type", "size",
            "updated_at", "created_at",
        ]  # fmt: skip

    def get_address(self, document: Document) -> str:
        return absolute(document.get_absolute_url())

    def get_file(self, document: Document) -> str:
        return absolute(document.target) if document.file else ""


class DocumentFilter(filters.FilterSet):
    jurisdiction = ref("jurisdiction")
    plan = ref("plan")
    commitment = ref("commitment")
    changed_since = since("updated_at")

    class Meta:
        model = Document
        fields = ["jurisdiction", "plan", "commitment", "kind", "language"]


class DocumentViewSet(PublicViewSet):
    """Documents of the evidence repository (uploaded or linked), ordered by id; never a draft plan's."""

    serializer_class = EvidenceDocumentSerializer
    filterset_class = DocumentFilter
    queryset = public_documents().order_by("pk")


api_routes.register("documents", ApiRoute("documents", DocumentViewSet, "document"))
