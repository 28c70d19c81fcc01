"""What of proposals the public may see (`samskap.kernel.public`): sent proposals, never a draft, an
email address, a form or confirmation token."""

from samskap.kernel.public import PublicFields
from samskap.proposals.models import Proposal
from samskap.proposals.selectors import public_proposals

PROPOSAL = PublicFields(
    model=Proposal,
    fields=(
        "id",
        "plan",
        "round",
        "receipt",
        "title",
        "problem",
        "description",
        "contribution",
        "relevance",
        "access_to_information",
        "civic_participation",
        "public_accountability",
        "technology_innovation",
        "lead_institution",
        "other_actors",
        "milestones",
        "start_date",
        "end_date",
        "budget",
        "sender_type",
        "author_name",
        "organisation",
        "organisation_name",
        "responsible",
        "answer_by",
        "status",
        "reason",
        "merged_into",
        "commitment",
        "sent_at",
        "is_late",
        "decided_at",
        "updated_at",
    ),
    rows=lambda: public_proposals().order_by("pk"),
)
