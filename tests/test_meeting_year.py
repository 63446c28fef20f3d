"""Which year a recorded meeting concerns, and one history per agreement on the command line.

Issue 12 items 4 and 5, issue 14 item 7: an overleg held in March 2026 about the 2025 shortfall
counts for 2025 because it says so (`concerns: 2025`), in whichever year's file it is recorded;
a meeting whose year is not plain is refused, one that matches no shortfall is warned about;
`check a.yaml b.yaml` reads the files of one agreement as one history.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.ladder_support import without_rent_policy
from tests.support import BUNDLED_FACTS
from woonpact.cli import main
from woonpact.engine.facts.loader import load_fact_set
from woonpact.engine.output.result import ExitCode

SV = BUNDLED_FACTS / "stichtse-vecht-2025"
MARCH = '  - {rule: "3.2-2", rung: overleg, date: 2026-03-10, outcome: unresolved%s}\n'


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def steps(*facts: Path) -> dict[tuple[str, int], tuple]:
    """3.2-2's ladder step per year for Portaal: (rung held, rung recommended, closed)."""
    code, out, err = run("check", *facts, "--format", "json", "--fail-on", "never")
    assert code == ExitCode.OK, err
    return {e["year"]: (e["rung"], e["recommended"], e["closed"])
            for e in json.loads(out)["escalations"]
            if e["rule"].endswith("/3.2-2") and e["kind"] == "rung"}


def move_meeting(folder: Path, to_year: int, extra: str) -> Path:
    """The 2025 overleg on 3.2-2 taken out of 2025.yaml, and one held on 10 March 2026 recorded in
    the file of `to_year` instead."""
    first = folder / "2025.yaml"
    text = first.read_text(encoding="utf-8")
    first.write_text(text[:text.index("escalations:")], encoding="utf-8")
    target = folder / f"{to_year}.yaml"
    text = target.read_text(encoding="utf-8")
    block = "escalations:\n" + MARCH % extra
    text = text.replace("escalations:\n", block) if "escalations:" in text else text + block
    target.write_text(text, encoding="utf-8")
    return target


@pytest.mark.parametrize("file_year", [2025, 2026])
def test_a_meeting_in_march_2026_about_2025_counts_for_2025_in_either_file(tmp_path: Path,
                                                                          file_year: int) -> None:
    """Rent policy never delivered: 2025 a shortfall, the overleg of March 2026 about it held
    without a solution, 2026 still short: the next rung, mediation, whichever file holds it."""
    folder = without_rent_policy(tmp_path)
    move_meeting(folder, file_year, ", concerns: 2025")
    assert steps(folder) == {2025: ("overleg", None, False),
                             2026: ("overleg", "mediation", False)}


def test_without_concerns_a_meeting_counts_for_the_year_it_was_held(tmp_path: Path) -> None:
    folder = without_rent_policy(tmp_path)
    move_meeting(folder, 2026, "")
    # 2025: the first shortfall, nothing held yet; the March 2026 overleg follows 2026's finding
    assert steps(folder) == {2025: (None, "ao", False), 2026: ("overleg", None, False)}


def test_a_meeting_held_in_another_year_than_its_file_must_say_which_year(tmp_path: Path) -> None:
    folder = without_rent_policy(tmp_path)
    path = move_meeting(folder, 2025, "")
    line = path.read_text(encoding="utf-8").splitlines().index(MARCH.strip("\n") % "") + 1
    for command in ("check", "validate"):
        code, out, err = run(command, folder)
        assert code == ExitCode.BAD_INPUT and out == ""
        assert f"2025.yaml:{line}:" in err and "[escalations[0].date]" in err
        assert "het overleg van 2026-03-10 staat in de feiten van 2025" in err
        assert "noem met concerns het jaar waarover het gaat (2025," in err


@pytest.mark.parametrize(("extra", "field", "expected"), [
    (", concerns: 2024", "concerns",
     "gaat over 2024 (concerns, anders het jaar van de datum), buiten de looptijd 2025-2030"),
    (", concerns: 2027", "date",
     "het overleg van 2026-03-10 ligt vóór 2027, het jaar waarover het zou gaan"),
])
def test_a_year_outside_the_period_or_not_begun_is_refused(tmp_path: Path, extra: str, field: str,
                                                           expected: str) -> None:
    path = tmp_path / "2026.yaml"
    path.write_text("agreement: stichtse-vecht-2025\nyear: 2026\nescalations:\n" + MARCH % extra,
                    encoding="utf-8")
    code, _, err = run("check", path)
    assert code == ExitCode.BAD_INPUT, err
    assert f"[escalations[0].{field}]" in err and expected in err, err


def test_a_meeting_long_after_the_year_it_concerns_is_warned_about(tmp_path: Path) -> None:
    folder = without_rent_policy(tmp_path)
    path = move_meeting(folder, 2026, ", concerns: 2025")
    text = path.read_text(encoding="utf-8").replace("2026-03-10", "2027-03-10")
    path.write_text(text, encoding="utf-8")
    code, out, err = run("check", folder, "--fail-on", "never", "--lang", "en")
    assert code == ExitCode.OK and "Disputes ladder 2026" in out
    assert ("warning [escalations[0].date]: the meeting of 2027-03-10 concerns 2025, more than a "
            "year after it ended") in err


def bundled(tmp_path: Path) -> Path:
    """A copy of the bundled Stichtse Vecht facts (the rent policy delivered on 02-03-2026)."""
    folder = tmp_path / "stichtse-vecht-2025"
    folder.mkdir()
    for year in (2025, 2026):
        (folder / f"{year}.yaml").write_bytes((SV / f"{year}.yaml").read_bytes())
    return folder


def test_a_meeting_that_matches_no_shortfall_is_warned_about(tmp_path: Path) -> None:
    """Portaal's rent policy came on 02-03-2026, so 3.2-2 was kept in 2026; an overleg of March
    2026 without `concerns` is about 2026 and matches no shortfall."""
    folder = bundled(tmp_path)
    move_meeting(folder, 2026, "")
    for args in (("check", folder, "--fail-on", "never"), ("validate", folder)):
        code, _, err = run(*args)
        assert code == ExitCode.OK
        assert ("waarschuwing [escalations[0]]: het overleg over 3.2-2 gaat over 2026, maar 3.2-2 "
                "schoot in 2026 niet tekort (Portaal)") in err, err
    code, _, err = run("check", SV, "--fail-on", "never")
    assert err == ""  # every bundled meeting is about a shortfall


# -- one history per agreement -------------------------------------------------------------------

def test_the_files_of_one_agreement_are_one_history(tmp_path: Path) -> None:
    """Westland's running totals (cumulative since 2020) need every year: file by file they were
    missing data, and the JSON was one document per file."""
    files = sorted((BUNDLED_FACTS / "westland-2025").glob("*.yaml"))
    _, by_files, _ = run("check", *files, "--format", "json", "--fail-on", "never")
    _, by_folder, _ = run("check", BUNDLED_FACTS / "westland-2025", "--format", "json",
                          "--fail-on", "never")
    assert json.loads(by_files) == json.loads(by_folder)
    assert "checks" not in json.loads(by_files)
    assert steps(SV / "2025.yaml", SV / "2026.yaml") == steps(SV)


def test_files_and_folders_of_several_agreements_are_grouped_by_agreement() -> None:
    westland = BUNDLED_FACTS / "westland-2025"
    args = (SV / "2026.yaml", westland / "2026.yaml", SV / "2025.yaml", westland, SV / "2026.yaml")
    code, out, _ = run("check", *args, "--format", "json", "--fail-on", "never")
    checks = json.loads(out)["checks"]
    assert [(c["pack"]["id"], c["years"]) for c in checks] == [
        ("stichtse-vecht-2025", [2025, 2026]), ("westland-2025", [2025, 2026])]
    code, out, _ = run("validate", *args)
    assert code == ExitCode.OK and [line.split(" in orde")[0] for line in out.splitlines()] == [
        "stichtse-vecht-2025 2025, 2026", "westland-2025 2020, 2021, 2022, 2023, 2024, 2025, 2026"]
    code, out, _ = run("escalations", *args, "--format", "json")
    packs = {e["rule"].split("/")[0] for e in json.loads(out)["escalations"]}
    assert {"stichtse-vecht-2025", "westland-2025"} <= packs <= {
        "stichtse-vecht-2025", "westland-2025", "npa-2025"}  # a national rule keeps its pack's id


def test_a_report_is_about_one_agreement() -> None:
    code, _, err = run("report", SV, BUNDLED_FACTS / "westland-2025" / "2026.yaml")
    assert code == ExitCode.BAD_INPUT and "stichtse-vecht-2025, westland-2025" in err


# -- record: which finding a meeting concerns ----------------------------------------------------

def test_record_says_which_finding_the_meeting_concerns(tmp_path: Path) -> None:
    folder = without_rent_policy(tmp_path)
    code, out, err = run("record", folder / "2026.yaml", "--rule", "3.2-2", "--rung", "mediation",
                         "--date", "2026-03-10", "--concerns", "2025", "--outcome", "unresolved")
    assert code == ExitCode.OK and err == ""
    assert "betreft 3.2-2 2025 Portaal: niet nageleefd" in out
    assert load_fact_set(folder / "2026.yaml").escalations[-1].concerns == 2025


def test_record_writes_the_default_year_and_warns_on_no_shortfall(tmp_path: Path) -> None:
    folder = bundled(tmp_path)
    code, out, err = run("record", folder / "2026.yaml", "--rule", "3.2-2", "--rung", "overleg",
                         "--date", "2026-03-10", "--lang", "en")
    assert code == ExitCode.OK and "recorded in" in out and "concerns 3.2-2" not in out
    assert ("warning: the meeting about 3.2-2 concerns 2026, but 3.2-2 did not fall short in 2026 "
            "(Portaal)") in err
    assert load_fact_set(folder / "2026.yaml").escalations[-1].concerns == 2026  # written out


def test_record_refuses_a_meeting_held_in_another_year_without_concerns(tmp_path: Path) -> None:
    folder = without_rent_policy(tmp_path)
    before = (folder / "2025.yaml").read_bytes()
    code, _, err = run("record", folder / "2025.yaml", "--rule", "3.2-2", "--rung", "overleg",
                         "--date", "2026-03-10")
    assert code == ExitCode.BAD_INPUT and "fout [--date]" in err
    assert "noem met concerns het jaar waarover het gaat (2025," in err
    assert (folder / "2025.yaml").read_bytes() == before


def test_the_bundled_meetings_each_concern_a_shortfall_or_the_talk_a_trigger_asks_for() -> None:
    """Vlaardingen's stuurgroep of 12-11-2026 is the consultation 1.20 asks for when sales run
    above the programme (a trigger whose action is talks): it matches that finding, so no
    warning says it changes nothing."""
    code, _, err = run("validate", *sorted(p for p in BUNDLED_FACTS.iterdir() if p.is_dir()))
    assert code == ExitCode.OK and "waarschuwing" not in err, err
