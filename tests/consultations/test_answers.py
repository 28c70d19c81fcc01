"""Reasoned response: themes, groups, answers with outcomes, the totals, emails; moderation and permissions."""

import pytest
from django.core import mail

from samskap.consultations import selectors, services
from samskap.consultations.models import Consultation, Outcome, Submission
from samskap.history.models import ChangeRecord
from tests import factories as f

pytestmark = pytest.mark.django_db


def manage_url(consultation, rest=""):
    return f"/en/consultations/{consultation.jurisdiction.slug}/{consultation.slug}/{rest}"


@pytest.fixture
def coordinator_client(client):
    consultation = f.consultation()
    client.force_login(f.user(role="coordinator", scope=consultation.jurisdiction))
    client.consultation = consultation
    return client


def test_totals_count_confirmed_submissions_and_their_outcomes():
    consultation = f.consultation()
    coordinator = f.user(role="coordinator", scope=consultation.jurisdiction)
    subs = [f.submission(consultation) for _ in range(8)]
    f.submission(consultation, status=Submission.Status.UNCONFIRMED)  # not counted
    f.submission(consultation, status=Submission.Status.NOT_PUBLISHED)  # counted: input received
    services.answer(
        actor=coordinator, consultation=consultation, submissions=subs[:3], outcome=Outcome.TAKEN_UP, reason="Tatt inn."
    )
    services.answer(
        actor=coordinator, consultation=consultation, submissions=[subs[3]], outcome=Outcome.PARTLY, reason="Delvis."
    )
    services.answer(
        actor=coordinator,
        consultation=consultation,
        submissions=[subs[4]],
        outcome=Outcome.OUT_OF_SCOPE,
        reason="Utenfor.",
    )
    totals = selectors.totals(consultation)
    assert (totals.received, totals.answered, totals.taken_up, totals.partly) == (9, 5, 3, 1)
    assert totals.unanswered == 4
    assert totals.answered_percent == 56
    assert totals.taken_up_percent == 33
    counts = {value: n for value, _label, n in selectors.outcome_counts(consultation)}
    assert counts == {"taken_up": 3, "partly": 1, "not_taken_up": 0, "out_of_scope": 1, "already_covered": 0}


def test_the_consultation_page_shows_the_totals(client):
    consultation = f.consultation()
    coordinator = f.user(role="coordinator", scope=consultation.jurisdiction)
    subs = [f.submission(consultation) for _ in range(4)]
    services.answer(actor=coordinator, consultation=consultation, submissions=subs, outcome="taken_up", reason="Ja.")
    body = client.get(manage_url(consultation)).content.decode()
    assert "4 submissions, 100 % answered, 100 % taken up" in body


def test_a_coordinator_tags_groups_and_answers_and_the_sender_is_emailed(coordinator_client):
    client = coordinator_client
    consultation = client.consultation
    plan = f.plan(jurisdiction=consultation.jurisdiction)
    commitment = f.commitment(plan)
    theme = f.theme(plan)
    first = f.submission(consultation, email="first@example.no")
    second = f.submission(consultation, email="second@example.no")
    services.classify(consultation=consultation, submission=second, topic_names=[], group_title="Postjournaler")

    response = client.post(
        manage_url(consultation, f"manage/{first.pk}/answer/"),
        {
            "topics": "Åpenhet, Kommuner",
            "group": "Postjournaler",
            "outcome": "taken_up",
            "reason": "Dette ble en forpliktelse.",
            "commitments": [commitment.pk],
            "themes": [theme.pk],
            "whole_group": "on",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.response_id == second.response_id is not None
    assert sorted(t.name for t in first.topics.all()) == ["Kommuner", "Åpenhet"]
    assert list(first.response.commitments.all()) == [commitment]
    assert sorted(m.to[0] for m in mail.outbox) == ["first@example.no", "second@example.no"]
    assert "Dette ble en forpliktelse." in mail.outbox[0].body

    page = client.get(f"/en{first.get_absolute_url()[3:]}").content.decode()
    assert "Taken up" in page
    assert "Dette ble en forpliktelse." in page
    assert commitment.get_absolute_url()[3:] in page


def test_the_answer_form_with_errors_keeps_the_input(coordinator_client):
    client = coordinator_client
    submission = f.submission(client.consultation)
    response = client.post(
        manage_url(client.consultation, f"manage/{submission.pk}/answer/"),
        {"topics": "Tema", "outcome": "", "reason": "Begrunnelse", "whole_group": "on"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "error-summary" in body
    assert "Begrunnelse" in body
    assert "Name the group" in body


@pytest.mark.parametrize("who", ["anonymous", "no role", "other coordinator", "editor"])
def test_only_the_coordinator_answers(client, who):
    consultation = f.consultation()
    submission = f.submission(consultation)
    if who == "no role":
        client.force_login(f.user())
    elif who == "other coordinator":
        client.force_login(f.user(role="coordinator", scope=f.jurisdiction()))
    elif who == "editor":
        client.force_login(f.user(role="editor", scope=f.organisation(jurisdiction=consultation.jurisdiction)))
    url = manage_url(consultation, f"manage/{submission.pk}/answer/")
    response = client.post(url, {"outcome": "taken_up", "reason": "x"})
    assert response.status_code in (302, 403)
    if who != "anonymous":
        assert response.status_code == 403
        assert client.get(manage_url(consultation, "manage/")).status_code == 403
        assert client.get(manage_url(consultation, "summary/")).status_code == 403
    submission.refresh_from_db()
    assert submission.response is None


def test_anyone_reports_and_a_moderator_hides_with_a_public_reason_in_the_history(client):
    consultation = f.consultation()
    submission = f.submission(consultation, text="Upassende innhold")
    url = manage_url(consultation, f"submissions/{submission.pk}/")
    response = client.post(url + "report/", {"reason": "Personangrep"})
    assert response.status_code == 302
    assert submission.reports.get().reason == "Personangrep"
    assert client.post(url + "report/", {"reason": ""}).status_code == 400

    coordinator = f.user(role="coordinator", scope=consultation.jurisdiction)
    client.force_login(coordinator)
    hide = manage_url(consultation, f"manage/{submission.pk}/moderate/")
    assert client.post(hide, {"action": "hide", "reason": "x"}).status_code == 403

    client.force_login(f.user(role="moderator"))
    assert client.get(manage_url(consultation, "manage/?show=reported")).status_code == 200
    response = client.post(hide, {"action": "hide", "reason": ""})
    assert response.status_code == 400
    response = client.post(hide, {"action": "hide", "reason": "Brudd på retningslinjene"})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.HIDDEN
    assert not submission.reports.filter(resolved=False).exists()
    record = ChangeRecord.objects.get(object_id=submission.pk, content_type__model="submission")
    assert record.changes["status"] == {"old": "published", "new": "hidden"}
    assert "email" not in record.changes

    client.logout()
    page = client.get(url).content.decode()
    assert "Brudd på retningslinjene" in page
    assert "Upassende innhold" not in page


def test_the_coordinator_approves_a_submission_waiting_for_moderation(client):
    consultation = f.consultation(moderation=True)
    submission = f.submission(consultation, status=Submission.Status.PENDING)
    url = manage_url(consultation, f"submissions/{submission.pk}/")
    assert client.get(url).status_code == 404
    client.force_login(f.user(role="coordinator", scope=consultation.jurisdiction))
    client.post(manage_url(consultation, f"manage/{submission.pk}/moderate/"), {"action": "approve"})
    client.logout()
    assert client.get(url).status_code == 200


def test_the_summary_marks_the_consultation_answered(coordinator_client):
    import datetime

    from django.utils import timezone

    client = coordinator_client
    consultation = client.consultation
    consultation.closes_at = timezone.now() - datetime.timedelta(days=1)
    consultation.opens_at = timezone.now() - datetime.timedelta(days=10)
    consultation.save()
    assert consultation.state == "closed"
    response = client.post(manage_url(consultation, "summary/"), {"summary": "## Hva vi hørte\n\nMye."})
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.state == "answered"
    client.logout()
    assert "<h2>Hva vi hørte</h2>" in client.get(manage_url(consultation)).content.decode()


def test_a_coordinator_creates_and_edits_a_consultation(client):
    norway = f.jurisdiction()
    client.force_login(f.user(role="coordinator", scope=norway))
    data = {
        "stage": "draft_themes",
        "title": "Høring om temaer",
        "body": "Intro\n\n## Første tema\nTekst\n\n## Andre tema\nTekst",
        "split_into_sections": "on",
        "opens_on": "2025-03-01",
        "closes_on": "2025-03-30",
    }
    response = client.post(f"/en/consultations/new/{norway.slug}/", data)
    assert response.status_code == 302
    consultation = Consultation.objects.get(jurisdiction=norway)
    assert consultation.sections.count() == 2
    page = client.get(f"/en/consultations/{norway.slug}/{consultation.slug}/edit/").content.decode()
    assert 'value="2025-03-30"' in page
    edit = f"/en/consultations/{norway.slug}/{consultation.slug}/edit/"
    assert client.post(edit, {**data, "title": "Nytt navn", "closes_on": "2025-04-02"}).status_code == 302
    changed = Consultation.objects.get(pk=consultation.pk)
    assert changed.slug == consultation.slug  # the address does not change with the title
    assert changed.title == "Nytt navn"
    assert ChangeRecord.objects.filter(object_id=consultation.pk, content_type__model="consultation").count() == 2
    bad = client.post(f"/en/consultations/new/{norway.slug}/", {**data, "closes_on": "2025-01-01"})
    assert bad.status_code == 400
    assert client.post(f"/en/consultations/new/{f.jurisdiction().slug}/", data).status_code == 403


def test_a_coordinator_attaches_documents_judged_by_their_content(coordinator_client):
    from tests.consultations import helpers

    client = coordinator_client
    consultation = client.consultation
    url = manage_url(consultation, "documents/new/")
    response = client.post(url, {"title": "Utkast", "file": helpers.exe_renamed("utkast.pdf")})
    assert response.status_code == 200
    assert "programs are not accepted" in response.content.decode()
    assert client.post(url, {"title": "Tomt"}).status_code == 200
    assert client.post(url, {"title": "Utkast", "file": helpers.pdf()}).status_code == 302
    assert client.post(url, {"title": "Nettside", "link": "https://www.regjeringen.no/"}).status_code == 302
    document = consultation.documents.get(title="Utkast")
    assert document.content_type == "application/pdf"
    client.logout()
    page = client.get(manage_url(consultation)).content.decode()
    assert "Utkast" in page and "https://www.regjeringen.no/" in page
    download = client.get(f"/en/consultations/documents/{document.pk}/")
    assert b"".join(download.streaming_content).startswith(b"%PDF")
