from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskap.kernel.text import TEXT_MAX


class Organisation(models.Model):
    """A ministry, agency, municipality or a civil-society body that takes part in OGP work."""

    class Type(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        AGENCY = "agency", _("Agency")
        MUNICIPALITY = "municipality", _("Municipality")
        COUNTY = "county", _("County")
        CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
        BUSINESS_ASSOCIATION = "business_association", _("Business association")
        TRADE_UNION = "trade_union", _("Trade union")
        ACADEMIA = "academia", _("Academia")
        MEDIA = "media", _("Media")
        INTERNATIONAL = "international", _("International organisation")
        OTHER = "other", _("Other")

    GOVERNMENT_TYPES = frozenset({Type.MINISTRY, Type.AGENCY, Type.MUNICIPALITY, Type.COUNTY})

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=100, unique=True)
    type = models.CharField(_("type"), max_length=30, choices=Type.choices)
    jurisdiction = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "name"], name="organisation_name_unique_in_jurisdiction")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", kwargs={"slug": self.slug})

    def history_scope(self) -> tuple[int | None, int | None]:
        """The directory belongs to no plan: its changes are recorded without a plan or commitment."""
        return None, None

    @property
    def is_government(self) -> bool:
        return self.type in self.GOVERNMENT_TYPES
