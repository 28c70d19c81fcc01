"""A capability plugs in from its own app: what the apps registered is what the site, the API, the
downloads, the feeds and the dashboards offer, with nothing listed by hand above them."""

import io
import zipfile

import pytest
from django.template import engines
from django.template.loaders.locmem import Loader
from django.urls import reverse
from django.utils import timezone

from samskap.kernel import registry
from samskap.kernel.registry import Panel, Registry, Share
from samskap.plans.models import ActionPlan
from tests import factories as f
from tests.opendata.test_downloads import body
from tests.sitemap import sitemap_text

pytestmark = pytest.mark.django_db


def test_a_name_registered_twice_is_an_error():
    names: Registry[int] = Registry("test")
    names.register("a", 1)
    with pytest.raises(ValueError, match="twice"):
        names.register("a", 2)


def test_every_registered_download_kind_is_a_file_of_the_zip(client):
    f.commitment()
    archive = zipfile.ZipFile(io.BytesIO(body(client.get("/en/data/download/samskap.zip"))))
    expected = {f"{kind.name}.csv" for kind in registry.download_kinds}
    assert expected == set(archive.namelist()) - {"README.txt"}
    assert {"commitments.csv", "submissions.csv", "assessments.csv", "changes.csv"} <= expected


def test_every_registered_api_route_is_in_the_openapi_description(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for route in registry.api_routes:
        assert f"/api/v1/{route.prefix}/" in paths, route.prefix


def test_every_registered_sitemap_section_is_in_the_sitemap(client):
    f.commitment()
    index = client.get("/sitemap.xml").content.decode()
    assert set(registry.sitemap_sections.keys()) >= {"plans", "commitments", "consultations", "submissions"}
    for section, _kind in registry.sitemap_sections.items():
        assert f"/sitemap-{section}.xml</loc>" in index, section
    assert "/en/j/" in sitemap_text(client)


def test_every_registered_feed_answers(client):
    jurisdiction = f.jurisdiction(slug="norge")
    for route in registry.feed_routes:
        kwargs = {"jurisdiction": jurisdiction.slug} if "<slug:jurisdiction>" in route.path else {}
        assert client.get(reverse(f"opendata:{route.name}", kwargs=kwargs)).status_code == 200, route.name


def test_a_panel_registered_by_an_app_shows_on_the_page_it_names(client):
    plan = f.plan()
    # A capability of a test's own: a panel and its template, nothing edited in the plans app.
    engine = engines["django"].engine  # type: ignore[attr-defined]
    locmem = Loader(engine, {"forum/panels/plan.html": "<p>Panel: {{ words }}</p>"})
    engine.template_loaders.insert(0, locmem)
    registry.plan_panels.register("forum", Panel("forum/panels/plan.html", lambda request, p: {"words": p.title}))
    try:
        page = client.get(plan.get_absolute_url()).content.decode()
    finally:
        registry.plan_panels.unregister("forum")
        engine.template_loaders.remove(locmem)
    assert f"Panel: {plan.title}" in page


def test_a_panel_with_nothing_to_show_leaves_no_trace(client):
    plan = f.plan()
    page = client.get(plan.get_absolute_url()).content.decode()
    assert 'id="consultations-heading"' not in page  # the plan has no consultation
    f.consultation(jurisdiction=plan.jurisdiction, plan=plan, title="Innspill til planen")
    ActionPlan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())  # as the consultation service does
    assert "Innspill til planen" in client.get(plan.get_absolute_url()).content.decode()


def test_dashboard_figures_add_up():
    plan = f.plan()
    first = f.commitment(plan, identifier="A1")
    second = f.commitment(plan, identifier="A2")
    f.milestone(first, status="completed")
    f.milestone(first, status="on_track")
    f.milestone(second, status="completed")
    f.milestone(second, status="cancelled")
    first.completion = "complete"
    first.save()
    figures = {name: figure.value(plan) for name, figure in registry.dashboard_figures.items()}
    assert figures["milestones_complete"] == Share(2, 3)
    assert figures["milestones_complete"].percent == 67
    assert figures["commitments_complete"] == Share(1, 2)
    assert figures["input_answered"] == Share(0, 0) and figures["input_answered"].percent is None
    assert registry.dashboard_figures["milestones_complete"].value(plan.jurisdiction) == Share(2, 3)


def test_every_registered_input_uptake_and_progress_series_shows_on_the_dashboards(client):
    plan = f.plan()
    url = reverse("dashboards:plan", kwargs={"jurisdiction": plan.jurisdiction.slug, "plan": plan.slug})
    snapshot = registry.ProgressPoint(timezone.localdate(), "Statusrunde", 1, 2)
    registry.progress_series.register("test", lambda ids: {plan.pk: [snapshot]} if plan.pk in ids else {})
    try:
        page = client.get(url).content.decode()
    finally:
        registry.progress_series.unregister("test")
    assert "Statusrunde" in page and f"chart-over-time-{plan.pk}" in page
    for source in registry.input_uptake:
        assert f">{source([plan.pk]).label}<" in page
