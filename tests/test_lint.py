"""`woonpact lint`: each mistake a rule author makes is caught with its line, column and a fix;
warnings and errors are told apart; exit codes 0/1/2 as docs/cli.md says."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from woonpact.cli import main
from woonpact.engine import paths
from woonpact.engine.authoring.lint import lint_pack
from woonpact.engine.output.result import ExitCode

PACK = """\
pack: proef-2025
title: Prestatieafspraken Proefstad 2025-2028
municipality: Proefstad
period: {from: 2025, to: 2028}
document: {title: Prestatieafspraken Proefstad}
parties:
  - {id: gemeente, name: Gemeente Proefstad, role: gemeente}
  - {id: woonstad, name: Woonstad, role: corporatie}
ladder:
  rungs:
    - {id: overleg, name: Overleg, parties: [gemeente, woonstad]}
    - {id: mediation, name: Mediation, parties: [all]}
rules:
  - id: "1"
    title: Vrije toewijzingsruimte maximaal 10%
    theme: toewijzing
    source:
      section: "1"
      quote: "De corporatie hanteert een vrije toewijzingsruimte van maximaal 10%."
    obligation: result
    scope: corporations
    measure: share(lettings_free_allocation, lettings_total)
    norm: "<= 10%"
  - id: "2"
    title: Huur onder de liberalisatiegrens
    theme: betaalbaarheid
    source:
      section: "2"
      quote: "Nieuwe sociale huurwoningen hebben een huur onder de liberalisatiegrens."
    obligation: result
    scope: {each: projects, where: "homes >= 16"}
    responsible: [woonstad]
    measure: rent_after_works
    norm: "<= param(liberalisatiegrens)"
  - id: "3"
    title: Bod voor 1 juli
    theme: samenwerking
    source: {section: "3", quote: "De corporatie brengt jaarlijks voor 1 juli haar bod uit."}
    obligation: result
    scope: corporations
    milestone: {deliverable: bod, due: "2026-06-30"}
  - id: "4"
    title: Urgenten
    theme: doelgroepen
    source:
      section: "4"
      quote: "Maximaal 40% van de verhuringen gaat naar urgent woningzoekenden."
    obligation: result
    scope: corporations
    measure: share(lettings where target_group == "urgent")
    norm: "<= 40%"
    deadline: 2027
"""


def write(tmp_path: Path, old: str = "", new: str = "") -> Path:
    assert old in PACK
    path = tmp_path / "proef-2025.yaml"
    path.write_text(PACK.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if needle in line)


def lint(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["lint", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_the_base_pack_and_every_bundled_pack_lint_clean(tmp_path: Path) -> None:
    code, output = lint(str(write(tmp_path)), str(paths.RULES))
    assert code == ExitCode.OK, output
    packs = 1 + len(list(paths.RULES.glob("*.yaml")))
    assert output.count("0 fout(en), 0 waarschuwing(en)") == packs


# Each mistake from issue 5: the text changed, the line it is on, the severity, and what the
# message must contain (the wrong thing and the fix).
MISTAKES = {
    "unknown fact": ("lettings_total)", "letings_total)", "fout",
                     ["onbekend feit 'letings_total'", "bedoelt u 'lettings_total'",
                      "zie docs/facts.md"]),
    "unknown parameter": ("param(liberalisatiegrens)", "param(liberalisatie_grens)", "fout",
                          ["liberalisatie_grens", "bedoelt u 'liberalisatiegrens'",
                           "rules/national/parameters.yaml"]),
    "share without %": ('norm: "<= 10%"', 'norm: "<= 10"', "fout",
                        ["10 is een getal, geen aandeel", "met %: 10%"]),
    "share as a fraction": ('norm: "<= 10%"', 'norm: "<= 0.1"', "fout",
                            ["0.1 is een getal", "met %: 10%"]),
    "share as a fraction of three digits": ('norm: "<= 10%"', 'norm: "<= 0.075"', "fout",
                                            ["0.075 is een getal", "met %: 7.5%"]),
    "decimal comma": ('norm: "<= 10%"', 'norm: "<= 7,5%"', "fout",
                      ["'7,5%' heeft een decimale komma", "punt: 7.5%"]),
    "norm without a comparison first": ('norm: "<= 10%"', 'norm: "=< 10%"', "fout",
                                        ['norm "=< 10%" begint niet met een vergelijking',
                                         "schrijf >=, <=", "between 24 and 32"]),
    "bound above 100%": ('norm: "<= 10%"', 'norm: "<= 110%"', "fout",
                         ["110%", "tussen 0% en 100%"]),
    "bound below 0%": ('norm: "<= 40%"', 'norm: "<= -5%"', "fout", ["-5%", "tussen 0% en 100%"]),
    "duplicate rule id": ('id: "3"', 'id: "2"', "fout", ["'2' komt twee keer voor", "eigen id"]),
    "undeclared party": ("responsible: [woonstad]", "responsible: [wonstad]", "fout",
                         ["'wonstad'", "bedoelt u 'woonstad'", "voeg haar toe onder 'parties'"]),
    "undeclared party on a rung": ("parties: [gemeente, woonstad]}",
                                   "parties: [gemeente, wonstad]}", "fout",
                                   ["'wonstad'", "bedoelt u 'woonstad'"]),
    "filter that never matches": ('where: "homes >= 16"', 'where: "homes >= 16 and homes < 10"',
                                  "waarschuwing",
                                  ["geen enkel item van projects", "'homes'",
                                   "controleer de grenzen"]),
    "filter on a value that never occurs": ('target_group == "urgent"', 'target_group == "urgnt"',
                                            "waarschuwing",
                                            ["nooit 'urgnt'", "bedoelt u 'urgent'", "kies uit"]),
    "filter inside another filter": ('target_group == "urgent"',
                                     'refusals > count(lettings where target_group == "urgnt")',
                                     "waarschuwing", ["nooit 'urgnt'", "bedoelt u 'urgent'"]),
    "rule without a source": ('    source: {section: "3", quote: "De corporatie brengt jaarlijks '
                              'voor 1 juli haar bod uit."}\n',
                              "", "fout", ["geen bron", "quote:"]),
    "source without a quote": ('{section: "3", quote: "De corporatie brengt jaarlijks voor 1 juli '
                               'haar bod uit."}',
                               '{section: "3"}', "fout", ["citeert de afspraak niet", "quote:"]),
    "empty quote": ('quote: "De corporatie brengt jaarlijks voor 1 juli haar bod uit."',
                    'quote: ""', "fout",
                    ["te kort of leeg", "letterlijk"]),
    "placeholder quote": ('quote: "De corporatie brengt jaarlijks voor 1 juli haar bod uit."',
                          'quote: "TODO: citaat uit de pdf overnemen"', "waarschuwing",
                          ["plaatshouder", "letterlijk"]),
    "deadline before the rule's years": ("deadline: 2027", "deadline: 2024", "fout",
                                         ["deadline 2024", "(2025)", "kies een jaar vanaf 2025"]),
    "years starting before the period": ("    deadline: 2027\n",
                                         "    years: {from: 2024, to: 2026}\n", "fout",
                                         ["jaren 2024-2026", "binnen de looptijd 2025-2028"]),
    "years starting after the period": ("    deadline: 2027\n",
                                        "    years: {from: 2029, to: 2030}\n", "fout",
                                        ["jaren 2029-2030", "binnen de looptijd 2025-2028"]),
    "trajectory starting at the deadline": ("    deadline: 2027\n",
                                            "    trajectory: {start: {year: 2027, value: 60%}}\n   "
                                            " deadline: 2027\n",
                                            "fout", ["traject begint in 2027", "vóór de deadline"]),
    "due date outside the period": ('due: "2026-06-30"', 'due: "2029-06-30"', "fout",
                                    ["2029-06-30", "2025-2028",
                                     "kies een datum binnen de looptijd"]),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_each_mistake_is_caught_with_line_and_fix(tmp_path: Path, mistake: str) -> None:
    old, new, label, expected = MISTAKES[mistake]
    path = write(tmp_path, old, new)
    code, output = lint(str(path))
    lines = [line for line in output.splitlines() if f": {label} [" in line]
    assert len(lines) >= 1, output
    shown = lines[0]
    for part in expected:
        assert part in shown, shown
    place = shown.split(": ", 1)[0]
    assert place.startswith(f"{path}:"), shown
    changed = PACK[:PACK.index(old)].count("\n") + 1
    expected_line = line_of(path, '- id: "3"') if mistake == "rule without a source" else changed
    assert int(place.split(":")[1]) == expected_line, shown  # a missing source points at its rule
    assert code == (ExitCode.BAD_INPUT if label == "fout" else ExitCode.OK)


def test_unknown_fact_points_at_the_column_of_the_name(tmp_path: Path) -> None:
    path = write(tmp_path, "lettings_total)", "letings_total)")
    _, output = lint(str(path))
    line = line_of(path, "letings_total")
    column = path.read_text(encoding="utf-8").splitlines()[line - 1].index("letings_total") + 1
    assert f"{path}:{line}:{column}: fout [rules[0].measure]" in output


def test_warnings_exit_0_but_1_with_strict_and_errors_exit_2(tmp_path: Path) -> None:
    warned = write(tmp_path, 'where: "homes >= 16"', 'where: "homes < 0"')
    assert lint(str(warned))[0] == ExitCode.OK
    assert lint("--strict", str(warned))[0] == ExitCode.FAILING
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "proef-2025.yaml").write_text(PACK.replace('id: "3"', 'id: "2"'), encoding="utf-8")
    assert lint(str(warned), str(broken))[0] == ExitCode.BAD_INPUT


def test_all_mistakes_are_reported_in_one_run_in_file_order(tmp_path: Path) -> None:
    text = PACK.replace("lettings_total)", "letings_total)").replace('id: "3"', 'id: "2"').replace(
        'where: "homes >= 16"', 'where: "homes > 3 and homes < 4"')
    path = tmp_path / "proef-2025.yaml"
    path.write_text(text, encoding="utf-8")
    report = lint_pack(path)
    assert [p.key for p in report.problems] == ["expr.unknown_name", "lint.filter_never",
                                                "pack.duplicate_rule"]
    assert [p.severity for p in report.problems] == ["error", "warning", "error"]
    lines = [p.line for p in report.problems]
    assert lines == sorted(lines)


@pytest.mark.parametrize(("where", "never"), [
    ("homes >= 16", False),
    ("homes > 3 and homes < 4", True),          # no whole number of homes lies strictly between
    ("homes < 0", True),                        # a count is never negative
    ("not (homes >= 0)", True),
    ("homes >= 16 or homes < 10", False),
    ("(homes > 20 or homes < 5) and homes == 10", True),
    ("completed and not completed", True),
    ("land == \"gemeente\" and land == \"derden\"", True),
    ("land != \"gemeente\" and land != \"derden\"", True),
    ("land != \"gemeente\"", False),
    ("homes != 3 and homes >= 3 and homes <= 3", True),
    ("homes >= social_rent_homes", False),      # two attributes: not judged
    ("false", True),
])
def test_never_matching_filters(tmp_path: Path, where: str, never: bool) -> None:
    path = write(tmp_path, 'where: "homes >= 16"', f"where: '{where}'")
    keys = [p.key for p in lint_pack(path).problems]
    assert keys == (["lint.filter_never"] if never else []), keys


def test_quarter_and_month_have_their_ranges(tmp_path: Path) -> None:
    path = write(tmp_path, 'share(lettings where target_group == "urgent")',
                 "share(lettings where quarter == 5)")
    assert [p.key for p in lint_pack(path).problems] == ["lint.filter_never"]


def test_lint_speaks_english(tmp_path: Path) -> None:
    _, output = lint("--lang", "en",
                     str(write(tmp_path, "responsible: [woonstad]", "responsible: [wonstad]")))
    assert "error [rules[1].responsible[0]]" in output and "did you mean 'woonstad'" in output
    assert "1 error(s), 0 warning(s)" in output


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    code, output = lint(str(tmp_path / "nope.yaml"))
    assert code == ExitCode.BAD_INPUT and "bestaat niet" in output


@pytest.mark.parametrize("change", [
    ("deadline: 2027", "deadline: 2030"),  # a target year after the term ("vóór 2031")
    # a clause that names a year after the term
    ("    deadline: 2027\n", "    years: {from: 2026, to: 2029}\n"),
    ("    deadline: 2027\n",
     "    deadline: 2030\n    trajectory: {start: {year: 2024, value: 60%}}\n"),
])
def test_a_deadline_or_last_year_after_the_period_is_allowed(tmp_path: Path,
                                                             change: tuple[str, str]) -> None:
    code, output = lint(str(write(tmp_path, *change)))
    assert code == ExitCode.OK and "0 fout(en), 0 waarschuwing(en)" in output, output
