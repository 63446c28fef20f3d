"""A workspace of one's own for tests: a pack that declares two figures and an attribute of its
own, reads a dated value it sets itself (overridden for a year in the facts) and includes the
national layer, with its rule tests and two years of facts."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from woonpact.cli import main

PACK = """\
pack: groenstad-2025
title: Prestatieafspraken Groenstad 2025-2028
municipality: Groenstad
period: {from: 2025, to: 2028}
document: {title: Prestatieafspraken Groenstad 2025-2028}
includes: [npa-2022, npa-2025]
parties:
  - {id: gemeente, name: Gemeente Groenstad, role: gemeente}
  - {id: woonstad, name: Woonstad, role: corporatie}
vocabulary:
  figures:
    label_steps:
      unit: count
      label: {nl: verbeterde energielabelstappen, en: energy-label steps improved}
      reported_by: corporatie
    evictions_total:
      unit: count
      label: {nl: ontruimingen om welke reden ook, en: evictions for any reason}
      reported_by: woonstad
  attributes:
    projects:
      gasless:
        unit: bool
        default: false
        label: {nl: aardgasvrij opgeleverd, en: completed gas-free}
parameters:
  taakstelling_statushouders:
    unit: count
    description:
      nl: Taakstelling statushouders van de gemeente per jaar
      en: Statushouders to house per year
    values:
      - {valid_from: 2025-01-01, value: 40, source: "Artikel 6.1: uitgangspunt 40 per jaar"}
rules:
  - id: "4.1"
    title: {nl: Jaarlijks 150 labelstappen, en: 150 label steps a year}
    theme: duurzaamheid
    source:
      section: "4.1"
      quote: "De corporatie verbetert jaarlijks ten minste 150 energielabelstappen."
    obligation: effort
    scope: corporations
    measure: label_steps
    norm: ">= 150"
  - id: "4.2"
    title: {nl: Nieuwbouw aardgasvrij, en: New-build gas-free}
    theme: duurzaamheid
    source: {section: "4.2", quote: "Alle nieuwbouwprojecten worden aardgasvrij opgeleverd."}
    obligation: result
    responsible: [gemeente]
    scope: {each: projects, where: "completed"}
    measure: gasless
    norm: "== true"
  - id: "6.1"
    title: {nl: Taakstelling statushouders, en: Statushouders target}
    theme: doelgroepen
    source:
      section: "6.1"
      quote: "De corporaties huisvesten samen ten minste de taakstelling statushouders."
    obligation: result
    scope: agreement
    measure: lettings_statushouders
    norm: ">= param(taakstelling_statushouders)"
  - id: "7.2"
    title:
      nl: Ontruimingen onder de taakstelling van vorig jaar
      en: Evictions below last year's target
    theme: betaalbaarheid
    source:
      section: "7.2"
      quote: "Het aantal ontruimingen blijft onder de taakstelling van het jaar ervoor."
    obligation: effort
    scope: corporations
    measure: evictions_total
    norm: "< param(taakstelling_statushouders, year_judged - 1)"
"""

FACTS = {
    2025: """\
agreement: groenstad-2025
year: 2025
parties:
  woonstad:
    figures: {label_steps: 160, evictions_total: 3, lettings_statushouders: 41}
collections:
  projects:
    - {id: de-akker, homes: 40, completed: true, gasless: true}
""",
    2026: """\
agreement: groenstad-2025
year: 2026
parameters:
  taakstelling_statushouders:
    value: 46
    source: "Taakstelling 2026: 24 en 22 per halfjaar"
    date: 2026-06-01
parties:
  woonstad:
    figures: {label_steps: 140, evictions_total: 39, lettings_statushouders: 44}
collections:
  projects:
    - {id: de-akker, homes: 40, completed: true, gasless: true}
    - {id: het-veld, homes: 12, completed: true}
""",
}

TESTS = """\
pack: groenstad-2025
cases:
  - name: "4.1: 150 steps comply, 149 fall short"
    facts:
      2025: {parties: {woonstad: {figures: {label_steps: 150}}}}
      2026: {parties: {woonstad: {figures: {label_steps: 149}}}}
    expect:
      - {rule: "4.1", year: 2025, status: compliant}
      - {rule: "4.1", year: 2026, status: warning}
  - name: "6.1: the value set for the year overrides the agreement's 40"
    facts:
      2026:
        parameters: {taakstelling_statushouders: {value: 46, source: "Taakstelling 2026"}}
        parties: {woonstad: {figures: {lettings_statushouders: 45}}}
    expect:
      - {rule: "6.1", status: breach, value: 45}
"""


def make_workspace(root: Path) -> Path:
    """The workspace as `woonpact init` leaves it, with the pack, tests and facts above."""
    result = CliRunner().invoke(main, ["init", "groenstad-2025", "--workspace", str(root)])
    assert result.exit_code == 0, result.output
    (root / "rules" / "groenstad-2025.yaml").write_text(PACK, encoding="utf-8")
    (root / "rules" / "tests" / "groenstad-2025.tests.yaml").write_text(TESTS, encoding="utf-8")
    for year, text in FACTS.items():
        (root / "facts" / "groenstad-2025" / f"{year}.yaml").write_text(text, encoding="utf-8")
    return root


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output
