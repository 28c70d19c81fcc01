"""The stored `search_vector` of organisations and plans (PostgreSQL), and the site search's first rows.

On PostgreSQL the column is generated: the database computes it on every write. These tests write through
each path (services, the bulk services an import uses, the IRM import, `insert_all`, raw SQL) and check that
the stored vector itself, not only the stems, finds the new words and no longer the old ones.
"""

import datetime
import io

import pytest
from django.db import connection
from django.utils import timezone

from samskap.commitments import registrations as commitment_search
from samskap.kernel.bulk import insert_all
from samskap.kernel.search import matching
from samskap.opendata.irm.importer import import_irm
from samskap.organisations.models import Organisation
from samskap.organisations.services import create_organisation, create_organisations, update_organisation
from samskap.plans.models import ActionPlan
from samskap.plans.services import create_plan, create_published_plans, update_plan
from tests import factories as f
from tests.opendata.irm_files import irm_csv, row

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.postgres


def vector_finds(model: type[Organisation] | type[ActionPlan], words: str) -> list[int]:
    """The rows whose stored vector matches `words` under the Norwegian stemmer (as a Norwegian government's
    rows are searched)."""
    assert connection.vendor == "postgresql"
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {table} WHERE search_vector @@ plainto_tsquery('norwegian', %s) ORDER BY id",  # noqa: S608
            [words],
        )
        return [pk for (pk,) in cursor.fetchall()]


@postgres_only
def test_organisations_written_by_the_services_have_their_vector():
    norway = f.jurisdiction(name="Norge", slug="norge")
    made = create_organisation(
        actor=None, name="Arkivverket", jurisdiction=norway, type="agency", values={"description": "Bevarer arkivene"}
    )
    assert vector_finds(Organisation, "arkiver") == [made.pk]
    update_organisation(actor=None, organisation=made, values={"description": "Forvalter postjournalene"})
    assert vector_finds(Organisation, "postjournal") == [made.pk]
    assert vector_finds(Organisation, "bevarer") == []


@postgres_only
def test_organisations_written_in_bulk_have_their_vector():
    norway = f.jurisdiction(name="Norge", slug="norge")
    (bulk,) = create_organisations(actor=None, wanted=[("Statsforvalteren i Innlandet", norway, "agency")])
    assert vector_finds(Organisation, "statsforvalterens") == [bulk.pk]
    insert_all(Organisation, [Organisation(name="Datatilsynet", slug="datatilsynet", jurisdiction=norway)])
    inserted = Organisation.objects.get(slug="datatilsynet")
    assert vector_finds(Organisation, "datatilsynet") == [inserted.pk]
    with connection.cursor() as cursor:  # raw SQL, as a data migration might write
        cursor.execute(
            "UPDATE organisations_organisation SET name = %s WHERE id = %s", ["Personvernnemnda", inserted.pk]
        )
    assert vector_finds(Organisation, "personvernnemnda") == [inserted.pk]
    assert vector_finds(Organisation, "datatilsynet") == []


@postgres_only
def test_the_irm_import_creates_organisations_with_their_vector():
    import_irm(io.BytesIO(irm_csv([row(**{"Lead Institution": "Ministry of Digitalisation"})])))
    made = Organisation.objects.get(name="Ministry of Digitalisation")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM organisations_organisation WHERE search_vector @@ plainto_tsquery('english', %s)",
            ["digitalisation"],
        )
        assert [pk for (pk,) in cursor.fetchall()] == [made.pk]


@postgres_only
def test_plans_written_by_the_services_and_in_bulk_have_their_vector():
    norway = f.jurisdiction(name="Norge", slug="norge")
    dates = {"start_date": datetime.date(2024, 1, 1), "end_date": datetime.date(2026, 12, 31)}
    plan = create_plan(actor=None, jurisdiction=norway, values={"label": "5", "title": "Tillit og åpenhet", **dates})
    assert vector_finds(ActionPlan, "åpenheten") == [plan.pk]
    update_plan(actor=None, plan=plan, values={"summary": "Kommunenes innsyn"})
    assert vector_finds(ActionPlan, "kommunene") == [plan.pk]
    (imported,) = create_published_plans(
        actor=None,
        plans=[
            ActionPlan(jurisdiction=norway, label="6", title="Deltakelse i fylkene", status="implementation", **dates)
        ],
    )
    assert vector_finds(ActionPlan, "fylkenes") == [imported.pk]
    ActionPlan.objects.filter(pk=imported.pk).update(title="Medvirkning", published_at=timezone.now())
    assert vector_finds(ActionPlan, "medvirkningen") == [imported.pk]
    assert vector_finds(ActionPlan, "fylkenes") == []


def test_the_site_search_finds_organisations_and_plans_by_an_inflected_form(client):
    norway = f.jurisdiction(name="Norge", slug="norge")
    f.organisation(jurisdiction=norway, name="Digitaliseringsdirektoratet", description="Fellesløsninger for kommunene")
    f.plan(jurisdiction=norway, title="Åpenhet i forvaltningen")
    response = client.get("/nb/search/", {"q": "kommunenes"})
    assert [group.key for group in response.context["groups"]] == ["organisations"]
    response = client.get("/nb/search/", {"q": "forvaltningens"})
    assert [group.key for group in response.context["groups"]] == ["plans"]
    assert response.context["groups"][0].hits[0].title.endswith("Åpenhet i forvaltningen")


@pytest.mark.parametrize("first", [1, 3, 50])
def test_the_first_commitments_and_milestones_are_those_of_the_whole_search(client, monkeypatch, first):
    # PostgreSQL tries the commitments of the first plans (the milestones of the first commitments), then
    # all of them: the page is the same, and a word only in later rows is found too.
    monkeypatch.setattr(commitment_search, "FIRST_PLANS", first)
    monkeypatch.setattr(commitment_search, "FIRST_COMMITMENTS", first)
    newer = f.plan(title="Ny plan", start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2026, 1, 1))
    older = f.plan(title="Gammel plan", start_date=datetime.date(2020, 1, 1))
    organisation = f.organisation(jurisdiction=newer.jurisdiction)
    made = [
        f.commitment(plan, title=f"Åpne postlister {plan.title} {n}", order=n, lead_institution=organisation)
        for plan in (older, newer)
        for n in (*range(11, 5, -1), *range(6))
    ]
    for commitment in made:
        for n in range(4):
            f.milestone(commitment, activity=f"Veileder for kommunene {commitment.title} {n}")
    rare = f.commitment(older, title="Lobbyregister", order=9, lead_institution=organisation)
    f.milestone(rare, activity="Lobbyregister vedtatt")

    def hits(query: str, kind: str = "") -> dict[str, list[str]]:
        response = client.get("/nb/search/", {"q": query, "kind": kind})
        return {group.key: [hit.title.split(" ", 1)[1] for hit in group.hits] for group in response.context["groups"]}

    # The first ten of 24 commitments: the newer plan's, in order (it has enough for a page).
    assert hits("postlistene")["commitments"] == [f"Åpne postlister Ny plan {n}" for n in range(10)]
    assert hits("postlistene", "commitments")["commitments"] == [
        f"Åpne postlister {plan.title} {n}" for plan in (newer, older) for n in range(12)
    ]
    # The first ten of 96 milestones: by commitment, then in order.
    first_three = [f"for kommunene {commitment.title} {n}" for commitment in made[:3] for n in range(4)]
    assert hits("kommunenes")["milestones"] == first_three[:10]
    assert hits("lobbyregisteret", "commitments")["commitments"] == ["Lobbyregister"]
    assert hits("lobbyregisteret", "milestones")["milestones"] == ["vedtatt"]


@postgres_only
@pytest.mark.parametrize("stored_vector", [True, False])
def test_postgresql_matches_each_row_through_its_own_languages_stemmer(stored_vector):
    # "study" is not in "studies" (the stems do not match); English stems both to "studi", Norwegian and the
    # `simple` configuration (a language without its own stemmer) do not stem the query so.
    assert connection.vendor == "postgresql"
    places = {
        "en": f.jurisdiction(slug="england", default_language="en", country_code="GBR"),
        "nb": f.jurisdiction(slug="norge", default_language="nb"),
        "fr": f.jurisdiction(slug="frankrike", default_language="fr", country_code="FRA"),
    }
    for code, place in places.items():
        f.organisation(jurisdiction=place, name=f"Open studies {code}", slug=f"open-studies-{code}")
    rows = Organisation.objects.select_related("jurisdiction").order_by("slug")

    def found(query: str) -> list[str]:
        language = "jurisdiction__default_language"
        hits = matching(rows, ["name", "description"], query, language_path=language, stored_vector=stored_vector)
        return [item.slug for item in hits]

    assert found("study") == ["open-studies-en"]
    assert found("studies open") == ["open-studies-en", "open-studies-fr", "open-studies-nb"]  # the stems
    assert found("studied") == ["open-studies-en"]  # English stems it to "studi" too
    assert found("research") == []
