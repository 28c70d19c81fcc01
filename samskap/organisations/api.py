"""The read API's endpoints for organisations (registered in samskap.kernel.registry.api_routes)."""

import django_filters as filters
from rest_framework import serializers

from samskap.kernel.api import PublicViewSet, ref
from samskap.kernel.registry import ApiRoute, api_routes
from samskap.organisations.models import Organisation


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    class Meta:
        model = Organisation
        fields = ["id", "name", "slug", "type", "jurisdiction", "website", "description"]


class OrganisationFilter(filters.FilterSet):
    jurisdiction = ref("jurisdiction", "Jurisdiction id")

    class Meta:
        model = Organisation
        fields = ["type"]


class OrganisationViewSet(PublicViewSet):
    """Ministries, agencies, municipalities and civil-society organisations."""

    queryset = Organisation.objects.order_by("pk")
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    modified_field = None


api_routes.register("organisations", ApiRoute("organisations", OrganisationViewSet, "organisation"))
