"""Small builders for test data. They write through the ORM directly, not the services,
so that a test of a service sees only what that service did."""

import datetime
import itertools
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from samskap.accounts.models import RoleGrant, User
from samskap.commitments.models import Commitment, Milestone, ProgressUpdate
from samskap.jurisdictions.models import Jurisdiction
from samskap.organisations.models import Organisation
from samskap.plans.models import ActionPlan, Theme

if TYPE_CHECKING:
    from samskap.consultations.models import Consultation, Submission
    from samskap.forum.models import Forum, Meeting

_ids = itertools.count(1)
PASSWORD = "a-long-test-password"


def jurisdiction(**fields: Any) -> Jurisdiction:
    n = next(_ids)
    values: dict[str, Any] = {
        "name": f"Land {n}",
        "slug": f"land-{n}",
        "kind": Jurisdiction.Kind.NATIONAL,
        "country_code": "NOR",
        "time_zone": "Europe/Oslo",
    }
    values.update(fields)
    return Jurisdiction.objects.create(**values)


def organisation(**fields: Any) -> Organisation:
    n = next(_ids)
    values: dict[str, Any] = {
        "name": f"Departement {n}",
        "slug": f"departement-{n}",
        "type": Organisation.Type.MINISTRY,
    }
    values.update(fields)
    if "jurisdiction" not in values:
        values["jurisdiction"] = jurisdiction()
    return Organisation.objects.create(**values)


def plan(**fields: Any) -> ActionPlan:
    n = next(_ids)
    values: dict[str, Any] = {
        "label": str(n),
        "slug": f"plan-{n}",
        "title": f"Handlingsplan {n}",
        "start_date": datetime.date(2019, 9, 1),
        "end_date": datetime.date(2021, 8, 31),
        "status": ActionPlan.Status.IMPLEMENTATION,
        "published_at": timezone.now(),  # a published plan unless a test asks for a draft (published_at=None)
    }
    values.update(fields)
    if "jurisdiction" not in values:
        values["jurisdiction"] = jurisdiction()
    return ActionPlan.objects.create(**values)


def theme(plan: ActionPlan, **fields: Any) -> Theme:
    values: dict[str, Any] = {"order": plan.themes.count() + 1, "title": f"Tema {next(_ids)}"}
    values.update(fields)
    return Theme.objects.create(plan=plan, **values)


def commitment(plan: ActionPlan | None = None, **fields: Any) -> Commitment:
    n = next(_ids)
    plan = plan or globals()["plan"]()
    values: dict[str, Any] = {
        "identifier": f"NO{n:04d}",
        "slug": f"no{n:04d}",
        "order": n,
        "title": f"Forpliktelse {n}",
        "problem": "Et problem.",
        "description": "En forpliktelse.",
        "start_date": datetime.date(2019, 9, 1),
        "end_date": datetime.date(2021, 8, 31),
    }
    values.update(fields)
    if "lead_institution" not in values:
        values["lead_institution"] = organisation(jurisdiction=plan.jurisdiction)
    return Commitment.objects.create(plan=plan, **values)


def milestone(commitment: Commitment, **fields: Any) -> Milestone:
    values: dict[str, Any] = {
        "order": commitment.milestones.count() + 1,
        "activity": f"Leveranse {next(_ids)}",
        "start_date": datetime.date(2019, 9, 1),
        "end_date": datetime.date(2020, 12, 31),
    }
    values.update(fields)
    return Milestone.objects.create(commitment=commitment, **values)


def progress_update(commitment: Commitment, **fields: Any) -> ProgressUpdate:
    values: dict[str, Any] = {
        "as_of": datetime.date(2020, 12, 1),
        "completion": "limited",
        "narrative": "Arbeidet er i gang.",
        "author_name": "Kari Nordmann",
    }
    values.update(fields)
    return ProgressUpdate.objects.create(commitment=commitment, **values)


def user(*, role: str | None = None, scope: Any = None, **fields: Any) -> User:
    n = next(_ids)
    values: dict[str, Any] = {"email": f"person{n}@example.no", "full_name": f"Person {n}"}
    values.update(fields)
    person = User.objects.create_user(password=PASSWORD, **values)
    if role == RoleGrant.Role.COORDINATOR:
        RoleGrant.objects.create(user=person, role=role, jurisdiction=scope)
    elif role == RoleGrant.Role.EDITOR:
        RoleGrant.objects.create(user=person, role=role, organisation=scope)
    elif role in (RoleGrant.Role.REVIEWER, RoleGrant.Role.MODERATOR):
        RoleGrant.objects.create(user=person, role=role, jurisdiction=scope)
    return person


def consultation(**fields: Any) -> "Consultation":
    from django.utils import timezone

    from samskap.consultations.models import Consultation

    n = next(_ids)
    now = timezone.now()
    values: dict[str, Any] = {
        "title": f"Høring {n}",
        "slug": f"horing-{n}",
        "body": "Send oss innspill til neste handlingsplan.",
        "opens_at": now - datetime.timedelta(days=7),
        "closes_at": now + datetime.timedelta(days=7),
    }
    values.update(fields)
    if "jurisdiction" not in values:
        values["jurisdiction"] = jurisdiction()
    return Consultation.objects.create(**values)


def submission(consultation: "Consultation", **fields: Any) -> "Submission":
    from django.utils import timezone

    from samskap.consultations.models import Submission
    from samskap.consultations.text import normalise_for_search, search_config

    n = next(_ids)
    values: dict[str, Any] = {
        "name": f"Innsender {n}",
        "email": f"innsender{n}@example.no",
        "respondent_type": Submission.RespondentType.CITIZEN,
        "text": f"Innspill nummer {n}.",
        "status": Submission.Status.PUBLISHED,
    }
    values.update(fields)
    if values["status"] in (Submission.Status.PUBLISHED, Submission.Status.HIDDEN):
        values.setdefault("published_at", timezone.now())  # hidden: hidden after it was published
    values.setdefault("search_text", normalise_for_search(values["text"]))
    values.setdefault("search_config", search_config(consultation.jurisdiction.default_language))
    return Submission.objects.create(consultation=consultation, **values)


def forum(jurisdiction_: Jurisdiction | None = None, **fields: Any) -> "Forum":
    from samskap.forum.models import Forum

    place = jurisdiction_ or jurisdiction()
    found = Forum.objects.filter(jurisdiction=place).first()
    return found or Forum.objects.create(jurisdiction=place, name=fields.pop("name", f"Forum {place.name}"), **fields)


def meeting(*, jurisdiction: Jurisdiction | None = None, **fields: Any) -> "Meeting":
    from django.utils import timezone

    from samskap.forum.models import Meeting

    n = next(_ids)
    start = timezone.now() + datetime.timedelta(days=14)
    values: dict[str, Any] = {
        "title": f"Møte {n}",
        "slug": f"mote-{n}",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=3),
        "registration_closes_at": start - datetime.timedelta(days=7),
        "address": "Akersgata 59",
        "room": "2511",
    }
    values.update(fields)
    if "forum" not in values:
        values["forum"] = forum(jurisdiction)
    return Meeting.objects.create(**values)
