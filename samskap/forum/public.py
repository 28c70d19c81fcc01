"""What of the forum the public may see (`samskap.kernel.public`)."""

from samskap.forum.models import Registration
from samskap.kernel.public import PublicFields

#: Attendees who agreed to be shown, once the meeting's seat is theirs: a name and an organisation,
#: never an email, a need, a proposal sent in advance or a place on the waiting list.
ATTENDEE = PublicFields(
    model=Registration,
    fields=("id", "meeting", "name", "organisation"),
    rows=lambda: Registration.objects.filter(
        status=Registration.Status.ATTENDING, show_publicly=True, confirmed_at__isnull=False
    ).order_by("pk"),
)
