import datetime

import pytest
from django.urls import reverse

from samskap.accounts.models import RoleGrant
from samskap.commitments.models import Milestone, ProgressUpdate
from samskap.history.models import ChangeRecord
from tests import factories as f


def progress_url(commitment, language="en"):
    from django.utils import translation

    with translation.override(language):
        return reverse(
            "commitments:progress",
            kwargs={
                "jurisdiction": commitment.plan.jurisdiction.slug,
                "plan": commitment.plan.slug,
                "commitment": commitment.slug,
            },
        )


@pytest.fixture
def editor_and_commitment(client):
    commitment = f.commitment()
    editor = f.user(role=RoleGrant.Role.EDITOR, scope=commitment.lead_institution)
    client.force_login(editor)
    return editor, commitment


@pytest.mark.django_db
def test_editor_posts_a_progress_update(client, editor_and_commitment):
    _, commitment = editor_and_commitment
    response = client.post(
        progress_url(commitment),
        {
            "as_of": "2020-12-01",
            "completion": "substantial",
            "narrative": "Registeret er lansert.",
            "evidence_links": "https://www.brreg.no/\nhttps://lovdata.no/",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == commitment.get_absolute_url()
    update = ProgressUpdate.objects.get()
    assert update.evidence_links == ["https://www.brreg.no/", "https://lovdata.no/"]
    page = client.get(commitment.get_absolute_url())
    assert "Registeret er lansert." in page.content.decode()
    commitment.refresh_from_db()
    assert commitment.completion == "substantial"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"completion": "enormous"}, "Select a valid choice"),
        ({"narrative": ""}, "This field is required"),
        ({"narrative": "x" * 60_000}, "Ensure this value has at most 50000 characters"),
        ({"as_of": "2999-01-01"}, "The status cannot be dated in the future"),
        ({"as_of": "31.02.2020"}, "Enter a valid date"),
        ({"evidence_links": "not a link"}, "Line 1 is not a web address"),
    ],
)
def test_bad_progress_input_gets_a_message_and_keeps_the_input(client, editor_and_commitment, data, message):
    _, commitment = editor_and_commitment
    form = {"as_of": "2020-12-01", "completion": "limited", "narrative": "Kept text", **data}
    response = client.post(progress_url(commitment), form)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert 'id="error-summary"' in body
    if form["narrative"] == "Kept text":
        assert "Kept text" in body  # nothing typed is lost
    assert ProgressUpdate.objects.count() == 0
    assert ChangeRecord.objects.count() == 0


@pytest.mark.django_db
def test_error_message_is_translated(client, editor_and_commitment):
    _, commitment = editor_and_commitment
    response = client.post(
        progress_url(commitment, "nb"), {"as_of": "2999-01-01", "completion": "limited", "narrative": "x"}
    )
    assert "Statusen kan ikke dateres fram i tid" in response.content.decode()


@pytest.mark.django_db
def test_editor_of_another_ministry_gets_a_translated_403(client):
    commitment = f.commitment()
    other_ministry = f.organisation(jurisdiction=commitment.plan.jurisdiction)
    client.force_login(f.user(role=RoleGrant.Role.EDITOR, scope=other_ministry))
    response = client.post(
        progress_url(commitment, "da"), {"as_of": "2020-12-01", "completion": "complete", "narrative": "Hacked"}
    )
    assert response.status_code == 403
    assert 'lang="da"' in response.content.decode()
    assert "Du må ikke gøre dette" in response.content.decode()
    assert ProgressUpdate.objects.count() == 0


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_log_in(client):
    commitment = f.commitment()
    response = client.get(progress_url(commitment))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_editor_updates_milestone_status_but_cannot_reword_it(client, editor_and_commitment):
    _, commitment = editor_and_commitment
    milestone = f.milestone(commitment, activity="Original activity", status="on_track")
    url = reverse(
        "commitments:milestone_edit",
        kwargs={
            "jurisdiction": commitment.plan.jurisdiction.slug,
            "plan": commitment.plan.slug,
            "commitment": commitment.slug,
            "milestone": milestone.pk,
        },
    )
    response = client.post(url, {"status": "completed", "evidence_links": "", "activity": "Reworded"})
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == "completed"
    assert milestone.activity == "Original activity"


@pytest.mark.django_db
def test_coordinator_milestone_with_end_before_start_gets_an_error(client):
    commitment = f.commitment()
    client.force_login(f.user(role=RoleGrant.Role.COORDINATOR, scope=commitment.plan.jurisdiction))
    url = reverse(
        "commitments:milestone_create",
        kwargs={
            "jurisdiction": commitment.plan.jurisdiction.slug,
            "plan": commitment.plan.slug,
            "commitment": commitment.slug,
        },
    )
    response = client.post(
        url,
        {"order": 1, "activity": "Rapport", "start_date": "2021-05-01", "end_date": "2021-01-01", "status": "on_track"},
    )
    assert response.status_code == 200
    assert "The end date cannot be before the start date." in response.content.decode()
    assert Milestone.objects.count() == 0


@pytest.mark.django_db
def test_coordinator_edits_commitment_and_the_change_shows_in_its_history(client):
    commitment = f.commitment(title="Gammel tittel")
    client.force_login(f.user(role=RoleGrant.Role.COORDINATOR, scope=commitment.plan.jurisdiction, full_name="Kari K"))
    url = reverse(
        "commitments:edit",
        kwargs={
            "jurisdiction": commitment.plan.jurisdiction.slug,
            "plan": commitment.plan.slug,
            "commitment": commitment.slug,
        },
    )
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "title": "Ny tittel",
            "lead_institution": commitment.lead_institution_id,
            "policy_areas": [],
            "supporting_institutions": [],
            "start_date": "2019-09-01",
            "end_date": "2021-08-31",
        }
    )
    for flag in ("access_to_information", "civic_participation", "public_accountability", "technology_innovation"):
        data.pop(flag, None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "Gammel tittel" in page and "Ny tittel" in page and "Kari K" in page


@pytest.mark.django_db
def test_commitment_dates_end_before_start_is_refused(client):
    commitment = f.commitment()
    client.force_login(f.user(role=RoleGrant.Role.COORDINATOR, scope=commitment.plan.jurisdiction))
    url = reverse(
        "commitments:edit",
        kwargs={
            "jurisdiction": commitment.plan.jurisdiction.slug,
            "plan": commitment.plan.slug,
            "commitment": commitment.slug,
        },
    )
    response = client.post(
        url,
        {
            "identifier": commitment.identifier,
            "order": 1,
            "title": "T",
            "origin": "government",
            "status": "included",
            "start_date": "2021-01-01",
            "end_date": "2020-01-01",
        },
    )
    assert response.status_code == 200
    assert "The end date cannot be before the start date." in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.end_date == datetime.date(2021, 8, 31)


@pytest.mark.django_db
def test_coordinator_deletes_a_milestone_and_the_deletion_is_on_record(client):
    commitment = f.commitment()
    milestone = f.milestone(commitment, activity="Dropped activity")
    kwargs = {
        "jurisdiction": commitment.plan.jurisdiction.slug,
        "plan": commitment.plan.slug,
        "commitment": commitment.slug,
        "milestone": milestone.pk,
    }
    editor = f.user(role=RoleGrant.Role.EDITOR, scope=commitment.lead_institution)
    client.force_login(editor)
    assert client.post(reverse("commitments:milestone_delete", kwargs=kwargs)).status_code == 403
    client.force_login(f.user(role=RoleGrant.Role.COORDINATOR, scope=commitment.plan.jurisdiction))
    assert client.get(reverse("commitments:milestone_delete", kwargs=kwargs)).status_code == 405
    response = client.post(reverse("commitments:milestone_delete", kwargs=kwargs))
    assert response.status_code == 302
    assert not Milestone.objects.filter(pk=milestone.pk).exists()
    record = ChangeRecord.objects.get(action="deleted")
    assert record.commitment_id == commitment.pk
    assert "Dropped activity" in client.get(commitment.get_absolute_url()).content.decode()
