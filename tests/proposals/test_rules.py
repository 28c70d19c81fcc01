"""The rules of proposals: the states and who moves them, the reason requirement, merges and the
provenance they carry to a commitment, the intake, the answer-by reminder, drafts kept private."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from samskap.commitments.models import Commitment
from samskap.history.models import ChangeRecord
from samskap.history.selectors import public_changes
from samskap.kernel import schedule
from samskap.kernel.registry import input_uptake
from samskap.proposals import selectors, services
from samskap.proposals.models import Comment, Proposal
from tests import factories as f
from tests.proposals.helpers import a_round, draft, public_values, sent, token, world

pytestmark = pytest.mark.django_db
Status = Proposal.Status


def test_an_editor_proposes_for_their_ministry_and_the_sender_is_recorded():
    w = world()
    proposal = draft(w, by="kmd_editor", organisation="kmd", title="Ungdomspanel")
    assert proposal.sender_type == Proposal.SenderType.GOVERNMENT
    assert proposal.sender == "Kommunal- og moderniseringsdepartementet"
    assert proposal.author == w["kmd_editor"] and proposal.status == Status.DRAFT


def test_nobody_acts_for_an_organisation_they_do_not_edit():
    w = world()
    with pytest.raises(ValidationError):
        draft(w, by="kmd_editor", organisation="fin")
    with pytest.raises(ValidationError):
        draft(w, by="citizen", organisation="ti")


def test_a_draft_leaves_no_public_trace_until_it_is_sent():
    w = world(published=True)
    proposal = draft(w, title="Hemmelig utkast")
    services.update_proposal(actor=w["ti_editor"], proposal=proposal, values={"problem": "Ennå privat"})
    assert not ChangeRecord.objects.filter(object_repr__contains="Hemmelig").exists()
    assert proposal not in selectors.public_proposals()
    assert selectors.register([w["plan"]]).rows == []
    assert selectors.detail(proposal.pk, None) is None
    assert selectors.detail(proposal.pk, w["coordinator"]) is None  # not even the coordinator
    assert selectors.detail(proposal.pk, w["ti_editor"]) == proposal
    with pytest.raises(services.WrongStep):
        services.add_comment(actor=w["fin_editor"], proposal=proposal, text="Tidlig kommentar")
    services.submit(actor=w["ti_editor"], proposal=proposal)
    assert public_changes().filter(object_repr="Hemmelig utkast", action="created").count() == 1
    assert selectors.detail(proposal.pk, None) == proposal


def test_the_states_follow_their_rules():
    w = world()
    proposal = sent(w)
    assert proposal.status == Status.SUBMITTED and proposal.sent_at is not None
    with pytest.raises(services.WrongStep):  # sending is the author's, not a decision
        services.decide(actor=w["coordinator"], proposal=proposal, status=Status.SUBMITTED)
    services.decide(actor=w["coordinator"], proposal=proposal, status=Status.UNDER_DISCUSSION)
    services.decide(actor=w["coordinator"], proposal=proposal, status=Status.NEEDS_REVISION, reason="Mer konkret")
    services.update_proposal(actor=w["ti_editor"], proposal=proposal, values={"milestones": "Veileder\nPilot"})
    services.submit(actor=w["ti_editor"], proposal=proposal)
    services.decide(actor=w["coordinator"], proposal=proposal, status=Status.ACCEPTED)
    assert [s.status for s in proposal.steps.all()] == [
        "submitted",
        "under_discussion",
        "needs_revision",
        "submitted",
        "accepted",
    ]
    for status in (Status.UNDER_DISCUSSION, Status.NOT_TAKEN_UP, Status.MERGED):
        with pytest.raises((services.WrongStep, ValidationError)):
            services.decide(actor=w["coordinator"], proposal=proposal, status=status, reason="x")
    with pytest.raises(services.WrongStep):
        services.withdraw(actor=w["ti_editor"], proposal=proposal)
    with pytest.raises(services.WrongStep):  # a sent proposal is edited only when sent back for revision
        services.update_proposal(actor=w["ti_editor"], proposal=proposal, values={"title": "Nytt"})


def test_not_taken_up_requires_a_reason_in_the_service_and_in_the_database():
    w = world()
    proposal = sent(w)
    with pytest.raises(ValidationError) as error:
        services.decide(actor=w["coordinator"], proposal=proposal, status=Status.NOT_TAKEN_UP, reason="   ")
    assert "reason" in error.value.message_dict
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(status=Status.NOT_TAKEN_UP, reason="")
    services.decide(
        actor=w["coordinator"], proposal=proposal, status=Status.NOT_TAKEN_UP, reason="Dekkes av forpliktelse 3."
    )
    assert proposal.reason == "Dekkes av forpliktelse 3." and proposal.decided_at is not None


def test_accepting_creates_the_commitment_in_the_draft_with_its_provenance():
    w = world()
    meeting = f.meeting(jurisdiction=w["norway"], title="Interessentforum 19. juni")
    proposal = sent(w, problem="Lite innsyn", milestones="Kartlegging\nVeileder publisert", title="Åpne kontrakter")
    services.decide(actor=w["coordinator"], proposal=proposal, status=Status.NEEDS_REVISION, meeting=meeting)
    services.submit(actor=w["ti_editor"], proposal=proposal)
    services.decide(actor=w["coordinator"], proposal=proposal, status=Status.ACCEPTED, identifier="NO0070")
    commitment = proposal.commitment
    assert commitment is not None and commitment.plan == w["plan"]
    assert (commitment.identifier, commitment.title, commitment.problem) == ("NO0070", "Åpne kontrakter", "Lite innsyn")
    assert commitment.origin == Commitment.Origin.CIVIL_SOCIETY
    assert [m.activity for m in commitment.milestones.order_by("order")] == ["Kartlegging", "Veileder publisert"]
    origins = selectors.provenance(commitment)
    assert [o.proposal for o in origins] == [proposal]
    assert [s.meeting for s in origins[0].revisions] == [meeting]


def test_a_published_plan_takes_no_new_commitment_but_a_proposal_can_be_linked_to_one():
    w = world(published=True)
    proposal = sent(w)
    with pytest.raises(ValidationError):
        services.decide(actor=w["coordinator"], proposal=proposal, status=Status.ACCEPTED)
    existing = f.commitment(w["plan"], identifier="NO0063")
    services.decide(actor=w["coordinator"], proposal=proposal, status=Status.ACCEPTED, commitment=existing)
    assert proposal.commitment == existing
    other = f.commitment(f.plan(jurisdiction=w["norway"]))
    second = sent(w, title="Annet")
    with pytest.raises(ValidationError):
        services.decide(actor=w["coordinator"], proposal=second, status=Status.ACCEPTED, commitment=other)


def test_provenance_goes_through_a_merge_both_ways():
    w = world()
    youth = sent(w, by="kmd_editor", organisation="kmd", title="Ungdomspanel")
    similar = sent(w, title="Ungdommens stemme i OGP")
    closer = sent(w, by="citizen", organisation=None, title="Elevråd og åpenhet")
    services.decide(actor=w["coordinator"], proposal=closer, status=Status.MERGED, merged_into=similar, reason="")
    services.decide(
        actor=w["coordinator"], proposal=similar, status=Status.MERGED, merged_into=youth, reason="Samme tema"
    )
    with pytest.raises(ValidationError):  # not into one that is merged itself: it points on to where it went
        services.decide(
            actor=w["coordinator"], proposal=sent(w, title="Sen"), status=Status.MERGED, merged_into=similar
        )
    assert list(youth.merged_from.all()) == [similar] and similar.merged_into == youth
    services.decide(actor=w["coordinator"], proposal=youth, status=Status.ACCEPTED, identifier="NO0064")
    assert youth.commitment is not None
    origins = selectors.provenance(youth.commitment)
    assert [(o.proposal, o.via) for o in origins] == [(youth, None), (similar, youth), (closer, youth)]


def test_a_merge_must_name_an_open_proposal_of_the_same_plan():
    w = world()
    proposal = sent(w)
    with pytest.raises(ValidationError):
        services.decide(actor=w["coordinator"], proposal=proposal, status=Status.MERGED)
    with pytest.raises(ValidationError):
        services.decide(actor=w["coordinator"], proposal=proposal, status=Status.MERGED, merged_into=proposal)
    elsewhere = services.submit(
        actor=w["ti_editor"],
        proposal=services.create_draft(
            actor=w["ti_editor"], plan=f.plan(jurisdiction=w["norway"]), values={"title": "X"}
        ),
    )
    with pytest.raises(ValidationError):
        services.decide(actor=w["coordinator"], proposal=proposal, status=Status.MERGED, merged_into=elsewhere)
    a_draft = draft(w, title="Utkast")
    with pytest.raises(ValidationError):
        services.decide(actor=w["coordinator"], proposal=proposal, status=Status.MERGED, merged_into=a_draft)
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED


def test_the_public_intake_needs_email_confirmation_and_is_stored_once():
    w = world()
    form_token = token()
    proposal = services.send_public(plan=w["plan"], form_token=form_token, values=public_values())
    again = services.send_public(plan=w["plan"], form_token=form_token, values=public_values(title="Dobbeltklikk"))
    assert again.pk == proposal.pk and Proposal.objects.count() == 1
    assert proposal.status == Status.DRAFT and proposal not in selectors.public_proposals()
    assert len(mail.outbox) == 1 and proposal.receipt in mail.outbox[0].subject
    assert proposal.confirmation_token in mail.outbox[0].body
    with pytest.raises(services.WrongStep):
        services.submit(actor=None, proposal=proposal)
    services.confirm(proposal=proposal)
    assert proposal.status == Status.SUBMITTED and proposal in selectors.public_proposals()


def test_comments_as_an_organisation_and_the_answer_of_the_responsible_ministry():
    w = world()
    proposal = sent(w, lead_institution=w["fin"])
    assert proposal.responsible == w["fin"] and proposal.answer_by is not None
    person = services.add_comment(actor=w["citizen"], proposal=proposal, text="Godt forslag")
    other = services.add_comment(actor=w["kmd_editor"], proposal=proposal, text="KMD støtter", organisation=w["kmd"])
    answer = services.add_comment(actor=w["fin_editor"], proposal=proposal, text="Vi ser på det", organisation=w["fin"])
    assert (person.speaker, person.is_answer) == ("Kari Borger", False)
    assert (other.speaker, other.is_answer) == ("Kommunal- og moderniseringsdepartementet", False)
    assert (answer.speaker, answer.is_answer) == ("Finansdepartementet", True)
    with pytest.raises(ValidationError):
        services.add_comment(actor=w["kmd_editor"], proposal=proposal, text="Som FIN", organisation=w["fin"])
    assert selectors.waiting_for_answer([w["fin"].pk]) == []


def test_the_responsible_ministry_is_reminded_once_before_the_answer_date():
    w = world()
    the_round = a_round(w["plan"], closes_at=datetime.datetime(2026, 5, 18, 0, 0, tzinfo=datetime.UTC), answer_days=14)
    proposal = services.create_draft(
        actor=w["ti_editor"], plan=w["plan"], round=the_round, values={"title": "Register"}, organisation=w["ti"]
    )
    services.set_responsible(actor=w["coordinator"], proposal=proposal, responsible=w["fin"], answer_by=None)
    services.submit(actor=w["ti_editor"], proposal=proposal, now=datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC))
    assert proposal.answer_by == datetime.date(2026, 6, 1)
    oslo = zoneinfo.ZoneInfo(w["norway"].time_zone)
    moment = datetime.datetime(2026, 5, 29, 0, 0, tzinfo=oslo)  # three days before the answer date
    mail.outbox.clear()
    schedule.run_due(moment - datetime.timedelta(hours=1), names=["proposals.answer_reminder"])
    assert mail.outbox == []
    schedule.run_due(moment + datetime.timedelta(hours=1), names=["proposals.answer_reminder"])
    schedule.run_due(moment + datetime.timedelta(hours=5), names=["proposals.answer_reminder"])
    assert [m.to for m in mail.outbox] == [[w["fin_editor"].email]]
    assert "Register" in mail.outbox[0].subject
    # Answered, or given a new date: an answered proposal is not reminded again.
    Comment.objects.create(proposal=proposal, author_name="FIN", organisation=w["fin"], text="Svar", is_answer=True)
    services.set_responsible(
        actor=w["coordinator"], proposal=proposal, responsible=w["fin"], answer_by=datetime.date(2026, 6, 10)
    )
    schedule.run_due(datetime.datetime(2026, 6, 7, 1, 0, tzinfo=oslo), names=["proposals.answer_reminder"])
    assert len(mail.outbox) == 1


def test_uptake_counts_proposals_for_mr_4_1():
    w = world()
    accepted, declined, merged = sent(w, title="A"), sent(w, title="B"), sent(w, title="C")
    waiting, withdrawn = sent(w, title="D"), sent(w, title="E")
    draft(w, title="F")
    services.decide(actor=w["coordinator"], proposal=accepted, status=Status.ACCEPTED)
    services.decide(actor=w["coordinator"], proposal=declined, status=Status.NOT_TAKEN_UP, reason="Utenfor OGP")
    services.decide(actor=w["coordinator"], proposal=merged, status=Status.MERGED, merged_into=waiting)
    services.withdraw(actor=w["ti_editor"], proposal=withdrawn, reason="Trekker")
    uptake = input_uptake["proposals"]([w["plan"].pk])
    assert (uptake.received, uptake.answered, uptake.taken_up) == (4, 3, 2)
    register = selectors.register([w["plan"]])
    assert (register.received, register.answered, register.taken_up) == (4, 3, 2)
    assert {s: n for s, _label, n in register.totals}["withdrawn"] == 1
    assert "draft" not in [s for s, _label, _n in register.totals]


def test_every_change_after_sending_is_in_the_public_history():
    w = world(published=True)
    proposal = sent(w)
    services.decide(actor=w["coordinator"], proposal=proposal, status=Status.NOT_TAKEN_UP, reason="Nei, fordi")
    records = public_changes().filter(object_id=proposal.pk, content_type__model="proposal")
    assert [r.action for r in records.order_by("created_at", "pk")] == ["created", "updated"]
    assert records.filter(changes__reason__new="Nei, fordi").exists()


def test_the_coordinator_registers_what_came_by_email_and_who_acted_for_whom_is_kept():
    w = world()
    when = datetime.datetime(2021, 5, 18, 10, 0, tzinfo=datetime.UTC)
    with pytest.raises(services.WrongStep):
        services.record_received(
            actor=w["kmd_editor"], plan=w["plan"], values={"title": "X"}, organisation=w["ti"], author_name="TI",
            sent_at=when,
        )  # fmt: skip
    proposal = services.record_received(
        actor=w["coordinator"], plan=w["plan"], values={"title": "Lobbyregister", "lead_institution": w["kmd"]},
        organisation=w["ti"], author_name="Guro Slettemark", sent_at=when,
    )  # fmt: skip
    assert (proposal.status, proposal.sent_at, proposal.sender) == (
        "submitted",
        when,
        "Transparency International Norge",
    )
    assert proposal.responsible == w["kmd"] and "registered by" in proposal.steps.get().note
    comment = services.record_comment(
        actor=w["coordinator"], proposal=proposal, organisation=w["kmd"], text="KMD svarer", written_at=when
    )
    assert comment.is_answer and comment.speaker == "Kommunal- og moderniseringsdepartementet"
    with pytest.raises(services.WrongStep):
        services.record_comment(actor=w["fin_editor"], proposal=proposal, organisation=w["kmd"], text="Falsk")


def test_a_draft_sent_after_the_round_closed_is_taken_and_marked_late():
    w = world()
    the_round = a_round(w["plan"])
    proposal = services.create_draft(
        actor=w["ti_editor"], plan=w["plan"], round=the_round, values={"title": "Sent"}, organisation=w["ti"]
    )
    services.submit(actor=w["ti_editor"], proposal=proposal, now=the_round.closes_at)
    assert proposal.is_late and proposal.status == Status.SUBMITTED
    in_time = sent(w, title="I tide")
    assert not in_time.is_late


def test_a_round_belongs_to_a_phase_of_its_own_plan_only():
    w = world()
    from samskap.forum.services import save_phase

    day = datetime.date(2021, 4, 12)
    other = save_phase(
        actor=None,
        plan=f.plan(jurisdiction=w["norway"]),
        values={"title": "Innspill", "starts_on": day, "ends_on": day},
    )
    with pytest.raises(ValidationError):
        a_round(w["plan"], phase=other)
    own = save_phase(actor=None, plan=w["plan"], values={"title": "Innspill", "starts_on": day, "ends_on": day})
    assert a_round(w["plan"], phase=own).phase == own


def test_provenance_reads_with_a_fixed_number_of_queries(django_assert_num_queries):
    w = world()
    root = sent(w, title="Rot")
    for n in range(4):
        services.decide(
            actor=w["coordinator"], proposal=sent(w, title=f"Gren {n}"), status=Status.MERGED, merged_into=root
        )
    services.decide(actor=w["coordinator"], proposal=root, status=Status.ACCEPTED)
    assert root.commitment is not None
    with django_assert_num_queries(3):
        origins = selectors.provenance(root.commitment)
    assert len(origins) == 5
