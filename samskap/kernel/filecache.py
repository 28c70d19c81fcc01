"""Large generated files (the whole site's open data as ZIP, JSON, XLSX) kept on disk per version of the
data, so that each is built once per change, not once per request: a crawler that asks for the
whole-site ZIP a hundred times costs one build.

The files live under `settings.SAMSKAP_FILE_CACHE` (by default `MEDIA_ROOT/cache`). With several app
servers, each builds its own copy unless that folder is shared; either is correct, since the name holds
the version. While one request builds a file, another asking for the same one is told to come back
(None here; the view answers 503 with Retry-After) instead of building it a second time.
"""

import hashlib
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from django.conf import settings

STALE_LOCK_SECONDS = 15 * 60  # a build that died leaves its lock; after this it is taken over


def directory() -> Path:
    folder = Path(getattr(settings, "SAMSKAP_FILE_CACHE", "") or Path(settings.MEDIA_ROOT) / "cache")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _lock(path: Path) -> bool:
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        return True
    except FileExistsError:
        try:
            if time.time() - path.stat().st_mtime > STALE_LOCK_SECONDS:
                path.unlink(missing_ok=True)
                return _lock(path)
        except FileNotFoundError:
            return _lock(path)
        return False


def cached_file(name: str, version: str, suffix: str, write: Callable[[IO[bytes]], None]) -> Path | None:
    """The file `name` for this `version` of the data, built by `write` when it is not there yet; None
    while another request builds it. Older versions of the same name are removed once a new one is in."""
    folder = directory()
    digest = hashlib.sha256(version.encode()).hexdigest()[:16]
    path = folder / f"{name}.{digest}{suffix}"
    if path.exists():
        return path
    lock = folder / f"{name}.{digest}.lock"
    if not _lock(lock):
        return None
    try:
        if path.exists():  # built by another request between our check and our lock
            return path
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".building-", delete=False) as out:
            try:
                write(out)
            except BaseException:
                out.close()
                os.unlink(out.name)
                raise
        os.replace(out.name, path)  # whole or not at all: a reader never sees half a file
        for old in folder.glob(f"{name}.*{suffix}"):
            if old != path:
                old.unlink(missing_ok=True)
        return path
    finally:
        lock.unlink(missing_ok=True)
