"""The tutorial's files, copied out of docs/tutorial.md, behave as the tutorial says."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from cli import main
from engine import paths
from engine.check import check
from engine.model.finding import Status

TUTORIAL = (paths.ROOT / "docs" / "tutorial.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"<!-- file: (?P<path>\S+) -->\n```yaml\n(?P<body>.*?)```", re.S)


def write_tutorial_files(root: Path) -> dict[str, Path]:
    files = {}
    for match in BLOCK.finditer(TUTORIAL):
        target = root / match["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(match["body"], encoding="utf-8")
        files[match["path"]] = target
    return files


def test_tutorial_pack_and_facts_check_as_described(tmp_path: Path) -> None:
    files = write_tutorial_files(tmp_path)
    assert set(files) == {"rules/voorbeeld-2025.yaml", "facts/voorbeeld-2025/2025.yaml"}
    result = check([tmp_path / "facts" / "voorbeeld-2025"], tmp_path / "rules")
    by_rule = {f.rule.id: f for f in result.findings}
    assert by_rule["2.4"].status is Status.COMPLIANT
    assert by_rule["3.1"].status is Status.COMPLIANT and by_rule["3.1"].reason == "within_tolerance"
    assert by_rule["5.2"].status is Status.BREACH and by_rule["5.2"].reason == "delivered_late"


def test_tutorial_typo_gives_the_message_it_shows(tmp_path: Path) -> None:
    files = write_tutorial_files(tmp_path)
    pack = files["rules/voorbeeld-2025.yaml"]
    pack.write_text(pack.read_text(encoding="utf-8").replace("lettings_total)", "letings_total)"), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "facts" / "voorbeeld-2025"), "--rules", str(tmp_path / "rules")])
    assert result.exit_code == 2
    shown = next(line for line in TUTORIAL.splitlines() if "letings_total" in line and "fout" in line)
    assert shown.split("voorbeeld-2025.yaml", 1)[1] in result.output


def test_a_yearly_deliverable_counts_only_in_the_year_it_was_delivered(tmp_path: Path) -> None:
    write_tutorial_files(tmp_path)
    facts = tmp_path / "facts" / "voorbeeld-2025"
    text = (facts / "2025.yaml").read_text(encoding="utf-8")
    (facts / "2026.yaml").write_text(text.replace("year: 2025", "year: 2026"), encoding="utf-8")
    result = check([facts], tmp_path / "rules", year=2026)
    bod = next(f for f in result.findings if f.rule.id == "5.2")
    assert bod.status is Status.BREACH and bod.reason == "overdue"  # last year's bod is not this year's
