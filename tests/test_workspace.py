"""A workspace of one's own: found from its folder and every folder below it, or named with
--workspace or WOONPACT_WORKSPACE; its packs beside the bundled ones, marked; a workspace pack
may include the bundled national layer."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.workspace_support import invoke, make_workspace
from woonpact.engine import workspace


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_workspace(tmp_path / "groenstad")


def packs_listed(*args: str) -> dict[str, str]:
    code, output = invoke("list", *args)
    assert code == 0, output
    return {
        line.split()[0]: line.split()[1] for line in output.splitlines() if not line.startswith(" ")
    }


def test_list_shows_the_workspaces_packs_beside_the_bundled_ones_marked(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root)
    listed = packs_listed()
    assert listed["groenstad-2025"] == "[werkmap]" and listed["westland-2025"] == "[meegeleverd]"
    assert packs_listed("--lang", "en")["npa-2022"] == "[bundled]"


@pytest.mark.parametrize("folder", [".", "facts/groenstad-2025", "rules/tests"])
def test_the_workspace_is_found_from_its_folder_and_every_folder_below(
    root: Path, folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root / folder)
    assert "groenstad-2025" in packs_listed()
    facts = os.path.relpath(root / "facts" / "groenstad-2025", root / folder)
    code, output = invoke("check", facts, "--fail-on", "never")
    assert code == 0 and "Prestatieafspraken Groenstad" in output, output


def test_from_elsewhere_the_option_or_the_variable_names_it(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert "groenstad-2025" not in packs_listed()
    assert "groenstad-2025" in packs_listed("--workspace", str(root))
    facts = str(root / "facts" / "groenstad-2025")
    assert invoke("check", facts, "--workspace", str(root), "--fail-on", "never")[0] == 0
    assert invoke("check", facts)[0] == 2  # without it, the pack is unknown
    monkeypatch.setenv(workspace.VARIABLE, str(root))
    assert "groenstad-2025" in packs_listed()
    assert invoke("test")[1].count("geslaagd") == 3  # the workspace's tests, not the bundled ones
    assert "groenstad-2025" not in packs_listed("--workspace", str(elsewhere))  # the option wins


def test_a_workspace_that_does_not_exist_is_bad_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = invoke("list", "--workspace", "nergens")
    assert (
        code == 2
        and "nergens: fout: werkmap bestaat niet (--workspace of WOONPACT_WORKSPACE)" in output
    )


def test_init_in_a_subfolder_adds_the_pack_to_the_workspace_it_stands_in(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root / "facts")
    code, output = invoke("init", "blauwstad-2026")
    assert code == 0, output
    assert (root / "rules" / "blauwstad-2026.yaml").exists() and not (
        root / "facts" / "rules"
    ).exists()
    assert "woonpact.yaml" not in output  # the workspace had one
    assert set(packs_listed()) >= {"groenstad-2025", "blauwstad-2026"}


def test_a_workspace_pack_includes_the_bundled_national_layer(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root)
    code, output = invoke(
        "check", "facts/groenstad-2025/", "--format", "json", "--fail-on", "never"
    )
    assert code == 0
    rules = {f["rule"] for f in json.loads(output)["findings"]}
    assert {"npa-2025/efg", "groenstad-2025/4.1"} <= rules


def test_a_folder_with_rules_and_no_workspace_file_still_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As an older `woonpact init` left it."""
    root = make_workspace(tmp_path / "oud")
    (root / "woonpact.yaml").unlink()
    monkeypatch.chdir(root)
    assert packs_listed()["groenstad-2025"] == "[werkmap]"
    monkeypatch.chdir(root / "facts")
    assert "groenstad-2025" not in packs_listed()  # only its own folder, without the file
