"""The standards page of a plan from the record: forum meetings, the timeline, input and its uptake,
the repository; overrides with a reason; the evidence pack."""

import csv
import datetime
import io
import zipfile
import zoneinfo

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samskap.accounts.models import RoleGrant
from samskap.evidence import services
from samskap.evidence.models import Override
from samskap.evidence.standards import check_plan
from samskap.forum.models import Minutes, Phase, TimelinePublication
from samskap.history.models import ChangeRecord
from samskap.kernel.registry import InputUptake, input_uptake
from tests import factories as f

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
D = datetime.date
pytestmark = pytest.mark.django_db


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=OSLO)


def meet(place, day, **fields):
    return f.meeting(
        jurisdiction=place,
        starts_at=at(day),
        ends_at=at(day, 13),
        registration_closes_at=at(day - datetime.timedelta(days=3)),
        **fields,
    )


@pytest.fixture
def plan():
    place = f.jurisdiction(name="Norge", slug="norge")
    f.forum(place, rules="Alle organisasjoner kan delta.")
    return f.plan(jurisdiction=place, start_date=D(2021, 1, 1), end_date=D(2021, 12, 31), title="Handlingsplan 4B")


AFTER = D(2022, 3, 1)


def verdict(plan, code, today=AFTER):
    return next(c for c in check_plan(plan, today=today).checks if c.code == code)


def test_1_1_the_issue_example_january_and_august_then_a_meeting_between(plan):
    january = meet(plan.jurisdiction, D(2021, 1, 10), title="Januarmøtet")
    august = meet(plan.jurisdiction, D(2021, 8, 1), title="Augustmøtet")
    check = verdict(plan, "1.1")
    assert check.verdict == "not_met"
    urls = {link.url for link in check.links}
    assert {january.get_absolute_url(), august.get_absolute_url()} <= urls
    assert "Jan. 10, 2021" in check.explanation and "Aug. 1, 2021" in check.explanation
    meet(plan.jurisdiction, D(2021, 4, 20))
    assert verdict(plan, "1.1").verdict == "met"


def test_1_1_and_5_1_count_only_this_government_s_forum(plan):
    other = f.jurisdiction()
    for day in (D(2021, 1, 10), D(2021, 5, 1), D(2021, 9, 1), D(2021, 12, 1)):
        meet(other, day)
    assert verdict(plan, "1.1").verdict == "not_met"
    assert verdict(plan, "5.1").verdict == "not_met"


def test_1_1_a_forum_without_public_rules_is_not_met(plan):
    plan.jurisdiction.forum.rules = ""
    plan.jurisdiction.forum.save()
    for day in (D(2021, 1, 10), D(2021, 5, 1), D(2021, 9, 1), D(2021, 12, 1)):
        meet(plan.jurisdiction, day)
    assert verdict(plan, "1.1").verdict == "not_met"
    assert verdict(plan, "5.1").verdict == "met"


def test_2_1_the_plan_s_page_published_or_not(plan):
    assert verdict(plan, "2.1").verdict == "met"
    plan.published_at = None
    plan.save()
    assert verdict(plan, "2.1", today=D(2020, 12, 1)).verdict == "at_risk"
    assert verdict(plan, "2.1").verdict == "not_met"


def test_2_2_counts_uploaded_linked_and_published_minutes_by_half_year(plan):
    place = plan.jurisdiction
    for day in (D(2021, 2, 1), D(2021, 5, 1), D(2021, 8, 1)):
        services.save_document(
            actor=None,
            jurisdiction=place,
            values={
                "kind": "report",
                "title": f"Rapport {day}",
                "date": day,
                "language": "nb",
                "url": "https://example.org/r",
            },
        )
    check = verdict(plan, "2.2")
    assert check.verdict == "not_met"
    assert [row.updates for row in check.rows] == [2, 1]
    meeting = meet(place, D(2021, 11, 2), title="Høstmøtet")
    Minutes.objects.create(meeting=meeting, text="Referat", status=Minutes.Status.APPROVED)
    check = verdict(plan, "2.2")
    assert check.verdict == "met"
    assert any(link.url.startswith(meeting.get_absolute_url()) for link in check.links)
    # Draft minutes are not published, so not in the repository.
    Minutes.objects.filter(meeting=meeting).update(status=Minutes.Status.DRAFT)
    assert verdict(plan, "2.2").verdict == "not_met"


def test_3_1_reads_the_first_timeline_publication(plan):
    Phase.objects.create(plan=plan, title="Innspill", starts_on=D(2020, 11, 15), ends_on=D(2020, 12, 1))
    assert verdict(plan, "3.1", today=D(2020, 11, 1)).verdict == "at_risk"
    assert verdict(plan, "3.1", today=D(2020, 11, 2)).verdict == "not_met"
    TimelinePublication.objects.create(
        plan=plan, published_at=at(D(2020, 11, 1)), first_activity=D(2020, 11, 15), notice_days=14
    )
    check = verdict(plan, "3.1")
    assert check.verdict == "met"
    assert "14 days" in check.explanation
    # The period starts with the first phase of the timeline.
    assert check_plan(plan, today=D(2022, 1, 1)).start == D(2020, 11, 15)


def test_3_2_and_4_1_from_consultations_and_the_registered_uptake(plan):
    assert verdict(plan, "3.2").verdict == "not_met"
    consultation = f.consultation(
        jurisdiction=plan.jurisdiction, plan=plan, opens_at=at(D(2020, 10, 1)), closes_at=at(D(2020, 11, 1))
    )
    check = verdict(plan, "3.2")
    assert check.verdict == "met"
    assert consultation.get_absolute_url() in {link.url for link in check.links}
    assert verdict(plan, "4.1").verdict == "not_met"  # no input recorded

    figures = {"received": 8, "answered": 6}
    seen = []

    def uptake(plan_ids):
        seen.append(plan_ids)
        return InputUptake("Test input", figures["received"], figures["answered"], 3)

    input_uptake.register("test.input", uptake)
    try:
        check = verdict(plan, "4.1")
        assert check.verdict == "not_met"
        assert (check.share.count, check.share.total) == (6, 8)
        assert verdict(plan, "4.1", today=D(2020, 12, 31)).verdict == "at_risk"
        figures["answered"] = 8
        assert verdict(plan, "4.1").verdict == "met"
    finally:
        input_uptake.unregister("test.input")
    assert seen[0] == [plan.pk]


def test_5_1_meetings_in_the_year_of_implementation(plan):
    meet(plan.jurisdiction, D(2021, 3, 1))
    assert verdict(plan, "5.1").verdict == "not_met"
    assert verdict(plan, "5.1", today=D(2021, 6, 1)).verdict == "at_risk"
    meet(plan.jurisdiction, D(2021, 10, 1))
    assert verdict(plan, "5.1", today=D(2021, 6, 1)).verdict == "met"
    assert verdict(plan, "5.1").verdict == "met"


def test_the_page_shows_each_requirement_with_its_verdict_and_evidence(client, plan):
    january = meet(plan.jurisdiction, D(2021, 1, 10), title="Januarmøtet")
    page = client.get(reverse("evidence:standards", kwargs={"jurisdiction": "norge", "plan": plan.slug}))
    assert page.status_code == 200
    text = page.content.decode()
    for code in ("1.1", "2.1", "2.2", "3.1", "3.2", "4.1", "5.1"):
        assert f">{code} " in text
    assert january.get_absolute_url() in text
    assert "Set the verdict" not in text and "evidence pack" not in text


def test_a_draft_plan_s_standards_are_not_public(client, plan):
    plan.published_at = None
    plan.save()
    assert (
        client.get(reverse("evidence:standards", kwargs={"jurisdiction": "norge", "plan": plan.slug})).status_code
        == 404
    )
    assert (
        client.get(reverse("evidence:standards", kwargs={"jurisdiction": "norge", "plan": "nope"})).status_code == 404
    )


def test_a_coordinator_overrides_a_verdict_with_a_reason_shown_and_recorded(client, plan):
    url = reverse("evidence:override", kwargs={"jurisdiction": "norge", "plan": plan.slug, "code": "1.1"})
    assert client.get(url).status_code == 302  # to the login
    client.force_login(f.user(role=RoleGrant.Role.COORDINATOR, scope=f.jurisdiction()))
    assert client.get(url).status_code == 403
    client.force_login(f.user(role=RoleGrant.Role.COORDINATOR, scope=plan.jurisdiction))
    response = client.post(url, {"verdict": "met", "reason": "  "})
    assert response.status_code == 400
    assert "Give the reason" in response.content.decode()
    reason = "Forumet møttes digitalt i mai; referatet ligger hos departementet."
    response = client.post(url, {"verdict": "met", "reason": reason})
    assert response.status_code == 302
    assert verdict(plan, "1.1").verdict == "met"
    assert verdict(plan, "1.1").computed == "not_met"
    page = client.get(
        reverse("evidence:standards", kwargs={"jurisdiction": "norge", "plan": plan.slug})
    ).content.decode()
    assert reason in page
    assert 'computed: "Not met"' in page
    assert ChangeRecord.objects.filter(plan=plan, object_repr__startswith="1.1").exists()
    client.post(url, {"action": "clear"})
    assert not Override.objects.filter(plan=plan).exists()
    assert verdict(plan, "1.1").verdict == "not_met"
    assert ChangeRecord.objects.filter(plan=plan, action=ChangeRecord.Action.DELETED).exists()
    bad = reverse("evidence:override", kwargs={"jurisdiction": "norge", "plan": plan.slug, "code": "9.9"})
    assert client.get(bad).status_code == 404
    assert client.post(url, {"verdict": "maybe", "reason": "x"}).status_code == 400


def test_the_evidence_pack_holds_the_documents_and_formula_safe_csvs(client, plan):
    meet(plan.jurisdiction, D(2021, 1, 10), title='=HYPERLINK("http://evil")')
    uploaded = services.save_document(
        actor=None,
        jurisdiction=plan.jurisdiction,
        values={
            "kind": "letter",
            "title": "Invitasjon til innspill",
            "date": D(2021, 4, 12),
            "language": "nb",
            "plan": plan,
        },
        upload=SimpleUploadedFile("brev.txt", "Kommunal- og moderniseringsdepartementet ønsker innspill.".encode()),
    )
    services.save_document(
        actor=None,
        jurisdiction=plan.jurisdiction,
        values={
            "kind": "report",
            "title": "-2+3",
            "date": D(2021, 5, 1),
            "language": "nb",
            "url": "https://example.org/a",
        },
    )
    url = reverse("evidence:pack", kwargs={"jurisdiction": "norge", "plan": plan.slug})
    client.force_login(f.user())
    assert client.get(url).status_code == 403
    client.force_login(f.user(role=RoleGrant.Role.COORDINATOR, scope=plan.jurisdiction))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert f"documents/{uploaded.pk}-invitasjon-til-innspill.txt" in names
    assert "ønsker innspill" in archive.read(f"documents/{uploaded.pk}-invitasjon-til-innspill.txt").decode()
    standards = list(csv.reader(io.StringIO(archive.read("standards.csv").decode("utf-8-sig"))))
    assert standards[0][0] == "requirement"
    assert {row[0] for row in standards[1:]} == {"1.1", "2.1", "2.2", "3.1", "3.2", "4.1", "5.1"}
    assert any(row[6] == '\'=HYPERLINK("http://evil")' for row in standards)
    documents = list(csv.reader(io.StringIO(archive.read("documents.csv").decode("utf-8-sig"))))
    assert any(row[1] == "'-2+3" and row[7] == "https://example.org/a" for row in documents)


def test_the_standards_page_reads_with_a_fixed_number_of_queries(client, plan, django_assert_max_num_queries):
    url = reverse("evidence:standards", kwargs={"jurisdiction": "norge", "plan": plan.slug})
    meet(plan.jurisdiction, D(2021, 1, 10))
    client.get(url)
    cache.clear()  # the page rendered, not served from the page cache
    with django_assert_max_num_queries(20) as first:
        client.get(url)
    for day in (D(2021, 3, 1), D(2021, 5, 1), D(2021, 9, 1)):
        meeting = meet(plan.jurisdiction, day)
        Minutes.objects.create(meeting=meeting, text="Referat", status=Minutes.Status.APPROVED)
        services.save_document(
            actor=None,
            jurisdiction=plan.jurisdiction,
            values={
                "kind": "report",
                "title": f"R {day}",
                "date": day,
                "language": "nb",
                "url": "https://example.org/",
            },
        )
    f.consultation(jurisdiction=plan.jurisdiction, plan=plan)
    cache.clear()
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(url)
