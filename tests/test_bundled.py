"""Every bundled pack: loads, quotes each clause, has a seed-text test naming each rule, has a
coverage page, and its bundled facts check cleanly and show every status."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

import pytest

from tests.support import BUNDLED_FACTS, REPOSITORY, pack
from woonpact.engine.check import check
from woonpact.engine.i18n import MESSAGES
from woonpact.engine.model.finding import Status
from woonpact.engine.rules.registry import pack_files

PACKS = sorted(pack_files())
LOCAL = [p for p in PACKS if (BUNDLED_FACTS / p).is_dir()]


@pytest.mark.parametrize("pack_id", PACKS)
def test_every_rule_quotes_its_clause_and_is_named_by_a_test(pack_id: str) -> None:
    module = REPOSITORY / "tests" / "packs" / f"test_{pack_id.replace('-', '_')}.py"
    tests = module.read_text(encoding="utf-8")
    for rule in pack(pack_id).rules:
        assert len(rule.source.quote.strip()) >= 10 and rule.source.section.strip(), rule.key
        stem = re.sub(r"\d+$", "", rule.id)  # yearly/quarterly rules may be named by an f-string
        assert (f'"{rule.id}"' in tests or f"'{rule.id}'" in tests
                or f'"{stem}{{' in tests), f"no test names {rule.key}"


@pytest.mark.parametrize("pack_id", PACKS)
def test_every_pack_has_a_coverage_page(pack_id: str) -> None:
    page = REPOSITORY / "docs" / "agreements" / f"{pack_id}.md"
    assert page.exists() and pack_id in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("pack_id", LOCAL)
def test_bundled_facts_check_cleanly_and_show_every_status(pack_id: str) -> None:
    result = check([BUNDLED_FACTS / pack_id])
    assert {f.status for f in result.findings} == set(Status)


WORKING_LABEL = re.compile(r"\bseeds?\b|\baudit\b|shared/", re.IGNORECASE)


def _texts(value: object) -> Iterator[str]:
    """Every string a pack holds (titles, sources, readings, the ladder's names, notes and
    bases), walked through its frozen dataclasses; paths are files, not text."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from _texts(getattr(value, field.name))
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _texts(item)


@pytest.mark.parametrize("pack_id", PACKS)
def test_no_working_label_in_a_packs_user_facing_text(pack_id: str) -> None:
    """A report quotes the pack: "seed 004", an audit id or a path to the working material means
    nothing to the parties."""
    found = [text for text in _texts(pack(pack_id)) if WORKING_LABEL.search(text)]
    assert not found, found


def test_no_working_label_in_a_message() -> None:
    assert not [key for key, pair in MESSAGES.items() if any(WORKING_LABEL.search(m) for m in pair)]
