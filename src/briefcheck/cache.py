"""The user cache: results of earlier runs, and data that is slow to rebuild.

Everything lives in one folder, platformdirs' user cache dir for briefcheck
(``$BRIEFCHECK_CACHE_DIR`` overrides it). Each entry is named by a hash of what
it was built from, so a changed input simply misses. The cache is only an
optimisation: a missing, stale or unreadable entry is rebuilt, never an error,
and a cache dir that cannot be written is silently not written.

``disable()`` (the CLI's ``--no-cache``) turns reading and writing off for the
process: nothing is created in the cache dir.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from briefcheck import __version__

_enabled = True


def disable() -> None:
    global _enabled
    _enabled = False


def enabled() -> bool:
    return _enabled and os.environ.get("BRIEFCHECK_NO_CACHE", "") in ("", "0")


def cache_dir() -> Path:
    override = os.environ.get("BRIEFCHECK_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefcheck", appauthor=False))


def key(*parts: str | bytes) -> str:
    """A hash of ``parts`` and of the briefcheck version that built the entry."""
    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


def path_for(kind: str, name: str) -> Path:
    return cache_dir() / kind / name[:2] / name


def load(kind: str, name: str) -> Any | None:
    """The value stored under ``kind``/``name``, or None (missing, unreadable, disabled)."""
    if not enabled():
        return None
    try:
        # The cache dir belongs to the user running briefcheck, like ruff's.
        return pickle.loads(path_for(kind, name).read_bytes())  # noqa: S301
    except Exception:  # a missing, truncated or foreign file is a miss
        return None


def store(kind: str, name: str, value: Any) -> None:
    """Write atomically (a reader never sees half a file); failures are ignored."""
    if not enabled():
        return
    target = path_for(kind, name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except Exception:  # a full disk, or a value that cannot be pickled: no entry
        Path(tmp).unlink(missing_ok=True)


def code_stamp() -> str:
    """Sizes and mtimes of briefcheck's own modules and the data beside them
    (the checks' word lists): an edited checkout misses entries that an older
    copy of the code built (a renamed condition, say)."""
    package = Path(__file__).parent
    stamp = []
    for folder in (package, package / "checks"):
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if entry.is_file() and not entry.name.endswith(".pyc"):
                info = entry.stat()
                stamp.append(f"{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    return ";".join(stamp)


def dependency_versions(*names: str) -> str:
    """A stamp of installed packages: where each one's ``__init__`` is, its size
    and mtime. Found without importing them (spaCy takes a second) or reading
    their metadata (importlib.metadata takes a tenth); an upgrade rewrites the file.
    """
    import importlib.util

    found = []
    for name in names:
        try:
            origin = importlib.util.find_spec(name).origin
            info = os.stat(origin)
            found.append(f"{name}:{origin}:{info.st_size}:{info.st_mtime_ns}")
        except (AttributeError, ImportError, ValueError, TypeError, OSError):
            found.append(f"{name}:none")
    return ";".join(found)
