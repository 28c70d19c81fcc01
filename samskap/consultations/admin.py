from django.contrib import admin

from samskap.consultations.models import Consultation, Report, Submission


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "jurisdiction", "stage", "opens_at", "closes_at"]
    list_filter = ["jurisdiction", "stage"]
    search_fields = ["title"]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["receipt", "consultation", "respondent_type", "status", "is_late", "submitted_at"]
    list_filter = ["status", "respondent_type", "is_late"]
    search_fields = ["receipt"]
    readonly_fields = ["receipt", "form_token", "confirmation_token", "search_text", "search_config"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["submission", "created_at", "resolved"]
