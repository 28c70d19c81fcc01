"""Rows a bulk writer (the IRM import) stores pending are indexed by a background task after it commits:
shown everywhere at once, found by the search once the task has run, exactly as if indexed at once."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from samskap.commitments.models import Commitment, Milestone
from samskap.commitments.services import update_commitment
from samskap.jurisdictions.services import update_jurisdiction
from samskap.kernel import schedule, search, tasks
from samskap.kernel.search import (
    PENDING,
    distinct_search_words,
    index_pending,
    mark_search_pending,
    matching_stored,
    pending_count,
    per_row_search_vector_sql,
)
from samskap.kernel.tasks import index_search
from samskap.opendata.irm.importer import import_irm
from tests import factories as f
from tests.opendata.irm_files import irm_csv, row

pytestmark = pytest.mark.django_db

TITLE = {"Commitment Title": "Municipalities publish lobbying registries"}


def found(model: type[Commitment] | type[Milestone], query: str) -> list[int]:
    return list(matching_stored(model.objects.all(), query).values_list("pk", flat=True))


def _import(**values: str) -> Commitment:
    import_irm(io.BytesIO(irm_csv([row(**{**TITLE, **values})])))
    return Commitment.objects.get()


def test_an_imported_commitment_is_pending_until_the_task_has_run_then_found_as_before(client):
    commitment = _import()
    assert (commitment.search_text, commitment.search_config) == ("", PENDING)
    assert pending_count() == 1
    assert found(Commitment, "lobbying") == []
    response = client.get("/en/search/", {"q": "lobbying"})
    assert response.context["groups"] == []
    assert "1 recently imported item is still being indexed" in response.text
    response = client.get(commitment.get_absolute_url())  # its page is there at once
    assert response.status_code == 200 and "Municipalities publish lobbying registries" in response.text
    assert index_search.enqueue().return_value == 1
    commitment.refresh_from_db()
    assert commitment.search_config == "english"  # the IRM file's governments are English (importer)
    assert commitment.search_text == distinct_search_words(
        commitment.identifier, commitment.title, commitment.short_title, commitment.problem, commitment.description
    )
    assert pending_count() == 0
    assert found(Commitment, "lobbyingen") == [commitment.pk]  # the stems
    if connection.vendor == "postgresql":  # no stem of it is stored: only the English stemmer finds it
        assert found(Commitment, "municipality") == [commitment.pk]
    response = client.get("/en/search/", {"q": "lobbying", "kind": "commitments"})
    assert [hit.title for group in response.context["groups"] for hit in group.hits] == [str(commitment)]
    assert "still being indexed" not in response.text


def test_the_import_asks_for_the_indexing_once_after_it_commits_and_a_rolled_back_one_not_at_all(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        import_irm(io.BytesIO(irm_csv([row(), row(**{"Commitment Unique Identifier": "NO1000"})])))
        transaction.set_rollback(True)  # as if what came after the import failed
    assert callbacks == []
    assert Commitment.objects.count() == 0 and pending_count() == 0
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_irm(io.BytesIO(irm_csv([row(), row(**{"Commitment Unique Identifier": "NO1000"})])))
    assert len(callbacks) == 1  # once for the import, not per chunk
    assert pending_count() == 0  # the enqueued task ran (tests run tasks at once)
    assert set(Commitment.objects.values_list("search_config", flat=True)) == {"english"}
    with django_capture_on_commit_callbacks() as callbacks:
        import_irm(io.BytesIO(irm_csv([row(), row(**{"Commitment Unique Identifier": "NO1000"})])))
    assert callbacks == []  # nothing changed, nothing pending


def test_an_updated_commitments_text_is_pending_only_when_its_words_changed():
    commitment = _import()
    index_search.enqueue()
    import_irm(io.BytesIO(irm_csv([row(**{**TITLE, "Start Date": "2021-02-01"})])))
    commitment.refresh_from_db()
    assert commitment.search_config == "english" and found(Commitment, "lobbying") == [commitment.pk]
    import_irm(io.BytesIO(irm_csv([row(**{"Commitment Title": "Whistleblower channels"})])))
    commitment.refresh_from_db()
    assert commitment.search_config == PENDING
    index_search.enqueue()
    assert found(Commitment, "whistleblower") == [commitment.pk] and found(Commitment, "lobbying") == []


def test_a_row_saved_by_a_service_meanwhile_keeps_its_fresh_text(monkeypatch):
    commitment = _import()
    refresh = search.refresh_search_text

    def saved_meanwhile(items):  # the task has read the rows; a service saves one before the task writes
        update_commitment(actor=None, commitment=Commitment.objects.get(), values={"title": "Whistleblowers"})
        return refresh(items)

    monkeypatch.setattr(search, "refresh_search_text", saved_meanwhile)
    assert index_search.enqueue().return_value == 0  # the row was no longer pending
    commitment.refresh_from_db()
    assert commitment.title == "Whistleblowers" and commitment.search_config == "english"
    assert found(Commitment, "whistleblowers") == [commitment.pk]
    assert found(Commitment, "lobbying") == []


def test_a_pending_row_saved_by_a_service_or_a_plain_save_is_indexed_then():
    commitment = _import()
    commitment.status = Commitment.Status.WITHDRAWN
    commitment.save(update_fields=["status"])
    commitment.refresh_from_db()
    assert commitment.search_config == "english" and found(Commitment, "lobbying") == [commitment.pk]
    assert index_search.enqueue().return_value == 0


def test_the_task_twice_and_the_command_are_harmless():
    commitment = _import()
    assert index_search.enqueue().return_value == 1
    commitment.refresh_from_db()
    indexed = (commitment.search_text, commitment.search_config)
    assert index_search.enqueue().return_value == 0
    call_command("index_search", verbosity=0)
    commitment.refresh_from_db()
    assert (commitment.search_text, commitment.search_config) == indexed
    assert found(Commitment, "lobbying") == [commitment.pk]


def test_milestones_are_indexed_too_in_batches_and_a_long_run_hands_the_rest_to_a_new_task(monkeypatch):
    denmark = f.jurisdiction(default_language="da")
    commitment = f.commitment(f.plan(jurisdiction=denmark), title="Åbne data")
    milestones = [f.milestone(commitment, activity=f"Gennemsigtige kommuner {n}") for n in range(5)]
    mark_search_pending(milestones)
    Milestone.objects.bulk_update(milestones, ["search_text", "search_config"])
    assert found(Milestone, "kommunerne") == [] and pending_count() == 5
    monkeypatch.setattr(search, "INDEX_BATCH", 2)
    monkeypatch.setattr(tasks, "INDEX_TASK_BATCHES", 1)
    enqueued = []

    class Counted:  # the task as its own body names it, counting the tasks it hands the rest to
        def enqueue(self):
            enqueued.append(1)
            return index_search.enqueue()

    monkeypatch.setattr(tasks, "index_search", Counted())
    assert index_search.call() == 2  # one batch of two, then a new task for the rest (run at once in tests)
    assert len(enqueued) == 2 and pending_count() == 0  # 2 + 2 + 1 rows
    assert sorted(found(Milestone, "kommunerne")) == sorted(m.pk for m in milestones)
    assert set(Milestone.objects.values_list("search_config", flat=True)) == {"danish"}


def test_a_language_change_leaves_pending_rows_to_the_task_which_reads_the_new_language():
    commitment = _import()
    update_jurisdiction(actor=None, jurisdiction=commitment.plan.jurisdiction, values={"default_language": "da"})
    commitment.refresh_from_db()
    assert (commitment.search_text, commitment.search_config) == ("", PENDING)
    index_pending()
    commitment.refresh_from_db()
    assert commitment.search_config == "danish" and found(Commitment, "lobbying") == [commitment.pk]


def test_the_scheduler_enqueues_the_indexing_of_rows_left_pending():
    _import()  # in a test the import's own enqueue (after its commit) never runs: as if its process died
    now = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    schedule.run_due(now)
    assert pending_count() == 0
    _import(**{"Commitment Title": "Whistleblower channels"})
    schedule.run_due(now + datetime.timedelta(minutes=1))  # same ten minutes: claimed already
    assert pending_count() == 1
    schedule.run_due(now + datetime.timedelta(minutes=11))
    assert pending_count() == 0 and found(Commitment, "whistleblower") != []


@pytest.mark.postgres
def test_the_vector_of_an_indexed_row_is_as_before_and_a_pending_rows_is_null():
    fields = Commitment.SEARCH_FIELDS
    pending = _import()
    indexed = f.commitment(f.plan(jurisdiction=f.jurisdiction(default_language="nb")), title="Åpne kommuner")
    simple = f.commitment(title="Åpne kommuner", identifier="X2")
    Commitment.objects.filter(pk=simple.pk).update(search_config="simple")
    before = per_row_search_vector_sql(fields, pending=False)  # the vector as migration 0006 made it
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, search_vector IS NULL, search_vector = ({before}) FROM commitments_commitment ORDER BY id"  # noqa: S608
        )
        assert cursor.fetchall() == [(pending.pk, True, None), (indexed.pk, False, True), (simple.pk, False, True)]


def test_a_failed_enqueue_after_the_commit_fails_no_import_and_the_sweep_catches_up(
    django_capture_on_commit_callbacks, monkeypatch
):
    class Unavailable:
        def enqueue(self):
            raise ConnectionError("the task queue is away")

    monkeypatch.setattr(tasks, "index_search", Unavailable())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = import_irm(io.BytesIO(irm_csv([row(**TITLE)])))
    assert len(callbacks) == 1 and result.created == 1 and pending_count() == 1
    monkeypatch.undo()
    schedule.run_due(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC))
    assert pending_count() == 0 and found(Commitment, "lobbying") == [Commitment.objects.get().pk]
