"""Demo followers: people who follow Norway's plan 4B, an institution, the forum and a Danish consultation,
with an account (active at once) or with only an email address (confirmed, and one still waiting for
its confirmation link), at each frequency; and a moderator who turned one work notice off.

Written for the demo (the seeds name no followers): the addresses are at the reserved example.org
domain. Written through following's services; idempotent: a subscription is found by its address and
what it follows, so a second load creates nothing and sends no confirmation again.
"""

from collections import Counter

from samskap.accounts.models import User
from samskap.accounts.notices import set_notices_off
from samskap.consultations.models import Consultation
from samskap.following import services
from samskap.following.models import Frequency, Kind, Subscription
from samskap.forum.models import Forum
from samskap.jurisdictions.models import Jurisdiction
from samskap.plans.models import ActionPlan

#: (address, kind, frequency, language, confirmed)
EMAIL_FOLLOWERS = (
    ("innbygger@example.org", Kind.PLAN, Frequency.DAILY, "nb", True),
    ("frivillig@example.org", Kind.FORUM, Frequency.WEEKLY, "nb", True),
    ("borger@example.org", Kind.CONSULTATION, Frequency.REALTIME, "da", True),
    ("venter@example.org", Kind.PLAN, Frequency.WEEKLY, "en", False),
)


def load_followers(*, users: dict[str, User], jurisdictions: dict[str, Jurisdiction], created: Counter[str]) -> None:
    norway, denmark = jurisdictions["norge"], jurisdictions["danmark"]
    plan_4b = ActionPlan.objects.public().get(jurisdiction=norway, label="4B")
    forum = Forum.objects.filter(jurisdiction=norway).first()
    consultation = Consultation.objects.filter(jurisdiction=denmark).order_by("pk").first()
    things = {Kind.PLAN: plan_4b.pk, Kind.FORUM: forum.pk if forum else None}
    things[Kind.CONSULTATION] = consultation.pk if consultation else None

    def follow(user: User, kind: str, object_id: int | None, frequency: str) -> None:
        if object_id is None or Subscription.objects.filter(email=user.email, kind=kind, object_id=object_id).exists():
            return
        services.follow(kind=kind, object_id=object_id, frequency=frequency, language="nb", user=user)
        created["followers"] += 1

    editor = users["redaktor@example.no"]
    follow(editor, Kind.PLAN, plan_4b.pk, Frequency.REALTIME)
    follow(editor, Kind.ORGANISATION, editor.organisation_id, Frequency.DAILY)
    follow(users["koordinator@example.no"], Kind.FORUM, things[Kind.FORUM], Frequency.WEEKLY)
    for email, kind, frequency, language, confirmed in EMAIL_FOLLOWERS:
        object_id = things[kind]
        if object_id is None or Subscription.objects.filter(email=email, kind=kind, object_id=object_id).exists():
            continue
        followed = services.follow(kind=kind, object_id=object_id, frequency=frequency, language=language, email=email)
        if confirmed:
            services.confirm(subscription=followed.subscription)
        created["followers"] += 1
    # The Danish coordinator reads new input under "My work" and wants no hourly email about it.
    dk_coordinator = users["koordinator@example.dk"]
    if not dk_coordinator.notices_off:
        set_notices_off(user=dk_coordinator, kinds=["consultations.new_input"])
