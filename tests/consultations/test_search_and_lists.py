"""The published-submissions list: filters, and search that understands Danish and Norwegian word forms
(PostgreSQL's stemmers; stripped endings on SQLite). Runs on whichever database the suite uses."""

import pytest

from samskap.consultations import services
from samskap.consultations.models import Submission
from tests import factories as f
from tests.sitemap import sitemap_text

pytestmark = pytest.mark.django_db


def list_url(consultation, query=""):
    return f"/en/consultations/{consultation.jurisdiction.slug}/{consultation.slug}/submissions/{query}"


def test_norwegian_word_forms_are_found(client):
    consultation = f.consultation(jurisdiction=f.jurisdiction(default_language="nb"))
    f.submission(consultation, text="Alle kommunene bør ha åpne postjournaler.")
    f.submission(consultation, text="Kommunen vår publiserer ingenting.")
    f.submission(consultation, text="Noe helt annet om skatt.")
    body = client.get(list_url(consultation, "?q=kommune")).content.decode()
    assert "Alle kommunene" in body
    assert "Kommunen vår" in body
    assert "skatt" not in body
    body = client.get(list_url(consultation, "?q=postjournal")).content.decode()
    assert "Alle kommunene" in body
    assert "Kommunen vår" not in body


def test_danish_word_forms_are_found(client):
    denmark = f.jurisdiction(default_language="da", time_zone="Europe/Copenhagen", country_code="DNK")
    consultation = f.consultation(jurisdiction=denmark)
    f.submission(consultation, text="Kommunerne skal dele deres data.")
    f.submission(consultation, text="Regionerne har mange data om sundhed.")
    body = client.get(list_url(consultation, "?q=kommune")).content.decode()
    assert "Kommunerne skal" in body
    assert "Regionerne" not in body
    body = client.get(list_url(consultation, "?q=regioner")).content.decode()
    assert "Regionerne" in body


def test_search_never_shows_unpublished_text(client):
    consultation = f.consultation()
    f.submission(consultation, text="Hemmelig kommune", status=Submission.Status.UNCONFIRMED)
    f.submission(consultation, text="Privat kommune", status=Submission.Status.NOT_PUBLISHED)
    f.submission(consultation, text="Ventende kommune", status=Submission.Status.PENDING)
    body = client.get(list_url(consultation, "?q=kommune")).content.decode()
    assert "No published submission matches." in body


def test_filters_by_respondent_type_theme_and_outcome(client):
    consultation = f.consultation()
    coordinator = f.user(role="coordinator", scope=consultation.jurisdiction)
    citizen = f.submission(consultation, text="Fra en innbygger")
    business = f.submission(consultation, text="Fra en bedrift", respondent_type="business")
    services.classify(consultation=consultation, submission=business, topic_names=["Næringsliv"], group_title="")
    services.answer(
        actor=coordinator, consultation=consultation, submissions=[citizen], outcome="taken_up", reason="Ja"
    )
    topic = consultation.topics.get()

    body = client.get(list_url(consultation, "?respondent_type=business")).content.decode()
    assert "Fra en bedrift" in body and "Fra en innbygger" not in body
    body = client.get(list_url(consultation, f"?topic={topic.pk}")).content.decode()
    assert "Fra en bedrift" in body and "Fra en innbygger" not in body
    body = client.get(list_url(consultation, "?outcome=taken_up")).content.decode()
    assert "Fra en innbygger" in body and "Fra en bedrift" not in body
    body = client.get(list_url(consultation, "?outcome=unanswered")).content.decode()
    assert "Fra en bedrift" in body and "Fra en innbygger" not in body
    # Nonsense in the filters is ignored, never a 500.
    assert client.get(list_url(consultation, "?outcome=x&topic=abc&page=-1&q=" + "a" * 500)).status_code == 200


def test_names_are_shown_only_as_consented(client):
    consultation = f.consultation()
    f.submission(consultation, name="Synlig Navn", consent="named")
    f.submission(consultation, name="Skjult Navn", consent="anonymous", organisation="Skjult Org")
    body = client.get(list_url(consultation)).content.decode()
    assert "Synlig Navn" in body
    assert "Skjult Navn" not in body
    assert "Skjult Org" not in body
    assert "Anonymous" in body


def test_the_list_pages_use_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    consultation = f.consultation()
    for _ in range(60):
        f.submission(consultation)
    with django_assert_max_num_queries(10):
        response = client.get(list_url(consultation))
    assert response.status_code == 200
    assert "Next page" in response.content.decode()
    assert client.get(list_url(consultation, "?page=2")).status_code == 200


def test_home_jurisdiction_and_plan_pages_link_to_consultations(client):
    plan = f.plan()
    consultation = f.consultation(jurisdiction=plan.jurisdiction, plan=plan, title="Høring om utkastet")
    assert "Høring om utkastet" in client.get("/en/").content.decode()
    assert "Høring om utkastet" in client.get(f"/en/j/{plan.jurisdiction.slug}/").content.decode()
    assert "Høring om utkastet" in client.get(f"/en/j/{plan.jurisdiction.slug}/{plan.slug}/").content.decode()
    assert consultation.title in client.get("/en/consultations/").content.decode()


def test_the_sitemap_lists_the_public_consultation_pages(client):
    consultation = f.consultation()
    published = f.submission(consultation)
    hidden_from_sitemap = f.submission(consultation, status=Submission.Status.UNCONFIRMED)
    body = sitemap_text(client)
    for language in ("nb", "da", "en"):
        assert f"/{language}/consultations/</loc>" in body
        assert f"/{language}/consultations/{consultation.jurisdiction.slug}/{consultation.slug}/submissions/" in body
        assert (
            f"/{language}/consultations/{consultation.jurisdiction.slug}/{consultation.slug}/submissions/{published.pk}/"
            in body
        )
    assert f"/submissions/{hidden_from_sitemap.pk}/" not in body


@pytest.mark.postgres
def test_postgresql_plans_every_list_search_for_its_own_words(client):
    # As the site search (tests/site/test_search.py): a generic plan kept after five runs could be far off.
    from django.db import connection

    consultation = f.consultation(jurisdiction=f.jurisdiction(default_language="nb"))
    f.submission(consultation, text="Alle kommunene bør ha åpne postjournaler.")
    for word in ["kommune", "postjournal", "åpne", "alle", "bør", "ha", "skatt", "data"]:
        assert client.get(list_url(consultation, f"?q={word}")).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert not [sql for sql in prepared if "search_vector" in sql]
    assert connection.connection.prepare_threshold == 5  # restored for everything else
