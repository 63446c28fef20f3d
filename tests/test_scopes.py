"""What a finding is about and what a recorded `scope` may name are one definition
(engine/evaluation/scopes.py): every instance judged can be named, and nothing else that is
fixed by the pack."""

from __future__ import annotations

from collections import defaultdict

import pytest

from tests.support import BUNDLED_FACTS
from woonpact.engine.check import check, scope_ids
from woonpact.engine.model.pack import ScopeKind


@pytest.mark.parametrize("agreement", sorted(p.name for p in BUNDLED_FACTS.iterdir()))
def test_every_instance_judged_is_a_scope_a_record_may_name(agreement: str) -> None:
    result = check([BUNDLED_FACTS / agreement])
    judged: dict[str, set[str]] = defaultdict(set)
    rules = {}
    for finding in result.findings:
        # a clause per entity with none in scope: nobody to name
        if finding.scope.kind != "collection":
            judged[finding.rule.key].add(finding.scope.id)
            rules[finding.rule.key] = finding.rule
    for key, rule in rules.items():
        named = set(scope_ids(result.pack, [rule], result.fact_sets.values()))
        if rule.scope.kind is ScopeKind.EACH:
            assert judged[key] <= named, key  # entities the where filter let through
            assert all(i.startswith(f"{rule.scope.collection}/") for i in named), key
        else:
            assert judged[key] == named, key
