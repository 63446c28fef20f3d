"""The habits the code is held to: `ruff check` and `mypy --strict` with the configurations in
pyproject.toml find nothing. Both come with the `test` extra; run the same commands to see the
findings where they are (docs/design.md, "Enforced habits")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support import REPOSITORY


def run(*command: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
    done = subprocess.run([sys.executable, "-m", *command], capture_output=True, text=True,
                          env=env, cwd=cwd, check=False)
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}{done.stderr}"
    return done.stdout


def test_ruff_finds_nothing() -> None:
    run("ruff", "check", "--no-cache", str(REPOSITORY))


def test_mypy_strict_finds_nothing(tmp_path: Path) -> None:
    """mypy reads the package `woonpact`, whose root is the repository (pyproject.toml maps it
    so): a folder holding only a link `woonpact` to the repository gives mypy that name, where
    an editable install's import hook does not."""
    (tmp_path / "woonpact").symlink_to(REPOSITORY, target_is_directory=True)
    env = {**os.environ, "MYPYPATH": str(tmp_path)}
    run("mypy", "--config-file", str(REPOSITORY / "pyproject.toml"), "--cache-dir",
        str(tmp_path / ".mypy_cache"), "-p", "woonpact.engine", "-m", "woonpact.cli",
        env=env, cwd=tmp_path)
