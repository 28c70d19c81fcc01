"""The pages a signed-in coordinator opens (the bench's "logged-in" row: a plan, a commitment, My work, a
consultation) are never served whole from the page cache; each takes the same number of queries however
much data it shows, and the consultation page does not count its submissions again for every reader."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samskap.consultations.models import Outcome, Response, Section, Submission
from tests import factories as f

pytestmark = pytest.mark.django_db


def _plan_with(plan, ministry, n):
    past = timezone.localdate() - datetime.timedelta(days=5)
    theme = f.theme(plan)
    for i in range(n):
        commitment = f.commitment(plan, theme=theme, lead_institution=ministry, title=f"Forpliktelse {i}")
        for j in range(3):
            f.milestone(commitment, activity=f"Milepæl {i}.{j}", end_date=past, status="delayed")
            f.progress_update(commitment)


def _consultation_with(consultation, section, n):
    answer = Response.objects.create(consultation=consultation, outcome=Outcome.TAKEN_UP, reason="Fordi.")
    for i in range(n):
        f.submission(consultation, section=section if i % 2 else None, response=answer if i % 3 else None)
        f.submission(consultation, status=Submission.Status.PENDING)


@pytest.fixture
def coordinator_pages(client):
    norway = f.jurisdiction(name="Norge", slug="norge")
    ministry = f.organisation(jurisdiction=norway, name="Digitaliseringsdirektoratet", slug="digdir")
    plan = f.plan(jurisdiction=norway)
    _plan_with(plan, ministry, 2)
    consultation = f.consultation(jurisdiction=norway, plan=plan, title="Innspill til planen")
    section = Section.objects.create(consultation=consultation, order=1, title="Del 1", body="Tekst.")
    _consultation_with(consultation, section, 3)
    client.force_login(f.user(role="coordinator", scope=norway))
    commitment = plan.commitments.order_by("pk").first()
    paths = {
        "plan": plan.get_absolute_url(),
        "commitment": commitment.get_absolute_url(),
        "my work": "/en/dashboard/",
        "consultation": consultation.get_absolute_url(),
    }

    def grow(n):
        _plan_with(plan, ministry, n)
        _consultation_with(consultation, section, n)

    return paths, grow


@pytest.mark.parametrize("page", ["plan", "commitment", "my work", "consultation"])
def test_a_coordinators_page_takes_the_same_queries_with_ten_times_the_data(
    client, coordinator_pages, page, django_assert_num_queries
):
    paths, grow = coordinator_pages
    with CaptureQueriesContext(connection) as small:
        assert client.get(paths[page]).status_code == 200
    grow(20)
    cache.clear()  # rendered in full again (the factories write without the services' stamps)
    with django_assert_num_queries(len(small)):
        assert client.get(paths[page]).status_code == 200


def test_the_consultation_page_counts_once_per_change_of_the_data_and_shows_a_change_at_once(client, coordinator_pages):
    paths, _grow = coordinator_pages
    first = client.get(paths["consultation"]).content.decode()
    assert "6 submissions" in first and "1 comment" in first  # 3 published, 3 held
    with CaptureQueriesContext(connection) as again:
        assert "6 submissions" in client.get(paths["consultation"]).content.decode()
    assert not [q for q in again.captured_queries if "consultations_submission" in q["sql"]]
    consultation = Submission.objects.first().consultation
    section = consultation.sections.get()
    f.submission(consultation, section=section)
    page = client.get(paths["consultation"]).content.decode()
    assert "7 submissions" in page and "2 comments" in page


def test_the_commitment_page_shows_its_lead_institution_and_previous_version_and_reads_none_when_cached(client):
    norway = f.jurisdiction(name="Norge", slug="norge")
    ministry = f.organisation(jurisdiction=norway, name="Digitaliseringsdirektoratet", slug="digdir")
    old_plan = f.plan(jurisdiction=norway, label="4")
    earlier = f.commitment(old_plan, title="Tidligere forpliktelse")
    plan = f.plan(jurisdiction=norway, label="5")
    commitment = f.commitment(plan, lead_institution=ministry, previous_version=earlier)
    client.force_login(f.user(role="coordinator", scope=norway))
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert f'href="{ministry.get_absolute_url()}">Digitaliseringsdirektoratet</a>' in page
    assert f'href="{earlier.get_absolute_url()}">Plan 4: {earlier.identifier}</a>' in page
    with CaptureQueriesContext(connection) as again:  # the fragment is kept: neither is read again
        assert "Digitaliseringsdirektoratet" in client.get(commitment.get_absolute_url()).content.decode()
    assert not [q for q in again.captured_queries if "organisations_organisation" in q["sql"]]
    assert len(again) == 2  # the session with its user and roles, and the commitment with its plan


def test_the_consultation_text_is_kept_for_signed_in_readers_and_a_change_shows_at_once(client, coordinator_pages):
    paths, _grow = coordinator_pages
    assert "Del 1" in client.get(paths["consultation"]).content.decode()
    with CaptureQueriesContext(connection) as again:
        assert "Del 1" in client.get(paths["consultation"]).content.decode()
    assert not [q for q in again.captured_queries if "consultations_section" in q["sql"]]
    Section.objects.update(title="Første del")  # any write to the consultations' tables bumps their version
    page = client.get(paths["consultation"]).content.decode()
    assert "Første del" in page and "Del 1" not in page


@pytest.mark.parametrize(("language", "home", "other"), [("nb", "Forside", "Home"), ("en", "Home", "Forside")])
def test_the_page_frame_is_kept_per_language_and_the_personal_parts_per_request(client, language, home, other):
    norway = f.jurisdiction(name="Norge", slug="norge")
    for name in ("Kari Nordmann", "Ola Nordmann"):
        client.force_login(f.user(role="coordinator", scope=norway, full_name=name))
        for _ in range(2):  # rendered, then from the frame kept
            page = client.get(f"/{language}/plans/")
            body = page.content.decode()
            assert f">{home}</a>" in body and f">{other}</a>" not in body
            assert f'<span class="site-account__name">{name}</span>' in body
            assert f'value="{page.context["csrf_token"]}"' in body
            assert f'<a href="/{language}/plans/" aria-current="page">' in body
    body = client.get(f"/{language}/consultations/").content.decode()
    assert f'<a href="/{language}/consultations/" aria-current="page">' in body
    assert f'<a href="/{language}/plans/" aria-current="page">' not in body


def test_the_plan_page_shows_the_plan_it_revises_and_reads_it_only_when_its_fragment_is_rendered(client):
    norway = f.jurisdiction(name="Norge", slug="norge")
    earlier = f.plan(jurisdiction=norway, label="4", title="Fjerde handlingsplan")
    revised = f.plan(jurisdiction=norway, label="4b", title="Revidert plan", revises=earlier)
    client.force_login(f.user(role="coordinator", scope=norway))
    page = client.get(revised.get_absolute_url()).content.decode()
    assert f'href="{earlier.get_absolute_url()}" lang="nb">4: Fjerde handlingsplan</a>' in page
    with CaptureQueriesContext(connection) as again:  # the fragment is kept
        assert "Fjerde handlingsplan" in client.get(revised.get_absolute_url()).content.decode()
    assert len(again) == 2  # the session with its user and roles, and the plan with its government
