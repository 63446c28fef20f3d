"""A content-addressed cache of loaded packs, fact sets and parameters.

Parsing YAML and validating it with jsonschema costs more than evaluating a whole pack, and
importing jsonschema alone costs more than a bare interpreter start. Loaded objects are plain
frozen data, so they are pickled under a key made of the file's bytes, the kind of object and
the code version (for a fact set also the CSV files beside it); an unchanged file is never
parsed or validated twice. A damaged or
unreadable cache entry is ignored and rebuilt; writes are atomic (temporary file, then rename).
Set WOONPACT_CACHE=off to disable it, or WOONPACT_CACHE=<dir> to move it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from engine import __version__, collector, paths

T = TypeVar("T")


def _directory() -> Path | None:
    setting = os.environ.get("WOONPACT_CACHE", "")
    if setting.lower() in ("off", "0", "no"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "woonpact"


def _code_stamp() -> bytes:
    """Changes whenever the engine's code or schemas change, so stale entries are never used."""
    stamp = hashlib.sha256(__version__.encode())
    for folder in (Path(__file__).parent, paths.SCHEMAS):
        for file in sorted(folder.rglob("*")):
            if file.suffix in (".py", ".json", ".yaml"):
                stat = file.stat()
                stamp.update(f"{file}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    return stamp.digest()


_STAMP: bytes | None = None


def _companions(path: Path) -> bytes:
    """The CSV files beside a fact set, by size and modification time: a fact set may read its
    collections from them, so changing one must invalidate the entry too."""
    stamp = b""
    for csv in sorted(path.parent.glob("*.csv")):
        stat = csv.stat()
        stamp += f"{csv.name}:{stat.st_size}:{stat.st_mtime_ns};".encode()
    return stamp


def cached(path: Path, kind: str, load: Callable[[Path], T]) -> T:
    directory = _directory()
    if directory is None:
        return load(path)
    try:
        content = path.read_bytes()
    except OSError:
        return load(path)  # the loader reports the problem with the file
    global _STAMP
    if _STAMP is None:
        _STAMP = _code_stamp()
    companions = _companions(path) if kind == "facts" else b""
    digest = hashlib.sha256(_STAMP + kind.encode() + str(path.resolve()).encode() + content + companions).hexdigest()
    entry = directory / f"{kind}-{digest}.pickle"
    try:
        with entry.open("rb") as handle, collector.paused():
            return pickle.load(handle)  # noqa: S301 - our own cache directory, our own objects
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass
    value = load(path)
    _store(directory, entry, value)
    return value


def _store(directory: Path, entry: Path, value: object) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-")
    except OSError:
        return  # a cache that cannot be written only costs speed
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
    except (OSError, pickle.PicklingError, TypeError):
        Path(temporary).unlink(missing_ok=True)
