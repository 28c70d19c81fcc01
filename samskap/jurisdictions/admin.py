from django.contrib import admin

from samskap.jurisdictions.models import Jurisdiction


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin[Jurisdiction]):
    list_display = ["name", "kind", "parent", "time_zone", "default_language"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
