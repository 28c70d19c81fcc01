"""kernel.writer: writes run by a thread of their own on the caller's connection, in its transaction, in
order; the caller's reads see them; a failed write rolls the whole transaction back; the writes are tracked
by kernel.versions."""

import sys
import threading

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction

from samskap.history.models import ChangeRecord
from samskap.kernel import versions
from samskap.kernel.bulk import prepared_insert_rows
from samskap.kernel.writer import SWITCH_INTERVAL, Writer
from tests import factories as f

pytestmark = pytest.mark.django_db

FIELDS = ("content_type_id", "object_id", "object_repr", "action", "changes", "actor_name")


def _records(*names: str) -> list[tuple[object, ...]]:
    kind = ContentType.objects.get_for_model(ChangeRecord).pk
    return [(kind, 1, name, "created", {"name": {"old": None, "new": name}}, "") for name in names]


def _fail() -> None:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO no_such_table (id) VALUES (1)")


def _writer_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("writer-")]


def test_writes_run_in_order_in_another_thread_and_a_read_sees_every_earlier_write():
    threads: list[int] = []
    interval = sys.getswitchinterval()
    with transaction.atomic(), Writer() as writer:
        assert sys.getswitchinterval() == min(interval, SWITCH_INTERVAL)
        writer.submit(lambda: threads.append(threading.get_ident()))
        writer.submit(prepared_insert_rows(ChangeRecord, FIELDS, _records("first", "second")))
        writer.submit(lambda: ChangeRecord.objects.filter(object_repr="first").update(object_repr="first, changed"))
        # This thread's read waits for the writes submitted before it.
        assert sorted(ChangeRecord.objects.values_list("object_repr", flat=True)) == ["first, changed", "second"]
    assert threads and threads[0] != threading.get_ident()
    assert sys.getswitchinterval() == interval  # the process's own again
    assert ChangeRecord.objects.count() == 2
    assert not _writer_threads()


def test_an_unordered_read_does_not_wait_for_the_writes_queued():
    f.plan()  # a row the queued write does not touch
    release = threading.Event()
    with transaction.atomic(), Writer() as writer:
        writer.submit(release.wait, 30)
        writer.submit(prepared_insert_rows(ChangeRecord, FIELDS, _records("later")))
        with writer.unordered():
            assert ChangeRecord.objects.count() == 0  # read at once, while the writer is still held
            assert writer.done == 0
        release.set()
        assert ChangeRecord.objects.count() == 1  # an ordered read waits


def test_a_failed_write_is_raised_in_the_callers_thread_and_everything_rolls_back():
    ran: list[str] = []

    def write_then_read() -> None:
        with transaction.atomic(), Writer() as writer:
            writer.submit(prepared_insert_rows(ChangeRecord, FIELDS, _records("before")))
            writer.submit(_fail)
            writer.submit(lambda: ran.append("after"))  # skipped after the error
            ChangeRecord.objects.count()  # the error comes out here, not a "transaction aborted" one
            ran.append("read")

    with pytest.raises(DatabaseError, match="no_such_table"):
        write_then_read()
    assert ran == []
    assert not ChangeRecord.objects.exists()
    assert not _writer_threads()
    assert connection.execute_wrappers.count(versions.track_writes) == 1
    assert len(connection.execute_wrappers) == 1  # the writer's own wrapper went with it


class Stop(Exception):
    pass


def test_an_error_of_the_callers_thread_stops_the_writer_and_rolls_back_its_writes():
    def write_then_fail() -> None:
        with transaction.atomic(), Writer() as writer:
            writer.submit(prepared_insert_rows(ChangeRecord, FIELDS, _records("written")))
            writer.wait()
            raise Stop

    with pytest.raises(Stop):
        write_then_fail()
    assert not ChangeRecord.objects.exists()
    assert not _writer_threads()
    assert not connection.allow_thread_sharing


@pytest.mark.django_db(transaction=True)
def test_the_writers_writes_bump_their_scopes_after_the_commit():
    before = versions.stamp(["history"])
    with transaction.atomic(), Writer() as writer:
        writer.submit(prepared_insert_rows(ChangeRecord, FIELDS, _records("tracked")))
        writer.wait()
        assert versions.stamp(["history"]) == before  # after the commit, as any write
    assert versions.stamp(["history"]) != before
