"""docs/tutorial.md, followed step by step as a reader would, with woonpact installed from its
wheel in a fresh environment (the `installed` fixture, tests/conftest.py): each `file:` block is
written (keeping the `$schema` line `init` wrote), each `$ woonpact …` command in a `console`
block is run in the reader's own empty folder, and its exit code and the output lines shown are
checked."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

from tests.support import REPOSITORY
from woonpact.engine.output.result import ExitCode

TUTORIAL = (REPOSITORY / "docs" / "tutorial.md").read_text(encoding="utf-8")
STEP = re.compile(r"<!-- file: (?P<path>\S+) "
                  r"-->\n```yaml\n(?P<body>.*?)```|```console\n(?P<console>.*?)```", re.S)
EXIT = re.compile(r"\s+# exit code (\d+)$")


def normal(text: str) -> str:
    return " ".join(text.split())


def run_command(command: Path, root: Path, line: str) -> tuple[int, str]:
    """`line` as the reader types it, run with the installed `woonpact` in the reader's folder."""
    expected_exit = ExitCode.OK
    if found := EXIT.search(line):
        expected_exit, line = int(found[1]), line[: found.start()]
    args = shlex.split(line)
    assert args[0] == "woonpact", line
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("PYTHONPATH", "WOONPACT_WORKSPACE")}
    done = subprocess.run([str(command), *args[1:]], cwd=root, capture_output=True, text=True,
                          env=environment)
    output = done.stdout + done.stderr
    assert "Traceback" not in output and done.returncode == expected_exit, f"{line}\n{output}"
    return done.returncode, output


def write_file(root: Path, relative: str, body: str) -> Path:
    target = root / relative
    first = target.read_text(encoding="utf-8").splitlines()[0] if target.exists() else ""
    keep = first + "\n" if first.startswith("# yaml-language-server:") else ""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(keep + body, encoding="utf-8")
    return target


def follow(command: Path, root: Path) -> dict[str, Path]:
    files = {}
    for step in STEP.finditer(TUTORIAL):
        if step["path"]:
            files[step["path"]] = write_file(root, step["path"], step["body"])
            continue
        typed, shown = None, []
        for line in [*step["console"].splitlines(), "$"]:
            if line.startswith("$"):
                if typed:
                    _, output = run_command(command, root, typed)
                    for expected in shown:
                        assert normal(expected) in normal(output), \
                            f"{typed}: '{expected}' not in\n{output}"
                typed, shown = line[1:].strip(), []
            elif line.strip():
                shown.append(line)
    return files


def test_following_the_tutorial_from_init_to_a_passing_check(installed: Path,
                                                              tmp_path: Path) -> None:
    files = follow(installed, tmp_path)
    assert set(files) == {"rules/voorbeeld-2025.yaml", "rules/tests/voorbeeld-2025.tests.yaml",
                          "facts/voorbeeld-2025/2025.yaml"}
    for path in files.values():  # the line init wrote, kept, points at the workspace's schemas
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=") and "docs/schemas/" in first
    schema = (tmp_path / "docs" / "schemas" / "facts.schema.json").read_text(encoding="utf-8")
    assert '"label_steps"' in schema  # after `woonpact vocabulary`
    commands = re.findall(r"^\$ woonpact (\w+)", TUTORIAL, re.M)
    assert commands == ["init", "list", "lint", "test", "check", "vocabulary"]


def test_the_typo_gives_the_message_the_tutorial_shows(installed: Path, tmp_path: Path) -> None:
    files = follow(installed, tmp_path)
    pack = files["rules/voorbeeld-2025.yaml"]
    pack.write_text(pack.read_text(encoding="utf-8").replace("lettings_total)", "letings_total)"),
                    encoding="utf-8")
    lint = "woonpact lint rules/voorbeeld-2025.yaml  # exit code 2"
    _, output = run_command(installed, tmp_path, lint)
    shown = [line for line in TUTORIAL.splitlines()
             if line.startswith("rules/voorbeeld-2025.yaml:")
             and ("letings_total" in line or "1 fout" in line)]
    assert len(shown) == 2 and all(line in output for line in shown), output


def test_a_late_bod_or_an_undeclared_figure_as_the_tutorial_says(installed: Path,
                                                                tmp_path: Path) -> None:
    facts = follow(installed, tmp_path)["facts/voorbeeld-2025/2025.yaml"]
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("2025-06-27", "2025-07-04"), encoding="utf-8")
    folder = tmp_path / "facts" / "voorbeeld-2025"  # checked from a subfolder of the workspace
    _, output = run_command(installed, folder, "woonpact check .  # exit code 1")
    assert "te laat opgeleverd op 04-07-2025" in normal(output)
    facts.write_text(text.replace("label_steps: 162", "label_stepz: 162"), encoding="utf-8")
    check = "woonpact check facts/voorbeeld-2025/  # exit code 2"
    _, output = run_command(installed, tmp_path, check)
    assert "onbekend veld 'label_stepz' (bedoelt u 'label_steps'?)" in output
