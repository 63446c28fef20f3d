"""A trace a person can follow: how each value was built (yearly figures and their sum, a share's
part and whole, the corporations' parts of a sum), who supplied each figure from which system,
each parameter's date and source; in the report and in JSON. The report carries its date and the
fact files with a content hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from functools import cache
from pathlib import Path

import jsonschema
import pytest

from tests.support import BUNDLED_FACTS, REPOSITORY
from woonpact.engine import paths
from woonpact.engine.check import CheckResult, check
from woonpact.engine.model.finding import Finding
from woonpact.engine.output import html as html_report
from woonpact.engine.output import markdown_report, rendered
from woonpact.engine.output.trace import Tracer, computation, provenance

AGREEMENTS = ("westland-2025", "stichtse-vecht-2025")


@cache
def result(agreement: str) -> CheckResult:
    return check([BUNDLED_FACTS / agreement])


def finding(agreement: str, rule_id: str, scope: str, year: int = 2026) -> Finding:
    (found,) = [
        f
        for f in result(agreement).findings
        if (f.rule.id, f.scope.id, f.year) == (rule_id, scope, year)
    ]
    return found


def test_a_cumulative_value_is_each_years_figure_and_their_sum() -> None:
    f = finding("westland-2025", "3.1-1", "westland-2025")
    trace = Tracer(result("westland-2025"), "nl").trace(f)
    (years,) = [s for s in trace.steps if s.kind == "years" and s.measure]
    assert [(t.year, t.value) for t in years.terms] == [
        (2020, 120),
        (2021, 95),
        (2022, 140),
        (2023, 110),
        (2024, 155),
        (2025, 195),
        (2026, 150),
    ]
    assert sum(t.value for t in years.terms) == years.value == f.value == 965
    assert (
        computation(trace, "nl")[0]
        == "965 = 120 (2020) + 95 (2021) + 140 (2022) + 110 (2023) + 155 (2024) + 195 (2025) + 150 "
           "(2026)"
    )
    # the straight path from 2020 to 1,600 at the end of 2030 (W1: the clause names 2030 itself)
    assert trace.path == ((2025, 815, pytest.approx(783.33, abs=0.01)),
                          (2026, 965,
                           pytest.approx(946.67, abs=0.01))) and f.target == trace.path[-1][2]


def test_an_agreement_wide_figure_is_the_corporations_parts_each_with_its_supplier() -> None:
    trace = Tracer(result("westland-2025"), "nl").trace(
        finding("westland-2025", "3.1-1", "westland-2025")
    )
    (parts,) = [s for s in trace.steps if s.kind == "parties" and s.words.endswith("2026")]
    assert [(t.party, t.value) for t in parts.terms] == [("arcade", 115), ("wonen-wateringen", 35)]
    lines = provenance(trace, result("westland-2025").pack, "nl")
    assert (
        "opgeleverde sociale huurwoningen 2026: 150 = 115 (Arcade (Arcade wonen)) + 35 (Wonen "
        "Wateringen)"
        in lines
    )
    assert (
        "opgeleverde sociale huurwoningen 2026: 115, van Arcade (Arcade wonen); geleverd door "
        "Arcade (Arcade wonen), "
        "dPi 2026" in lines
    )
    # the 1,800 homes of all builders together (3.1-1-totaal) read the private landlords' figure
    total = Tracer(result("westland-2025"), "nl").trace(
        finding("westland-2025", "3.1-1-totaal", "westland-2025", 2025))
    assert (
        "sociale huurwoningen van particuliere verhuurders 2025: 30, van de gemeente als geheel; "
        "geleverd door "
        "Gemeente Westland, BAG en Monitor Wonen Westland 2025; betwist door Arcade (Arcade "
        "wonen): "
        in " ".join(provenance(total, result("westland-2025").pack, "nl"))
    )


def test_a_figure_summed_over_the_corporations_is_traced_to_theirs() -> None:
    """`corporations(stock_total)`: the corporations' homes (11,200), though the municipality's
    own section gives its whole stock_total (47,650) too."""
    trace = Tracer(result("westland-2025"), "nl").trace(
        finding("westland-2025", "3.5-6", "westland-2025"))
    cited = [(f.party, f.value) for f in trace.figures if f.name == "stock_total"]
    assert cited == [("arcade", 9170), ("wonen-wateringen", 2030)]
    (parts,) = [s for s in trace.steps if s.kind == "parties" and s.words.startswith("woningen")]
    assert parts.value == 11200 == trace.steps[0].terms[1].value


def test_a_sum_from_a_year_counted_from_the_year_judged_is_traced_year_by_year(
        tmp_path: Path) -> None:
    text = (REPOSITORY / "rules" / "westland-2025.yaml").read_text(encoding="utf-8")
    relative = "measure: cumulative(new_build_social, year_judged - 6)"
    (tmp_path / "westland-2025.yaml").write_text(
        text.replace("measure: cumulative(new_build_social, 2020)", relative, 1), encoding="utf-8")
    checked = check([BUNDLED_FACTS / "westland-2025"], tmp_path / "westland-2025.yaml")
    (f,) = [f for f in checked.findings if (f.rule.id, f.year) == ("3.1-1", 2026)]
    (years,) = [s for s in Tracer(checked, "nl").trace(f).steps if s.kind == "years"]
    assert [t.year for t in years.terms] == list(range(2020, 2027)) and years.value == 965


def test_a_share_is_its_part_over_its_whole() -> None:
    trace = Tracer(result("westland-2025"), "nl").trace(finding("westland-2025", "3.2-1", "arcade"))
    assert computation(trace, "nl") == [
        "67,9% = 95 verhuringen (herverhuring, kale huur ten hoogste de 2e "
        "aftoppingsgrens) / 140 verhuringen (herverhuring)"
    ]
    trace = Tracer(result("stichtse-vecht-2025"), "nl").trace(
        finding("stichtse-vecht-2025", "visie-30", "stichtse-vecht-2025")
    )
    assert computation(trace, "nl") == [  # this year's share, and the previous year's in the norm
        "22,7% = 6.920 sociale huurwoningen / 30.420 woningen in totaal",
        "aandeel sociale huurwoningen in woningen in totaal: 22,4% = 6.755 sociale huurwoningen / "
        "30.160 woningen in totaal",
    ]


@pytest.mark.parametrize("agreement", sorted(p.name for p in BUNDLED_FACTS.iterdir() if p.is_dir()))
def test_every_share_in_a_trace_is_its_part_over_its_whole(agreement: str) -> None:
    """All findings traced by one tracer, as JSON and the report do: the parts of a share of
    items (built for the trace, not in the rule) are never mistaken for one another."""
    tracer = Tracer(result(agreement), "nl")
    shares = [s for f in result(agreement).findings for s in tracer.trace(f).steps
              if s.kind == "share" and None not in (s.value, *(t.value for t in s.terms))]
    assert shares
    for step in shares:
        part, whole = (t.value for t in step.terms)
        assert part / whole == pytest.approx(step.value), step


def test_a_parameter_is_shown_with_its_value_date_and_source() -> None:
    trace = Tracer(result("westland-2025"), "nl").trace(
        finding("westland-2025", "3.5-8-sociaal", "projects/poeldijk-centrum-verduurzaming")
    )
    (use,) = trace.parameters
    assert (use.name, use.year, use.value, use.valid_from) == (
        "liberalisatiegrens",
        2026,
        932.93,
        dt.date(2026, 1, 1),
    )
    line = provenance(trace, result("westland-2025").pack, "nl")[-1]
    assert line.startswith(
        "de liberalisatiegrens 2026: € 932,93 (geldig vanaf 01-01-2026); bron: Indexering"
    )
    assert [(s.name, s.value) for s in trace.entity] == [("projects.rent_after_works", 880)]


@pytest.mark.parametrize("agreement", AGREEMENTS)
def test_every_cumulative_finding_in_the_report_shows_its_yearly_figures_and_sum(
    agreement: str,
) -> None:
    page = html.unescape(html_report.render(result(agreement), "nl"))
    markdown = markdown_report.render(result(agreement), "nl")
    cumulative = [
        f
        for f in result(agreement).findings
        if f.year == max(result(agreement).years)
        and f.rule.measure
        and "cumulative(" in f.rule.measure.text
        and isinstance(f.value, (int, float))
    ]
    assert cumulative
    tracer = Tracer(result(agreement), "nl")
    for f in cumulative:
        shown = [
            line for line in computation(tracer.trace(f), "nl") if re.search(r"\(\d{4}\)", line)
        ]
        assert shown, f.rule.id
        assert all(line in page for line in shown), f.rule.id
        assert all(markdown_report.inline(line) in markdown for line in shown), f.rule.id


def test_json_carries_the_trace_in_its_published_shape() -> None:
    document = json.loads(rendered(result("westland-2025"), "json", "nl"))
    jsonschema.validate(
        document,
        json.loads((paths.SCHEMAS / "check-output.schema.json").read_text(encoding="utf-8")),
    )
    (f,) = [
        f for f in document["findings"] if f["rule"] == "westland-2025/3.1-1" and f["year"] == 2026
    ]
    years = f["trace"]["steps"][0]
    assert (years["kind"], years["value"], [t["year"] for t in years["terms"]]) == (
        "years",
        965,
        list(range(2020, 2027)),
    )
    assert {
        "name": "new_build_social",
        "year": 2026,
        "value": 115,
        "party": "arcade",
        "supplied_by": "arcade",
        "system": "dPi 2026",
    }.items() <= next(
        x
        for x in f["trace"]["figures"]
        if (x["name"], x["year"], x["party"]) == ("new_build_social", 2026, "arcade")
    ).items()
    assert f["expression"]["measure"] == "cumulative(new_build_social, 2020)"


def test_the_report_carries_its_date_and_the_fact_files_with_their_versions() -> None:
    page = html_report.render(result("westland-2025"), "nl")
    assert f"opgesteld op {dt.date.today():%d-%m-%Y}" in page
    sources = page.split('<section id="sources">')[1]
    for year, fact_set in result("westland-2025").fact_sets.items():
        digest = hashlib.sha256(fact_set.path.read_bytes()).hexdigest()[:16]
        assert re.search(
            rf"<td>{year}</td><td><code>[^<]*{fact_set.path.name}</code></td><td><code>{digest}",
            sources,
        )
    assert "lettings-2026.csv" in sources  # the CSV a fact file reads
