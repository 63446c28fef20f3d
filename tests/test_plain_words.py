"""Plain words everywhere a person reads: no finding message, table, Markdown, workbook or report
over the bundled packs and facts shows a rule expression (a function call, an operator between
names, a snake_case name); `explain` keeps the expressions for authors."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.support import BUNDLED_FACTS
from woonpact.engine.check import CheckResult, check, pack_by_path
from woonpact.engine.output import rendered, renderer, report_renderer
from woonpact.engine.output.explain import explain
from woonpact.engine.output.xlsx import render_all
from woonpact.engine.rules.registry import find_pack

FUNCTIONS = "cumulative|count|param|share|sum|previous|at|min|max|exists|condition|price_level"
RAW = re.compile(
    rf"\b(?:{FUNCTIONS})\(|\b[a-z]+(?:_[a-z0-9]+)+\b|[\w)%][ \t]*(?:==|!=|>=|<=)[ \t]*[\w(]"
)
FOLDERS = sorted(p.name for p in BUNDLED_FACTS.iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def results() -> dict[str, CheckResult]:
    return {name: check([BUNDLED_FACTS / name]) for name in FOLDERS}


def raw(text: str) -> list[str]:
    return sorted({m.group(0) for m in RAW.finditer(text)})


def visible(page: str) -> str:
    """The text a browser shows: no style sheet, no tags, entities decoded."""
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_the_check_catches_what_it_looks_for() -> None:
    """Proof that the pattern finds each kind of raw expression, and passes plain words."""
    for text in (
        "cumulative(new_build_social, 2020)",
        "count(meetings where x)",
        "<= param(x) - 0.5%",
        "stock_label_efg - stock_label_efg_exempt",
        "2 voldoet aan de norm >= 1",
        "30% <= 31%",
    ):
        assert raw(text), text
    assert not raw(
        "139 opgeleverde sociale huurwoningen sinds 2025; voldoet aan de norm: meer dan 0 "
        "(= 1.690) Arcade (Arcade wonen) wonen-wateringen 3.1-primaat-ao"
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", FOLDERS)
def test_no_reader_sees_a_rule_expression(
    results: dict[str, CheckResult], name: str, lang: str
) -> None:
    result = results[name]
    texts = {fmt: renderer(fmt)(result, lang) for fmt in ("table", "markdown")}
    texts["report.html"] = visible(report_renderer("html")(result, lang, None))
    texts["report.md"] = report_renderer("markdown")(result, lang, None)
    import json

    texts["json messages"] = "\n".join(
        f["message"] + " " + (f["norm"] or "")
        for f in json.loads(rendered(result, "json", lang))["findings"]
    )
    book = load_workbook(io.BytesIO(render_all([result], lang)))
    ids = {
        result.pack.id,
        *(f.rule.pack for f in result.findings),
        *(f.rule.id for f in result.findings),
    }
    texts["xlsx"] = "\n".join(
        str(v)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for v in row
        if isinstance(v, str) and v not in ids
    )
    assert not {f.rule.theme for f in result.findings if "-" in f.rule.theme} & set(
        texts["xlsx"].split("\n")
    )
    found = {where: raw(text) for where, text in texts.items() if raw(text)}
    assert not found


def test_explain_keeps_the_expressions_for_authors() -> None:
    pack = pack_by_path(find_pack("westland-2025"))
    text = explain(pack, "3.1-1", "nl")
    assert "cumulative(new_build_social, 2020)" in text


def test_a_rendered_message_names_what_was_measured_with_its_unit(
    results: dict[str, CheckResult],
) -> None:
    from woonpact.engine.output.words import message

    result = results["westland-2025"]
    texts = {
        (f.rule.id, f.year, f.scope.id): message(f, "nl", result.pack) for f in result.findings
    }
    assert texts[("3.1-1", 2026, "westland-2025")] == (
        "965 opgeleverde sociale huurwoningen sinds 2020; ligt op koers (doel dit jaar 947; eind "
        "2030: ten minste 1.600)"
    )
    assert texts[("3.1-1-totaal", 2025, "westland-2025")].startswith(
        "opgeleverde sociale huurwoningen plus sociale huurwoningen van particuliere verhuurders, "
        "opgeteld sinds 2020: 915; ligt op koers (doel dit jaar 875; eind 2030: ten minste 1.800)")
    assert (
        texts[("3.4-woonzorgoverleg", 2026, "westland-2025")]
        == "overleggen (soort overleg: woonzorgoverleg): 1; voldoet niet aan de norm: ten minste "
           "2; nog 1 nodig"
    )
    assert (
        texts[("3.5-8-sociaal", 2026, "projects/poeldijk-centrum-verduurzaming")]
        == "huur na de werkzaamheden: € 880,00; voldoet aan de norm: ten hoogste € 932,93 (de "
           "liberalisatiegrens)"
    )
    assert (
        texts[("3.2-5", 2026, "wonen-wateringen")]
        == "gegevens ontbreken: huisuitzettingen wegens huurachterstand (Wonen Wateringen, 2026)"
    )


def test_an_author_may_word_the_measure_and_the_norm(tmp_path: Path) -> None:
    import yaml

    from woonpact.engine.check import check as run

    source = (BUNDLED_FACTS.parent / "rules" / "westland-2025.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(source)
    rule = next(r for r in data["rules"] if r["id"] == "3.1-1-netto")
    rule["wording"] = {
        "measure": {
            "nl": "{value} sociale huurwoningen netto toegevoegd sinds 2020",
            "en": "{value} social homes added, net, since 2020",
        },
        "norm": {"nl": "ten minste {bound} eind 2030", "en": "at least {bound} by the end of 2030"},
    }
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "westland-2025.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    (rules / "npa-2022.yaml").write_text(
        (BUNDLED_FACTS.parent / "rules" / "npa-2022.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    result = run([BUNDLED_FACTS / "westland-2025"], rules)
    from woonpact.engine.output.words import message

    (finding,) = [f for f in result.findings if f.rule.id == "3.1-1-netto" and f.year == 2026]
    assert message(finding, "nl", result.pack).startswith(
        "814 sociale huurwoningen netto toegevoegd sinds 2020; ligt achter op het traject (doel "
        "dit jaar 861; "
        "eind 2030: ten minste 1.500 eind 2030)"
    )
    assert message(finding, "en", result.pack).startswith(
        "814 social homes added, net, since 2020;"
    )


def test_a_wording_with_an_unknown_placeholder_is_refused(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from woonpact.cli import main

    source = (BUNDLED_FACTS.parent / "rules" / "westland-2025.yaml").read_text(encoding="utf-8")
    marker = "  - id: \"3.1-1-netto\"\n"
    assert marker in source
    pack = tmp_path / "westland-2025.yaml"
    pack.write_text(
        source.replace(marker, marker + "    wording: {norm: \"ten minste {bond}\"}\n"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["lint", str(pack)])
    assert result.exit_code == 2
    assert (
        "fout [rules[" in result.output
        and ".wording.norm]: '{bond}' kan hier niet: de tekst kent alleen {bound}, {upper}"
        in result.output
    )
