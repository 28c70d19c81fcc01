from functools import cache
from zoneinfo import available_timezones

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskap.kernel.text import TEXT_MAX


@cache  # validating a jurisdiction asks for them; reading the time zone database each time is slow
def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(available_timezones()) if name.startswith("Europe/")]


class Jurisdiction(models.Model):
    """A country or a local government (municipality, county, region) that runs OGP plans."""

    class Kind(models.TextChoices):
        NATIONAL = "national", _("National")
        REGION = "region", _("Region")
        COUNTY = "county", _("County")
        MUNICIPALITY = "municipality", _("Municipality")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    country_code = models.CharField(_("country code (ISO 3166-1 alpha-3)"), max_length=3)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Oslo", choices=time_zone_choices)
    default_language = models.CharField(_("default language"), max_length=8, choices=settings.LANGUAGES, default="nb")
    coordinating_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("coordinating organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_jurisdictions",
    )
    contact_name = models.CharField(_("point of contact"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="national") | models.Q(parent__isnull=False),
                name="local_jurisdiction_has_parent",
                violation_error_message=_("A local jurisdiction must belong to a larger one."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("jurisdictions:detail", kwargs={"jurisdiction": self.slug})

    def history_scope(self) -> tuple[int | None, int | None]:
        """The directory belongs to no plan: its changes are recorded without a plan or commitment."""
        return None, None

    @property
    def is_local(self) -> bool:
        return self.kind != self.Kind.NATIONAL
