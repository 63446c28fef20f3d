"""A crash is not a verdict: exit 1 means a clause is not kept, so an unexpected error in any
command ends with its own code, 3, and one line; `--debug` adds the traceback (issue 11)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support import BUNDLED_FACTS
from woonpact.cli import main
from woonpact.engine import cache, yamlio
from woonpact.engine.output.result import ExitCode

SV = str(BUNDLED_FACTS / "stichtse-vecht-2025")
FACT_FILE = str(BUNDLED_FACTS / "stichtse-vecht-2025" / "2026.yaml")
PACK = str(Path(__file__).parent.parent / "rules" / "stichtse-vecht-2025.yaml")
COMMANDS = [
    ("check", SV), ("validate", SV), ("report", SV), ("escalations", SV), ("list",),
    ("explain", "stichtse-vecht-2025/3.2-4"),
    ("template", "stichtse-vecht-2025", "--xlsx", "never-written.xlsx"),
    ("record", FACT_FILE, "--rule", "3.2-4", "--rung", "overleg", "--date", "2026-10-01"),
]


def broken(*_: object, **__: object) -> None:
    raise RuntimeError("a bug\nover two lines")


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: args[0])
def test_an_unexpected_error_in_any_command_is_exit_3_and_one_line(
        args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "cached", broken)
    result = CliRunner().invoke(main, list(args))
    assert isinstance(result.exception, SystemExit)
    assert result.exit_code == ExitCode.INTERNAL_ERROR
    assert result.output == (
        "woonpact: interne fout (RuntimeError: a bug over two lines). Dit is een fout in woonpact,"
        " niet in uw invoer, en geen oordeel over de afspraken. Meld het aan de beheerders van"
        " woonpact met de opdracht en de uitvoer van dezelfde opdracht met 'woonpact --debug'\n")


def test_lint_and_test_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "load", broken)
    for args in (["lint", PACK], ["test", PACK], ["lint", PACK, "--lang", "en"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == ExitCode.INTERNAL_ERROR and len(result.output.splitlines()) == 1
    assert result.output.startswith(
        "woonpact: internal error (RuntimeError: a bug over two lines). This is a bug")


def test_debug_adds_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "cached", broken)
    result = CliRunner().invoke(main, ["--debug", "check", SV])
    assert result.exit_code == ExitCode.INTERNAL_ERROR
    assert result.output.startswith("Traceback (most recent call last):")
    assert "RuntimeError: a bug" in result.output and result.output.endswith("'woonpact --debug'\n")


def test_ctrl_c_is_not_a_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cache, "cached", interrupted)
    result = CliRunner().invoke(main, ["check", SV])
    assert result.exit_code == ExitCode.INTERRUPTED == 130
    assert result.output == "woonpact: onderbroken\n"


def test_docs_list_every_exit_code_as_the_code_does() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    table = docs[docs.index("## Exit codes"):]
    listed = [int(code) for code in re.findall(r"^\| `(\d+)` \|", table, flags=re.MULTILINE)]
    assert listed == [int(code) for code in ExitCode]
    documented = ExitCode.__doc__ or ""
    in_docstring = re.findall(r"^    (\d+) ", documented, flags=re.MULTILINE)
    assert [int(code) for code in in_docstring] == listed
