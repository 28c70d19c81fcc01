"""Following: anyone (with an account, or with an email address confirmed by a link) follows a plan, a
commitment, an institution, a consultation or a forum and is emailed what becomes public about it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskap.kernel.intake import Intake


class Frequency(models.TextChoices):
    REALTIME = "realtime", _("As it happens")
    DAILY = "daily", _("A daily digest")
    WEEKLY = "weekly", _("A weekly digest")


class Kind(models.TextChoices):
    """What can be followed (the `kernel.registry.followables` keys)."""

    PLAN = "plan", _("action plan")
    COMMITMENT = "commitment", _("commitment")
    ORGANISATION = "organisation", _("institution")
    CONSULTATION = "consultation", _("consultation")
    FORUM = "forum", _("forum")


class Subscription(Intake):
    """One email address following one thing. With an account it is active at once; with only an email
    address once the link in the confirmation email is followed (double opt-in).

    `cursor` is the moment up to which events have been delivered: the next email carries the events
    after it, and the cursor moves in the same transaction as the email is enqueued.
    """

    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions"
    )
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    cursor = models.DateTimeField(default=timezone.now)
    stopped_at = models.DateTimeField(_("stopped"), null=True, blank=True)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        ordering = ["email", "kind", "object_id"]
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(fields=["email", "kind", "object_id"], name="following_one_per_address_and_thing")
        ]
        indexes = [models.Index(fields=["frequency", "stopped_at", "confirmed_at", "cursor"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.object_id}"

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.stopped_at is None
