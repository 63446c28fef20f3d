"""The user's files, read and written so that nothing is half-read, half-written or lost.

Reading: only a regular file is read. A FIFO named `2026.yaml` would block for good and a
device never ends, so a file is opened without waiting (`O_NONBLOCK`, which makes no difference
to a regular file) and refused unless `fstat` says it is one; a file larger than `MAX_BYTES` is
refused before it is read (a 50 MB YAML file took 89 s and then printed 700,000 errors).

Writing (`replace`): the new content goes to a temporary file beside the target, named
`.<name>.<random>.woonpact-tmp`: hidden, and with a suffix no loader reads, so a run killed
halfway never leaves something that looks like a second fact file. It is flushed to disk,
optionally verified, and put in place with one atomic rename. A symbolic link is written
through: its target is replaced and the link stays. A file without write permission is refused,
even for root, who could write it anyway. Any failure (a full disk, a folder that cannot be
written) is one `InputError` and leaves the target as it was.

Locking (`exclusive`): a read-modify-write holds `flock` on the folder that holds the target.
The target itself cannot carry the lock, because the rename replaces it with a new file that a
waiting process has not locked; a lock file beside it would have to stay (removing it while
another process waits on it lets two in at once) and would show up in the user's folder and
version control. The folder is never replaced, and needs no write permission to be locked.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from woonpact.engine import notes
from woonpact.engine.errors import InputError, Problem

MAX_BYTES = 10 * 2**20  # the largest bundled fact set is 20 KB; a big city's lettings inline ~2 MB
TEMPORARY_SUFFIX = ".woonpact-tmp"
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def read(path: Path, limit: int | None = MAX_BYTES, links: bool = True,
         accept: Callable[[os.stat_result], bool] | None = None) -> bytes:
    """The bytes of the regular file at `path`; anything else is an `InputError` naming it.

    `limit=None`: a file whose reader bounds what it takes from it (a CSV file by its rows, a
    workbook by its unpacked size). `links=False` refuses a symbolic link; `accept` may refuse a
    file by its owner and mode."""
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | (0 if links else _NOFOLLOW))
    except FileNotFoundError:
        raise InputError(Problem("file.missing", file=path)) from None
    except OSError as exc:
        raise _unreadable(path, exc) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(Problem("file.is_directory", file=path))
        if not stat.S_ISREG(info.st_mode):
            raise InputError(Problem("file.not_regular", file=path))
        if accept is not None and not accept(info):
            raise InputError(Problem("file.not_accepted", file=path))
        if limit is not None and info.st_size > limit:
            raise InputError(Problem("file.too_large", file=path, params={"limit": limit // 2**20}))
        with open(fd, "rb", buffering=0, closefd=False) as handle:  # a descriptor
            data = handle.readall()  # one read of st_size bytes, unless it grows meanwhile
    except OSError as exc:
        raise _unreadable(path, exc) from None
    finally:
        os.close(fd)
    if limit is not None and len(data) > limit:
        raise InputError(Problem("file.too_large", file=path, params={"limit": limit // 2**20}))
    return data


def _unreadable(path: Path, exc: OSError) -> InputError:
    return InputError(Problem("file.unreadable", file=path, params={"detail": exc.strerror}))


def refuse_special(path: Path) -> None:
    """Refuse a path that names something other than a file or folder (a FIFO, a device) before
    a loader that opens it by name, such as openpyxl's, blocks on it."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # the loader names the problem
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise InputError(Problem("file.not_regular", file=path))


def replace(path: Path, data: bytes | Iterable[bytes], verify: Callable[[Path], None] | None = None,
            durable: bool = True, mode: int = 0o666) -> None:
    """Put `data` in place of the file at `path` (or create it with `mode`, less the umask) in
    one rename; an existing file keeps its mode. `data` may come in parts, written as they come
    (a national check's output, made agreement by agreement).

    `verify(temporary)` may inspect the written file and raise to stop; `durable` flushes it to
    the disk first, which a cache entry, checked by its own seal, can do without.
    """
    target = Path(os.path.realpath(path))
    try:
        existing: os.stat_result | None = target.stat()
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise _unwritable(path, exc) from None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise InputError(Problem("file.not_regular", file=path))
    if existing is not None and not existing.st_mode & stat.S_IWUSR:
        raise InputError(Problem("file.read_only", file=path))
    temporary = target.parent / f".{target.name}.{os.urandom(4).hex()}{TEMPORARY_SUFFIX}"
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW,
                     0o600 if existing is not None else mode)
    except OSError as exc:
        raise _unwritable(path, exc) from None
    try:
        try:
            for part in (data,) if isinstance(data, bytes) else data:
                _write_all(fd, part)
            if existing is not None:
                os.fchmod(fd, stat.S_IMODE(existing.st_mode))
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        if verify is not None:
            verify(temporary)
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise _unwritable(path, exc) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _unwritable(path: Path, exc: OSError) -> InputError:
    detail = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return InputError(Problem("file.disk_full", file=path, params={"detail": detail}))
    return InputError(Problem("file.unwritable", file=path, params={"detail": detail}))


@contextmanager
def exclusive(path: Path, wait: float) -> Iterator[None]:
    """Hold the lock of the folder of the file at `path` (of its target, for a link) for the
    block; wait at most `wait` seconds for another process to release it, then refuse."""
    import fcntl  # only `record` locks; every command imports this module

    folder = Path(os.path.realpath(path)).parent
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise _unwritable(path, exc) from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    busy = Problem("file.busy", file=path, params={"seconds": f"{wait:g}"})
                    raise InputError(busy) from None
                time.sleep(0.02)
            except OSError as exc:  # no locks on this file system: refused, not risk a lost write
                raise _unwritable(path, exc) from None
        yield
    finally:
        os.close(fd)  # releases the lock


def tell_leftovers(folder: Path, name: str = "") -> None:
    """A note for each temporary file a killed run left in `folder` (of the file `name` only,
    when given): nothing reads it, and it can be deleted."""
    prefix = f".{name}." if name else "."
    try:
        found = sorted(entry.name for entry in os.scandir(folder)
                       if entry.name.startswith(prefix) and entry.name.endswith(TEMPORARY_SUFFIX))
    except OSError:
        return
    for leftover in found:
        notes.tell(Problem("file.leftover", file=folder / leftover, severity="note"))
