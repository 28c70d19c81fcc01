"""The stored search text of commitments and milestones: kept up to date by every writer of those rows
(services, the IRM import's bulk writes, the Decidim import, the benchmark fixture), and searched."""

import io

import pytest

from samskap.commitments.models import Commitment, Milestone
from samskap.commitments.services import create_commitment, save_milestone, update_commitment
from samskap.kernel.search import PENDING, distinct_search_words, matching_stored, normalise_for_search
from samskap.kernel.tasks import index_search
from samskap.opendata import decidim
from samskap.opendata.irm.importer import import_irm
from tests import factories as f
from tests.api.conftest import world  # noqa: F401 (the same small world)
from tests.opendata.irm_files import irm_csv, row
from tests.opendata.test_decidim import DECIDIM_EXPORT

pytestmark = pytest.mark.django_db


def found(model: type[Commitment] | type[Milestone], query: str) -> list[int]:
    return list(matching_stored(model.objects.all(), query).values_list("pk", flat=True))


def test_the_services_keep_the_search_text_of_commitments_and_milestones():
    plan = f.plan()
    commitment = create_commitment(actor=None, plan=plan, values={"identifier": "NO7001", "title": "Åpne postlister"})
    assert found(Commitment, "postlistene") == [commitment.pk]
    update_commitment(actor=None, commitment=commitment, values={"title": "Kvantesikre arkiver"})
    assert found(Commitment, "arkivene") == [commitment.pk]
    assert found(Commitment, "postlistene") == []
    milestone = save_milestone(
        actor=None, commitment=commitment, values={"order": 1, "activity": "Veileder for kommunene"}
    )
    assert found(Milestone, "kommunenes") == [milestone.pk]
    save_milestone(actor=None, commitment=commitment, milestone=milestone, values={"activity": "Opplæring av fylkene"})
    assert found(Milestone, "fylkenes") == [milestone.pk]
    assert found(Milestone, "kommunenes") == []


def test_a_saves_update_fields_include_the_search_text():
    commitment = f.commitment(title="Gamle ord")
    commitment.title = "Nye formuleringer"
    commitment.save(update_fields=["title"])
    commitment.refresh_from_db()
    assert commitment.search_text == distinct_search_words(
        commitment.identifier, "Nye formuleringer", commitment.short_title, commitment.problem, commitment.description
    )


def test_the_stored_search_text_holds_each_stem_once_and_finds_what_the_full_text_finds():
    commitment = f.commitment(
        identifier="NO7002",
        title="Åpne kommuner",
        problem="",
        description="Kommunene åpner kommunenes arkiver. Åpne arkiver!",
    )
    assert commitment.search_text == " no7002 åpne kommun åpner arkiv "
    assert normalise_for_search(commitment.title, commitment.description).split().count("kommun") == 3
    for query in ("kommunenes", "arkivene", "åpne", "mun"):
        assert found(Commitment, query) == [commitment.pk], query


def test_the_irm_import_leaves_the_search_text_to_the_indexing_task_when_it_creates_and_updates():
    import_irm(io.BytesIO(irm_csv([row(**{"Commitment Title": "Openness on lobbying"})])))
    commitment = Commitment.objects.get()
    assert (commitment.search_text, commitment.search_config) == ("", PENDING)
    assert found(Commitment, "lobbying") == []  # not yet
    assert index_search.enqueue().return_value == 1
    assert found(Commitment, "lobbying") == [commitment.pk]
    import_irm(io.BytesIO(irm_csv([row(**{"Commitment Title": "Openness on registers"})])))
    assert Commitment.objects.get().title == "Openness on registers"
    assert found(Commitment, "registers") == []
    assert index_search.enqueue().return_value == 1
    assert found(Commitment, "registers") == [commitment.pk]
    assert found(Commitment, "lobbying") == []


def test_the_decidim_import_writes_the_search_text(world):  # noqa: F811 (the fixture)
    decidim.import_results(io.BytesIO(DECIDIM_EXPORT.encode()), plan=world["plan"], actor=world["editor"])
    commitment = Commitment.objects.get(identifier="DEC-7")
    assert found(Commitment, "budgets") == [commitment.pk]
    assert found(Milestone, "reports") == [commitment.milestones.get().pk]


def test_the_benchmark_fixture_writes_the_search_text():
    from bench.generate import insert

    plan = f.plan()
    (commitment,) = insert(Commitment, [Commitment(plan=plan, identifier="B1", slug="b1", title="Benkede tiltak")])
    (milestone,) = insert(Milestone, [Milestone(commitment=commitment, activity="Målte leveranser")])
    assert found(Commitment, "tiltakene") == [commitment.pk]
    assert found(Milestone, "leveransene") == [milestone.pk]


def test_the_site_search_finds_a_changed_commitment_by_its_new_words(client):
    plan = f.plan()
    commitment = f.commitment(plan, title="Åpne postlister")
    update_commitment(actor=None, commitment=commitment, values={"title": "Digitale arkiver"})
    response = client.get("/nb/search/", {"q": "arkivene", "kind": "commitments"})
    assert [hit.title for group in response.context["groups"] for hit in group.hits] == [str(commitment)]
    response = client.get("/nb/search/", {"q": "postlistene", "kind": "commitments"})
    assert response.context["groups"] == []


def test_a_stem_is_found_anywhere_in_a_word_and_short_stems_too():
    commitment = f.commitment(title="Lobbyregister og IT i forvaltningen")
    assert found(Commitment, "register") == [commitment.pk]  # inside the compound, as `contains` found it
    assert found(Commitment, "lobbyregisteret it") == [commitment.pk]  # "it": too short for the index
    assert found(Commitment, "register zz") == []
    assert found(Commitment, "registrering") == []


def test_deleted_rows_leave_the_index_and_a_lost_trigger_is_put_back():
    from django.db import connection

    from samskap.commitments.apps import _keep_search_index

    gone = f.commitment(title="Varslingsordninger")
    gone.delete()
    assert found(Commitment, "varsling") == []
    kept = f.commitment(title="Varslingskanaler")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # what SQLite's schema editor does when it rebuilds a table
            cursor.execute("DROP TRIGGER commitments_commitment_fts_update")
        kept.title = "Varslingskanaler for kommunene"
        kept.save()  # not indexed: no trigger
        assert found(Commitment, "kommunene") == []
    _keep_search_index()  # after every migrate
    kept.title = "Varslingskanaler for fylkene"
    kept.save()
    assert found(Commitment, "fylkene") == [kept.pk]
    assert found(Commitment, "varsling") == [kept.pk]


def configs(model: type[Commitment] | type[Milestone]) -> list[str]:
    return list(model.objects.order_by("pk").values_list("search_config", flat=True))


def test_the_search_configuration_is_the_governments_language_and_follows_it_when_it_changes():
    from samskap.jurisdictions.services import update_jurisdiction

    denmark = f.jurisdiction(name="Danmark", slug="danmark", default_language="da")
    commitment = create_commitment(
        actor=None, plan=f.plan(jurisdiction=denmark), values={"identifier": "DK1", "title": "Åbne data"}
    )
    save_milestone(actor=None, commitment=commitment, values={"order": 1, "activity": "Vejledning"})
    other = f.commitment(f.plan(jurisdiction=f.jurisdiction(default_language="en")))
    assert configs(Commitment) == ["danish", "english"]
    assert configs(Milestone) == ["danish"]
    update_jurisdiction(actor=None, jurisdiction=denmark, values={"default_language": "en"})
    assert configs(Commitment) == ["english", "english"]
    assert configs(Milestone) == ["english"]
    denmark.default_language = "nb"
    denmark.save()  # any save, not only the service's (the admin's)
    assert configs(Commitment) == ["norwegian", "english"]
    assert configs(Milestone) == ["norwegian"]
    assert Commitment.objects.get(pk=other.pk).search_config == "english"
    # Saved without its plan loaded (one query for the language), and with only some fields.
    again = Commitment.objects.get(pk=other.pk)
    again.search_config = "simple"
    again.save(update_fields=["plan"])
    assert Commitment.objects.get(pk=other.pk).search_config == "english"


def test_the_irm_import_gives_new_and_updated_commitments_their_governments_configuration():
    denmark = f.jurisdiction(name="Denmark", slug="denmark", country_code="DNK", default_language="da")
    danish = {"Country/Locality": "Denmark", "Code": "DNK"}
    import_irm(io.BytesIO(irm_csv([row(**danish, **{"Commitment Title": "Åbne registre"})])))
    assert configs(Commitment) == [PENDING]
    index_search.enqueue()
    assert configs(Commitment) == ["danish"]
    Commitment.objects.update(search_config="simple")
    import_irm(io.BytesIO(irm_csv([row(**danish, **{"Commitment Title": "Åbne data"})])))
    index_search.enqueue()
    assert configs(Commitment) == ["danish"]
    assert Commitment.objects.get().plan.jurisdiction == denmark


@pytest.mark.postgres
def test_a_commitment_is_found_through_its_own_governments_stemmer_and_not_anothers():
    from samskap.jurisdictions.services import update_jurisdiction

    # Neither query's stems occur in the stored text: only the language's stemmer finds them.
    denmark = f.jurisdiction(name="Danmark", slug="danmark", default_language="da")
    danish = f.commitment(f.plan(jurisdiction=denmark), title="Gennemsigtige kommuner")
    english = f.commitment(
        f.plan(jurisdiction=f.jurisdiction(default_language="en")), title="Municipalities publish registries"
    )
    milestone = f.milestone(danish, activity="Gennemsigtige kommuner")
    assert found(Commitment, "gennemsigtighed") == [danish.pk]
    assert found(Milestone, "gennemsigtighed") == [milestone.pk]
    assert found(Commitment, "municipality") == [english.pk]
    update_jurisdiction(actor=None, jurisdiction=denmark, values={"default_language": "nb"})
    assert found(Commitment, "gennemsigtighed") == []  # the Norwegian stemmer does not know the Danish form
    assert found(Milestone, "gennemsigtighed") == []
    update_jurisdiction(actor=None, jurisdiction=denmark, values={"default_language": "da"})
    assert found(Commitment, "gennemsigtighed") == [danish.pk]


@pytest.mark.postgres
def test_the_stored_vector_is_stemmed_by_the_rows_configuration_only():
    from django.db import connection

    commitment = f.commitment(f.plan(jurisdiction=f.jurisdiction(default_language="en")), title="Running registries")
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM commitments_commitment WHERE id = %s", [commitment.pk])
        (vector,) = cursor.fetchone()
    assert "'registri'" in vector and "'run'" in vector
    assert "'running'" not in vector and "'registries'" not in vector  # no other configuration's forms


def test_the_search_configuration_is_not_in_the_public_history():
    from samskap.history.models import ChangeRecord

    commitment = create_commitment(actor=None, plan=f.plan(), values={"identifier": "NO7003", "title": "Åpne data"})
    (record,) = ChangeRecord.objects.filter(commitment=commitment)
    assert "title" in record.changes
    assert "search_config" not in record.changes and "search_text" not in record.changes
