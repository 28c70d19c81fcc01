"""The independent review of commitments: what the IRM, or a reviewer in Samskap, found.

One model of assessments for the IRM file's import and for reviewers in the interface; a `Report` is the
IRM product an assessment belongs to (its type, draft and final versions, public comment window).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskap.commitments.models import CompletionLevel


def _out(prefix: str = "") -> models.Q:
    """A report is out (public) once published or once its public comment period has opened."""
    return models.Q(**{f"{prefix}published_on__isnull": False}) | models.Q(
        **{f"{prefix}comments_open_on__lte": timezone.localdate()}
    )


class AssessmentQuerySet(models.QuerySet["IRMAssessment"]):
    def released(self) -> "AssessmentQuerySet":
        """Imported ones, and reviewers' ones in a report that is out (a report in the works is the reviewer's)."""
        return self.filter(models.Q(report__isnull=True) | _out("report__"))

    def public(self) -> "AssessmentQuerySet":
        """Released, of published plans."""
        return self.released().filter(commitment__plan__published_at__isnull=False)


class ReportQuerySet(models.QuerySet["Report"]):
    def public(self) -> "ReportQuerySet":
        return self.filter(plan__published_at__isnull=False).filter(_out())


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
        "open_government_lens",
        "promising",
        "report",
        "source",
        "reviewer_name",
        "updated_at",
    )

    class ReportType(models.TextChoices):
        # The first three are the IRM file's (the import's values); results and design reports are
        # entered in the interface (results: the IRM's current product, design: the 2014-2020 one).
        ACTION_PLAN_REVIEW = "action_plan_review", _("Action plan review")
        PROGRESS = "progress", _("Progress (mid-term) report")
        END_OF_TERM = "end_of_term", _("End-of-term report")
        RESULTS = "results", _("Results report")
        DESIGN = "design", _("Design report")

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
    open_government_lens = models.BooleanField(_("open-government lens"), null=True, blank=True)
    promising = models.BooleanField(_("promising commitment"), null=True, blank=True)
    report = models.ForeignKey(
        "review.Report",
        verbose_name=_("report"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.REVIEWER)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewer_name = models.CharField(_("reviewer"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["commitment", "report_type", "pk"]
        verbose_name = _("IRM assessment")
        verbose_name_plural = _("IRM assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "report_type"],
                condition=models.Q(source="irm_import"),
                name="one_imported_assessment_per_report",
            ),
            models.UniqueConstraint(
                fields=["commitment", "report"],
                condition=models.Q(report__isnull=False),
                name="one_assessment_per_commitment_in_a_report",
                violation_error_message=_("This commitment already has an assessment in this report."),
            ),
        ]

    def __str__(self) -> str:
        # Shown in the change history and the feeds: the report and the commitment's number, not an id.
        return f"{self.get_report_type_display()}: {self.commitment.identifier}"

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.commitment.plan_id, self.commitment_id

    def clean(self) -> None:
        if self.report_id is not None and self.commitment_id is not None:
            report = self.report
            assert report is not None
            if report.plan_id != self.commitment.plan_id:
                raise ValidationError({"report": _("The report is about another action plan.")}, code="other_plan")

    @property
    def relevant_values(self) -> list[str]:
        names = {
            "relevant_access_to_information": _("Access to information"),
            "relevant_civic_participation": _("Civic participation"),
            "relevant_public_accountability": _("Public accountability"),
            "relevant_technology_innovation": _("Technology and innovation"),
        }
        return [str(label) for name, label in names.items() if getattr(self, name)]


class Report(models.Model):
    """An IRM report on one action plan: a draft put out for public comment, then the final version."""

    class Stage(models.TextChoices):
        DRAFT = "draft", _("Draft for public comment")
        FINAL = "final", _("Final")

    #: What the API publishes of a report, in this order.
    PUBLIC_FIELDS: tuple[str, ...] = (
        "id",
        "plan",
        "report_type",
        "title",
        "stage",
        "summary",
        "language",
        "comments_open_on",
        "comments_close_on",
        "draft_url",
        "final_url",
        "ogp_url",
        "published_on",
        "updated_at",
    )

    plan = models.ForeignKey(
        "plans.ActionPlan", on_delete=models.CASCADE, related_name="irm_reports", verbose_name=_("action plan")
    )
    report_type = models.CharField(_("type"), max_length=30, choices=IRMAssessment.ReportType.choices)
    title = models.CharField(_("title"), max_length=300)
    stage = models.CharField(_("version"), max_length=10, choices=Stage.choices, default=Stage.DRAFT)
    summary = models.TextField(_("summary"), max_length=20_000, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    comments_open_on = models.DateField(_("public comments from"), null=True, blank=True)
    comments_close_on = models.DateField(
        _("public comments until"), null=True, blank=True, help_text=_("The last day comments are taken.")
    )
    draft_url = models.URLField(_("address of the draft"), max_length=500, blank=True)
    final_url = models.URLField(_("address of the final version"), max_length=500, blank=True)
    ogp_url = models.URLField(_("OGP's page on the report"), max_length=500, blank=True)
    published_on = models.DateField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "-published_on", "pk"]
        verbose_name = _("IRM report")
        verbose_name_plural = _("IRM reports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(comments_close_on__gte=models.F("comments_open_on"))
                | models.Q(comments_open_on__isnull=True)
                | models.Q(comments_close_on__isnull=True),
                name="report_comments_close_after_they_open",
                violation_error_message=_("The comment period cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.plan_id, None

    def clean(self) -> None:
        if bool(self.comments_open_on) != bool(self.comments_close_on):
            raise ValidationError(
                {"comments_close_on": _("Give both the first and the last day of the comment period, or neither.")},
                code="half_window",
            )

    def takes_comments_on(self, day: datetime.date) -> bool:
        """A draft takes comments from the first to the last day of its window (both included)."""
        return bool(
            self.stage == self.Stage.DRAFT
            and self.comments_open_on
            and self.comments_close_on
            and self.comments_open_on <= day <= self.comments_close_on
        )

    @property
    def takes_comments(self) -> bool:
        return self.takes_comments_on(timezone.localdate())
