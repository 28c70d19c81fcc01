"""The site search over submissions: every write path keeps its index right (SQLite's FTS5 table is kept
by triggers), it finds the newest first, one government's only when asked, and never what is not public."""

import datetime
import random
import uuid

import pytest
from django.db import connection

from samskap.consultations import services
from samskap.consultations.models import Submission
from samskap.consultations.public import SUBMISSION
from samskap.consultations.selectors import newest_found
from samskap.consultations.text import SEARCH_INDEX
from samskap.kernel.search import ensure_fts
from tests import factories as f

pytestmark = pytest.mark.django_db


def found(query: str, **kwargs) -> list[int]:
    return [item.pk for item in newest_found(SUBMISSION.rows(), query, 10, **kwargs)]


def site_search(client, query: str) -> list[str]:
    response = client.get("/nb/search/", {"q": query, "kind": "submissions"})
    assert response.status_code == 200
    return [hit.url for group in response.context["groups"] for hit in group.hits]


def test_a_submission_sent_confirmed_and_hidden_through_the_services(client):
    consultation = f.consultation()
    moderator = f.user(role="moderator")
    values = {
        "name": "Kari",
        "email": "kari@example.no",
        "respondent_type": "citizen",
        "text": "Kommunenes postjournaler bør være søkbare.",
        "consent": "named",
    }
    sent = services.submit(consultation=consultation, form_token=uuid.uuid4(), values=values).submission
    assert found("postjournalene") == []  # not confirmed: not public
    services.confirm(submission=sent)
    assert found("postjournalene") == [sent.pk]
    assert found("kommunene") == [sent.pk]  # another form, the same stem
    assert site_search(client, "postjournal") == [sent.get_absolute_url()]
    services.hide(actor=moderator, submission=sent, reason="Personopplysninger")
    assert found("postjournalene") == []  # moderation: a hidden submission is never found
    assert site_search(client, "postjournal") == []


def test_held_for_moderation_until_approved():
    consultation = f.consultation(moderation=True)
    held = f.submission(consultation, text="Innsyn i algoritmer", status=Submission.Status.UNCONFIRMED)
    services.confirm(submission=held)
    assert found("algoritmene") == []
    services.approve(actor=f.user(role="moderator"), submission=held)
    assert found("algoritmene") == [held.pk]


def test_bulk_inserts_are_indexed_and_deletes_leave_nothing_behind():
    from bench.submissions import add_submissions

    consultation = f.consultation()
    start = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    add_submissions(consultation, 30, random.Random(1), [], start=start)
    matching = [s.pk for s in Submission.objects.filter(text__icontains="kommune").order_by("-pk")]
    assert matching and found("kommunene") == matching[:10]
    consultation.delete()
    assert found("kommunene") == []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # The walk checks every entry against the table; the index itself must not keep deleted rows.
            cursor.execute(
                "SELECT count(*) FROM consultations_submission_fts WHERE consultations_submission_fts MATCH %s",
                ['search_text : "kommun"*'],
            )
            assert cursor.fetchone()[0] == 0


def test_a_changed_search_text_is_found_by_its_new_words_only():
    from samskap.consultations.text import normalise_for_search

    submission = f.submission(f.consultation(), text="Om postlister")
    submission.text = "Om offentlige anskaffelser"
    submission.search_text = normalise_for_search(submission.text)
    submission.save(update_fields=["text", "search_text"])
    assert found("anskaffelser") == [submission.pk]
    assert found("postlister") == []


def test_newest_first_and_one_governments_consultations():
    here, there = f.consultation(), f.consultation()
    ours = [f.submission(here, text=f"Åpne data nummer {n}").pk for n in range(12)]
    theirs = f.submission(there, text="Åpne data der borte").pk
    assert found("data") == [theirs, *ours[::-1]][:10]
    assert found("data", consultation_ids=[here.pk]) == ours[::-1][:10]
    assert found("data", consultation_ids=[there.pk]) == [theirs]
    assert found("data", consultation_ids=[]) == []


def test_words_must_all_start_a_word_of_the_text():
    submission = f.submission(f.consultation(), text="Reelle rettighetshavere i registeret")
    assert found("reelle rettighetshavere") == [submission.pk]
    assert found("reelle algoritmer") == []
    assert found("havere") == []  # inside a word: not the start of one
    assert found('"; DROP TABLE x --') == []  # only word characters reach the index
    assert found("   ") == []


def test_the_index_comes_back_whole_when_a_table_rebuild_dropped_its_triggers():
    submission = f.submission(f.consultation(), text="Innsyn i kommunenes postlister")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # What SQLite's schema editor does to alter the table: the triggers go with the old table.
            cursor.execute("DROP TRIGGER consultations_submission_fts_insert")
        late = f.submission(f.consultation(), text="Postlister på nett")  # not indexed: no trigger
        assert found("postlister") == [submission.pk]
        assert ensure_fts(connection, "consultations_submission", **SEARCH_INDEX)  # what post_migrate does
        assert found("postlister") == [late.pk, submission.pk]
    assert not ensure_fts(connection, "consultations_submission", **SEARCH_INDEX)  # whole (or PostgreSQL)
    assert found("postlister")[-1] == submission.pk


def test_an_old_match_behind_many_newer_submissions_is_found(monkeypatch):
    from samskap.consultations import selectors

    monkeypatch.setattr(selectors, "RECENT", 2)  # PostgreSQL walks only the newest two, then asks the index
    consultation = f.consultation()
    old = [f.submission(consultation, text=f"Reelle rettighetshavere {n}").pk for n in range(3)]
    for n in range(4):
        f.submission(consultation, text=f"Noe annet {n}")
    newer = f.submission(consultation, text="Rettighetshavere igjen").pk
    assert found("rettighetshavere") == [newer, *old[::-1]]
    assert [s.pk for s in newest_found(SUBMISSION.rows(), "rettighetshavere", 2)] == [newer, old[-1]]
