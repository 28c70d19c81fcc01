"""Local governments taking part: requests to join, openness activities reported to the national
coordinator, and the link between a local plan's commitment and the national one it adapts."""

import re
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskap.consultations.attachments import EXTENSIONS
from samskap.jurisdictions.models import Jurisdiction, time_zone_choices
from samskap.kernel.intake import Intake, receipt_field, receipt_number
from samskap.kernel.links import reverse
from samskap.kernel.text import TEXT_MAX, one_line


def new_join_receipt() -> str:
    return receipt_number("K")


def organisation_number(value: str) -> None:
    """A Norwegian organisation number (9 digits) or a Danish CVR number (8 digits), spaces aside."""
    if not re.fullmatch(r"\d{8,9}", re.sub(r"\s", "", value or "")):
        raise ValidationError(_("Write the organisation number as 8 or 9 digits."), code="organisation_number")


class JoinRequest(Intake):
    """A municipality or county asks to take part; the national coordinator accepts or declines.

    Sent without an account (`kernel.intake`): shown to the coordinator only once the email is confirmed.
    """

    class Kind(models.TextChoices):
        MUNICIPALITY = Jurisdiction.Kind.MUNICIPALITY.value, _("Municipality")
        COUNTY = Jurisdiction.Kind.COUNTY.value, _("County")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    country = models.ForeignKey(
        Jurisdiction, verbose_name=_("country"), on_delete=models.CASCADE, related_name="local_join_requests"
    )
    receipt = receipt_field(new_join_receipt)
    name = models.CharField(_("name of the municipality or county"), max_length=200, validators=[one_line])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organisation_number = models.CharField(_("organisation number"), max_length=20, validators=[organisation_number])
    contact_name = models.CharField(_("contact person"), max_length=200, validators=[one_line])
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True, validators=[one_line])
    coordinator_name = models.CharField(_("coordinator's name"), max_length=200, validators=[one_line])
    coordinator_email = models.EmailField(_("coordinator's email"))
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Oslo", choices=time_zone_choices)
    default_language = models.CharField(_("language"), max_length=8, default="nb")
    motivation = models.TextField(_("what the local government wants to do"), max_length=TEXT_MAX, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(_("reason"), max_length=TEXT_MAX, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("local government"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["country", "submitted_at", "pk"]
        verbose_name = _("request to take part")
        verbose_name_plural = _("requests to take part")

    def __str__(self) -> str:
        return self.name

    def history_scope(self) -> tuple[int | None, int | None]:
        return None, None


class OgpValue(models.TextChoices):
    ACCESS_TO_INFORMATION = "access_to_information", _("Access to information")
    CIVIC_PARTICIPATION = "civic_participation", _("Civic participation")
    PUBLIC_ACCOUNTABILITY = "public_accountability", _("Public accountability")
    TECHNOLOGY_INNOVATION = "technology_innovation", _("Technology and innovation")


class ActivityQuerySet(models.QuerySet["Activity"]):
    def public(self) -> "ActivityQuerySet":
        """Accepted activities: a draft, or one waiting for review, changed or declined, is nowhere public."""
        return self.filter(status=Activity.Status.ACCEPTED, published_at__isnull=False)


class Activity(models.Model):
    """An openness activity a local government reports to the national coordinator as an OGP activity."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    EDITABLE = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED})

    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=_("local government"), on_delete=models.PROTECT, related_name="local_activities"
    )
    title = models.CharField(_("title"), max_length=300, validators=[one_line])
    description = models.TextField(_("what and why"), max_length=TEXT_MAX)
    ogp_value = models.CharField(_("OGP value"), max_length=30, choices=OgpValue.choices)
    pillar = models.ForeignKey(
        "plans.Theme",
        verbose_name=_("pillar of the national plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="local_activities",
    )
    commitment = models.ForeignKey(
        "commitments.Commitment",
        verbose_name=_("national commitment it contributes to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="local_activities",
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    results = models.TextField(_("results"), max_length=TEXT_MAX, blank=True)
    links = models.JSONField(_("links and documents"), default=list, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, validators=[one_line])
    contact_email = models.EmailField(_("contact email"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    review_note = models.TextField(
        _("comment or reason from the national coordinator"), max_length=TEXT_MAX, blank=True
    )
    good_example = models.BooleanField(_("good example for OGP"), default=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["jurisdiction", "-start_date", "pk"]
        verbose_name = _("local activity")
        verbose_name_plural = _("local activities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="local_activity_ends_after_it_starts",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("local:activity", kwargs={"jurisdiction": self.jurisdiction.slug, "pk": self.pk})

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.jurisdiction_id and not self.jurisdiction.is_local:
            errors["jurisdiction"] = str(_("Only a municipality, county or region reports local activities."))
        country = self.jurisdiction.parent_id if self.jurisdiction_id else None
        if self.pillar is not None and self.pillar.plan.jurisdiction_id != country:
            errors["pillar"] = str(_("Choose a pillar of the country's national plan."))
        if self.commitment is not None:
            plan = self.commitment.plan
            if plan.jurisdiction_id != country or plan.published_at is None:
                errors["commitment"] = str(_("Choose a commitment of the country's published national plan."))
        if errors:
            raise ValidationError(errors)

    def history_scope(self) -> tuple[int | None, int | None]:
        return None, None

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.ACCEPTED and self.published_at is not None


def activity_document_path(instance: models.Model, filename: str) -> str:
    """A random name: the uploader's file name never reaches the file system."""
    return f"local/documents/{secrets.token_hex(16)}"


class ActivityDocument(models.Model):
    """A file attached to a local activity (a report, minutes, a poster), judged by its content on upload.

    Added and removed by the local government's coordinator while the activity is theirs to write; public
    with the activity once it is accepted."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("local activity"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=300, validators=[one_line])
    file = models.FileField(_("file"), upload_to=activity_document_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("kind of file"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    added_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["activity", "added_at", "pk"]
        verbose_name = _("activity document")
        verbose_name_plural = _("activity documents")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "local:activity_document",
            kwargs={"jurisdiction": self.activity.jurisdiction.slug, "pk": self.activity_id, "document": self.pk},
        )

    def history_scope(self) -> tuple[int | None, int | None]:
        return None, None

    @property
    def kind(self) -> str:
        """The kind of file, for a reader: "PDF", "DOCX", "PNG"..."""
        return EXTENSIONS.get(self.content_type, "").upper()


class AdaptedCommitment(models.Model):
    """A local plan's commitment made from a commitment of the national plan ("start a local plan")."""

    commitment = models.OneToOneField(
        "commitments.Commitment",
        verbose_name=_("local commitment"),
        on_delete=models.CASCADE,
        related_name="adaptation",
    )
    adapts = models.ForeignKey(
        "commitments.Commitment",
        verbose_name=_("national commitment it adapts"),
        on_delete=models.CASCADE,
        related_name="local_adaptations",
    )

    class Meta:
        verbose_name = _("adapted commitment")
        verbose_name_plural = _("adapted commitments")

    def __str__(self) -> str:
        return f"{self.commitment} ← {self.adapts}"

    def history_scope(self) -> tuple[int | None, int | None]:
        return self.commitment.plan_id, self.commitment_id
