"""The functions of the rule language: the one list of them, each one entry with all its parts
(base.py says which). The type checker, the compilers, the words of a finding, its trace and
the reference in docs/rule-language.md read them here; adding a function is adding its entry
(in the module of its kind, and to `FUNCTIONS`) and its words to engine/i18n.py, and
tests/test_functions.py fails until every part is there. docs/design.md walks through one.
"""

from __future__ import annotations

from woonpact.engine.language.functions.aggregates import COUNT, SHARE, SUM
from woonpact.engine.language.functions.base import Function
from woonpact.engine.language.functions.dated import PARAM, PRICE_LEVEL
from woonpact.engine.language.functions.extremes import MAX, MIN
from woonpact.engine.language.functions.facts import CONDITION, CORPORATIONS, EXISTS
from woonpact.engine.language.functions.history import AT, CUMULATIVE, PREVIOUS

FUNCTIONS: dict[str, Function] = {
    function.name: function
    for function in (COUNT, SUM, SHARE, MIN, MAX, PARAM, PREVIOUS, AT, CUMULATIVE, PRICE_LEVEL,
                     CORPORATIONS, CONDITION, EXISTS)
}  # in the reference's order
