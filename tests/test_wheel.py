"""The wheel is the product: built from this checkout, installed in a fresh environment and run
from an empty folder outside the repository, it lists and checks the bundled agreements, and a
new workspace goes from `init` through `lint` and `test` to `check` with figures and a dated
value of its own (docs/tutorial.md, tests/test_tutorial.py, walks the same road step by step)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.support import BUNDLED_FACTS
from tests.workspace_support import FACTS, PACK, TESTS
from woonpact.engine.check import check


def run(command: Path, *args: str, cwd: Path, expect: int = 0) -> str:
    environment = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "WOONPACT_WORKSPACE")
    }
    done = subprocess.run(
        [str(command), *args], cwd=cwd, capture_output=True, text=True, env=environment
    )
    assert done.returncode == expect, f"{args}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout + done.stderr


def test_the_installed_package_is_the_wheels_and_installs_one_name(
    installed: Path, tmp_path: Path
) -> None:
    python = installed.parent / "python"
    where = run(
        python,
        "-c",
        "import woonpact.engine, woonpact.cli; print(woonpact.engine.__file__)",
        cwd=tmp_path,
    )
    assert Path(where.strip()).is_relative_to(installed.parent.parent), where
    site = Path(where.strip()).parent.parent.parent
    shipped = {
        p.name
        for p in site.iterdir()
        if not p.name.endswith((".pth", ".dist-info")) and p.name != "__pycache__"
    }
    assert "woonpact" in shipped and "cli.py" not in shipped and "engine" not in shipped, shipped


def test_help_and_list_from_an_empty_folder(installed: Path, tmp_path: Path) -> None:
    assert run(installed, "--help", cwd=tmp_path).startswith(
        "Usage: woonpact [OPTIONS] COMMAND [ARGS]..."
    )
    assert "--workspace DIRECTORY" in run(installed, "check", "--help", cwd=tmp_path)
    output = run(installed, "list", cwd=tmp_path)
    for pack in ("npa-2022", "westland-2025", "stichtse-vecht-2025", "vlaardingen-2025"):
        assert f"{pack}  [meegeleverd]" in output, output


def test_checking_the_bundled_facts_finds_what_the_checkout_finds(
    installed: Path, tmp_path: Path
) -> None:
    for folder in sorted(p for p in BUNDLED_FACTS.iterdir() if p.is_dir()):
        output = run(
            installed, "check", str(folder), "--format", "json", "--fail-on", "never", cwd=tmp_path
        )
        found = [
            (f["rule"], f["year"], f["scope"]["id"], f["status"])
            for f in json.loads(output)["findings"]
        ]
        expected = [
            (f.rule.key, f.year, f.scope.id, f.status.value) for f in check([folder]).findings
        ]
        assert found == expected, folder.name


def test_a_new_workspace_with_figures_and_a_dated_value_of_its_own(
    installed: Path, tmp_path: Path
) -> None:
    output = run(installed, "init", "groenstad-2025", cwd=tmp_path)
    assert "geschreven: woonpact.yaml" in output
    (tmp_path / "rules" / "groenstad-2025.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "rules" / "tests" / "groenstad-2025.tests.yaml").write_text(TESTS, encoding="utf-8")
    for year, text in FACTS.items():
        (tmp_path / "facts" / "groenstad-2025" / f"{year}.yaml").write_text(text, encoding="utf-8")
    assert "0 fout(en), 0 waarschuwing(en)" in run(installed, "lint", cwd=tmp_path)
    assert "groenstad-2025: 2 geslaagd, 0 mislukt" in run(installed, "test", cwd=tmp_path)
    output = run(
        installed, "check", "groenstad-2025/", "--format", "json", cwd=tmp_path / "facts", expect=1
    )
    statuses = {
        (f["rule"], f["year"]): f["status"]
        for f in json.loads(output)["findings"]
        if f["scope"]["id"] in ("woonstad", "groenstad-2025")
    }
    assert statuses[("groenstad-2025/4.1", 2025)] == "compliant"  # a figure of its own
    assert statuses[("groenstad-2025/6.1", 2026)] == "breach"  # against the value set for 2026
    assert "[werkmap]" in run(installed, "list", cwd=tmp_path / "rules" / "tests")
