"""Figures and attributes of one's own: a pack or its workspace declares them, and from then on
they are validated, read, templated, explained and documented exactly as the shared ones; a
declaration that cannot hold is refused with its place, and lint names one nobody reads."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest

from tests.workspace_support import PACK, invoke, make_workspace
from woonpact.engine.facts.vocabulary import vocabulary


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_workspace(tmp_path / "groenstad")
    monkeypatch.chdir(root)
    return root


def findings(*args: str) -> dict[tuple[str, int, str], str]:
    code, output = invoke(
        "check", "facts/groenstad-2025/", "--format", "json", "--fail-on", "never", *args
    )
    assert code == 0, output
    return {
        (f["rule"], f["year"], f["scope"]["id"]): f["status"]
        for f in json.loads(output)["findings"]
    }


def write(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_own_figures_and_attributes_are_judged_like_shared_ones(workspace: Path) -> None:
    found = findings()
    assert found[("groenstad-2025/4.1", 2025, "woonstad")] == "compliant"
    assert found[("groenstad-2025/4.1", 2026, "woonstad")] == "warning"  # an effort: 140 of 150
    assert found[("groenstad-2025/4.2", 2026, "projects/de-akker")] == "compliant"
    # gasless defaults to false
    assert found[("groenstad-2025/4.2", 2026, "projects/het-veld")] == "breach"
    # an own figure never leaks into what the bundled packs are read with
    assert "label_steps" not in vocabulary().figures


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a negative count, as for a shared count
        ("label_steps: 160", "label_steps: -3", ["label_steps", "negatief"]),
        # a count that is not a whole number
        ("label_steps: 160", "label_steps: veel", ["label_steps", "verkeerde type"]),
        # a typo: the declared figure is suggested
        (
            "label_steps: 160",
            "label_stepz: 160",
            ["onbekend veld 'label_stepz'", "bedoelt u 'label_steps'"],
        ),
        # an attribute of one's own is checked by its unit too
        ("gasless: true}", "gasless: ja}", ["gasless", "verkeerde type"]),
    ],
)
def test_own_figures_are_validated_as_shared_ones(
    workspace: Path, old: str, new: str, expected: list[str]
) -> None:
    write(workspace / "facts" / "groenstad-2025" / "2025.yaml", old, new)
    code, output = invoke("check", "facts/groenstad-2025/")
    assert code == 2 and any(f"2025.yaml:{line}:" in output for line in (5, 8)), output
    assert all(part in output for part in expected), output


def test_a_figure_is_refused_in_the_facts_of_a_pack_that_does_not_declare_it(
    workspace: Path,
) -> None:
    """Declared by groenstad-2025 only: a bundled agreement's facts may not use it."""
    facts = workspace / "other"
    facts.mkdir()
    text = (Path(__file__).parent.parent / "facts" / "oegstgeest-2025" / "2025.yaml").read_text(
        encoding="utf-8"
    )
    (facts / "2025.yaml").write_text(
        text.replace("  figures:\n", "  figures:\n    label_steps: 3\n", 1), encoding="utf-8"
    )
    code, output = invoke("check", "other")
    assert code == 2 and "onbekend veld 'label_steps'" in output, output


def test_a_cached_fact_set_is_read_again_when_its_pack_changes_what_it_declares(
    workspace: Path,
) -> None:
    assert findings()[("groenstad-2025/4.1", 2025, "woonstad")] == "compliant"
    pack = workspace / "rules" / "groenstad-2025.yaml"
    write(pack, "    label_steps:\n      unit: count\n", "    label_steps:\n      unit: share\n")
    write(pack, 'norm: ">= 150"', 'norm: ">= 15%"')
    code, output = invoke("check", "facts/groenstad-2025/")
    assert code == 2 and "label_steps" in output and "aandeel" in output, output  # 160 is no share


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    label_steps:\n",
            "    stock_total:\n",
            "'stock_total' staat al in de gedeelde woordenlijst",
        ),
        (
            "      reported_by: woonstad",
            "      reported_by: wonstad",
            "'wonstad' is geen partij van het pakket en geen rol",
        ),
        (
            "    projects:\n      gasless",
            "    projectz:\n      gasless",
            "onbekende verzameling 'projectz' (bedoelt u 'projects'?)",
        ),
        (
            "      gasless:\n        unit: bool",
            "      homes:\n        unit: bool",
            "projects heeft al een kenmerk 'homes'",
        ),
        (
            "      gasless:\n        unit: bool",
            "      gasless:\n        unit: count",
            "alleen een kenmerk met eenheid bool heeft een standaardwaarde",
        ),
        (
            "      unit: count\n      label: {nl: verbeterde",
            "      unit: litre\n      label: {nl: verbeterde",
            "litre",
        ),
        (
            "  taakstelling_statushouders:\n    unit",
            "  liberalisatiegrens:\n    unit",
            "al een landelijke parameter",
        ),
    ],
)
def test_a_declaration_that_cannot_hold_is_an_error_with_its_place(
    workspace: Path, old: str, new: str, expected: str
) -> None:
    write(workspace / "rules" / "groenstad-2025.yaml", old, new)
    code, output = invoke("lint", "rules/groenstad-2025.yaml")
    assert code == 2 and expected in output, output
    assert "rules/groenstad-2025.yaml:" in output and (
        "fout [vocabulary" in output or "fout [parameters" in output
    )


def test_lint_names_what_is_read_undeclared_and_what_is_declared_unread(workspace: Path) -> None:
    pack = workspace / "rules" / "groenstad-2025.yaml"
    write(pack, "    measure: evictions_total\n", "    measure: evictions_all\n")
    code, output = invoke("lint")
    assert code == 2, output
    assert "onbekend feit 'evictions_all' (bedoelt u 'evictions_total'?)" in output
    write(pack, "    measure: evictions_all\n", "    measure: evictions_rent_arrears\n")
    code, output = invoke("lint")
    assert code == 0, output
    warning = "waarschuwing [vocabulary.figures.evictions_total]: 'evictions_total' is gedeclareerd"
    assert warning + " maar geen regel leest het" in output
    assert invoke("lint", "--strict")[0] == 1


def test_lint_of_the_whole_workspace_names_a_shared_declaration_no_pack_reads(
    workspace: Path,
) -> None:
    (workspace / "woonpact.yaml").write_text(
        "vocabulary:\n  figures:\n    renovations_done:\n      unit: count\n"
        "      label: {nl: gerenoveerde woningen, en: homes renovated}\n"
        "      reported_by: corporatie\n",
        encoding="utf-8",
    )
    code, output = invoke("lint")
    assert (
        code == 0
        and "woonpact.yaml:4:7: waarschuwing [vocabulary.figures.renovations_done]" in output
    ), output
    invoke("init", "andere-2025")
    code, output = invoke(
        "lint", "rules/groenstad-2025.yaml"
    )  # not every pack: another may read it
    assert "woonpact.yaml" not in output
    write(
        workspace / "rules" / "groenstad-2025.yaml",
        "measure: label_steps\n",
        "measure: renovations_done\n",
    )
    code, output = invoke("lint")
    assert "renovations_done" not in output and "label_steps' is gedeclareerd" in output, output


def test_a_workspace_figure_is_read_by_its_packs_and_declared_once(workspace: Path) -> None:
    (workspace / "woonpact.yaml").write_text(
        "vocabulary:\n  figures:\n    label_steps:\n      unit: count\n"
        "      label: {nl: labelstappen, en: label steps}\n      reported_by: corporatie\n",
        encoding="utf-8",
    )
    code, output = invoke("check", "facts/groenstad-2025/")
    twice = "'label_steps' is twee keer anders gedeclareerd"
    assert code == 2 and twice + " (woonpact.yaml en rules/groenstad-2025.yaml)" in output, output
    pack = workspace / "rules" / "groenstad-2025.yaml"
    write(pack, PACK[PACK.index("    label_steps:") : PACK.index("    evictions_total:")], "")
    assert findings()[("groenstad-2025/4.1", 2026, "woonstad")] == "warning"


def test_the_template_asks_for_own_figures_and_attributes(workspace: Path) -> None:
    code, output = invoke("template", "groenstad-2025", "--xlsx", "2027.xlsx")
    assert code == 0, output
    book = openpyxl.load_workbook(workspace / "2027.xlsx")
    rows = {row[0].value: row for row in book["woonstad"].iter_rows(min_row=2)}
    assert (
        rows["label_steps"][2].value == "aantal"  # the unit in words
        and rows["label_steps"][3].value.startswith("verbeterde energielabelstappen")
    )
    assert "evictions_total" in rows
    assert "gasless (aardgasvrij opgeleverd · ja/nee)" in [cell.value
                                                           for cell in book["projects"][1]]


@pytest.mark.parametrize(
    ("reporter", "asked"),
    [("corporatie", "woonstad"), ("woonstad", "woonstad"), ("gemeente", "gemeente"),
     ("huurdersorganisatie", "gemeente")],
)
def test_the_data_request_asks_for_an_agreement_wide_own_figure_where_it_is_read(
    workspace: Path, reporter: str, asked: str
) -> None:
    """A clause of the whole agreement reads a count from the agreement's section, or sums the
    corporations' parts when the municipality gives none: a count the corporations report is
    asked of each of them, and not of the municipality too (it was, whoever reported it)."""
    write(workspace / "rules" / "groenstad-2025.yaml", "rules:\n", """rules:
  - id: "4.9"
    title: {nl: Samen 300 labelstappen, en: 300 label steps together}
    theme: duurzaamheid
    source: {section: "4.9", quote: "Samen verbeteren de partijen 300 labelstappen."}
    obligation: effort
    scope: agreement
    measure: kitchens_renewed
    norm: ">= 300"
""")
    write(workspace / "rules" / "groenstad-2025.yaml", "  figures:\n", f"""  figures:
    kitchens_renewed:
      unit: count
      label: {{nl: vernieuwde keukens, en: kitchens renewed}}
      reported_by: {reporter}
""")
    code, output = invoke("template", "groenstad-2025", "--dir", "request")
    assert code == 0, output
    askers = {
        book.stem.removeprefix("groenstad-2025-")
        for book in (workspace / "request").glob("*.xlsx")
        if any("kitchens_renewed" in [cell.value for cell in row]
               for sheet in openpyxl.load_workbook(book).worksheets
               for row in sheet.iter_rows())
    }
    assert askers == {asked}


def test_findings_name_own_figures_by_their_labels_and_trace_them(workspace: Path) -> None:
    """The trace, the missing-data message and `validate --missing` read the pack's vocabulary,
    not only the shared one: an own figure was traced as nothing and named "label steps"."""
    write(workspace / "facts" / "groenstad-2025" / "2026.yaml", "label_steps: 140, ", "")
    code, output = invoke(
        "check", "facts/groenstad-2025/", "--format", "json", "--fail-on", "never"
    )
    assert code == 0, output
    found = {(f["rule"], f["year"]): f for f in json.loads(output)["findings"]}
    traced = found[("groenstad-2025/4.1", 2025)]["trace"]["figures"]
    assert [(t["name"], t["what"], t["value"]) for t in traced] == [
        ("label_steps", "verbeterde energielabelstappen", 160)
    ]
    gasless = found[("groenstad-2025/4.2", 2025)]["trace"]["figures"]
    assert [t["what"] for t in gasless] == ["aardgasvrij opgeleverd"]
    assert found[("groenstad-2025/4.1", 2026)]["message"] == (
        "gegevens ontbreken: verbeterde energielabelstappen (Woonstad, 2026)"
    )
    code, output = invoke("validate", "facts/groenstad-2025/", "--missing")
    assert "cijfer: verbeterde energielabelstappen [label_steps]" in output


def test_a_workbook_with_own_figures_is_read_back(workspace: Path) -> None:
    invoke("template", "groenstad-2025", "--xlsx", "t.xlsx")
    book = openpyxl.load_workbook(workspace / "t.xlsx")
    book["agreement"]["B3"] = 2025
    sheet = book["woonstad"]
    for row in sheet.iter_rows(min_row=2):
        row[1].value = {"label_steps": 151, "evictions_total": 2, "lettings_statushouders": 40}.get(
            row[0].value
        )
    header = [cell.value for cell in book["projects"][1]]
    book["projects"].append(
        [
            {"id (text)": "de-akker", "homes (count)": 10, "gasless (bool)": True}.get(h)
            for h in header
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    folder = workspace / "xlsx"
    folder.mkdir()
    (folder / "2025.xlsx").write_bytes(buffer.getvalue())
    code, output = invoke("check", "xlsx", "--format", "json", "--fail-on", "never")
    assert code == 0, output
    values = {f["rule"]: f["value"] for f in json.loads(output)["findings"]}
    assert values["groenstad-2025/4.1"] == 151


def test_explain_gives_the_meaning_and_reporter_of_an_own_figure(workspace: Path) -> None:
    code, output = invoke("explain", "groenstad-2025/4.1")
    assert (
        code == 0
        and "Eigen feit label_steps: verbeterde energielabelstappen (count), gemeld door corporatie"
        in output
    )
    code, output = invoke("explain", "groenstad-2025/4.2", "--lang", "en")
    assert "Own attribute projects.gasless: completed gas-free (bool)" in output


def test_the_vocabulary_command_documents_own_figures_for_readers_and_editors(
    workspace: Path,
) -> None:
    code, output = invoke("vocabulary")
    assert code == 0 and "docs/facts.md" in output
    page = (workspace / "docs" / "facts.md").read_text(encoding="utf-8")
    row = (
        "| `label_steps` | count (a whole number, 0 or more) | energy-label steps improved "
        "(verbeterde energielabelstappen) Declared in `rules/groenstad-2025.yaml`. | corporations |"
    )
    assert row in page
    assert "| `taakstelling_statushouders` | count" in page
    schema = (workspace / "docs" / "schemas" / "facts.schema.json").read_text(encoding="utf-8")
    assert '"label_steps"' in schema and '"gasless"' in schema
    tests_schema = (workspace / "docs" / "schemas" / "rule-tests.schema.json").read_text(
        encoding="utf-8"
    )
    assert '"label_steps"' in tests_schema
