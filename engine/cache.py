"""A content-addressed cache of loaded packs, fact sets and parameters, that proves what it loads.

Parsing YAML and validating it with jsonschema costs more than evaluating a whole pack, and
importing jsonschema alone costs more than a bare interpreter start. Loaded objects are plain
frozen data, so they are pickled under a key made of everything the loaded object depends on:
the file's bytes and absolute path, the kind of object, for a fact set the CSV files beside it,
for a pack the national parameters (its expressions are checked against their names), and the
engine's version, code and schemas, and the Python version. An included pack is an entry of its
own, under its own bytes. An unchanged file is never parsed or validated twice. Beside loaded
files it keeps, by name (`remember`, `recall`), what the ladder's charts reached for the
histories of signals they have run (engine/ladder/runner.py): a pure function of the chart and
the signals that otherwise needs durable-rules, and its import, in every process.

Unpickling runs code, so an entry is only unpickled when it is proven to be this user's own:
- the folder (`$WOONPACT_CACHE`, else `$XDG_CACHE_HOME/woonpact`, else `~/.cache/woonpact`) is
  created with mode 0700, and a folder that belongs to someone else or that others may write
  in is not used at all (nor written into);
- it holds a secret `key` (32 random bytes, mode 0600, created once by the user);
- each entry starts with an HMAC-SHA256 of its name and content under that key; an entry is
  read without following links, must belong to the user and not be writable by others, and
  its seal is checked before anything is unpickled.
A foreign, damaged or truncated entry is ignored and rebuilt; `woonpact --verbose` says so.
The seal also binds an entry to its name, so an entry renamed onto another key is refused.

The folder is bounded: once its entries exceed `$WOONPACT_CACHE_MAX_MB` (default 1024 MB) the
least recently used are removed until three quarters remain (a hit refreshes an entry's
modification time at most once a day). Writes are atomic (engine/files.py). Set
WOONPACT_CACHE=off to disable it, or WOONPACT_CACHE=<dir> to move it; `woonpact cache info`
and `woonpact cache clear` show and empty it.

Speed matters most when loading warm, 2,052 fact sets and 342 packs for a national sweep:
- frozen slotted dataclasses (a national sweep's packs hold 220,000: rules, syntax trees,
  texts) are pickled as their class and slot values and restored through the slots' own
  setters: dataclasses' `__setstate__` looks up the fields and calls `object.__setattr__` per
  value, about 5 µs an object, 1.3 s for those packs;
- a file every agreement reads (the national pack it includes, the parameters) is unpickled
  once per process (`shared`); the loaded objects are immutable;
- the key reads the folder beside a fact set once and hashes the absolute path as given,
  without resolving links (pathlib's glob and resolve took 0.5 s);
- the folder and its key are checked once per process; an entry costs one `fstat` and one
  HMAC over its bytes (OpenSSL's, a few ms for the largest entry) on top of the read.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import hmac
import io
import os
import pickle
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from woonpact.engine import __version__, collector, files, notes, paths
from woonpact.engine.errors import InputError, Problem

T = TypeVar("T")

ENTRY_SUFFIX = ".pickle"
_KEY_FILE = "key"
_SEAL = 32  # bytes of HMAC-SHA256 before each entry's pickle
_DAY = 86_400


class _Store:
    """A cache folder proven to be the user's own, with its secret key. (A plain class: making a
    dataclass costs a millisecond at import, on every command's start-up.)"""

    __slots__ = ("folder", "key")

    def __init__(self, folder: Path, key: bytes) -> None:
        self.folder, self.key = folder, key


def folder() -> Path | None:
    """Where the cache lives, or None when it is turned off."""
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


def _store() -> _Store | None:
    where = folder()
    return None if where is None else _open(where)


@functools.cache
def _open(where: Path) -> _Store | None:
    """The folder checked and its key read or made: once per process and folder."""
    if not _usable(where):
        return None
    key = _key(where / _KEY_FILE)
    return None if key is None else _Store(where, key)


def _usable(where: Path) -> bool:
    """The folder made (mode 0700) or found, and the user's own, that nobody else may write in."""
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = where.stat()
    except OSError as exc:
        notes.tell(Problem("cache.unusable", file=where, severity="detail",
                           params={"detail": exc.strerror or str(exc)}))
        return False
    if not (stat.S_ISDIR(info.st_mode) and _own(info)):
        notes.tell(Problem("cache.foreign_folder", file=where, severity="detail"))
        return False
    return True


def _own(info: os.stat_result) -> bool:
    """The user's, and nobody else may write it."""
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _key(path: Path) -> bytes | None:
    """The folder's secret: the user's own file, readable by nobody else, of the right length."""
    try:
        key = files.read(path, _SEAL, links=False,
                         accept=lambda info: _own(info) and not info.st_mode & 0o077)
        if len(key) == _SEAL:
            return key
    except InputError as error:
        if error.problems[0].key == "file.missing":
            return _new_key(path)
    notes.tell(Problem("cache.foreign_key", file=path, severity="detail"))
    return None


def _new_key(path: Path) -> bytes | None:
    """A new secret, made visible at once and whole: written to a private file, then linked to
    its name, which fails when another process was first (its key is then read instead)."""
    key = os.urandom(_SEAL)
    temporary = path.with_name(f".{path.name}.{os.urandom(4).hex()}{files.TEMPORARY_SUFFIX}")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(fd, "wb") as handle:  # an open descriptor
            handle.write(key)
        os.link(temporary, path)
    except FileExistsError:
        return _key(path)
    except OSError:
        return None
    finally:
        temporary.unlink(missing_ok=True)
    return key


def _code_stamp() -> bytes:
    """Changes whenever the engine's code or schemas change, so stale entries are never used."""
    stamp = hashlib.sha256(f"{__version__} {sys.version}".encode())
    for folder in (Path(__file__).parent, paths.SCHEMAS):
        for file in sorted(folder.rglob("*")):
            if file.suffix in (".py", ".json", ".yaml"):
                info = file.stat()
                stamp.update(f"{file}:{info.st_mtime_ns}:{info.st_size}".encode())
    return stamp.digest()


_STAMP: bytes | None = None


def _companions(path: Path) -> bytes:
    """The CSV files beside a fact set, by size and modification time: a fact set may read its
    collections from them, so changing one must invalidate the entry too."""
    with os.scandir(path.parent) as entries:
        found = sorted((entry.name, entry.stat()) for entry in entries
                       if entry.name.endswith(".csv") and not entry.name.startswith("."))  # as glob
    return "".join(f"{name}:{info.st_size}:{info.st_mtime_ns};" for name, info in found).encode()


_SHARED: dict[Path, Any] = {}


def forget_shared() -> None:
    """Drop what this process keeps (the objects of shared files, the checked folder), so that
    the next loads start as a new process does (the benchmark's warm loads)."""
    _SHARED.clear()
    _open.cache_clear()
    _USAGE.clear()


def cached(path: Path, kind: str, load: Callable[[Path], T], shared: bool = False,
           depends: tuple[Path, ...] = (),
           current: Callable[[T], bool] | None = None) -> T:
    """`load(path)`, or the object a previous load of the same bytes left in the cache.

    `shared`: a file that many agreements read in one process (an included pack, the
    parameters); its object is kept and handed out again rather than unpickled each time.
    `depends`: other files whose bytes the loaded object depends on (a pack: the parameters).
    `current`: whether a stored object still holds; one that does not is loaded afresh (a fact
    set validated against figures its pack has since declared otherwise)."""
    store = _store()
    if store is None:
        return load(path)
    entry = _entry(store, path, kind, depends)
    if shared and entry in _SHARED:
        return _SHARED[entry]  # type: ignore[no-any-return]
    value = _unpickled(store, entry)
    if value is None or (current is not None and not current(value)):
        value = load(path)
        if _entry(store, path, kind, depends) == entry:
            _keep(store, entry, value)
        # else the file (or a CSV beside it, or a file it depends on) changed while it was
        # read, say saved from an editor: what was loaded may be the new version, and kept under
        # the old version's name a later check of the old bytes would be served the new
        # findings. It is used for this check only. (Changed and changed back within one load
        # would pass unseen: no editor saves that fast.)
    if shared:
        _SHARED[entry] = value
    return value  # type: ignore[no-any-return]


def _digest(path: Path) -> bytes:
    """The SHA-256 of a file, worked out once per process for each version of it (by size and
    time of change): every pack of a national sweep depends on the same parameters file."""
    info = path.stat()
    version = (path, info.st_size, info.st_mtime_ns, info.st_ino)
    if version not in _DIGESTS:
        _DIGESTS[version] = hashlib.sha256(files.read(path)).digest()
    return _DIGESTS[version]


_DIGESTS: dict[tuple[Path, int, int, int], bytes] = {}


def _entry(store: _Store, path: Path, kind: str, depends: tuple[Path, ...] = ()) -> Path:
    """Where a load of `path` as `kind` is kept: named by everything the object depends on. A
    file that cannot be read is refused here as the loader would refuse it."""
    content = files.read(path)
    companions = _companions(path) if kind == "facts" else b""
    where = os.path.abspath(path).encode()
    digest = hashlib.sha256(_stamp() + kind.encode() + where + content + companions)
    for other in depends:
        digest.update(_digest(other))
    return store.folder / f"{kind}-{digest.hexdigest()}{ENTRY_SUFFIX}"


def _stamp() -> bytes:
    global _STAMP
    if _STAMP is None:
        _STAMP = _code_stamp()
    return _STAMP


def recall(kind: str, name: str) -> Any:
    """What `remember` kept under `name`, else None (also without a cache). For the results of
    a pure function that no file holds (the ladder's positions for one chart's histories):
    they are sealed like a loaded file's object and are as current as the engine's code."""
    store = _store()
    return None if store is None else _unpickled(store, _named(store, kind, name))


def remember(kind: str, name: str, value: object) -> None:
    """Keep `value` under `name` for a later process (`recall`); a cache that cannot be
    written only costs speed."""
    store = _store()
    if store is not None:
        _keep(store, _named(store, kind, name), value)


def _named(store: _Store, kind: str, name: str) -> Path:
    digest = hashlib.sha256(_stamp() + b"named " + kind.encode() + b"\0" + name.encode())
    return store.folder / f"{kind}-{digest.hexdigest()}{ENTRY_SUFFIX}"


def stored(path: Path, kind: str, depends: tuple[Path, ...] = ()) -> bool | None:
    """Whether a load of `path` as `kind` would come from the cache (an entry is there; its seal
    is checked when it is read); None when there is no cache to fill (WOONPACT_CACHE=off)."""
    store = _store()
    if store is None:
        return None
    try:
        return _entry(store, path, kind, depends).exists()
    except InputError:
        return False  # the loader reports the problem with the file


def _unpickled(store: _Store, entry: Path) -> Any:
    """The entry's object when the entry is proven to be the user's own, else None."""
    payload = _sealed(store, entry)
    if payload is None:
        return None
    try:
        with collector.paused():
            return pickle.loads(payload)  # noqa: S301 - sealed with the user's own key
    except Exception:  # noqa: BLE001 - sealed but unreadable to this code: rebuilt like any other
        notes.tell(Problem("cache.entry_damaged", file=entry, severity="detail"))
        return None


def _sealed(store: _Store, entry: Path) -> memoryview | None:
    """The entry's pickle, when it is the user's own file and its seal matches, else None."""
    try:
        data = memoryview(files.read(entry, limit(), links=False, accept=_own))
    except InputError as error:
        if error.problems[0].key != "file.missing":  # missing: not cached yet
            notes.tell(Problem("cache.entry_foreign", file=entry, severity="detail"))
        return None
    if not hmac.compare_digest(data[:_SEAL], _seal(store, entry, data[_SEAL:])):
        notes.tell(Problem("cache.entry_damaged", file=entry, severity="detail"))
        return None
    _touch(entry)
    return data[_SEAL:]


def _seal(store: _Store, entry: Path, payload: bytes | memoryview) -> bytes:
    seal = hmac.new(store.key, entry.name.encode(), hashlib.sha256)
    seal.update(payload)
    return seal.digest()


def _touch(entry: Path) -> None:
    """Mark the entry used, for pruning by least recent use; once a day is close enough."""
    try:
        if time.time() - entry.stat().st_mtime > _DAY:
            os.utime(entry)
    except OSError:
        pass  # only the order of pruning depends on it


_USAGE: dict[Path, int] = {}


def _keep(store: _Store, entry: Path, value: object) -> None:
    try:
        payload = dumps(value)
    except (pickle.PicklingError, TypeError, AttributeError):
        return
    try:
        files.replace(entry, _seal(store, entry, payload) + payload, durable=False, mode=0o600)
    except InputError:
        return  # a cache that cannot be written only costs speed
    if store.folder not in _USAGE:
        _USAGE[store.folder] = _prune(store.folder, limit())
    else:
        _USAGE[store.folder] += _SEAL + len(payload)
        if _USAGE[store.folder] > limit():
            _USAGE[store.folder] = _prune(store.folder, limit())


def limit() -> int:
    """The most bytes the entries may take, from WOONPACT_CACHE_MAX_MB."""
    try:
        return int(os.environ.get("WOONPACT_CACHE_MAX_MB", "1024")) * 2**20
    except ValueError:
        return 1024 * 2**20


def _entries(where: Path) -> list[os.DirEntry[str]]:
    """The cache's own files in the folder: entries, and temporary files older than an hour."""
    found = []
    with os.scandir(where) as listing:
        for entry in listing:
            if entry.name.endswith(ENTRY_SUFFIX) or (
                    entry.name.endswith(files.TEMPORARY_SUFFIX)
                    and time.time() - entry.stat(follow_symlinks=False).st_mtime > 3600):
                found.append(entry)
    return found


def _prune(where: Path, limit: int) -> int:
    """Remove the least recently used entries once the folder holds more than `limit` bytes,
    down to three quarters of it; the bytes that remain."""
    try:
        sized = sorted((info.st_mtime, info.st_size, e.path)
                       for e in _entries(where) for info in [e.stat(follow_symlinks=False)])
    except OSError:
        return 0
    total = sum(size for _, size, _ in sized)
    if total <= limit:
        return total
    for _, size, name in sized:
        try:
            os.unlink(name)
        except OSError:
            continue
        total -= size
        if total <= limit * 3 // 4:
            break
    return total


def info() -> tuple[Path | None, bool, int, int]:
    """What `woonpact cache info` shows: the folder (None: off), whether it is used, and the
    number and bytes of its entries."""
    where = folder()
    if where is None or not where.exists():  # not made until something is cached
        return where, where is not None, 0, 0
    store = _open(where)
    try:
        found = [e.stat(follow_symlinks=False).st_size for e in _entries(where)
                 if e.name.endswith(ENTRY_SUFFIX)] if store is not None else []
    except OSError:
        found = []
    return where, store is not None, len(found), sum(found)


def clear() -> int:
    """Remove every entry (and the key, so a copy of an old entry can never be read again);
    the number of entries removed. A folder that is not the user's own is not touched."""
    where = folder()
    if where is None or not where.exists():
        return 0
    if not _usable(where):
        raise InputError(Problem("cache.foreign_folder", file=where))
    removed = 0
    for entry in _entries(where):
        try:
            os.unlink(entry.path)
        except OSError:
            continue
        removed += entry.name.endswith(ENTRY_SUFFIX)
    (where / _KEY_FILE).unlink(missing_ok=True)
    forget_shared()
    return removed


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
            params is not None and params.frozen
            and not any("__reduce__" in vars(base) for base in bases)
            and all("__slots__" in base.__dict__ for base in bases)
            and sorted(slots) == sorted(names)
        ) else None
    return _SLOT_FIELDS[cls]


def _restore(cls: type, values: tuple[Any, ...]) -> Any:
    """An object pickled by `_Pickler`: its slots set through their own setters, so neither
    `__init__` nor `__post_init__` runs; what a class derives must be a field of its own
    (docs/design.md, "Clever parts and their rules"; tests/test_cache.py)."""
    setters = _SETTERS.get(cls)
    if setters is None:
        setters = _SETTERS[cls] = tuple(getattr(cls, name).__set__ for name in _slot_fields(cls)
                                        or ())
    obj: Any = _new(cls)
    for set_slot, value in zip(setters, values):
        set_slot(obj, value)
    return obj


_new = object.__new__
