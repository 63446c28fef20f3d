"""`woonpact --help` and `woonpact list` start without the evaluation engine, and `woonpact --help`
without click: what they import is checked here (how long they take is measured by
`python bench/benchmark.py --startup-only`, never by a test)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import BUNDLED_FACTS
from woonpact.engine.launch import HELP

PROBE = """
import json, sys
from woonpact.cli import main
try:
    main({args!r})
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""
ENGINE = (
    "woonpact.engine.evaluation",
    "woonpact.engine.check",
    "woonpact.engine.ladder",
    "woonpact.engine.language.compiler",
)


def imported(args: list[str], folder: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args)],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize("args", [["--help"], ["list"], ["explain", "westland-2025/2-cycle-april"]])
def test_no_evaluation_engine_to_list_or_explain(args: list[str], tmp_path: Path) -> None:
    modules = imported(args, tmp_path)
    assert "woonpact.cli" in modules
    assert [m for m in modules if m.startswith(ENGINE)] == []


def test_help_loads_no_model_at_all(tmp_path: Path) -> None:
    modules = imported(["--help"], tmp_path)
    assert [
        m
        for m in modules
        if m.startswith(("woonpact.engine.model", "woonpact.engine.rules", "yaml"))
    ] == []


LAUNCH = """
import json, os, sys
sys.argv = ["woonpact", "--help"]
os._exit = sys.exit  # the command ends its process at once (launch._end): here it may not
from woonpact.engine.launch import main
try:
    main()
except SystemExit:  # click's application exits; the stored overview returns
    pass
print(json.dumps(sorted(sys.modules)))
"""


def launched(columns: str) -> tuple[str, list[str]]:
    environment = {**os.environ, "COLUMNS": columns}
    done = subprocess.run(
        [sys.executable, "-c", LAUNCH], capture_output=True, text=True, check=True, env=environment
    )
    *shown, modules = done.stdout.splitlines()
    return "\n".join(shown) + "\n", json.loads(modules)


def test_the_command_overview_is_printed_without_importing_click() -> None:
    shown, modules = launched("100")
    assert shown == Path(HELP).read_text(encoding="utf-8") and shown.startswith(
        "Usage: woonpact [OPTIONS] COMMAND"
    )
    assert not [
        m for m in modules if m.startswith(("click", "woonpact.cli", "woonpact.engine.errors"))
    ]


def test_a_terminal_narrower_than_the_stored_rendering_gets_clicks_own() -> None:
    shown, modules = launched("60")
    assert "click" in modules and shown != Path(HELP).read_text(encoding="utf-8")
    assert max(len(line) for line in shown.splitlines()) <= 60


@pytest.mark.parametrize(("fail_on", "code"), [("never", 0), ("breach", 1)])
def test_a_check_ending_at_once_writes_all_its_output_first(fail_on: str, code: int) -> None:
    """The command ends its process without tearing it down (`launch._end`): whatever it wrote
    to a pipe, where standard output is buffered, is all there, and the exit code is its own."""
    done = subprocess.run(
        [sys.executable, "-c", "from woonpact.engine.launch import main; main()", "check",
         str(BUNDLED_FACTS / "westland-2025"), "--format", "json", "--fail-on", fail_on],
        capture_output=True, text=True,
    )
    assert done.returncode == code, done.stderr
    assert json.loads(done.stdout)["pack"]["id"] == "westland-2025"
