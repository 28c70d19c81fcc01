"""What the commitments app plugs into the kernel: cached plan and commitment pages follow the directory."""

from typing import Any

from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone

from samskap.commitments.models import Commitment
from samskap.jurisdictions.models import Jurisdiction
from samskap.kernel.pages import shown_name_changed
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan


@receiver(shown_name_changed, dispatch_uid="commitments.directory_name_changed")
def _refresh_pages(sender: type, instance: Any, **kwargs: Any) -> None:
    """A renamed (or merged) jurisdiction or organisation shows on plan and commitment pages."""
    if sender is Organisation:
        commitments = Commitment.objects.filter(Q(lead_institution=instance) | Q(supporting_institutions=instance))
    elif sender is Jurisdiction:
        commitments = Commitment.objects.filter(plan__jurisdiction=instance)
    else:
        return
    now = timezone.now()
    ids = set(commitments.values_list("pk", flat=True))
    plan_ids = set(Commitment.objects.filter(pk__in=ids).values_list("plan_id", flat=True))
    if sender is Jurisdiction:
        plan_ids |= set(ActionPlan.objects.filter(jurisdiction=instance).values_list("pk", flat=True))
    Commitment.objects.filter(pk__in=ids).update(updated_at=now)
    ActionPlan.objects.filter(pk__in=plan_ids).update(updated_at=now)
