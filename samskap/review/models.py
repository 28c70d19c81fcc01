"""The independent review of commitments: what the IRM, or a reviewer in Samskap, found."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskap.commitments.models import CompletionLevel


class IRMAssessment(models.Model):
    """What a reviewer (the IRM, or a reviewer in Samskap) found about a commitment in one report."""

    #: What the API and the bulk downloads publish of an assessment, in this order.
    PUBLIC_FIELDS: tuple[str, ...] = (
        "id",
        "commitment",
        "report_type",
        "report_year",
        "verifiable",
        "specificity",
        "relevant_access_to_information",
        "relevant_civic_participation",
        "relevant_public_accountability",
        "relevant_technology_innovation",
        "potential_impact",
        "potential_for_results",
        "completion",
        "opened_government",
        "opened_access_to_information",
        "opened_civic_participation",
        "opened_public_accountability",
        "early_results",
        "starred",
        "source",
        "reviewer_name",
        "updated_at",
    )

    class ReportType(models.TextChoices):
        ACTION_PLAN_REVIEW = "action_plan_review", _("Action plan review")
        PROGRESS = "progress", _("Progress (mid-term) report")
        END_OF_TERM = "end_of_term", _("End-of-term report")

    class Specificity(models.TextChoices):
        NONE = "none", _("None")
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    class PotentialImpact(models.TextChoices):
        NONE = "none", _("None")
        MINOR = "minor", _("Minor")
        MODERATE = "moderate", _("Moderate")
        TRANSFORMATIVE = "transformative", _("Transformative")

    class PotentialForResults(models.TextChoices):
        UNCLEAR = "unclear", _("Unclear")
        MODEST = "modest", _("Modest")
        SUBSTANTIAL = "substantial", _("Substantial")

    class OpenedGovernment(models.TextChoices):
        NOT_APPLICABLE = "not_applicable", _("Not applicable")
        NO_RESULTS_YET = "no_results_yet", _("No early results to report yet")
        WORSENED = "worsened", _("Worsened")
        DID_NOT_CHANGE = "did_not_change", _("Did not change")
        MARGINAL = "marginal", _("Marginal")
        MAJOR = "major", _("Major")
        OUTSTANDING = "outstanding", _("Outstanding")

    class EarlyResults(models.TextChoices):
        NONE = "none", _("No notable results")
        MODERATE = "moderate", _("Moderate")
        SIGNIFICANT = "significant", _("Significant")

    class Source(models.TextChoices):
        IRM_IMPORT = "irm_import", _("IRM import")
        REVIEWER = "reviewer", _("Reviewer")

    commitment = models.ForeignKey(
        "commitments.Commitment", on_delete=models.CASCADE, related_name="assessments", verbose_name=_("commitment")
    )
    report_type = models.CharField(_("report"), max_length=30, choices=ReportType.choices)
    report_year = models.PositiveIntegerField(_("report year"), null=True, blank=True)
    verifiable = models.BooleanField(_("verifiable"), null=True, blank=True)
    specificity = models.CharField(_("specificity"), max_length=10, choices=Specificity.choices, blank=True)
    relevant_access_to_information = models.BooleanField(_("relevant to access to information"), null=True, blank=True)
    relevant_civic_participation = models.BooleanField(_("relevant to civic participation"), null=True, blank=True)
    relevant_public_accountability = models.BooleanField(_("relevant to public accountability"), null=True, blank=True)
    relevant_technology_innovation = models.BooleanField(
        _("relevant to technology and innovation"), null=True, blank=True
    )
    potential_impact = models.CharField(
        _("potential impact"), max_length=20, choices=PotentialImpact.choices, blank=True
    )
    potential_for_results = models.CharField(
        _("potential for results"), max_length=20, choices=PotentialForResults.choices, blank=True
    )
    completion = models.CharField(_("completion"), max_length=20, choices=CompletionLevel.choices, blank=True)
    opened_government = models.CharField(
        _("did it open government?"), max_length=20, choices=OpenedGovernment.choices, blank=True
    )
    opened_access_to_information = models.CharField(
        _("did it open government: access to information"),
        max_length=20,
        choices=OpenedGovernment.choices,
        blank=True,
    )
    opened_civic_participation = models.CharField(
        _("did it open government: civic participation"), max_length=20, choices=OpenedGovernment.choices, blank=True
    )
    opened_public_accountability = models.CharField(
        _("did it open government: public accountability"),
        max_length=20,
        choices=OpenedGovernment.choices,
        blank=True,
    )
    early_results = models.CharField(_("early results"), max_length=20, choices=EarlyResults.choices, blank=True)
    starred = models.BooleanField(_("starred"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.REVIEWER)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewer_name = models.CharField(_("reviewer"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["commitment", "report_type", "pk"]
        verbose_name = _("IRM assessment")
        verbose_name_plural = _("IRM assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "report_type"],
                condition=models.Q(source="irm_import"),
                name="one_imported_assessment_per_report",
            )
        ]

    def __str__(self) -> str:
        # Shown in the change history and the feeds: the report and the commitment's number, not an id.
        return f"{self.get_report_type_display()}: {self.commitment.identifier}"

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.commitment.plan_id, self.commitment_id

    @property
    def relevant_values(self) -> list[str]:
        names = {
            "relevant_access_to_information": _("Access to information"),
            "relevant_civic_participation": _("Civic participation"),
            "relevant_public_accountability": _("Public accountability"),
            "relevant_technology_innovation": _("Technology and innovation"),
        }
        return [str(label) for name, label in names.items() if getattr(self, name)]
