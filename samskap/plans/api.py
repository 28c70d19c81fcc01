"""The read API's endpoints for plans (registered in samskap.kernel.registry.api_routes)."""

import django_filters as filters
from rest_framework import serializers

from samskap.kernel.api import PublicViewSet, ref, since
from samskap.kernel.registry import ApiRoute, api_routes
from samskap.plans.models import ActionPlan, Theme


class PlanSerializer(serializers.ModelSerializer[ActionPlan]):
    class Meta:
        model = ActionPlan
        fields = [
            "id",
            "jurisdiction",
            "label",
            "slug",
            "title",
            "summary",
            "start_date",
            "end_date",
            "status",
            "revises",
            "updated_at",
            "created_at",
        ]


class ThemeSerializer(serializers.ModelSerializer[Theme]):
    class Meta:
        model = Theme
        fields = ["id", "plan", "order", "title", "description"]


class PlanFilter(filters.FilterSet):
    jurisdiction = ref("jurisdiction", "Jurisdiction id")
    updated_since = since("updated_at")

    class Meta:
        model = ActionPlan
        fields = ["status"]


class ThemeFilter(filters.FilterSet):
    plan = ref("plan", "Plan id")

    class Meta:
        model = Theme
        fields: list[str] = []


class PlanViewSet(PublicViewSet):
    """Action plans."""

    queryset = ActionPlan.objects.public().order_by("pk")
    serializer_class = PlanSerializer
    filterset_class = PlanFilter


class ThemeViewSet(PublicViewSet):
    """Themes (pillars) of a plan."""

    queryset = Theme.objects.filter(plan__published_at__isnull=False).order_by("pk")
    serializer_class = ThemeSerializer
    filterset_class = ThemeFilter
    modified_field = None


api_routes.register("plans", ApiRoute("plans", PlanViewSet, "plan"))
api_routes.register("themes", ApiRoute("themes", ThemeViewSet, "theme"))
