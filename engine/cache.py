"""A content-addressed cache of loaded packs, fact sets and parameters.

Parsing YAML and validating it with jsonschema costs more than evaluating a whole pack, and
importing jsonschema alone costs more than a bare interpreter start. Loaded objects are plain
frozen data, so they are pickled under a key made of the file's bytes, the kind of object and
the code version (for a fact set also the CSV files beside it); an unchanged file is never
parsed or validated twice. A damaged or
unreadable cache entry is ignored and rebuilt; writes are atomic (temporary file, then rename).
Set WOONPACT_CACHE=off to disable it, or WOONPACT_CACHE=<dir> to move it.

Speed matters most when loading warm, 2,052 fact sets and 342 packs for a national sweep:
- frozen slotted dataclasses (a national sweep's packs hold 220,000: rules, syntax trees,
  texts) are pickled as their class and slot values and restored through the slots' own
  setters: dataclasses' `__setstate__` looks up the fields and calls `object.__setattr__` per
  value, about 5 µs an object, 1.3 s for those packs;
- a file every agreement reads (the national pack it includes, the parameters) is unpickled
  once per process (`shared`); the loaded objects are immutable;
- the key reads the folder beside a fact set once and hashes the absolute path as given,
  without resolving links (pathlib's glob and resolve took 0.5 s).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from woonpact.engine import __version__, collector, paths

T = TypeVar("T")


def _directory() -> Path | None:
    return _folder(os.environ.get("WOONPACT_CACHE", ""), os.environ.get("XDG_CACHE_HOME", ""),
                   os.environ.get("HOME", ""))


@functools.cache
def _folder(setting: str, xdg_cache_home: str, home: str) -> Path | None:
    """Asked for every file read, so worked out once per setting (`Path.home()` is slow)."""
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
    with os.scandir(path.parent) as entries:
        found = sorted((entry.name, entry.stat()) for entry in entries
                       if entry.name.endswith(".csv") and not entry.name.startswith("."))  # as glob
    return "".join(f"{name}:{stat.st_size}:{stat.st_mtime_ns};" for name, stat in found).encode()


_SHARED: dict[Path, Any] = {}


def forget_shared() -> None:
    """Drop the objects kept for shared files, so that the next loads start as a new process
    does (the benchmark's warm loads)."""
    _SHARED.clear()


def cached(path: Path, kind: str, load: Callable[[Path], T], shared: bool = False) -> T:
    """`load(path)`, or the object a previous load of the same bytes left in the cache.

    `shared`: a file that many agreements read in one process (an included pack, the
    parameters); its object is kept and handed out again rather than unpickled each time."""
    directory = _directory()
    entry = None if directory is None else _entry(directory, path, kind)
    if directory is None or entry is None:
        return load(path)  # no cache, or a file the loader reports the problem with
    if shared and entry in _SHARED:
        return _SHARED[entry]  # type: ignore[no-any-return]
    try:
        with entry.open("rb") as handle, collector.paused():
            value = pickle.load(handle)  # noqa: S301 - our own cache directory, our own objects
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        value = load(path)
        _store(directory, entry, value)
    if shared:
        _SHARED[entry] = value
    return value  # type: ignore[no-any-return]


def _entry(directory: Path, path: Path, kind: str) -> Path | None:
    """Where a load of `path` as `kind` is kept; None when the file cannot be read."""
    try:
        content = path.read_bytes()
    except OSError:
        return None
    global _STAMP
    if _STAMP is None:
        _STAMP = _code_stamp()
    companions = _companions(path) if kind == "facts" else b""
    where = os.path.abspath(path).encode()
    digest = hashlib.sha256(_STAMP + kind.encode() + where + content + companions).hexdigest()
    return directory / f"{kind}-{digest}.pickle"


def stored(path: Path, kind: str) -> bool | None:
    """Whether a load of `path` as `kind` would come from the cache; None when there is no
    cache to fill (WOONPACT_CACHE=off)."""
    directory = _directory()
    if directory is None:
        return None
    entry = _entry(directory, path, kind)
    return entry is not None and entry.exists()


def _store(directory: Path, entry: Path, value: object) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-")
    except OSError:
        return  # a cache that cannot be written only costs speed
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(dumps(value))
        os.replace(temporary, entry)
    except (OSError, pickle.PicklingError, TypeError):
        Path(temporary).unlink(missing_ok=True)


def dumps(value: object) -> bytes:
    """`value` pickled the way the cache stores it (`pickle.loads` reads it back)."""
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        names = _slot_fields(type(obj))
        if names is None:
            return NotImplemented
        return _restore, (type(obj), tuple(getattr(obj, name) for name in names))


_SLOT_FIELDS: dict[type, tuple[str, ...] | None] = {}
_SETTERS: dict[type, tuple[Callable[[Any, Any], None], ...]] = {}


def _slot_fields(cls: type) -> tuple[str, ...] | None:
    """The fields of a frozen dataclass whose slots hold exactly its fields and that pickles the
    default way, else None."""
    if cls not in _SLOT_FIELDS:
        params = getattr(cls, "__dataclass_params__", None)
        names = tuple(f.name for f in dataclasses.fields(cls)) if params is not None else ()
        bases = cls.__mro__[:-1]  # without object
        slots = [name for base in bases for name in base.__dict__.get("__slots__", ())]
        _SLOT_FIELDS[cls] = names if (
            params is not None and params.frozen and cls.__reduce__ is object.__reduce__
            and all("__slots__" in base.__dict__ for base in bases) and sorted(slots) == sorted(names)
        ) else None
    return _SLOT_FIELDS[cls]


def _restore(cls: type, values: tuple[Any, ...]) -> Any:
    """An object pickled by `_Pickler`: its slots set through their own setters."""
    setters = _SETTERS.get(cls)
    if setters is None:
        setters = _SETTERS[cls] = tuple(getattr(cls, name).__set__ for name in _slot_fields(cls) or ())
    obj: Any = _new(cls)
    for set_slot, value in zip(setters, values):
        set_slot(obj, value)
    return obj


_new = object.__new__
