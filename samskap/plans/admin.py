from django.contrib import admin

from samskap.plans.models import ActionPlan, Theme


class ThemeInline(admin.TabularInline[Theme, ActionPlan]):
    model = Theme
    extra = 0


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin[ActionPlan]):
    list_display = ["title", "label", "jurisdiction", "status", "start_date", "end_date"]
    list_filter = ["status", "jurisdiction"]
    search_fields = ["title", "label"]
    inlines = [ThemeInline]
