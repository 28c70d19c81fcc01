"""What the moderation of public input shares between apps: anyone's report that a piece of public input
breaks the rules, which a moderator then hides (with a public reason) or dismisses."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AbuseReport(models.Model):
    """Abstract: the app's concrete report adds the foreign key to what is reported (`related_name="reports"`)."""

    reason = models.TextField(_("what is wrong"), max_length=2000)
    resolved = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
