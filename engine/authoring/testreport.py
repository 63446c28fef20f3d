"""The report of `woonpact test`: per case passed or failed, and for a failure what was expected
against what was found, in the words of a finding."""

from __future__ import annotations

from woonpact.engine.authoring.ruletests import CaseResult, Mismatch, RuleTests
from woonpact.engine.i18n import say
from woonpact.engine.model.finding import Finding
from woonpact.engine.output.words import status_text, value_text


def report(tests: RuleTests, results: list[CaseResult], lang: str) -> str:
    lines = [f"{tests.path}: {tests.pack_id}"]
    width = max(len(say("ruletest.pass", lang)), len(say("ruletest.fail", lang)))
    for result in results:
        label = say("ruletest.pass" if result.passed else "ruletest.fail", lang)
        where = "" if result.passed else f"  ({tests.path}:{result.case.line})"
        lines.append(f"  {label:<{width}}  {result.case.name}{where}")
        lines += [f"  {'':<{width}}  {_mismatch(m, lang)}" for m in result.mismatches]
    passed = sum(r.passed for r in results)
    lines.append(say("ruletest.summary", lang, pack=tests.pack_id, passed=passed,
                     failed=len(results) - passed))
    return "\n".join(lines)


def _mismatch(mismatch: Mismatch, lang: str) -> str:
    e = mismatch.expectation
    place = " ".join(str(x) for x in (e.rule, mismatch.year, e.scope) if x is not None)
    expected = status_text(e.status, lang)
    if e.value is not None:
        expected += f" ({say('ruletest.value', lang)} {e.value})"
    if e.reason is not None:
        expected += f" [{e.reason}]"
    if not mismatch.found:
        return say("ruletest.no_finding", lang, place=place, expected=expected)
    found = "; ".join(_finding(f, lang) for f in mismatch.found)
    text = say("ruletest.mismatch", lang, place=place, expected=expected, found=found)
    if _share_as_number(mismatch):
        text += say("ruletest.share_as_number", lang, value=e.value)
    return text


def _share_as_number(mismatch: Mismatch) -> bool:
    """`value: 10` for a share, which the clause's `10%` is not: the number is compared as the
    share 10 (1,000%), and the author sees 10 against 10,0% without knowing why."""
    value = mismatch.expectation.value
    return (isinstance(value, (int, float)) and not isinstance(value, bool) and value > 1
            and any(f.rule.unit == "share" for f in mismatch.found))


def _finding(finding: Finding, lang: str) -> str:
    value = (value_text(finding.value, finding.rule.unit, lang) if finding.value is not None
             else None)
    text = f"{finding.scope.id}: {status_text(finding.status, lang)}"
    if value is not None:
        text += f" ({say('ruletest.value', lang)} {value})"
    return text + f" [{finding.reason}]"
