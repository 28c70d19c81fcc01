import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from samskap.accounts.models import RoleGrant
from samskap.commitments.models import PolicyArea
from samskap.commitments.services import save_milestone
from samskap.consultations.models import Outcome, Response, Submission
from samskap.jurisdictions.models import Jurisdiction
from samskap.local.models import Activity, ActivityDocument, OgpValue
from samskap.review.models import IRMAssessment
from tests import factories as f


@pytest.fixture(autouse=True)
def _wsgi_keeps_the_test_connection():
    """Requests through a real WSGI handler (schemathesis, werkzeug) must not close the database connection
    at their end, as Django's test client arranges for its own requests: the test's transaction lives on it."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(db):
    """A small public world with private things in it: account emails, a submitter's email, unpublished input."""
    norway = f.jurisdiction(name="Norge", slug="norge")
    ministry = f.organisation(jurisdiction=norway, name="Digitaliseringsdirektoratet", slug="digdir")
    plan = f.plan(jurisdiction=norway, label="4", slug="4")
    theme = f.theme(plan, title="Åpne data")
    commitment = f.commitment(
        plan,
        theme=theme,
        lead_institution=ministry,
        identifier="NO0063",
        contact_name="Kari Kontakt",
        contact_email="kontakt@digdir.example",
    )
    commitment.policy_areas.add(PolicyArea.objects.create(name="Open Data", slug="open-data"))
    milestone = f.milestone(commitment)
    update = f.progress_update(commitment)
    IRMAssessment.objects.create(
        commitment=commitment, report_type="progress", verifiable=True, potential_impact="moderate", source="irm_import"
    )
    editor = f.user(
        role=RoleGrant.Role.EDITOR,
        scope=ministry,
        organisation=ministry,
        email="secret.editor@private.example",
        full_name="Eva Editor",
    )
    save_milestone(actor=editor, commitment=commitment, values={"order": 2, "activity": "Publish the register."})
    consultation = f.consultation(jurisdiction=norway, plan=plan, title="Ideer til plan 5")
    answer = Response.objects.create(consultation=consultation, outcome=Outcome.TAKEN_UP, reason="Godt forslag.")
    named = f.submission(consultation, name="Ola Navn", email="ola.private@mail.example", response=answer)
    anonymous = f.submission(
        consultation,
        name="Skjult Person",
        organisation="Skjult Forening",
        email="skjult.private@mail.example",
        consent=Submission.Consent.ANONYMOUS,
        text="Anonymt innspill.",
    )
    unpublished = f.submission(
        consultation,
        name="Ikke Publisert",
        email="never.private@mail.example",
        consent=Submission.Consent.NONE,
        status=Submission.Status.NOT_PUBLISHED,
        text="UNPUBLISHED-TEXT-DO-NOT-LEAK",
    )
    pending = f.submission(
        consultation,
        name="Venter Moderering",
        email="pending.private@mail.example",
        status=Submission.Status.PENDING,
        text="PENDING-TEXT-DO-NOT-LEAK",
    )
    # A local government's accepted activity with a document (its contact's email is never public).
    havoy = f.jurisdiction(name="Havøy kommune", slug="havoy", kind=Jurisdiction.Kind.MUNICIPALITY, parent=norway)
    local_activity = Activity.objects.create(
        jurisdiction=havoy,
        title="Postjournalen i eInnsyn",
        description="Kommunen publiserer postjournalen i eInnsyn.",
        ogp_value=OgpValue.ACCESS_TO_INFORMATION,
        contact_name="Nina Demo",
        contact_email="local.private@mail.example",
        status=Activity.Status.ACCEPTED,
        published_at=timezone.now(),
    )
    local_document = ActivityDocument(activity=local_activity, title="Rutiner for skjerming")
    local_document.file.save("rutiner.txt", ContentFile(b"Rutiner for skjerming.\n"), save=False)
    local_document.original_name, local_document.content_type, local_document.size = "rutiner.txt", "text/plain", 23
    local_document.save()
    return {
        "jurisdiction": norway,
        "ministry": ministry,
        "plan": plan,
        "theme": theme,
        "commitment": commitment,
        "milestone": milestone,
        "update": update,
        "editor": editor,
        "consultation": consultation,
        "answer": answer,
        "named": named,
        "anonymous": anonymous,
        "unpublished": unpublished,
        "pending": pending,
        "local_activity": local_activity,
        "local_document": local_document,
    }


#: What may never appear in any API answer or download.
PRIVATE = [
    "secret.editor@private.example",
    "local.private@mail.example",
    "ola.private@mail.example",
    "skjult.private@mail.example",
    "never.private@mail.example",
    "pending.private@mail.example",
    "UNPUBLISHED-TEXT-DO-NOT-LEAK",
    "PENDING-TEXT-DO-NOT-LEAK",
    "Ikke Publisert",
    "Venter Moderering",
    "Skjult Person",
    "Skjult Forening",
]
