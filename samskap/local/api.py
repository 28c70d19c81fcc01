"""The read API's endpoint for local activities (registered in samskap.kernel.registry.api_routes)."""

import django_filters as filters
from rest_framework import serializers

from samskap.kernel.api import FlagFilter, PublicViewSet, ref, since
from samskap.kernel.registry import ApiRoute, api_routes
from samskap.local.models import Activity
from samskap.local.public import ACTIVITY


class ActivitySerializer(serializers.ModelSerializer[Activity]):
    class Meta:
        model = Activity
        fields = list(ACTIVITY.fields)


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
    Drafts, activities waiting for review and declined ones are never shown; nor is the contact's email."""

    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    queryset = ACTIVITY.rows()


api_routes.register("local-activities", ApiRoute("local-activities", ActivityViewSet, "local-activity"))
