"""`woonpact init` then `lint`, `test` and `check` work on the new pack as written, from the
author's own folder; the files carry a `$schema` comment an editor can follow."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support import BUNDLED_FACTS, REPOSITORY
from woonpact.cli import main
from woonpact.engine import paths
from woonpact.engine.output.result import ExitCode

SCHEMA_COMMENT = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_init_lint_test_check_in_the_authors_own_folder(workdir: Path) -> None:
    code, output = invoke("init", "mijnstad-2025")
    assert code == ExitCode.OK, output
    assert "woonpact lint rules/mijnstad-2025.yaml" in output
    code, output = invoke("lint", "rules/mijnstad-2025.yaml")
    assert (code, output.strip()) == (ExitCode.OK,
                                      "rules/mijnstad-2025.yaml: 0 fout(en), 0 waarschuwing(en)")
    code, output = invoke("test", "rules/mijnstad-2025.yaml")
    assert code == ExitCode.OK and "7 geslaagd, 0 mislukt" in output, output
    code, output = invoke("test")  # default: the packs in ./rules
    assert code == ExitCode.OK and "mijnstad-2025: 7 geslaagd" in output
    code, output = invoke("check", "facts/mijnstad-2025/", "--format", "json")
    assert code == ExitCode.OK, output
    findings = json.loads(output)["findings"]
    assert {f["pack"] for f in findings} >= {"mijnstad-2025"}
    assert "breach" not in {f["status"] for f in findings}
    code, output = invoke("explain", "mijnstad-2025/3")
    assert code == ExitCode.OK and "100 sociale huurwoningen" in output
    code, output = invoke("list")  # the author's pack beside the bundled ones
    assert code == ExitCode.OK and "mijnstad-2025" in output and "stichtse-vecht-2025" in output


def test_changing_an_example_value_changes_the_verdict(workdir: Path) -> None:
    invoke("init", "mijnstad-2025")
    facts = workdir / "facts" / "mijnstad-2025" / "2025.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("lettings_free_allocation: 18",
                                                               "lettings_free_allocation: 30"),
                     encoding="utf-8")
    code, output = invoke("check", "facts/mijnstad-2025/")
    assert code == ExitCode.FAILING and "niet nageleefd" in output


def test_init_with_workspace_and_a_year_from_the_id(tmp_path: Path) -> None:
    code, _ = invoke("init", "alphen-baarle-2031", "--workspace", str(tmp_path))
    assert code == ExitCode.OK
    pack = (tmp_path / "rules" / "alphen-baarle-2031.yaml").read_text(encoding="utf-8")
    assert "municipality: Alphen-Baarle" in pack and "period: {from: 2031, to: 2034}" in pack
    assert (tmp_path / "facts" / "alphen-baarle-2031" / "2031.yaml").exists()
    assert invoke("lint", str(tmp_path / "rules"))[0] == ExitCode.OK
    assert invoke("test", str(tmp_path / "rules"))[0] == ExitCode.OK
    assert invoke("check", str(tmp_path / "facts" / "alphen-baarle-2031"), "--rules",
                  str(tmp_path / "rules"))[0] == ExitCode.OK


def test_init_overwrites_nothing(workdir: Path) -> None:
    invoke("init", "mijnstad-2025")
    pack = workdir / "rules" / "mijnstad-2025.yaml"
    pack.write_text("# mine\n", encoding="utf-8")
    (workdir / "rules" / "tests" / "mijnstad-2025.tests.yaml").unlink()
    code, output = invoke("init", "mijnstad-2025")
    assert code == ExitCode.BAD_INPUT and "bestaat al" in output
    assert pack.read_text(encoding="utf-8") == "# mine\n"
    assert not (workdir / "rules" / "tests" / "mijnstad-2025.tests.yaml").exists()  # all or nothing


def test_init_refuses_a_pack_id_that_cannot_be_a_file_name(workdir: Path) -> None:
    code, output = invoke("init", "Mijn Stad")
    assert code == ExitCode.BAD_INPUT and "kleine letters" in output
    assert not (workdir / "rules").exists()


@pytest.mark.parametrize("command", [("init", "mijnstad-2025"), ("vocabulary",)])
def test_the_folder_of_the_bundled_packs_is_no_workspace_to_write_into(
        workdir: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]) -> None:
    """Run from a clone's root, `init` wrote a pack among the bundled ones and rewrote the
    repository's docs/facts.md; `vocabulary` did the latter once the root held woonpact.yaml."""
    (workdir / "rules").mkdir()
    (workdir / "docs").mkdir()
    (workdir / "docs" / "facts.md").write_text("# ours\n", encoding="utf-8")
    (workdir / "woonpact.yaml").write_text("figures: {}\n", encoding="utf-8")
    monkeypatch.setattr(paths, "RULES", workdir / "rules")
    before = sorted(workdir.rglob("*"))
    code, output = invoke(*command)
    assert code == ExitCode.BAD_INPUT, output
    assert "pakketten die woonpact meelevert" in output and "--workspace" in output
    assert sorted(workdir.rglob("*")) == before
    assert (workdir / "docs" / "facts.md").read_text(encoding="utf-8") == "# ours\n"


def schema_target(path: Path) -> Path:
    match = SCHEMA_COMMENT.match(path.read_text(encoding="utf-8").splitlines()[0])
    assert match, f"{path} has no yaml-language-server $schema comment on its first line"
    return (path.parent / match[1]).resolve()


def test_written_files_point_their_editor_at_the_workspaces_schemas(workdir: Path) -> None:
    """In the workspace's docs/schemas/, not the installed package's (a path into a virtual
    environment that an upgrade moves); without figures of its own, the published schemas."""
    invoke("init", "mijnstad-2025")
    expected = {"rules/mijnstad-2025.yaml": "pack.schema.json",
                "rules/tests/mijnstad-2025.tests.yaml": "rule-tests.schema.json",
                "facts/mijnstad-2025/2025.yaml": "facts.schema.json",
                "woonpact.yaml": "workspace.schema.json"}
    for file, schema in expected.items():
        target = schema_target(workdir / file)
        assert target == (workdir / "docs" / "schemas" / schema).resolve()
        published = (paths.SCHEMAS / schema).read_text(encoding="utf-8")
        assert target.read_text(encoding="utf-8") == published


def test_every_bundled_yaml_points_its_editor_at_the_right_schema() -> None:
    files = {**dict.fromkeys(paths.RULES.glob("*.yaml"), "pack.schema.json"),
             **dict.fromkeys((paths.RULES / "tests").glob("*.yaml"), "rule-tests.schema.json"),
             **dict.fromkeys(BUNDLED_FACTS.glob("*/*.yaml"), "facts.schema.json")}
    assert len(files) > 20
    for path, schema in files.items():
        assert schema_target(path) == (paths.SCHEMAS / schema).resolve(), path


def test_the_docs_show_the_first_lines_init_writes(workdir: Path) -> None:
    invoke("init", "mijnstad-2025")
    docs = {name: (REPOSITORY / "docs" / name).read_text(encoding="utf-8")
            for name in ("tutorial.md", "rule-language.md", "cli.md")}
    pack = (workdir / "rules" / "mijnstad-2025.yaml").read_text(encoding="utf-8").splitlines()[0]
    tests = (workdir / "rules" / "tests" / "mijnstad-2025.tests.yaml").read_text(encoding="utf-8")
    assert pack in docs["tutorial.md"] and pack in docs["rule-language.md"]
    assert tests.splitlines()[0] in docs["rule-language.md"]
    assert pack.partition("=")[2] in docs["cli.md"]  # ../docs/schemas/pack.schema.json
