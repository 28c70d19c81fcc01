"""The dashboards: charts that add up to the registered figures, drafts left out, each chart's data as a
table and a formula-safe CSV, progress over time and input uptake from the apps that own them, links
from the plan and jurisdiction pages, the menu and the sitemap, and the page cache."""

import csv
import datetime
import io
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskap.consultations.models import Outcome, Response, Submission
from samskap.dashboards import selectors
from samskap.kernel import registry
from samskap.kernel.registry import ProgressPoint, Share
from samskap.organisations.models import Organisation
from tests import factories as f
from tests.queries import stamp_queries
from tests.sitemap import sitemap_text

pytestmark = pytest.mark.django_db
PAST = datetime.date(2020, 1, 31)
FUTURE = datetime.date(2099, 12, 31)


def build_plan(place=None, *, themes=2, per_theme=2, **fields):
    """A published plan with `themes` themes of `per_theme` commitments, each with four milestones: one
    completed, one on track with a past end date (overdue), one cancelled and one not started (future)."""
    plan = f.plan(jurisdiction=place or f.jurisdiction(), **fields)
    ministry = Organisation.objects.filter(jurisdiction=plan.jurisdiction, name="Digdir").first() or f.organisation(
        jurisdiction=plan.jurisdiction, name="Digdir"
    )
    levels = ["complete", "limited", "substantial", "not_started"]
    for t in range(themes):
        theme = f.theme(plan, title=f"Åpne data {t}")
        for c in range(per_theme):
            commitment = f.commitment(
                plan,
                theme=theme,
                lead_institution=ministry,
                completion=levels[(t + c) % 4],
                access_to_information=True,
                civic_participation=c % 2 == 0,
            )
            f.milestone(commitment, status="completed", end_date=PAST)
            f.milestone(commitment, status="on_track", end_date=PAST)
            f.milestone(commitment, status="cancelled", end_date=PAST)
            f.milestone(commitment, status="not_started", end_date=FUTURE)
    f.commitment(plan, status="withdrawn", lead_institution=ministry)  # never counted
    return plan


def test_the_charts_add_up_to_the_registered_figures():
    plan = build_plan()
    for scope in (
        selectors.Scope("plan", jurisdiction=plan.jurisdiction, plan=plan),
        selectors.Scope("jurisdiction", jurisdiction=plan.jurisdiction),
    ):
        board = selectors.Dashboard(scope)
        figures = {label: share for label, share, _formula in board.figures}
        milestones = registry.dashboard_figures["milestones_complete"].value(scope.figure_subject)
        commitments = registry.dashboard_figures["commitments_complete"].value(scope.figure_subject)
        assert milestones == Share(4, 12) and commitments == Share(1, 4)
        assert str(registry.dashboard_figures["milestones_complete"].label) in {str(k) for k in figures}
        for chart in (board.milestones_by_theme, board.milestones_by_institution):
            assert chart.total_share == milestones, chart.slug
            assert sum(chart.totals()) == milestones.total
        for chart in (board.completion_by_theme, board.completion_by_institution):
            assert chart.total_share == commitments, chart.slug
        assert board.overdue_count == 4  # the on-track milestones whose end date passed
    # A commitment relevant to two values counts under each: the rows are the direct counts, and no total.
    values = {row.label: row.total for row in board.completion_by_value.rows}
    assert values == {
        "Access to information": 4,
        "Civic participation": 2,
        "Public accountability": 0,
        "Technology and innovation": 0,
        "No OGP value given": 0,
    }
    assert board.completion_by_value.footer is None
    assert "4 commitments in all" in board.completion_by_value.summary


def test_a_jurisdiction_counts_only_its_published_plans_and_a_draft_has_no_dashboard(client):
    place = f.jurisdiction(slug="norge", name="Norge")
    build_plan(place, slug="plan-4", label="4", title="Handlingsplan 4")
    draft = build_plan(place, slug="utkast", label="5", published_at=None)
    build_plan(f.jurisdiction(slug="danmark"), slug="plan-3")
    board = selectors.Dashboard(selectors.Scope("jurisdiction", jurisdiction=place))
    assert board.commitments == Share(1, 4) and board.milestones == Share(4, 12)
    assert [row.label for row in board.completion_by_plan.rows] == ["4: Handlingsplan 4 (2019\u20132021)"]
    assert registry.dashboard_figures["commitments_complete"].value(place) == Share(1, 4)
    assert (
        client.get(reverse("dashboards:plan", kwargs={"jurisdiction": "norge", "plan": draft.slug})).status_code == 404
    )
    site = selectors.Dashboard(selectors.site_scope())
    assert site.commitments == Share(2, 8)
    assert [row.total for row in site.completion_by_jurisdiction.rows] == [4, 4]


def test_the_plan_dashboard_page(client):
    plan = build_plan()
    url = reverse("dashboards:plan", kwargs={"jurisdiction": plan.jurisdiction.slug, "plan": plan.slug})
    page = client.get(url).content.decode()
    assert "3 of 6 milestones complete = 50 %" in page  # the formula, in words
    assert page.count('role="img"') == 6  # the input chart has nothing to draw
    svg = re.search(
        r'<svg class="chart" role="img" aria-labelledby="(chart-milestones-by-theme)-title \1-desc"[^>]*>', page
    )
    assert svg, "the chart is an image labelled by its title and description"
    assert '<title id="chart-milestones-by-theme-title">Milestones by theme and status</title>' in page
    assert 'fill="url(#chart-milestones-by-theme-completed)"' in page
    assert '<pattern id="chart-milestones-by-theme-on_track"' in page
    assert "4 of 12 milestones are complete (33 %)." in page  # the summary
    assert "<canvas" not in page and "<script>" not in page.split("</head>")[1]
    table = page.split('id="chart-milestones-by-theme-caption"')[1].split("</table>")[0]
    total = re.search(r"<tfoot><tr><th scope=\"row\">Total</th>(.*?)</tr>", table).group(1)
    assert re.findall(r">(\d+)<", total) == ["4", "4", "0", "4", "12", "33"]
    assert f"{url}milestones-by-theme.csv" in page
    assert "Overdue milestones" in page and "4 milestones are overdue." in page
    for language in ("nb", "da"):
        other = client.get(f"/{language}{url[3:]}")
        assert other.status_code == 200 and f'lang="{language}"' in other.content.decode()


def test_a_jurisdiction_and_the_site_dashboard(client):
    place = f.jurisdiction(slug="norge", name="Norge")
    build_plan(place, slug="plan-4", label="4")
    page = client.get(reverse("dashboards:jurisdiction", kwargs={"jurisdiction": "norge"})).content.decode()
    assert "Dashboard: Norge" in page and "Commitments by plan and completion" in page
    assert reverse("dashboards:plan", kwargs={"jurisdiction": "norge", "plan": "plan-4"}) in page
    site = client.get(reverse("dashboards:site")).content.decode()
    assert "Commitments by government and completion" in site and "Norge" in site
    assert client.get(reverse("dashboards:jurisdiction", kwargs={"jurisdiction": "nowhere"})).status_code == 404


def test_each_chart_downloads_as_a_formula_safe_csv_with_the_same_total(client):
    plan = build_plan(themes=1)
    plan.themes.update(title='=HYPERLINK("http://evil")')
    url = reverse(
        "dashboards:plan_csv",
        kwargs={"jurisdiction": plan.jurisdiction.slug, "plan": plan.slug, "chart": "milestones-by-theme"},
    )
    response = client.get(url)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Theme", "Completed", "On track", "Delayed", "Not started", "Total", "Percent complete"]
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    assert rows[-1] == ["Total", "2", "2", "0", "2", "6", "33"]
    missing = url.replace("milestones-by-theme", "no-such-chart")
    assert client.get(missing).status_code == 404
    site = client.get(reverse("dashboards:site_csv", kwargs={"chart": "completion-by-jurisdiction"}))
    assert list(csv.reader(io.StringIO(site.content.decode())))[-1][0] == "Total"


def test_text_is_escaped_in_the_svg(client):
    plan = build_plan(themes=1)
    plan.themes.update(title="<script>alert(1)</script> & co")
    url = reverse("dashboards:plan", kwargs={"jurisdiction": plan.jurisdiction.slug, "plan": plan.slug})
    page = client.get(url).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page


def test_more_than_fifteen_institutions_are_summed_up_without_changing_the_total():
    plan = f.plan()
    for n in range(20):
        commitment = f.commitment(plan, lead_institution=f.organisation(jurisdiction=plan.jurisdiction))
        for _m in range(n % 3 + 1):
            f.milestone(commitment, status="completed" if n % 2 else "delayed")
    board = selectors.Dashboard(selectors.Scope("plan", jurisdiction=plan.jurisdiction, plan=plan))
    chart = board.milestones_by_institution
    assert len(chart.rows) == 15 and chart.rows[-1].label == "Other institutions (6)"
    assert chart.total_share == registry.dashboard_figures["milestones_complete"].value(plan)
    assert len(list(csv.reader(io.StringIO(chart.csv())))) == 1 + 20 + 1  # every institution in the CSV


def test_progress_over_time_comes_from_the_registered_series(client):
    plan = build_plan()
    snapshots = [
        ProgressPoint(datetime.date(2020, 6, 1), "Statusrunde 1", 1, 12, {"not_started": 3, "limited": 1}),
        ProgressPoint(datetime.date(2020, 12, 1), "Statusrunde 2", 4, 12, {"limited": 2, "complete": 1}),
    ]
    seen: list[list[int]] = []

    def series(plan_ids: list[int]) -> dict[int, list[ProgressPoint]]:
        seen.append(plan_ids)
        return {plan.pk: list(reversed(snapshots))} if plan.pk in plan_ids else {}

    registry.progress_series.register("test", series)
    try:
        url = reverse("dashboards:plan", kwargs={"jurisdiction": plan.jurisdiction.slug, "plan": plan.slug})
        page = client.get(url).content.decode()
        download = client.get(f"{url}over-time-{plan.pk}.csv").content.decode()
    finally:
        registry.progress_series.unregister("test")
    assert seen[0] == [plan.pk]
    assert "2 reports from" in page and "went from 8 % to 33 %" in page
    assert '<time datetime="2020-06-01">' in page and "Statusrunde 2" in page
    assert f'id="chart-over-time-{plan.pk}-title"' in page
    rows = list(csv.reader(io.StringIO(download)))
    assert rows[1][:5] == ["2020-06-01", "Statusrunde 1", "1", "12", "8"]
    assert rows[2][:5] == ["2020-12-01", "Statusrunde 2", "4", "12", "33"]
    cache.clear()
    assert "No status has been reported yet." in client.get(url).content.decode()  # unregistered: nothing


def test_consultation_input_uptake_counts_listed_input_answers_and_what_was_taken_up(client):
    plan = build_plan()
    consultation = f.consultation(jurisdiction=plan.jurisdiction, plan=plan)
    answers = {
        outcome: Response.objects.create(consultation=consultation, outcome=outcome, reason="Fordi.")
        for outcome in (Outcome.TAKEN_UP, Outcome.PARTLY, Outcome.NOT_TAKEN_UP)
    }
    f.submission(consultation, response=answers[Outcome.TAKEN_UP])
    f.submission(consultation, response=answers[Outcome.PARTLY], status=Submission.Status.HIDDEN)  # hidden later
    f.submission(consultation, response=answers[Outcome.NOT_TAKEN_UP])
    f.submission(consultation)  # not answered yet
    f.submission(consultation, status=Submission.Status.UNCONFIRMED, response=answers[Outcome.TAKEN_UP])
    f.submission(consultation, consent=Submission.Consent.NONE, status=Submission.Status.NOT_PUBLISHED)
    f.submission(f.consultation(jurisdiction=plan.jurisdiction))  # to no plan: not this plan's input
    uptake = registry.input_uptake["consultations"]([plan.pk])
    assert (uptake.received, uptake.answered, uptake.taken_up) == (4, 3, 2)
    url = reverse("dashboards:plan", kwargs={"jurisdiction": plan.jurisdiction.slug, "plan": plan.slug})
    page = client.get(url).content.decode()
    assert "2 of 4 pieces of input were taken up wholly or partly (50 %)." in page


def test_plan_and_jurisdiction_pages_link_to_their_dashboards_and_the_menu_to_the_site_one(client):
    plan = build_plan(themes=1)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert reverse("dashboards:plan", kwargs={"jurisdiction": plan.jurisdiction.slug, "plan": plan.slug}) in page
    page = client.get(plan.jurisdiction.get_absolute_url()).content.decode()
    assert reverse("dashboards:jurisdiction", kwargs={"jurisdiction": plan.jurisdiction.slug}) in page
    assert f'<a href="{reverse("dashboards:site")}">Dashboards</a>' in page
    empty = f.jurisdiction()
    assert "dashboard-heading" not in client.get(empty.get_absolute_url()).content.decode()


def test_the_sitemap_lists_the_dashboards_of_published_plans_only(client):
    plan = build_plan(themes=1)
    draft = f.plan(jurisdiction=plan.jurisdiction, published_at=None, slug="utkast")
    xml = sitemap_text(client)
    assert "/en/dashboards/</loc>" in xml and "/da/dashboards/" in xml
    assert f"/en/dashboards/{plan.jurisdiction.slug}/{plan.slug}/</loc>" in xml
    assert f"/{draft.slug}/" not in xml


def test_anonymous_readers_get_the_cached_page_and_a_change_shows_at_once(client):
    plan = build_plan(themes=1)
    url = reverse("dashboards:plan", kwargs={"jurisdiction": plan.jurisdiction.slug, "plan": plan.slug})
    assert "1 of 2 commitments are complete" in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as cached:
        client.get(url)
    assert len(cached) == stamp_queries()  # only the version stamp (none, where the versions are announced)
    commitment = plan.commitments.exclude(status="withdrawn").exclude(completion="complete").first()
    commitment.completion = "complete"
    commitment.save()
    type(plan).objects.filter(pk=plan.pk).update(updated_at=timezone.now())  # as every service does
    assert "2 of 2 commitments are complete" in client.get(url).content.decode()


@pytest.mark.parametrize("kind", ["jurisdiction", "site", "plan"])
def test_a_dashboard_takes_the_same_number_of_queries_whatever_its_size(client, kind, django_assert_num_queries):
    place = f.jurisdiction(slug="norge")
    first = build_plan(place, slug="plan-1", themes=1, per_theme=1)
    kwargs = {
        "site": {},
        "jurisdiction": {"jurisdiction": "norge"},
        "plan": {"jurisdiction": "norge", "plan": "plan-1"},
    }[kind]
    url = reverse(f"dashboards:{kind}", kwargs=kwargs)
    client.force_login(f.user())  # no page cache: every request is rendered
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for n in range(3):
        build_plan(place, slug=f"more-{n}", themes=3, per_theme=3)
    f.commitment(first, theme=f.theme(first), completion="complete")
    type(first).objects.filter(pk=first.pk).update(updated_at=timezone.now())  # as every service does
    cache.clear()  # counted afresh, like the first: the input's uptake is kept apart from the plans' stamp
    with django_assert_num_queries(len(small)):
        assert client.get(url).status_code == 200


def test_the_counts_are_kept_under_the_version_stamp_for_other_languages_and_signed_in_readers(client):
    plan = build_plan(themes=1)
    client.force_login(f.user())  # a reader with a session gets no cached page
    url = reverse("dashboards:plan", kwargs={"jurisdiction": plan.jurisdiction.slug, "plan": plan.slug})
    with CaptureQueriesContext(connection) as first:
        english = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as again:
        norwegian = client.get(f"/nb{url[3:]}").content.decode()
    assert len(again) < len(first) - 5
    assert "1 of 2 commitments are complete" in english and "1 av 2 forpliktelser er fullført" in norwegian
    overdue = plan.commitments.first().get_absolute_url()
    assert f"/nb{overdue[3:]}" in norwegian  # addresses are built in the reader's language, not kept
    commitment = plan.commitments.exclude(status="withdrawn").exclude(completion="complete").first()
    commitment.completion = "complete"
    commitment.save()
    type(plan).objects.filter(pk=plan.pk).update(updated_at=timezone.now())
    assert "2 of 2 commitments are complete" in client.get(url).content.decode()


def test_the_input_uptake_is_not_counted_again_when_a_plan_changes_but_a_new_submission_shows_at_once(client):
    plan = build_plan(themes=1)
    consultation = f.consultation(jurisdiction=plan.jurisdiction, plan=plan)
    f.submission(consultation)
    client.force_login(f.user())  # no page cache: the page is rendered each time, the counts may be kept
    url = reverse("dashboards:plan", kwargs={"jurisdiction": plan.jurisdiction.slug, "plan": plan.slug})
    assert "0 of 1 pieces of input were taken up" in client.get(url).content.decode()
    type(plan).objects.filter(pk=plan.pk).update(updated_at=timezone.now())  # an edit of the plan
    with CaptureQueriesContext(connection) as edited:
        assert "0 of 1 pieces of input were taken up" in client.get(url).content.decode()
    uptake = [q for q in edited.captured_queries if '"received"' in q["sql"]]  # the count over all input
    assert not uptake
    f.submission(consultation)
    with CaptureQueriesContext(connection) as submitted:
        assert "0 of 2 pieces of input were taken up" in client.get(url).content.decode()
    assert [q for q in submitted.captured_queries if '"received"' in q["sql"]]
