"""`woonpact record` loses nothing: concurrent calls each land once, links, read-only files, line
endings, a full disk and a folder that cannot be written are handled, and the loaders never read
a temporary file, a hidden file or a FIFO (issue 11)."""

from __future__ import annotations

import errno
import fcntl
import os
import resource
import shutil
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support import BUNDLED_FACTS
from woonpact.cli import main
from woonpact.engine.facts import record as recording
from woonpact.engine.facts.loader import load_fact_set
from woonpact.engine.output.result import ExitCode

RECORD = ("--rule", "3.2-4", "--rung", "overleg", "--date", "2026-10-01")


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    folder = tmp_path / "stichtse-vecht-2025"
    shutil.copytree(BUNDLED_FACTS / "stichtse-vecht-2025", folder)
    return folder


def woonpact(*args: str, timeout: float = 120,
             **options: object) -> subprocess.CompletedProcess[str]:
    """The installed command in a process of its own."""
    return subprocess.run(  # type: ignore[call-overload]
        [sys.executable, "-m", "woonpact.cli", *args], capture_output=True, text=True,
        timeout=timeout, check=False, **options)


def notes(path: Path) -> list[str]:
    return [event.note for event in load_fact_set(path).escalations]


def test_twenty_parallel_records_each_land_exactly_once(facts: Path) -> None:
    path = facts / "2026.yaml"
    with ThreadPoolExecutor(max_workers=20) as pool:
        runs = list(pool.map(
            lambda i: woonpact("record", str(path), *RECORD, "--note", f"call {i}"), range(20)))
    recorded = notes(path)
    for i, run in enumerate(runs):
        assert "Traceback" not in run.stderr
        if run.returncode == ExitCode.OK:
            assert "vastgelegd" in run.stdout
            assert recorded.count(f"call {i}") == 1, (i, run.stdout, run.stderr)
        else:
            assert run.returncode == ExitCode.BAD_INPUT and run.stderr.strip(), run
            assert f"call {i}" not in recorded
    assert sum(run.returncode == ExitCode.OK for run in runs) == 20  # 30 s is ample for twenty


def test_a_record_that_cannot_get_the_lock_in_time_says_so(
        facts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = facts / "2026.yaml"
    before = path.read_bytes()
    monkeypatch.setattr(recording, "WAIT", 0.2)
    held = os.open(facts, os.O_RDONLY)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)  # another `record` busy in this folder
        result = CliRunner().invoke(main, ["record", str(path), *RECORD])
    finally:
        os.close(held)
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "een andere opdracht schrijft in deze map en is na 0.2 s nog bezig" in result.output
    assert path.read_bytes() == before


def test_a_linked_fact_file_is_updated_at_its_target(facts: Path) -> None:
    target = facts / "2026.yaml"
    link = facts.parent / "2026-link.yaml"
    link.symlink_to(target)
    result = CliRunner().invoke(main, ["record", str(link), *RECORD, "--note", "via de link"])
    assert result.exit_code == ExitCode.OK, result.output
    assert link.is_symlink() and link.resolve() == target
    assert notes(target)[-1] == "via de link"


def refused(facts: Path, message: str) -> None:
    """`record` on 2026.yaml ends with exit 2 and the one line `message`, and leaves the folder
    exactly as it was: no file changed, none added."""
    path = facts / "2026.yaml"
    before = sorted((p.name, p.read_bytes()) for p in facts.iterdir())
    result = CliRunner().invoke(main, ["record", str(path), *RECORD])
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.output == f"{path}: fout: {message}\n"
    assert sorted((p.name, p.read_bytes()) for p in facts.iterdir()) == before


def test_a_read_only_fact_file_is_refused(facts: Path) -> None:
    path = facts / "2026.yaml"
    path.chmod(0o444)
    refused(facts, "bestand is alleen-lezen; er is niets geschreven (maak het schrijfbaar als dat"
                   " de bedoeling is)")
    assert (path.stat().st_mode & 0o777) == 0o444


def test_line_endings_and_a_byte_order_mark_are_kept(facts: Path) -> None:
    path = facts / "2026.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = CliRunner().invoke(main, ["record", str(path), *RECORD, "--note", "crlf"])
    assert result.exit_code == ExitCode.OK, result.output
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\n") == data.count(b"\r\n")
    crlf = text.replace("\n", "\r\n").encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf" + crlf.rstrip(b"\r\n"))
    assert notes(path)[-1] == "crlf"


def test_a_full_disk_is_one_message_and_the_file_unchanged(monkeypatch: pytest.MonkeyPatch,
                                                           facts: Path) -> None:
    def disk_full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", disk_full)
    refused(facts, "de schijf is vol (No space left on device); er is niets geschreven en het"
                   " bestand is ongewijzigd")


def _file_size_limit(size: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def test_a_write_the_system_refuses_is_one_message_and_the_file_unchanged(facts: Path) -> None:
    """A real failing write, without privileges: the process may write no file larger than the
    fact file is now."""
    path = facts / "2026.yaml"
    before = path.read_bytes()
    run = woonpact("record", str(path), *RECORD, preexec_fn=lambda: _file_size_limit(len(before)))
    assert run.returncode == ExitCode.BAD_INPUT, run.stderr
    assert run.stderr == (f"{path}: fout: kan het bestand niet schrijven (File too large);"
                          " er is niets geschreven\n")
    assert path.read_bytes() == before
    assert sorted(p.name for p in facts.iterdir()) == ["2024.yaml", "2025.yaml", "2026.yaml"]


def test_a_folder_that_cannot_be_written_is_one_message(monkeypatch: pytest.MonkeyPatch,
                                                        facts: Path) -> None:
    """As a folder without write permission refuses it (root may write anyway: simulated)."""
    real_open = os.open

    def refuse_new_files(name: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & os.O_CREAT and Path(os.fsdecode(name)).parent == facts:  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), name)
        return real_open(name, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse_new_files)
    refused(facts, "kan het bestand niet schrijven (Permission denied); er is niets geschreven")


def test_temporary_and_hidden_files_are_not_read_and_a_leftover_is_named(facts: Path) -> None:
    copy = (facts / "2026.yaml").read_text(encoding="utf-8")
    leftover = facts / ".2026.yaml.5f3a9c1e.woonpact-tmp"
    leftover.write_text(copy, encoding="utf-8")
    (facts / ".2026.x8k2p1qz.yaml").write_text(copy, encoding="utf-8")  # a killed run's, before
    bundled = BUNDLED_FACTS / "stichtse-vecht-2025"
    expected = CliRunner().invoke(main, ["check", str(bundled), "--fail-on", "never"])
    result = CliRunner().invoke(main, ["check", str(facts), "--fail-on", "never"])
    assert result.exit_code == ExitCode.OK, result.output
    assert result.stdout == expected.stdout
    assert result.stderr == (f"{leftover}: let op: tijdelijk bestand van een afgebroken opdracht;"
                             " woonpact leest het niet en het mag weg\n")


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_csv_that_is_no_file_is_refused_not_opened(tmp_path: Path, kind: str) -> None:
    """A CSV file and a workbook are read as a fact file is (engine/files.py): a FIFO under
    the CSV's name would block a plain read for good."""
    folder = tmp_path / "westland-2025"
    shutil.copytree(BUNDLED_FACTS / "westland-2025", folder)
    csv_file = folder / "lettings-2026.csv"
    csv_file.unlink()
    if kind == "fifo":
        os.mkfifo(csv_file)
    else:
        csv_file.mkdir()
    run = woonpact("check", str(folder), timeout=60)
    assert run.returncode == ExitCode.BAD_INPUT, run.stderr
    assert str(csv_file) in run.stderr and "Traceback" not in run.stderr, run.stderr


def test_a_fifo_named_like_a_fact_file_is_refused_not_opened(facts: Path) -> None:
    fifo = facts / "2027.yaml"
    os.mkfifo(fifo)
    commands = (["check", str(facts)], ["check", str(fifo)], ["validate", str(facts)],
                ["record", str(fifo), *RECORD])
    for args in commands:
        run = woonpact(*args, timeout=60)  # before, the first read blocked for good
        assert run.returncode == ExitCode.BAD_INPUT, (args, run.stderr)
        assert (f"{fifo}: fout: dit is geen gewoon bestand (maar bijvoorbeeld een pipe, "
                "apparaat of map)") in run.stderr
