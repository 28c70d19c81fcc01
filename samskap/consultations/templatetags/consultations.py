from django import template

from samskap.consultations.models import Consultation
from samskap.consultations.selectors import open_now
from samskap.consultations.text import render_markdown
from samskap.jurisdictions.models import Jurisdiction
from samskap.plans.models import ActionPlan

register = template.Library()


@register.simple_tag
def open_consultations(limit: int = 8) -> list[Consultation]:
    return open_now(limit)


@register.simple_tag
def consultations_of(owner: Jurisdiction | ActionPlan) -> list[Consultation]:
    """A jurisdiction's or a plan's consultations, newest deadline first."""
    items = Consultation.objects.select_related("jurisdiction").order_by("-closes_at")
    if isinstance(owner, Jurisdiction):
        return list(items.filter(jurisdiction=owner))
    return list(items.filter(plan=owner))


@register.filter
def markdown(text: str) -> str:
    return render_markdown(text)
