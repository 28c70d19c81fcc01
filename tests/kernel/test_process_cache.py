"""The default cache hands a cached public answer to every reader as it is (no pickle round trip: it
is frozen), and still copies what a reader could change, as Django's memory cache does."""

import pickle

import pytest
from django.core.cache import cache

from samskap.kernel.cache import ProcessMemoryCache
from samskap.kernel.pages import Answer
from tests import factories as f


@pytest.fixture
def memory():
    store = ProcessMemoryCache("test-process-cache", {"TIMEOUT": 60})
    store.clear()
    yield store
    store.clear()


def test_an_answer_is_handed_out_as_kept_without_unpickling(memory, monkeypatch):
    answer = Answer(b"x" * 10_000, b"zipped", {"Content-Type": "text/plain"}, "etag")
    memory.set("page", answer)
    monkeypatch.setattr(pickle, "loads", lambda *args: pytest.fail("unpickled"))
    assert memory.get("page") is answer
    assert memory.get("page") is answer
    memory.set("body", b"plain bytes")
    assert memory.get("body") == b"plain bytes"


def test_a_changeable_value_is_copied_as_django_does(memory):
    counts = {"a": 1}
    memory.set("counts", counts)
    counts["a"] = 2
    found = memory.get("counts")
    assert found == {"a": 1}
    found["a"] = 3
    assert memory.get("counts") == {"a": 1}
    assert memory.add("hits", 1) is True
    assert memory.incr("hits") == 2 and memory.get("hits") == 2


def test_add_clear_expiry_and_default(memory):
    answer = Answer(b"body", None, {}, "etag")
    assert memory.add("page", answer) is True
    assert memory.add("page", Answer(b"other", None, {}, "etag2")) is False
    assert memory.get("page") is answer
    memory.set("gone", answer, timeout=-1)  # already expired
    assert memory.get("gone", "default") == "default"
    memory.clear()
    assert memory.get("page") is None


@pytest.mark.django_db
def test_the_configured_cache_serves_a_public_page_from_the_kept_answer(client, monkeypatch):
    plan = f.plan()
    cache.clear()
    first = client.get(plan.get_absolute_url())
    assert first.status_code == 200
    monkeypatch.setattr(pickle, "loads", lambda *args: pytest.fail("a cached page was unpickled"))
    again = client.get(plan.get_absolute_url())
    assert again.status_code == 200 and again.content == first.content
