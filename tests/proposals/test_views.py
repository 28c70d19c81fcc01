"""The pages of proposals: the register and its export, sending with and without an account, the
coordinator's decisions, the panels on other apps' pages; drafts in no public output; bad input."""

import datetime
import io
import zipfile

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samskap.proposals import selectors, services
from samskap.proposals.models import Proposal
from tests import factories as f
from tests.opendata.test_downloads import body
from tests.proposals.helpers import a_round, draft, sent, world
from tests.sitemap import sitemap_text

pytestmark = pytest.mark.django_db
Status = Proposal.Status


def text(response):
    return response.content.decode()


def test_the_register_shows_sent_proposals_their_fate_and_totals_never_a_draft(client):
    w = world()
    declined = sent(w, title="Åpne kontrakter")
    services.decide(
        actor=w["coordinator"], proposal=declined, status=Status.NOT_TAKEN_UP, reason="Utenfor planens tema"
    )
    draft(w, title="Hemmelig utkast")
    for url in (reverse("proposals:register"), reverse("proposals:plan", kwargs={"plan": w["plan"].pk})):
        page = text(client.get(url))
        assert "Åpne kontrakter" in page and "Utenfor planens tema" in page
        assert "Hemmelig utkast" not in page
        assert "1 proposals received" in page
    filtered = text(client.get(reverse("proposals:register") + "?status=accepted"))
    assert "Åpne kontrakter" not in filtered.split('id="register-caption-heading"')[1]
    assert client.get(reverse("proposals:register") + "?status=%00draft").status_code == 400


def test_the_export_has_the_register_and_nothing_private(client):
    w = world()
    sent(w, title="=HYPERLINK(1)")
    draft(w, title="Hemmelig utkast")
    csv_text = client.get(reverse("proposals:export_csv", kwargs={"plan": w["plan"].pk})).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in csv_text and "Hemmelig" not in csv_text
    assert w["ti_editor"].email not in csv_text and "confirmation_token" not in csv_text
    xlsx = client.get(reverse("proposals:export_xlsx", kwargs={"plan": w["plan"].pk}))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_drafts_are_in_no_api_feed_sitemap_download_or_search(client):
    w = world(published=True)
    public = sent(w, title="Offentlig forslag")
    hidden = draft(w, title="Hemmelig utkast")
    api = client.get("/api/v1/proposals/").json()
    assert [row["id"] for row in api["results"]] == [public.pk]
    assert "email" not in api["results"][0]
    assert client.get(f"/api/v1/proposals/{hidden.pk}/").status_code == 404
    feed = text(client.get(reverse("opendata:proposals_rss")))
    assert "Offentlig forslag" in feed and "Hemmelig" not in feed
    sitemap = sitemap_text(client)
    assert public.get_absolute_url() in sitemap and hidden.get_absolute_url() not in sitemap
    assert public.get_absolute_url() in text(client.get("/en/search/?q=Offentlig"))
    assert hidden.get_absolute_url() not in text(client.get("/en/search/?q=Hemmelig"))
    archive = zipfile.ZipFile(io.BytesIO(body(client.get("/en/data/download/samskap.zip"))))
    rows = archive.read("proposals.csv").decode("utf-8-sig")
    assert "Offentlig forslag" in rows and "Hemmelig" not in rows and w["ti_editor"].email not in rows
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_sending_without_an_account_confirms_by_email(client):
    w = world()
    the_round = a_round(w["plan"])
    url = reverse("proposals:send_in_round", kwargs={"plan": w["plan"].pk, "round": the_round.pk})
    form = text(client.get(url))
    token = form.split('name="form_token" value="')[1].split('"')[0]
    data = {
        "form_token": token, "title": "Ungdomspanel", "author_name": "Ola", "email": "ola@example.no",
        "sender_type": "civil_society", "organisation_name": "", "problem": "x\x00y",
    }  # fmt: skip
    bad = client.post(url, data)
    assert bad.status_code == 400 and "Name the organisation" in text(bad)
    assert "Ungdomspanel" in text(bad)  # nothing lost
    data.update(organisation_name="Norsk ungdomsråd", problem="Unge blir ikke hørt")
    response = client.post(url, data)
    proposal = Proposal.objects.get()
    assert response.url == reverse("proposals:receipt", kwargs={"receipt": proposal.receipt})
    assert client.get(proposal.get_absolute_url()).status_code == 404
    confirm = reverse("proposals:confirm", kwargs={"token": proposal.confirmation_token})
    assert confirm in mail.outbox[0].body
    client.get(confirm)  # a mail scanner's GET confirms nothing
    assert Proposal.objects.get().status == Status.DRAFT
    client.post(confirm)
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED and proposal.round == the_round
    page = text(client.get(proposal.get_absolute_url()))
    assert "Norsk ungdomsråd" in page and "ola@example.no" not in page


def test_a_ministry_editor_drafts_sends_and_another_ministry_comments(client):
    w = world()
    client.force_login(w["kmd_editor"])
    url = reverse("proposals:send", kwargs={"plan": w["plan"].pk})
    response = client.post(url, {"title": "Kunstig intelligens og algoritmer", "organisation": w["kmd"].pk})
    proposal = Proposal.objects.get()
    assert response.url == proposal.get_absolute_url()
    assert proposal.organisation == w["kmd"] and proposal.status == Status.DRAFT
    client.post(reverse("proposals:submit", kwargs={"pk": proposal.pk}))
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED
    client.force_login(w["fin_editor"])
    client.post(
        reverse("proposals:comment", kwargs={"pk": proposal.pk}), {"text": "FIN støtter", "organisation": w["fin"].pk}
    )
    page = text(client.get(proposal.get_absolute_url()))
    assert "Finansdepartementet comments" in page and "FIN støtter" in page
    # Not the author: no editing, no sending.
    assert client.get(reverse("proposals:edit", kwargs={"pk": proposal.pk})).status_code == 404


def test_the_coordinator_must_give_a_reason_to_decline(client):
    w = world()
    proposal = sent(w)
    url = reverse("proposals:decide", kwargs={"pk": proposal.pk})
    client.force_login(w["fin_editor"])
    assert client.post(url, {"status": "not_taken_up", "reason": "Nei"}).status_code == 403
    client.force_login(w["coordinator"])
    response = client.post(url, {"status": "not_taken_up", "reason": ""})
    assert response.status_code == 400 and "Give the reason" in text(response)
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED
    assert client.post(url, {"status": "merged", "merged_into": "99999999999999999999"}).status_code == 400
    client.post(url, {"status": "not_taken_up", "reason": "Dekkes allerede"})
    proposal.refresh_from_db()
    assert proposal.status == Status.NOT_TAKEN_UP


def test_the_panels_on_the_plan_commitment_and_meeting_pages(client):
    w = world(published=True)
    meeting = f.meeting(jurisdiction=w["norway"], title="Interessentforum")
    the_round = a_round(w["plan"], meeting=meeting, title="Forslag før møtet")
    proposal = services.create_draft(
        actor=w["ti_editor"], plan=w["plan"], round=the_round, values={"title": "Åpne kontrakter"}, organisation=w["ti"]
    )
    services.submit(actor=w["ti_editor"], proposal=proposal)
    commitment = f.commitment(w["plan"], identifier="NO0070")
    services.decide(
        actor=w["coordinator"], proposal=proposal, status=Status.ACCEPTED, commitment=commitment, meeting=meeting
    )
    meeting_page = text(client.get(meeting.get_absolute_url()))
    assert "Proposals on the agenda" in meeting_page and "Åpne kontrakter" in meeting_page
    commitment_page = text(client.get(commitment.get_absolute_url()))
    assert "Where the commitment came from" in commitment_page and "Transparency International Norge" in commitment_page
    assert "Forslag før møtet" in text(client.get(w["plan"].get_absolute_url()))


def test_my_work_lists_what_waits_for_me(client):
    w = world()
    proposal = sent(w, lead_institution=w["fin"])
    client.force_login(w["fin_editor"])
    assert proposal.title in text(client.get(reverse("core:dashboard")))
    client.force_login(w["coordinator"])
    assert proposal.title in text(client.get(reverse("core:dashboard")))


def test_bad_addresses_and_closed_rounds(client):
    w = world()
    assert client.get("/en/proposals/99999999999999999999/").status_code == 404
    assert client.get("/en/proposals/plan/0/").status_code == 404
    assert client.get("/en/proposals/plan/99999999999999999999/").status_code == 404
    assert client.get("/en/proposals/99999999999999999999/edit/").status_code in (302, 404)
    assert client.get("/en/proposals/confirm/nothing/").status_code == 404
    closed = a_round(w["plan"], closes_at=timezone.now() - datetime.timedelta(days=1))
    url = reverse("proposals:send_in_round", kwargs={"plan": w["plan"].pk, "round": closed.pk})
    assert client.get(url).status_code == 410


def test_a_cached_proposal_page_shows_a_new_comment_and_decision(client):
    w = world(published=True)
    proposal = sent(w)
    assert "Dekkes allerede" not in text(client.get(proposal.get_absolute_url()))
    services.add_comment(actor=w["fin_editor"], proposal=proposal, text="Ny kommentar", organisation=w["fin"])
    services.decide(actor=w["coordinator"], proposal=proposal, status=Status.NOT_TAKEN_UP, reason="Dekkes allerede")
    page = text(client.get(proposal.get_absolute_url()))
    assert "Ny kommentar" in page and "Dekkes allerede" in page
    assert "Dekkes allerede" in text(client.get(reverse("proposals:plan", kwargs={"plan": w["plan"].pk})))


def test_the_register_reads_with_a_fixed_number_of_queries(django_assert_num_queries):
    w = world()
    for n in range(3):
        sent(w, title=f"Forslag {n}")
    with django_assert_num_queries(2):  # the proposals with their people, and their co-authors
        first = selectors.register([w["plan"]])
    for n in range(5):
        sent(w, title=f"Flere {n}")
    with django_assert_num_queries(2):
        second = selectors.register([w["plan"]])
    assert (len(first.rows), len(second.rows)) == (3, 8)


def test_the_coordinator_registers_a_proposal_and_a_comment_received_by_email(client):
    w = world()
    url = reverse("proposals:record", kwargs={"plan": w["plan"].pk})
    client.force_login(w["ti_editor"])
    assert client.get(url).status_code == 403
    client.force_login(w["coordinator"])
    future = client.post(url, {"title": "Lobbyregister", "organisation": w["ti"].pk, "received_on": "2999-01-01"})
    assert future.status_code == 400 and "cannot be in the future" in text(future)
    client.post(url, {"title": "Lobbyregister", "organisation": w["ti"].pk, "received_on": "2021-05-18"})
    proposal = Proposal.objects.get()
    assert (proposal.status, proposal.sender, proposal.sent_at.date().isoformat()) == (
        "submitted", "Transparency International Norge", "2021-05-18"
    )  # fmt: skip
    comment_url = reverse("proposals:record_comment", kwargs={"pk": proposal.pk})
    client.post(
        comment_url, {"organisation": w["fin"].pk, "text": "FIN ser positivt på det", "received_on": "2021-05-20"}
    )
    client.logout()
    page = text(client.get(proposal.get_absolute_url()))
    assert "Finansdepartementet comments" in page and "FIN ser positivt på det" in page
