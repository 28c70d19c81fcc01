import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskap.kernel.links import reverse
from samskap.kernel.text import TEXT_MAX


class PlanQuerySet(models.QuerySet["ActionPlan"]):
    def public(self) -> "PlanQuerySet":
        """Published plans: a draft is seen only by those who may edit it, nowhere public."""
        return self.filter(published_at__isnull=False)


class ActionPlan(models.Model):
    """An OGP action plan of a jurisdiction, e.g. Norway's plan 4 (2019-2021).

    A new plan is a draft (`published_at` empty) until a coordinator publishes it
    (`plans.services.publish_plan`); until then it is on no public page, API, download, feed,
    sitemap or search.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CO_CREATION = "co_creation", _("Co-creation")
        CONSULTATION = "consultation", _("Consultation")
        APPROVED = "approved", _("Approved")
        IMPLEMENTATION = "implementation", _("Implementation")
        COMPLETED = "completed", _("Completed")

    jurisdiction = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    label = models.CharField(
        _("label"), max_length=40, help_text=_('The plan\'s number or name, such as "4", "4B" or "2017-2019".')
    )
    slug = models.SlugField(_("short name in addresses"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), max_length=TEXT_MAX, blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    revises = models.ForeignKey(
        "self",
        verbose_name=_("revises"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    # Bumped by every service that changes the plan or anything in it; keys cached fragments.
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["jurisdiction__name", "-start_date", "label"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "slug"], name="plan_slug_unique_in_jurisdiction"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="plan_ends_after_it_starts",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction.name}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", kwargs={"jurisdiction": self.jurisdiction.slug, "plan": self.slug})

    def clean(self) -> None:
        # One owner for the rule: forms, imports and the API all save through full_clean().
        if self.label and self.jurisdiction_id:
            clash = ActionPlan.objects.filter(jurisdiction_id=self.jurisdiction_id, label__iexact=self.label.strip())
            if clash.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"label": _("This jurisdiction already has a plan with this label.")}, code="taken"
                )

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.pk, None

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def status_on(self, day: datetime.date) -> str:
        """The status as shown on `day`: the recorded one, unless the plan's dates say otherwise.

        A plan still recorded as approved or in implementation after its end date shows "implementation
        period ended"; one recorded as in implementation before its start date shows "upcoming".
        """
        if self.status in (self.Status.APPROVED, self.Status.IMPLEMENTATION) and day > self.end_date:
            return str(_("Implementation period ended"))
        if self.status == self.Status.IMPLEMENTATION and day < self.start_date:
            return str(_("Upcoming"))
        return str(self.Status(self.status).label)

    def get_status_display(self) -> str:  # type: ignore[no-redef]  # Django's, following the dates
        return self.status_on(timezone.localdate())

    @property
    def period(self) -> str:
        return f"{self.start_date.year}\u2013{self.end_date.year}"


class Theme(models.Model):
    """A theme or pillar of a plan; commitments are grouped under themes."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="themes")
    order = models.PositiveIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.title

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.plan_id, None
