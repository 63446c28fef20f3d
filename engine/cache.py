"""A content-addressed cache of loaded packs, fact sets and parameters.

Parsing YAML and validating it with jsonschema costs more than evaluating a whole pack, and
importing jsonschema alone costs more than a bare interpreter start. Loaded objects are plain
frozen data, so they are pickled under a key made of the file's bytes, the kind of object and
the code version (for a fact set also the CSV files beside it); an unchanged file is never
parsed or validated twice. Frozen dataclasses are rebuilt through their slots (`_restore`),
because the `__setstate__` dataclasses generate was most of a warm load. A damaged or
unreadable cache entry is ignored and rebuilt; writes are atomic (temporary file, then rename).
Set WOONPACT_CACHE=off to disable it, or WOONPACT_CACHE=<dir> to move it.
"""

from __future__ import annotations

import dataclasses
import functools
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
    return _folder(os.environ.get("WOONPACT_CACHE", ""), os.environ.get("XDG_CACHE_HOME", ""),
                   os.environ.get("HOME", ""))


@functools.cache
def _folder(setting: str, xdg_cache_home: str, home: str) -> Path | None:
    """Looked up for every file read, so resolved once per setting (`Path.home()` is slow)."""
    if setting.lower() in ("off", "0", "no"):
        return None
    if setting:
        return Path(setting)
    base = xdg_cache_home or str((Path(home) if home else Path.home()) / ".cache")
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
    with os.scandir(path.parent) as entries:  # a fact set is read often: no pathlib glob here
        found = sorted((entry.name, entry.stat()) for entry in entries if entry.name.endswith(".csv"))
    return "".join(f"{name}:{stat.st_size}:{stat.st_mtime_ns};" for name, stat in found).encode()


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
            value = pickle.load(handle)  # noqa: S301 - our own cache directory, our own objects
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        value = load(path)
        _store(directory, entry, value)
    return value


def _restore(cls: type[T], values: tuple[object, ...]) -> T:
    """Rebuild a frozen slotted dataclass through its slots' own setters.

    The `__setstate__` that dataclasses generate for these calls `fields()` and
    `object.__setattr__` for every field of every object: 1.3 s of a national sweep's 3.5 s
    warm load went there, for 280,000 rules, expressions and texts. This is about five times
    faster, and the classes themselves stay plain dataclasses."""
    setters = _SETTERS.get(cls)
    if setters is None:
        setters = _SETTERS[cls] = tuple(getattr(cls, f.name).__set__ for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    obj = object.__new__(cls)
    for setter, value in zip(setters, values):
        setter(obj, value)
    return obj


_SETTERS: dict[type, tuple[Callable[[object, object], None], ...]] = {}


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: object) -> object:
        cls = type(obj)
        params = getattr(cls, "__dataclass_params__", None)
        if params is not None and params.frozen and "__slots__" in cls.__dict__ and cls.__reduce__ is object.__reduce__:
            return _restore, (cls, tuple(getattr(obj, f.name) for f in dataclasses.fields(obj)))  # type: ignore[arg-type]
        return NotImplemented


def _store(directory: Path, entry: Path, value: object) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-")
    except OSError:
        return  # a cache that cannot be written only costs speed
    try:
        with os.fdopen(fd, "wb") as handle:
            _Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
        os.replace(temporary, entry)
    except (OSError, pickle.PicklingError, TypeError):
        Path(temporary).unlink(missing_ok=True)
