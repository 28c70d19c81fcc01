from django import template

from samskap.commitments.models import Commitment
from samskap.review.models import IRMAssessment

register = template.Library()


@register.simple_tag
def assessments_of(commitment: Commitment) -> list[IRMAssessment]:
    """The commitment's assessments, in report order (one query; read only when the page is rendered)."""
    order = list(IRMAssessment.ReportType.values)
    found = list(IRMAssessment.objects.filter(commitment=commitment))
    return sorted(found, key=lambda a: (order.index(a.report_type), a.pk))
