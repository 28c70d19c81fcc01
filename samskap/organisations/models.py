from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from samskap.kernel.links import reverse
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


def normalise_name(name: str) -> str:
    """A name as identities compare it: spaces collapsed, case aside."""
    return " ".join(name.split()).casefold()


class OrganisationAlias(models.Model):
    """Another name the organisation goes by: in another language ("Ministry of Finance") or short ("KMD").

    Files from elsewhere (OGP's commitment spreadsheet) name organisations this way; the directory's
    find service matches an alias like the name itself. An alias is unique within the jurisdiction.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="aliases"
    )
    jurisdiction = models.ForeignKey(
        "jurisdictions.Jurisdiction", verbose_name=_("jurisdiction"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("other name"), max_length=200)
    normalised = models.CharField(max_length=200, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("other name")
        verbose_name_plural = _("other names")
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "normalised"],
                name="organisation_alias_unique_in_jurisdiction",
                violation_error_message=_("An organisation of this jurisdiction already goes by this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._normalise()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self._normalise()

    def _normalise(self) -> None:
        self.jurisdiction_id = self.organisation.jurisdiction_id
        self.normalised = normalise_name(self.name)[:200]

    def history_scope(self) -> tuple[int | None, int | None]:
        return None, None
