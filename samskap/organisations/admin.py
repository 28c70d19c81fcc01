from django.contrib import admin

from samskap.organisations.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "type", "jurisdiction"]
    list_filter = ["type", "jurisdiction"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
