from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from samskap.accounts.models import RoleGrant, User


class RoleGrantInline(admin.TabularInline[RoleGrant, User]):
    model = RoleGrant
    extra = 0
    autocomplete_fields = ["jurisdiction", "organisation"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):  # type: ignore[type-arg]  # our user has no username field
    ordering = ["email"]
    list_display = ["email", "full_name", "organisation", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_active", "is_staff"]
    inlines = [RoleGrantInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (None, {"fields": ["full_name", "title", "organisation"]}),
        (None, {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]
