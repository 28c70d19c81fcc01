from django.contrib import admin

from samskap.commitments.models import Commitment, Milestone, PolicyArea, ProgressUpdate


class MilestoneInline(admin.TabularInline[Milestone, Commitment]):
    model = Milestone
    extra = 0


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin[Commitment]):
    list_display = ["identifier", "title", "plan", "lead_institution", "status", "completion"]
    list_filter = ["status", "completion", "plan__jurisdiction"]
    search_fields = ["identifier", "title"]
    inlines = [MilestoneInline]
    raw_id_fields = ["previous_version"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin[ProgressUpdate]):
    list_display = ["commitment", "as_of", "completion", "author_name"]


@admin.register(PolicyArea)
class PolicyAreaAdmin(admin.ModelAdmin[PolicyArea]):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
