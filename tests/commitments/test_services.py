import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from samskap.commitments import services
from samskap.commitments.models import Commitment, Milestone, ProgressUpdate
from samskap.history.models import ChangeRecord
from tests import factories as f


@pytest.mark.django_db
def test_newest_progress_update_sets_the_completion_whatever_the_order_of_entry():
    commitment = f.commitment()
    editor = f.user()
    services.add_progress_update(
        actor=editor, commitment=commitment, as_of=datetime.date(2021, 6, 1), completion="substantial", narrative="B"
    )
    # An older status entered later must not overwrite the newer one.
    services.add_progress_update(
        actor=editor, commitment=commitment, as_of=datetime.date(2020, 12, 1), completion="limited", narrative="A"
    )
    commitment.refresh_from_db()
    assert commitment.completion == "substantial"
    assert list(commitment.progress_updates.values_list("narrative", flat=True)) == ["B", "A"]


@pytest.mark.django_db
def test_progress_update_keeps_the_author_and_records_history():
    commitment = f.commitment()
    editor = f.user(full_name="Ola Nordmann", organisation=commitment.lead_institution)
    update = services.add_progress_update(
        actor=editor,
        commitment=commitment,
        as_of=datetime.date(2020, 12, 1),
        completion="limited",
        narrative="Veilederen er på høring.",
        evidence_links=["https://www.regjeringen.no/"],
    )
    assert update.author_name == "Ola Nordmann"
    assert update.author_organisation == commitment.lead_institution.name
    records = ChangeRecord.objects.filter(commitment=commitment)
    assert {r.content_type.model for r in records} == {"progressupdate", "commitment"}
    completion_change = records.get(content_type__model="commitment")
    assert completion_change.changes == {"completion": {"old": "not_started", "new": "limited"}}
    assert completion_change.actor_name == "Ola Nordmann"


@pytest.mark.django_db
def test_off_scale_completion_is_refused_and_nothing_is_saved():
    commitment = f.commitment()
    with pytest.raises(ValidationError):
        services.add_progress_update(
            actor=f.user(), commitment=commitment, as_of=datetime.date(2020, 1, 1), completion="enormous", narrative="x"
        )
    assert ProgressUpdate.objects.count() == 0
    assert ChangeRecord.objects.count() == 0


@pytest.mark.django_db
def test_a_status_dated_after_today_in_the_jurisdictions_time_zone_is_refused_by_the_service():
    commitment = f.commitment()
    zone = ZoneInfo(commitment.plan.jurisdiction.time_zone)
    today = timezone.localdate(timezone=zone)
    with pytest.raises(ValidationError) as refused:
        services.add_progress_update(
            actor=f.user(),
            commitment=commitment,
            as_of=today + datetime.timedelta(days=1),
            completion="complete",
            narrative="x",
        )
    assert "as_of" in refused.value.message_dict
    commitment.refresh_from_db()
    assert commitment.completion == "not_started"
    assert ProgressUpdate.objects.count() == 0
    # Today itself is fine.
    services.add_progress_update(
        actor=f.user(), commitment=commitment, as_of=today, completion="limited", narrative="y"
    )


@pytest.mark.django_db
def test_milestone_ending_before_it_starts_is_refused():
    commitment = f.commitment()
    with pytest.raises(ValidationError) as error:
        services.save_milestone(
            actor=f.user(),
            commitment=commitment,
            values={
                "order": 1,
                "activity": "Rapport",
                "start_date": datetime.date(2021, 1, 1),
                "end_date": datetime.date(2020, 1, 1),
                "status": "on_track",
            },
        )
    with translation.override("en"):
        assert "end date cannot be before the start date" in str(error.value)
    assert Milestone.objects.count() == 0


@pytest.mark.django_db
def test_milestone_change_is_recorded_with_old_and_new_values():
    commitment = f.commitment()
    milestone = f.milestone(commitment, status="on_track")
    before = commitment.updated_at
    services.save_milestone(
        actor=f.user(),
        commitment=commitment,
        milestone=milestone,
        values={"status": "completed", "evidence_links": ["https://example.no/rapport.pdf"]},
    )
    record = ChangeRecord.objects.get(content_type__model="milestone")
    assert record.changes == {
        "status": {"old": "on_track", "new": "completed"},
        "evidence_links": {"old": [], "new": ["https://example.no/rapport.pdf"]},
    }
    commitment.refresh_from_db()
    assert commitment.updated_at > before


@pytest.mark.django_db
def test_milestone_of_another_commitment_is_refused():
    one, other = f.commitment(), f.commitment()
    milestone = f.milestone(one)
    with pytest.raises(ValueError, match="another commitment"):
        services.save_milestone(actor=f.user(), commitment=other, milestone=milestone, values={"status": "completed"})


@pytest.mark.django_db
def test_create_commitment_gives_a_unique_slug_and_avoids_reserved_words():
    plan = f.plan()
    first = services.create_commitment(actor=f.user(), plan=plan, values={"identifier": "Edit", "title": "A"})
    second = services.create_commitment(actor=f.user(), plan=plan, values={"identifier": "edit!", "title": "B"})
    assert first.slug == "c-edit"
    assert second.slug == "c-edit-2"
    assert Commitment.objects.filter(plan=plan).count() == 2


@pytest.mark.django_db
def test_update_without_change_records_nothing():
    commitment = f.commitment()
    services.update_commitment(actor=f.user(), commitment=commitment, values={"title": commitment.title})
    assert ChangeRecord.objects.count() == 0


@pytest.mark.django_db
def test_plan_and_commitment_slugs_transliterate_nordic_letters():
    from samskap.plans.services import unique_plan_slug

    plan = f.plan()
    commitment = services.create_commitment(actor=f.user(), plan=plan, values={"identifier": "Åpenhet-1", "title": "A"})
    assert commitment.slug == "apenhet-1"
    assert unique_plan_slug(plan.jurisdiction, "Handlingsplan Ærø") == "handlingsplan-aero"
