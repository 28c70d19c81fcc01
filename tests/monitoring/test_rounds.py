"""Status rounds: asking, answering, reminding (with the clock moved) and publishing."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import formats, timezone, translation

from samskap.commitments.models import Milestone, ProgressUpdate
from samskap.history.models import ChangeRecord
from samskap.kernel import registry, schedule
from samskap.monitoring import selectors, services
from samskap.monitoring.models import CommitmentAnswer, StatusRequest, StatusRound, parse_offsets
from samskap.monitoring.services import CommitmentValues, MilestoneValues
from tests import factories as f

pytestmark = pytest.mark.django_db
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def _answer(world, request, *, submit, now=None, done="Veiledningen er på høring."):
    commitments = {
        c.pk: CommitmentValues("substantial", done, "Høringen tok lengre tid.", "Endelig versjon i 2021.")
        for c in services.commitments_of(request)
    }
    milestones = {
        m.pk: MilestoneValues("on_track", []) for c in services.commitments_of(request) for m in c.milestones.all()
    }
    return services.save_answers(
        actor=world.kud_editor if request.organisation == world.kud else world.fin_editor,
        request=request,
        milestones=milestones,
        commitments=commitments,
        submit=submit,
        now=now,
    )


def test_offsets_are_read_and_checked():
    assert parse_offsets("7, 1,-3") == [7, 1, -3]
    assert parse_offsets("-3,7,7") == [7, -3]
    assert parse_offsets("") == []
    for bad in ("7;1", "seven", "1,2,3,4,5,6,7", "100", "7,,1", "\x00"):
        with pytest.raises(ValidationError):
            parse_offsets(bad)


def test_starting_a_round_asks_each_institution_once_by_email(world):
    status_round = world.start()
    assert status_round.state == StatusRound.State.OPEN
    assert sorted(r.organisation.slug for r in status_round.requests.all()) == ["fin", "kud"]
    assert sorted(m.to[0] for m in mail.outbox) == ["fin@example.no", "kud@example.no"]
    kud_mail = next(m for m in mail.outbox if m.to == ["kud@example.no"])
    assert f"/status/{status_round.pk}/answer/{world.kud.pk}/" in kud_mail.body
    assert "KMD ber om status" in kud_mail.body
    assert ChangeRecord.objects.filter(plan=world.plan, object_repr__contains="Kulturdepartementet").exists()


def test_the_default_institutions_are_the_plans_lead_institutions(world):
    assert list(services.default_institutions(world.plan)) == [world.fin, world.kud]


def test_the_email_is_in_the_jurisdictions_language(world):
    world.plan.jurisdiction.default_language = "nb"
    world.plan.jurisdiction.save()
    world.start()
    # Written in Norwegian whatever the sender's language: the date too ("1. desember 2020").
    as_of = timezone.localdate() - datetime.timedelta(days=1)
    with translation.override("nb"):
        date = formats.date_format(as_of)
        expected = translation.gettext("Status as of %(date)s for plan %(plan)s") % {"date": date, "plan": "4"}
    assert mail.outbox[0].subject == expected


def test_a_round_needs_an_institution_and_a_due_date_after_the_status_date(world):
    with pytest.raises(ValidationError):
        services.start_round(
            actor=world.coordinator,
            plan=world.plan,
            values={"as_of": datetime.date(2020, 12, 1), "due_date": datetime.date(2020, 12, 15), "letter": "x"},
            organisations=[],
        )
    with pytest.raises(ValidationError):
        world.start(as_of=datetime.date(2020, 12, 1), due_date=datetime.date(2020, 11, 1))
    assert StatusRound.objects.count() == 0


def test_a_draft_keeps_everything_and_is_not_public(world):
    status_round = world.start()
    request = status_round.requests.get(organisation=world.kud)
    _answer(world, request, submit=False, done="")
    request.refresh_from_db()
    assert request.state == StatusRequest.State.DRAFT and request.submitted_at is None
    answer = CommitmentAnswer.objects.get(request=request)
    assert answer.delayed == "Høringen tok lengre tid." and answer.done == ""
    assert ProgressUpdate.objects.count() == 0
    # The draft's words are not in the public change history.
    assert not ChangeRecord.objects.filter(changes__icontains="Høringen tok").exists()


def test_submitting_needs_the_narrative_and_a_complete_milestone_needs_a_link(world):
    status_round = world.start()
    request = status_round.requests.get(organisation=world.kud)
    with pytest.raises(ValidationError):
        _answer(world, request, submit=True, done="  ")
    with pytest.raises(ValidationError):
        services.save_answers(
            actor=world.kud_editor,
            request=request,
            milestones={world.m_draft.pk: MilestoneValues("completed", [])},
            commitments={},
            submit=True,
        )
    request.refresh_from_db()
    assert request.state == StatusRequest.State.ASKED
    # A draft keeps it as it is, to be completed before it is handed in.
    services.save_answers(
        actor=world.kud_editor,
        request=request,
        milestones={world.m_draft.pk: MilestoneValues("completed", [])},
        commitments={},
        submit=False,
    )
    assert request.milestone_answers.get().status == "completed"


def test_an_institution_answers_only_for_its_own_milestones(world):
    status_round = world.start()
    request = status_round.requests.get(organisation=world.kud)
    with pytest.raises(ValueError, match="not one of"):
        services.save_answers(
            actor=world.kud_editor,
            request=request,
            milestones={world.m_register.pk: MilestoneValues("on_track", [])},
            commitments={},
            submit=False,
        )


def test_an_answer_after_the_due_date_is_accepted_and_marked_late(world):
    status_round = world.start()
    on_time = _answer(world, status_round.requests.get(organisation=world.kud), submit=True)
    late_moment = datetime.datetime.combine(
        status_round.due_date + datetime.timedelta(days=1), datetime.time(0, 30), OSLO
    )
    late = _answer(world, status_round.requests.get(organisation=world.fin), submit=True, now=late_moment)
    assert not on_time.late and late.late
    tally = selectors.tally(selectors.tallied(StatusRound.objects.all()).get())
    assert (tally.asked, tally.answered, tally.late, tally.missing) == (2, 2, 1, 0)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), OSLO)


def test_reminders_go_before_and_after_the_due_date_once_and_not_to_those_who_answered(world):
    status_round = world.start()
    due = status_round.due_date
    _answer(world, status_round.requests.get(organisation=world.kud), submit=True)
    mail.outbox.clear()
    names = ["monitoring.reminder"]

    schedule.run_due(_at(due - datetime.timedelta(days=8), 12), names=names)
    assert mail.outbox == []
    # Seven days before, at nine: FIN's editor only (KUD has answered); a second worker sends nothing more.
    schedule.run_due(_at(due - datetime.timedelta(days=7), 9) + datetime.timedelta(minutes=5), names=names)
    schedule.run_due(_at(due - datetime.timedelta(days=7), 10), names=names)
    assert [m.to for m in mail.outbox] == [["fin@example.no"]]
    assert "Reminder" in mail.outbox[0].subject
    schedule.run_due(_at(due - datetime.timedelta(days=1), 9) + datetime.timedelta(minutes=5), names=names)
    assert len(mail.outbox) == 2
    mail.outbox.clear()
    # Three days after: the last reminder, and the coordinator is told who is missing, once.
    after = _at(due + datetime.timedelta(days=3), 9) + datetime.timedelta(minutes=5)
    schedule.run_due(after, names=names)
    schedule.run_due(after + datetime.timedelta(hours=1), names=names)
    assert sorted(m.to[0] for m in mail.outbox) == ["fin@example.no", "koordinator@example.no"]
    overdue = next(m for m in mail.outbox if m.to == ["fin@example.no"])
    assert "Overdue" in overdue.subject
    missing = next(m for m in mail.outbox if m.to == ["koordinator@example.no"])
    assert "Finansdepartementet" in missing.body and "Kulturdepartementet" not in missing.body


def test_a_restarted_scheduler_catches_up_but_sends_no_stale_reminders(world):
    status_round = world.start()
    due = status_round.due_date
    mail.outbox.clear()
    # Down from eight days before until the afternoon of the day before: the seven-day reminder is older
    # than the job's catch-up and is dropped; the one-day reminder, due that morning, is sent.
    outcome = schedule.run_due(_at(due - datetime.timedelta(days=1), 15), names=["monitoring.reminder"])
    assert [key for _job, key in outcome.ran] == [f"{status_round.pk}:1:{due.isoformat()}"]
    assert len(mail.outbox) == 2  # KUD's and FIN's editors, one reminder each


def test_two_schedulers_send_each_reminder_once(world):
    status_round = world.start()
    mail.outbox.clear()
    moment = _at(status_round.due_date - datetime.timedelta(days=1), 10)
    first = schedule.run_due(moment, names=["monitoring.reminder"])
    second = schedule.run_due(moment, names=["monitoring.reminder"])
    assert len(first.ran) == 1 and second.ran == []
    assert len(mail.outbox) == 2


def test_no_reminders_for_a_published_round_or_without_offsets(world):
    status_round = world.start(reminder_offsets="")
    mail.outbox.clear()
    schedule.run_due(_at(status_round.due_date + datetime.timedelta(days=3), 10), names=["monitoring.reminder"])
    assert mail.outbox == []


def test_publishing_makes_dated_progress_updates_through_the_commitments_services(world):
    status_round = world.start()
    kud_request = status_round.requests.get(organisation=world.kud)
    services.save_answers(
        actor=world.kud_editor,
        request=kud_request,
        milestones={
            world.m_survey.pk: MilestoneValues("completed", ["https://example.no/rapport"]),
            world.m_draft.pk: MilestoneValues("completed", ["https://example.no/veiledning"]),
        },
        commitments={
            world.journal.pk: CommitmentValues("complete", "Veiledningen er publisert.", "", "Seminar i mars.")
        },
        submit=True,
    )
    services.publish_round(actor=world.coordinator, status_round=status_round)
    status_round.refresh_from_db()
    assert status_round.state == StatusRound.State.PUBLISHED and status_round.published_at
    update = ProgressUpdate.objects.get()
    assert update.commitment == world.journal and update.as_of == status_round.as_of
    assert update.completion == "complete" and update.author == world.kud_editor
    assert "Veiledningen er publisert." in update.narrative and "Seminar i mars." in update.narrative
    assert update.evidence_links == ["https://example.no/rapport", "https://example.no/veiledning"]
    world.journal.refresh_from_db()
    assert world.journal.completion == "complete"
    assert Milestone.objects.get(pk=world.m_draft.pk).status == "completed"
    # FIN did not answer: its commitment and milestone are as they were.
    assert Milestone.objects.get(pk=world.m_register.pk).status == "delayed"
    assert ChangeRecord.objects.filter(
        commitment=world.journal, object_repr__contains=str(status_round.as_of.year)
    ).exists()
    # The figures then: 2 of 3 milestones complete, one commitment complete, one not started.
    assert status_round.snapshot == {
        "milestones_complete": 2,
        "milestones_total": 3,
        "commitments": {"not_started": 1, "complete": 1},
    }
    with pytest.raises(services.RoundClosed):
        services.publish_round(actor=world.coordinator, status_round=status_round)
    with pytest.raises(services.RoundClosed):
        _answer(world, status_round.requests.get(organisation=world.fin), submit=True)


def test_the_snapshot_is_what_charts_over_time_read_not_todays_figures(world):
    status_round = world.start()
    services.publish_round(actor=world.coordinator, status_round=status_round)
    Milestone.objects.update(status="completed")  # the work goes on after the round
    (source,) = [fn for key, fn in registry.progress_series.items() if key == "status_rounds"]
    (point,) = source([world.plan.pk])[world.plan.pk]
    assert point.as_of == status_round.as_of
    assert (point.milestones_complete, point.milestones_total) == (1, 3)
    assert point.commitments == {"not_started": 2}


def test_a_round_of_a_draft_plan_is_in_no_series(world):
    status_round = world.start()
    services.publish_round(actor=world.coordinator, status_round=status_round)
    world.plan.published_at = None
    world.plan.save()
    assert selectors.progress_series([world.plan.pk]) == {}


def test_publishing_a_status_dated_in_the_future_is_refused_and_changes_nothing(world):
    status_round = world.start(as_of=timezone.localdate() + datetime.timedelta(days=2))
    _answer(world, status_round.requests.get(organisation=world.kud), submit=True)
    with pytest.raises(ValidationError):
        services.publish_round(actor=world.coordinator, status_round=status_round)
    status_round.refresh_from_db()
    assert status_round.is_open and ProgressUpdate.objects.count() == 0


def test_selectors_read_in_a_fixed_number_of_queries(world, django_assert_num_queries):
    status_round = world.start()
    _answer(world, status_round.requests.get(organisation=world.kud), submit=True)
    extra = f.commitment(world.plan, lead_institution=world.fin)
    f.milestone(extra)
    with django_assert_num_queries(5):
        answers = selectors.round_answers(status_round)
    assert [len(a.rows) for a in answers] == [2, 1]
    with django_assert_num_queries(1):
        assert len(selectors.open_rounds_for([world.plan.jurisdiction_id])) == 1
    with django_assert_num_queries(1):
        assert [r.organisation for r in selectors.open_requests_for([world.fin.pk, world.kud.pk])] == [world.fin]


def test_reminders_and_the_missing_report_are_work_notices_each_can_turn_off(world):
    """The request always comes; the reminders (editors) and the report of who is missing (coordinator)
    are work notices, which a person may turn off on their notices page."""
    from samskap.accounts.notices import set_notices_off

    status_round = world.start()
    assert sorted(m.to[0] for m in mail.outbox) == ["fin@example.no", "kud@example.no"]  # the requests
    set_notices_off(user=world.fin_editor, kinds=["monitoring.reminder"])
    set_notices_off(user=status_round.started_by, kinds=["monitoring.missing"])
    mail.outbox.clear()
    after = _at(status_round.due_date + datetime.timedelta(days=3), 9) + datetime.timedelta(minutes=5)
    schedule.run_due(after, names=["monitoring.reminder"])
    assert [m.to for m in mail.outbox] == [["kud@example.no"]]
