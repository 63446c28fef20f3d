"""Fact sets: JSON as well as YAML, CSV collections, defaults, and CSV errors that name a cell;
the vocabulary's collections as pure data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests.support import BUNDLED_FACTS, judge, pack
from woonpact.engine.check import check
from woonpact.engine.errors import InputError
from woonpact.engine.facts.generate import VOCABULARY, build_doc, build_schema
from woonpact.engine.facts.loader import load_fact_set
from woonpact.engine.facts.vocabulary import vocabulary
from woonpact.engine.output.words import message

SV = BUNDLED_FACTS / "stichtse-vecht-2025"


def test_json_facts_check_the_same_as_yaml(tmp_path: Path) -> None:
    for year in (2024, 2025, 2026):
        data = yaml.safe_load((SV / f"{year}.yaml").read_text(encoding="utf-8"))
        (tmp_path / f"{year}.json").write_text(json.dumps(data, default=str), encoding="utf-8")
    as_json = check([tmp_path]).findings
    as_yaml = check([SV]).findings
    assert [(f.rule.key, f.scope.id, f.year, f.status, f.value) for f in as_json] == \
        [(f.rule.key, f.scope.id, f.year, f.status, f.value) for f in as_yaml]


def with_lettings_csv(tmp_path: Path, csv_text: str) -> Path:
    shutil.copy(SV / "2025.yaml", tmp_path / "2025.yaml")
    text = (tmp_path / "2025.yaml").read_text(encoding="utf-8")
    text = text.replace("collections:\n", "collections:\n  lettings: {csv: lettings-2025.csv}\n", 1)
    (tmp_path / "2025.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "lettings-2025.csv").write_text(csv_text, encoding="utf-8")
    return tmp_path / "2025.yaml"


def test_csv_collection_is_read_with_units_dates_and_defaults(tmp_path: Path) -> None:
    path = with_lettings_csv(tmp_path,
                             "id,party,date,rent,relet,refusals\nl1,portaal,2025-05-02,612.50,ja,50\nl2,vo,2025-11-30,700,nee,\n")
    lettings = load_fact_set(path).collections["lettings"]
    first, second = lettings.rows()
    assert lettings.get(first, "rent") == 612.5 and lettings.get(first, "relet") is True
    assert lettings.get(first, "refusals") == 50
    assert lettings.column("quarter") == (2, 4)
    assert lettings.get(second, "refusals") is None  # an empty cell is absent, not zero
    assert lettings.get(second, "free_allocation") is False  # the vocabulary's default


@pytest.mark.parametrize(("csv_text", "line", "column", "field"), [
    ("id,party,refusels\nl1,portaal,3\n", 1, 3, "refusels"),
    ("id,party,refusals\nl1,portaal,-1\n", 2, 3, "refusals"),
    ("id,party,rent\nl1,portaal,veel\n", 2, 3, "rent"),
    ("id,target_group\nl1,onbekend\n", 2, 2, "target_group"),
])
def test_csv_errors_name_file_line_column_and_field(tmp_path: Path, csv_text: str, line: int,
                                                    column: int, field: str) -> None:
    path = with_lettings_csv(tmp_path, csv_text)
    with pytest.raises(InputError) as caught:
        load_fact_set(path)
    problem = caught.value.problems[0]
    assert (problem.file.name, problem.line, problem.column,
            problem.field) == ("lettings-2025.csv", line, column, field)


def test_missing_csv_file_is_reported_by_name(tmp_path: Path) -> None:
    path = with_lettings_csv(tmp_path, "id\n")
    (tmp_path / "lettings-2025.csv").unlink()
    with pytest.raises(InputError) as caught:
        load_fact_set(path)
    assert caught.value.problems[0].key == "file.missing"


def test_every_collection_names_its_items_in_dutch_and_english() -> None:
    """The noun a finding uses for a collection's items is vocabulary data, not code."""
    raw = yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))["collections"]
    nouns = vocabulary().nouns
    assert set(nouns) == set(raw)
    for name, spec in raw.items():
        assert spec["label"]["nl"] and spec["label"]["en"], name
        assert (nouns[name].nl, nouns[name].en) == (spec["label"]["nl"], spec["label"]["en"])


def test_a_new_collection_is_published_with_its_label_and_no_code_change() -> None:
    raw = yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))
    raw["collections"]["garages"] = {
        "label": {"nl": "garages", "en": "garages"}, "doc": "Garage boxes.",
        "attributes": {"id": {"unit": "text", "required": True, "doc": "An id."}}}
    schema = build_schema(raw)
    garages = schema["$defs"]["collections"]["properties"]["garages"]
    assert garages["x-label"] == {"nl": "garages", "en": "garages"}
    assert "### `garages` (garages)" in build_doc(raw)


def test_a_per_entity_rule_without_entities_names_the_collection_by_its_label() -> None:
    finding, = judge("stichtse-vecht-2025", "3.1-1", {2025: {"collections": {"projects": []}}})
    assert finding.reason == "no_entities" and finding.scope.label == "projecten"
    assert "geen projecten binnen het bereik" in message(finding, "nl", pack("stichtse-vecht-2025"))
    assert "no projects within the scope" in message(finding, "en", pack("stichtse-vecht-2025"))


def test_every_name_has_its_words_and_meaning_in_both_languages() -> None:
    """A label or doc with a comma in YAML's flow style silently splits into a stray key
    ("woningen met energielabel E" for E, F or G): every entry has exactly its known keys."""
    raw = yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))
    entries = [*raw["figures"].values(), *raw["collections"].values(),
               *(a for c in raw["collections"].values() for a in c["attributes"].values())]
    known = {"unit", "summable", "label", "doc", "doc_nl", "reported_by", "required", "default",
             "enum", "attributes", "unique", "plausible"}
    for entry in entries:
        assert set(entry) <= known, entry
        assert set(entry["label"]) == {"nl", "en"}
        assert all(isinstance(t, str) and t for t in entry["label"].values())
        assert isinstance(entry["doc"], str) and isinstance(entry["doc_nl"], str)
    assert vocabulary().labels["stock_label_efg"].nl == "woningen met energielabel E, F of G"
