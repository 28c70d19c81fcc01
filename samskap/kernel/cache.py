"""The default cache: Django's per-process memory cache, which hands immutable values out as they are.

Django's `LocMemCache` pickles every value it keeps and unpickles it on every read, so that a caller
cannot change what the next one gets. For a cached public answer (`kernel.pages.Answer`: bytes and a
few headers, frozen) that copy is pure cost: unpickling was about half the CPU of serving the
site-wide calendar (2.2 MB) from the cache, and a quarter for the API's page of 100 commitments.
Values of an `Immutable` class, and bytes, are kept as they are; everything else is pickled as Django
does. A shared cache (the database or memcached, `SAMSKAP_CACHE_BACKEND`) pickles as it must.
"""

import pickle
from collections import OrderedDict
from threading import Lock
from typing import TYPE_CHECKING, Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


class Immutable:
    """Base of a value that no one changes after it is made (a frozen dataclass with slots), which a
    per-process cache may therefore hand to every reader without a copy."""

    __slots__ = ()


class _AsIs:
    """A value kept without pickling (a pickled value is `bytes`, so bytes kept as they are need this
    wrapper to be told apart)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def _shared(value: Any) -> bool:
    return isinstance(value, Immutable | bytes)


class ProcessMemoryCache(LocMemCache):
    """`LocMemCache` without the pickle round trip for immutable values (see the module)."""

    if TYPE_CHECKING:  # LocMemCache's own state and helpers, which django-stubs leave out
        _cache: OrderedDict[str, Any]
        _lock: Lock

        def _has_expired(self, key: str) -> bool: ...
        def _delete(self, key: str) -> bool: ...
        def _set(self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT) -> None: ...

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            stored = self._cache[key]
            self._cache.move_to_end(key, last=False)
        if isinstance(stored, _AsIs):
            return stored.value
        return pickle.loads(stored)  # noqa: S301 (this process's own memory, as in Django's LocMemCache)

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        if not _shared(value):
            super().set(key, value, timeout, version)
            return
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            self._set(key, _AsIs(value), timeout)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        if not _shared(value):
            return bool(super().add(key, value, timeout, version))
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._set(key, _AsIs(value), timeout)
                return True
            return False
