"""The pages of status rounds: starting one, answering, following and publishing, the public record, and
what the round adds to the plan page, My work, the calendar, the sitemap and the API."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samskap.commitments.models import ProgressUpdate
from samskap.monitoring.models import StatusRequest, StatusRound
from tests import factories as f
from tests.sitemap import sitemap_text

pytestmark = pytest.mark.django_db


def _form(world, **changes):
    today = timezone.localdate()
    values = {
        "as_of": (today - datetime.timedelta(days=1)).isoformat(),
        "due_date": (today + datetime.timedelta(days=14)).isoformat(),
        "letter": "KMD ber departementene om status per 1.12.",
        "reminder_offsets": "7,1,-3",
        "organisations": [world.kud.pk, world.fin.pk],
    }
    values.update(changes)
    return values


def _answer_data(world, action, **changes):
    data = {
        "action": action,
        f"m{world.m_survey.pk}-status": "completed",
        f"m{world.m_survey.pk}-evidence": "https://example.no/rapport",
        f"m{world.m_draft.pk}-status": "on_track",
        f"m{world.m_draft.pk}-evidence": "",
        f"c{world.journal.pk}-completion": "substantial",
        f"c{world.journal.pk}-done": "Utkastet er sendt på høring.",
        f"c{world.journal.pk}-delayed": "",
        f"c{world.journal.pk}-next": "Endelig veiledning i 2021.",
    }
    data.update(changes)
    return data


def _create_url(world):
    return reverse("monitoring:create", kwargs={"jurisdiction": world.plan.jurisdiction.slug, "plan": world.plan.slug})


def test_a_coordinator_starts_a_round_with_every_lead_institution_checked(client, world):
    client.force_login(world.coordinator)
    page = client.get(_create_url(world)).content.decode()
    assert page.count('name="organisations"') == 2 and page.count("checked") == 2
    assert 'value="7,1,-3"' in page
    response = client.post(_create_url(world), _form(world))
    status_round = StatusRound.objects.get()
    assert response.status_code == 302 and response.url == reverse("monitoring:manage", kwargs={"pk": status_round.pk})
    assert status_round.requests.count() == 2 and len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reminder_offsets": "sju"}, "reminder_offsets"),
        ({"due_date": "2020-01-01"}, "due_date"),
        ({"due_date": "ikke en dato"}, "due_date"),
        ({"organisations": []}, "organisations"),
        ({"organisations": ["999999"]}, "organisations"),
        ({"letter": "x\x00y"}, "letter"),
        ({"letter": "x" * 60_000}, "letter"),
    ],
)
def test_bad_input_to_the_round_form_is_explained_and_kept(client, world, changes, field):
    client.force_login(world.coordinator)
    response = client.post(_create_url(world), _form(world, **changes))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert StatusRound.objects.count() == 0


def test_a_due_date_before_the_status_date_is_an_error_on_the_form(client, world):
    client.force_login(world.coordinator)
    today = timezone.localdate()
    response = client.post(
        _create_url(world),
        _form(world, as_of=(today + datetime.timedelta(days=9)).isoformat(), due_date=today.isoformat()),
    )
    assert response.status_code == 200 and "cannot be before" in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "kud_editor"])
def test_only_coordinators_start_rounds(client, world, who):
    if who != "anonymous":
        client.force_login(getattr(world, who))
    response = client.get(_create_url(world))
    assert response.status_code in (302, 403)
    assert client.post(_create_url(world), _form(world)).status_code in (302, 403)
    assert StatusRound.objects.count() == 0


def test_the_editor_sees_one_page_prefilled_with_the_last_known_status(client, world):
    status_round = world.start()
    client.force_login(world.kud_editor)
    url = reverse("monitoring:answer", kwargs={"pk": status_round.pk, "organisation": world.kud.pk})
    page = client.get(url).content.decode()
    assert world.journal.identifier in page and world.registry.identifier not in page
    assert "https://example.no/rapport" in page  # the milestone's evidence so far
    assert f'name="m{world.m_draft.pk}-status"' in page
    assert 'value="on_track" selected' in page or 'value="on_track"  selected' in page


def test_saving_a_draft_then_submitting_late_with_errors_shown_on_the_way(client, world):
    status_round = world.start()
    client.force_login(world.kud_editor)
    url = reverse("monitoring:answer", kwargs={"pk": status_round.pk, "organisation": world.kud.pk})
    # A draft is kept as it is, even with what a submission would refuse.
    draft = client.post(
        url,
        _answer_data(world, "draft", **{f"c{world.journal.pk}-done": "", f"m{world.m_draft.pk}-status": "completed"}),
    )
    assert draft.status_code == 302
    assert StatusRequest.objects.get(organisation=world.kud).state == "draft"
    assert "Utkastet" not in client.get(reverse("monitoring:round", kwargs={"pk": status_round.pk})).content.decode()

    # Submitting without saying what was done, or calling a milestone complete without a link: errors.
    bad = client.post(
        url,
        _answer_data(world, "submit", **{f"c{world.journal.pk}-done": "", f"m{world.m_draft.pk}-status": "completed"}),
    )
    assert bad.status_code == 200
    errors = bad.context["form"].errors
    assert f"c{world.journal.pk}-done" in errors and f"m{world.m_draft.pk}-evidence" in errors
    assert "Endelig veiledning i 2021." in bad.content.decode()  # nothing lost
    assert StatusRequest.objects.get(organisation=world.kud).state == "draft"
    bad_link = client.post(url, _answer_data(world, "submit", **{f"m{world.m_draft.pk}-evidence": "javascript:x"}))
    assert bad_link.status_code == 200 and f"m{world.m_draft.pk}-evidence" in bad_link.context["form"].errors

    StatusRound.objects.filter(pk=status_round.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=1))
    done = client.post(url, _answer_data(world, "submit"), follow=True)
    assert "marked late" in done.content.decode()
    request = StatusRequest.objects.get(organisation=world.kud)
    assert request.answered and request.late and request.submitted_by == world.kud_editor


def test_an_editor_of_another_institution_cannot_answer_and_bad_ids_are_404(client, world):
    status_round = world.start()
    client.force_login(world.fin_editor)
    url = reverse("monitoring:answer", kwargs={"pk": status_round.pk, "organisation": world.kud.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, _answer_data(world, "submit")).status_code == 403
    assert client.get(f"/en/status/{status_round.pk}/answer/99999999/").status_code == 404
    assert client.get("/en/status/99999999999999999999/").status_code == 404
    assert client.get(f"/en/status/{status_round.pk}/").status_code == 404  # open: not public


def test_field_names_of_other_milestones_are_ignored(client, world):
    status_round = world.start()
    client.force_login(world.kud_editor)
    url = reverse("monitoring:answer", kwargs={"pk": status_round.pk, "organisation": world.kud.pk})
    data = _answer_data(world, "submit", **{f"m{world.m_register.pk}-status": "completed"})
    assert client.post(url, data).status_code == 302
    assert (
        not StatusRequest.objects.get(organisation=world.kud)
        .milestone_answers.filter(milestone=world.m_register)
        .exists()
    )


def test_the_coordinator_follows_reviews_and_publishes_the_round(client, world):
    status_round = world.start()
    client.force_login(world.kud_editor)
    client.post(
        reverse("monitoring:answer", kwargs={"pk": status_round.pk, "organisation": world.kud.pk}),
        _answer_data(world, "submit"),
    )
    client.force_login(world.coordinator)
    manage = reverse("monitoring:manage", kwargs={"pk": status_round.pk})
    page = client.get(manage)
    tally = page.context["tally"]
    assert (tally.asked, tally.answered, tally.late, tally.missing) == (2, 1, 0, 1)
    assert "Utkastet er sendt på høring." in page.content.decode()
    response = client.post(manage, {"action": "publish"})
    assert response.status_code == 302 and response.url == f"/en/status/{status_round.pk}/"
    update = ProgressUpdate.objects.get()
    assert update.as_of == status_round.as_of and update.commitment == world.journal
    # The progress update is on the public commitment page like any other.
    client.logout()
    commitment_page = client.get(world.journal.get_absolute_url()).content.decode()
    assert "Utkastet er sendt på høring." in commitment_page
    public = client.get(f"/en/status/{status_round.pk}/")
    assert public.status_code == 200
    html = public.content.decode()
    assert "Kulturdepartementet" in html and "Finansdepartementet" in html and "Not answered" in html
    assert f'datetime="{status_round.due_date.isoformat()}"' in html
    assert "<dt>Substantial</dt><dd>1 commitment</dd>" in html and "<dt>Not started</dt>" in html


def test_publishing_a_second_time_says_so(client, world):
    status_round = world.start()
    client.force_login(world.coordinator)
    manage = reverse("monitoring:manage", kwargs={"pk": status_round.pk})
    client.post(manage, {"action": "publish"})
    again = client.post(manage, {"action": "publish"}, follow=True)
    assert "published already" in again.content.decode()


def test_the_editor_only_cannot_publish(client, world):
    status_round = world.start()
    client.force_login(world.kud_editor)
    assert (
        client.post(reverse("monitoring:manage", kwargs={"pk": status_round.pk}), {"action": "publish"}).status_code
        == 403
    )
    assert StatusRound.objects.get().is_open


def test_my_work_shows_the_editor_their_request_and_the_coordinator_the_round(client, world):
    world.start()
    client.force_login(world.kud_editor)
    page = client.get("/en/dashboard/").content.decode()
    assert "Status requests" in page and "for Kulturdepartementet" in page
    client.force_login(world.coordinator)
    page = client.get("/en/dashboard/").content.decode()
    assert "2 asked, 0 answered, 0 late" in page and "2 missing" in page


def test_the_plan_page_lists_published_rounds_and_the_calendar_the_due_date(client, world):
    status_round = world.start()
    calendar = client.get("/en/data/calendar.ics").content.decode()
    assert f"status-round-{status_round.pk}" in calendar
    assert "Status rounds" not in client.get(world.plan.get_absolute_url()).content.decode()
    client.force_login(world.coordinator)
    client.post(reverse("monitoring:manage", kwargs={"pk": status_round.pk}), {"action": "publish"})
    client.logout()
    page = client.get(world.plan.get_absolute_url()).content.decode()
    assert "Status rounds" in page and f"/en/status/{status_round.pk}/" in page
    assert f"/en/status/{status_round.pk}/</loc>" in sitemap_text(client)
    api = client.get(f"/api/v1/status-rounds/?plan={world.plan.pk}").json()
    (item,) = api["results"]
    assert item["asked"] == 2 and item["answered"] == 0 and item["snapshot"]["milestones_total"] == 3


def test_a_round_of_a_draft_plan_stays_private(client, world):
    status_round = world.start()
    client.force_login(world.coordinator)
    client.post(reverse("monitoring:manage", kwargs={"pk": status_round.pk}), {"action": "publish"})
    world.plan.published_at = None
    world.plan.save()
    client.logout()
    assert client.get(f"/en/status/{status_round.pk}/").status_code == 404
    assert client.get("/api/v1/status-rounds/").json()["count"] == 0
    assert f"status-round-{status_round.pk}" not in client.get("/en/data/calendar.ics").content.decode()


def test_the_answer_page_is_in_three_languages(client, world):
    status_round = world.start()
    client.force_login(world.kud_editor)
    for language in ("nb", "da", "en"):
        url = f"/{language}/status/{status_round.pk}/answer/{world.kud.pk}/"
        response = client.get(url)
        assert response.status_code == 200
        assert f'lang="{language}"' in response.content.decode()


def test_a_later_plan_commitment_is_not_in_an_institution_without_commitments(client, world):
    other = f.organisation(jurisdiction=world.plan.jurisdiction)
    status_round = world.start()
    request = StatusRequest.objects.create(round=status_round, organisation=other)
    client.force_login(world.coordinator)
    page = client.get(request.get_absolute_url()).content.decode()
    assert "nothing to answer" in page


def test_the_demo_has_kmds_round_as_of_1_december_2020_with_one_late_and_one_missing(client):
    from samskap.demo.loader import load_demo

    load_demo()
    status_round = StatusRound.objects.get(plan__jurisdiction__slug="norge", plan__label="4")
    assert status_round.as_of == datetime.date(2020, 12, 1) and status_round.is_open
    requests = {r.organisation.slug: r for r in status_round.requests.select_related("organisation")}
    assert "olje-og-energidepartementet" in requests and not requests["olje-og-energidepartementet"].answered
    assert requests["naerings-og-fiskeridepartementet"].late
    assert sum(r.answered for r in requests.values()) == len(requests) - 1
    assert [r.organisation.slug for r in requests.values() if r.late] == ["naerings-og-fiskeridepartementet"]
    # The coordinator's demo account reviews it and can publish it.
    client.force_login(status_round.started_by)
    assert client.get(reverse("monitoring:manage", kwargs={"pk": status_round.pk})).status_code == 200
    assert "2020" in client.get("/en/dashboard/").content.decode()


def test_the_coordinator_moves_the_due_date_and_the_reminders_follow(client, world):
    from samskap.kernel import schedule
    from tests.monitoring.test_rounds import _at

    status_round = world.start()
    client.force_login(world.coordinator)
    manage = reverse("monitoring:manage", kwargs={"pk": status_round.pk})
    bad = client.post(manage, {"action": "change", "due_date": "2020-13-01", "reminder_offsets": "x", "letter": "Ny"})
    assert bad.status_code == 200 and set(bad.context["form"].errors) == {"due_date", "reminder_offsets"}
    assert '<details class="section" open>' in bad.content.decode()
    old_due = status_round.due_date
    new_due = old_due + datetime.timedelta(days=7)
    response = client.post(
        manage, {"action": "change", "due_date": new_due.isoformat(), "reminder_offsets": "2", "letter": "Ny frist."}
    )
    assert response.status_code == 302
    status_round.refresh_from_db()
    assert (status_round.due_date, status_round.reminder_offsets, status_round.letter) == (new_due, "2", "Ny frist.")
    mail.outbox.clear()
    schedule.run_due(_at(old_due - datetime.timedelta(days=1), 9), names=["monitoring.reminder"])
    assert mail.outbox == []  # no reminder one day before the old due date
    schedule.run_due(_at(new_due - datetime.timedelta(days=2), 10), names=["monitoring.reminder"])
    assert len(mail.outbox) == 3  # two institutions' editors, and (the last reminder) the coordinator
    client.post(manage, {"action": "publish"})
    refused = client.post(
        manage, {"action": "change", "due_date": new_due.isoformat(), "reminder_offsets": "", "letter": "Igjen"}
    )
    assert refused.status_code == 200
    status_round.refresh_from_db()
    assert status_round.letter == "Ny frist."


def test_the_coordinator_sees_which_institutions_have_no_editor(client, world):
    nobody = f.organisation(jurisdiction=world.plan.jurisdiction, name="Olje- og energidepartementet")
    f.commitment(world.plan, lead_institution=nobody)
    from samskap.monitoring import services

    status_round = services.start_round(
        actor=world.coordinator,
        plan=world.plan,
        values={"as_of": datetime.date(2020, 12, 1), "due_date": timezone.localdate(), "letter": "Status"},
        organisations=list(services.default_institutions(world.plan)),
    )
    client.force_login(world.coordinator)
    page = client.get(reverse("monitoring:manage", kwargs={"pk": status_round.pk})).content.decode()
    assert page.count("has no editor in Samskap") == 1


def test_after_publication_the_answer_page_points_to_the_record_and_takes_no_answer(client, world):
    status_round = world.start()
    client.force_login(world.coordinator)
    client.post(reverse("monitoring:manage", kwargs={"pk": status_round.pk}), {"action": "publish"})
    client.force_login(world.kud_editor)
    url = reverse("monitoring:answer", kwargs={"pk": status_round.pk, "organisation": world.kud.pk})
    page = client.get(url).content.decode()
    assert '<form method="post" novalidate' not in page and f"/en/status/{status_round.pk}/" in page
    assert client.post(url, _answer_data(world, "submit")).status_code == 200
    assert not StatusRequest.objects.get(organisation=world.kud).answered
