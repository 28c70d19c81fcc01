import datetime

import pytest

from tests import factories as f
from tests.sitemap import sitemap_text


@pytest.mark.django_db
def test_health_checks_the_database(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_root_redirects_to_the_visitors_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 302
    assert response["Location"] == "/da/"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nb", "da", "en"])
def test_html_lang_follows_the_language(client, language):
    body = client.get(f"/{language}/").content.decode()
    assert f'<html lang="{language}"' in body


@pytest.mark.django_db
def test_language_choice_is_remembered(client):
    page = client.get("/en/organisations/?q=x").content.decode()
    assert '<a href="/da/organisations/?q=x" lang="da" hreflang="da"' in page
    response = client.get("/da/organisations/?q=x")
    assert 'lang="da"' in response.content.decode()
    assert response.cookies["django_language"].value == "da"
    assert client.cookies["django_language"].value == "da"
    assert client.get("/")["Location"] == "/da/"


@pytest.mark.django_db
def test_dates_are_formatted_per_language(client):
    import datetime

    plan = f.plan(start_date=datetime.date(2019, 9, 1), end_date=datetime.date(2021, 8, 31))
    path = plan.get_absolute_url()[3:]
    assert "1. september 2019" in client.get("/nb" + path).content.decode()
    assert "Sept. 1, 2019" in client.get("/en" + path).content.decode()


@pytest.mark.django_db
def test_times_are_shown_in_the_jurisdictions_time_zone(client):
    import datetime

    from samskap.history.models import ChangeRecord

    plan = f.plan(jurisdiction=f.jurisdiction(time_zone="Europe/Copenhagen"))
    ChangeRecord.objects.create(
        content_type_id=__import__("django.contrib.contenttypes.models", fromlist=["ContentType"])
        .ContentType.objects.get_for_model(plan)
        .pk,
        object_id=plan.pk,
        object_repr=str(plan),
        plan=plan,
        action="updated",
        changes={"title": {"old": "a", "new": "b"}},
        created_at=datetime.datetime(2021, 6, 1, 22, 30, tzinfo=datetime.UTC),
    )
    body = client.get("/en" + plan.get_absolute_url()[3:]).content.decode()
    assert "2021-06-02T00:30:00+0200" in body  # 22:30 UTC is half past midnight in Copenhagen


@pytest.mark.django_db
def test_sitemap_lists_every_public_page_in_every_language(client):
    commitment = f.commitment()
    organisation = commitment.lead_institution
    body = sitemap_text(client)
    for language in ("nb", "da", "en"):
        assert f"/{language}/j/{commitment.plan.jurisdiction.slug}/{commitment.plan.slug}/{commitment.slug}/" in body
        assert f"/{language}/organisations/{organisation.slug}/" in body
        assert f"/{language}/j/{commitment.plan.jurisdiction.slug}/" in body
    assert 'hreflang="da"' in body


@pytest.mark.django_db
def test_home_shows_current_plans(client):
    today = datetime.date.today()
    plan = f.plan(
        title="Handlingsplan 5",
        status="implementation",
        start_date=today - datetime.timedelta(days=100),
        end_date=today + datetime.timedelta(days=300),
    )
    f.plan(title="Gammel plan", status="completed")
    # Recorded as in implementation, but its period is over: not current (issue 8).
    f.plan(title="Utløpt plan", status="implementation", end_date=today - datetime.timedelta(days=1))
    body = client.get("/en/").content.decode()
    assert plan.title in body
    assert "Gammel plan" not in body
    assert "Utløpt plan" not in body


@pytest.mark.django_db
def test_missing_csrf_token_gets_a_translated_page_not_a_500(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    commitment = f.commitment()
    user = f.user(role="editor", scope=commitment.lead_institution)
    strict.force_login(user)
    response = strict.post(
        f"/nb/j/{commitment.plan.jurisdiction.slug}/{commitment.plan.slug}/{commitment.slug}/progress/", {}
    )
    assert response.status_code == 403
    assert 'lang="nb"' in response.content.decode()
