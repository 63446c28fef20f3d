"""docs/tutorial.md, followed step by step as a reader would: each `file:` block is written
(keeping the `$schema` line `init` wrote), each `$ woonpact …` command in a `console` block is
run in the reader's own folder, and its exit code and the output lines shown are checked."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from woonpact.cli import main
from tests.support import REPOSITORY
from woonpact.engine.output.result import ExitCode

TUTORIAL = (REPOSITORY / "docs" / "tutorial.md").read_text(encoding="utf-8")
STEP = re.compile(r"<!-- file: (?P<path>\S+) -->\n```yaml\n(?P<body>.*?)```|```console\n(?P<console>.*?)```", re.S)
EXIT = re.compile(r"\s+# exit code (\d+)$")


def normal(text: str) -> str:
    return " ".join(text.split())


def run_command(line: str) -> tuple[int, str]:
    expected_exit = ExitCode.OK
    if found := EXIT.search(line):
        expected_exit, line = int(found[1]), line[: found.start()]
    args = shlex.split(line)
    assert args[0] == "woonpact", line
    result = CliRunner().invoke(main, args[1:])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == expected_exit, f"{line}\n{result.output}"
    return result.exit_code, result.output


def write_file(root: Path, relative: str, body: str) -> Path:
    target = root / relative
    first = target.read_text(encoding="utf-8").splitlines()[0] if target.exists() else ""
    keep = first + "\n" if first.startswith("# yaml-language-server:") else ""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(keep + body, encoding="utf-8")
    return target


def follow(root: Path) -> dict[str, Path]:
    files = {}
    for step in STEP.finditer(TUTORIAL):
        if step["path"]:
            files[step["path"]] = write_file(root, step["path"], step["body"])
            continue
        command, shown = None, []
        for line in [*step["console"].splitlines(), "$"]:
            if line.startswith("$"):
                if command:
                    _, output = run_command(command)
                    for expected in shown:
                        assert normal(expected) in normal(output), f"{command}: '{expected}' not in\n{output}"
                command, shown = line[1:].strip(), []
            elif line.strip():
                shown.append(line)
    return files


def test_following_the_tutorial_from_init_to_a_passing_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    files = follow(tmp_path)
    assert set(files) == {"rules/voorbeeld-2025.yaml", "rules/tests/voorbeeld-2025.tests.yaml",
                          "facts/voorbeeld-2025/2025.yaml"}
    for path in files.values():  # the line init wrote, kept, points at the published schema
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    commands = re.findall(r"^\$ woonpact (\w+)", TUTORIAL, re.M)
    assert commands == ["init", "lint", "test", "check"]


def test_the_typo_gives_the_message_the_tutorial_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    files = follow(tmp_path)
    pack = files["rules/voorbeeld-2025.yaml"]
    pack.write_text(pack.read_text(encoding="utf-8").replace("lettings_total)", "letings_total)"), encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "rules/voorbeeld-2025.yaml"])
    assert result.exit_code == ExitCode.BAD_INPUT
    shown = [line for line in TUTORIAL.splitlines()
             if line.startswith("rules/voorbeeld-2025.yaml:") and ("letings_total" in line or "1 fout" in line)]
    assert shown and all(line in result.output for line in shown), result.output


def test_a_late_bod_in_the_facts_is_a_breach_as_the_tutorial_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    files = follow(tmp_path)
    facts = files["facts/voorbeeld-2025/2025.yaml"]
    facts.write_text(facts.read_text(encoding="utf-8").replace("2025-06-27", "2025-07-04"), encoding="utf-8")
    exit_code, output = run_command("woonpact check facts/voorbeeld-2025/  # exit code 1")
    assert "te laat opgeleverd op 04-07-2025" in normal(output)
