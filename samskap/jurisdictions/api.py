"""The read API's endpoints for jurisdictions (registered in samskap.kernel.registry.api_routes)."""

import django_filters as filters
from rest_framework import serializers

from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.api import PublicViewSet, ref
from samskap.kernel.registry import ApiRoute, api_routes


class JurisdictionSerializer(serializers.ModelSerializer[Jurisdiction]):
    class Meta:
        model = Jurisdiction
        fields = [
            "id",
            "name",
            "slug",
            "kind",
            "parent",
            "country_code",
            "time_zone",
            "default_language",
            "coordinating_organisation",
            "contact_name",
            "contact_email",
            "contact_phone",
            "description",
        ]


class JurisdictionFilter(filters.FilterSet):
    parent = ref("parent", "Part of (jurisdiction id)")

    class Meta:
        model = Jurisdiction
        fields = ["kind", "country_code"]


class JurisdictionViewSet(PublicViewSet):
    """Countries and local governments that run OGP action plans."""

    queryset = Jurisdiction.objects.order_by("pk")
    serializer_class = JurisdictionSerializer
    filterset_class = JurisdictionFilter
    modified_field = None


api_routes.register("jurisdictions", ApiRoute("jurisdictions", JurisdictionViewSet, "jurisdiction"))
