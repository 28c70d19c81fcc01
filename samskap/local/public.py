"""What of local governments' activities the public may see (`samskap.kernel.public`)."""

from samskap.kernel.public import PublicFields
from samskap.local.models import Activity

#: Accepted activities only; the contact's email, the reviewer's note and the review dates stay out.
ACTIVITY = PublicFields(
    model=Activity,
    fields=(
        "id",
        "jurisdiction",
        "title",
        "description",
        "ogp_value",
        "pillar",
        "commitment",
        "start_date",
        "end_date",
        "results",
        "links",
        "contact_name",
        "good_example",
        "published_at",
        "updated_at",
    ),
    rows=lambda: Activity.objects.public().order_by("pk"),
)
