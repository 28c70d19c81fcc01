"""The rows of OGP's commitment spreadsheet (the IRM data) that commitments were imported from.

The assessments themselves belong to the review (`samskap.review.models.IRMAssessment`).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IRMRecord(models.Model):
    """The row of OGP's commitment spreadsheet a commitment was last imported from.

    Kept so that an export writes back the columns Samskap does not model exactly as they came.
    """

    commitment = models.OneToOneField("commitments.Commitment", on_delete=models.CASCADE, related_name="irm_record")
    row = models.JSONField(default=dict)
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("IRM record")
        verbose_name_plural = _("IRM records")

    def __str__(self) -> str:
        return str(self.row.get("Commitment Unique Identifier", self.commitment_id))
