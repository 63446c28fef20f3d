"""Every bundled pack: loads, quotes each clause, has a seed-text test naming each rule, has a
coverage page, and its bundled facts check cleanly and show every status."""

from __future__ import annotations

import re

import pytest

from woonpact.engine.check import check
from woonpact.engine.model.finding import Status
from woonpact.engine.rules.registry import pack_files
from tests.support import BUNDLED_FACTS, REPOSITORY, pack

PACKS = sorted(pack_files())
LOCAL = [p for p in PACKS if (BUNDLED_FACTS / p).is_dir()]


@pytest.mark.parametrize("pack_id", PACKS)
def test_every_rule_quotes_its_clause_and_is_named_by_a_test(pack_id: str) -> None:
    tests = (REPOSITORY / "tests" / "packs" / f"test_{pack_id.replace('-', '_')}.py").read_text(encoding="utf-8")
    for rule in pack(pack_id).rules:
        assert len(rule.source.quote.strip()) >= 10 and rule.source.section.strip(), rule.key
        stem = re.sub(r"\d+$", "", rule.id)  # yearly/quarterly rules may be named by an f-string
        assert f'"{rule.id}"' in tests or f"'{rule.id}'" in tests or f'"{stem}{{' in tests, f"no test names {rule.key}"


@pytest.mark.parametrize("pack_id", PACKS)
def test_every_pack_has_a_coverage_page(pack_id: str) -> None:
    page = REPOSITORY / "docs" / "agreements" / f"{pack_id}.md"
    assert page.exists() and pack_id in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("pack_id", LOCAL)
def test_bundled_facts_check_cleanly_and_show_every_status(pack_id: str) -> None:
    result = check([BUNDLED_FACTS / pack_id])
    assert {f.status for f in result.findings} == set(Status)
