"""Turn a validated pack file into a `Pack`, checking every expression where it stands.

All problems in a pack are gathered before anything is reported, so a rule author sees every
mistake in one run, each with its file, line, column and field.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import replace
from pathlib import Path
from typing import Any

from woonpact.engine import schema, yamlio
from woonpact.engine.errors import InputError, Problem
from woonpact.engine.facts.vocabulary import NONE, combine, vocabulary
from woonpact.engine.i18n import MESSAGES
from woonpact.engine.language.constant import constant
from woonpact.engine.language.errors import ExpressionError
from woonpact.engine.language.parser import parse_expression, parse_norm
from woonpact.engine.language.types import check, share_as_number
from woonpact.engine.language.units import Environment, unify
from woonpact.engine.model import ast
from woonpact.engine.model.declarations import Declarations
from woonpact.engine.model.pack import (
    Amendment,
    Basis,
    ClauseLadder,
    Dispute,
    Expression,
    Ladder,
    Milestone,
    Norm,
    Obligation,
    Pack,
    Party,
    Role,
    Rule,
    Rung,
    Scope,
    ScopeKind,
    Signal,
    Source,
    Trajectory,
    Trigger,
    Wording,
)
from woonpact.engine.model.parameters import Parameters
from woonpact.engine.model.reads import Checked
from woonpact.engine.model.text import Text
from woonpact.engine.rules.declarations import read_own_parameters, read_vocabulary, settable
from woonpact.engine.suggest import closest

MEASURE_UNITS = {"count", "eur", "share", "number", "bool", "year"}
ROLES = {r.value for r in Role}

MINISTER_BASIS = (
    # art. 44 Woningwet: a dispute that stands in the way of making the agreements
    Basis(law="woningwet_art_44", dispute=Dispute.MAKING),
    # keeping them too, once the Wet versterking regie volkshuisvesting is in force
    Basis(law="wet_versterking_regie_volkshuisvesting", dispute=Dispute.KEEPING),
)
DEFAULT_LADDER = Ladder(
    rungs=(
        Rung("overleg", Text(*MESSAGES["ladder.rung.overleg"]), ("all",)),
        Rung("mediation", Text(*MESSAGES["ladder.rung.mediation"]), ("all",)),
        Rung("minister", Text(*MESSAGES["ladder.rung.minister"]), ("all",), basis=MINISTER_BASIS),
    ),
    effort_ceiling="overleg",
)


class _PackReader:
    def __init__(self, path: Path, data: Any, parameters: Parameters,
                 workspace: Declarations) -> None:
        self.path = path
        self.data = data
        self.laws = list(parameters.laws)
        self.problems: list[Problem] = []
        self.party_ids: list[str] = []
        self.party_roles: dict[str, str] = {}  # id -> role, for a declared figure's reporter
        self.parameters = parameters
        self.workspace = workspace
        self.base_env = self.environment(vocabulary(), parameters)

    @staticmethod
    def environment(vocab: Any, parameters: Parameters) -> Environment:
        return Environment(vocab.figures, vocab.collections, parameters.units(), suggest=closest)

    def declarations(self) -> tuple[Declarations, dict[str, Any]]:
        """The workspace's and the pack's own figures and dated values; rules are checked
        against the vocabulary and parameters with them."""
        own, problems = read_vocabulary(self.data, self.path, self.party_roles,
                                        f"rules/{self.path.name}")
        own_parameters, more = read_own_parameters(self.data, self.path, self.parameters)
        self.problems += problems + more
        try:
            declared = combine([self.workspace, own,
                                Declarations(parameters=settable(own_parameters))])
        except InputError as error:
            self.problems += [replace(p, file=self.path) for p in error.problems]
            declared = own
        self.base_env = self.environment(vocabulary(declared),
                                         self.parameters.including(own_parameters))
        return declared, own_parameters

    # -- problems ----------------------------------------------------------------------------

    def problem(self, key: str, container: Any, field_path: list[Any], **params: Any) -> None:
        line, column = yamlio.locate(self.data, field_path)
        self.problems.append(Problem(key, self.path, line, column, yamlio.dotted(field_path),
                                     params))

    def expression_problem(self, err: ExpressionError, container: Any, key: Any,
                           text: str, field_path: list[Any]) -> None:
        line, column = yamlio.expression_position(container, key, text, err.pos)
        self.problems.append(Problem(err.key, self.path, line, column, yamlio.dotted(field_path),
                                     {**err.params, "source_text": text}))

    # -- expressions -------------------------------------------------------------------------

    def expression(self, container: Any, key: str, field_path: list[Any], env: Environment,
                   units: set[str] | None = None) -> tuple[Expression, str] | None:
        text = str(container[key])
        try:
            tree = parse_expression(text)
            unit = check(tree, env).unit
            self.members(tree)
            if units is not None and unit not in units:
                bad = "expr.condition_not_bool" if units == {"bool"} else "expr.not_a_measure"
                raise ExpressionError(bad, 0, unit=unit)
        except ExpressionError as err:
            self.expression_problem(err, container, key, text, field_path)
            return None
        line = yamlio.locate(self.data, field_path)[0] or 0
        return Expression(text, tree, line), unit

    def members(self, tree: ast.Node) -> None:
        """`"wywonen" in parties` must name a party of this pack by its id: a meeting's list holds
        ids, so a typo or a role would silently never match."""
        for node in ast.walk(tree):
            if (isinstance(node, ast.Binary) and node.op == "in" and isinstance(node.left, ast.Text)
                    and node.left.value not in self.party_ids):
                raise ExpressionError("expr.unknown_member", node.left.pos, name=node.left.value,
                                      suggestion=closest(node.left.value, self.party_ids) or "")

    def norm(self, container: Any, key: str, field_path: list[Any], env: Environment,
             measure_unit: str | None) -> Norm | None:
        text = str(container[key])
        try:
            tree = parse_norm(text)
            for bound in (tree.bound, tree.upper):
                if bound is None:
                    continue
                bound_unit = check(bound, env).unit
                self.members(bound)
                if measure_unit is not None and unify(bound_unit, measure_unit) is None:
                    if (fraction := share_as_number(bound, measure_unit)) is not None:
                        raise fraction
                    key_name = ("expr.share_vs_number" if "share" in (bound_unit, measure_unit)
                                else "expr.norm_unit")
                    raise ExpressionError(key_name, bound.pos, left=measure_unit, right=bound_unit,
                                          op=tree.op, unit=measure_unit, norm_unit=bound_unit)
                if bound_unit == "share":
                    _share_in_range(bound)
        except ExpressionError as err:
            self.expression_problem(err, container, key, text, field_path)
            return None
        return Norm(text, tree, yamlio.locate(self.data, field_path)[0] or 0)

    def value(self, container: Any, key: Any, field_path: list[Any], env: Environment,
              unit: str | None) -> ast.Node | None:
        """A tolerance or trajectory value: a literal or expression in the measure's unit."""
        text = str(container[key])
        try:
            tree = parse_expression(text)
            value_unit = check(tree, env).unit
            if unit is not None and unify(value_unit, unit) is None:
                raise ExpressionError("pack.tolerance_unit" if key == "tolerance"
                                      else "expr.norm_unit",
                                      0, tunit=value_unit, unit=unit, norm_unit=value_unit,
                                      left=unit, right=value_unit, op="")
            if value_unit == "share":
                _share_in_range(tree)
        except ExpressionError as err:
            self.expression_problem(err, container, key, text, field_path)
            return None
        return tree

    # -- the pack ----------------------------------------------------------------------------

    def read(self) -> Pack:
        d = self.data
        if self.path.stem != d["pack"]:
            self.problem("pack.id_mismatch", d, ["pack"], id=d["pack"], file=self.path.name)
        parties = self.parties()
        self.party_ids = list(parties)
        self.party_roles = {party.id: party.role.value for party in parties.values()}
        declared, own_parameters = self.declarations()
        first, last = d["period"]["from"], d["period"]["to"]
        policy = (d.get("policy") or {}).get("effort_shortfall", "warning")
        rules = []
        seen: dict[str, int] = {}
        for i, raw in enumerate(d["rules"]):
            rule = self.rule(raw, ["rules", i], parties, first, last, policy)
            line = yamlio.locate(d, ["rules", i])[0] or 0
            if raw["id"] in seen:
                self.problem("pack.duplicate_rule", raw, ["rules", i, "id"], id=raw["id"],
                             first=seen[raw["id"]])
            seen.setdefault(raw["id"], line)
            if rule is not None:
                rules.append(rule)
        amendments = self.amendments(rules, parties, first, last, policy)
        ladder = self.ladder(d.get("ladder"), parties, [raw["id"] for raw in d["rules"]])
        if self.problems:
            raise InputError(self.problems)
        return Pack(
            id=d["pack"], title=d["title"], municipality=d["municipality"],
            first_year=first, last_year=last, parties=tuple(parties.values()),
            document=d["document"]["title"], ladder=ladder, rules=tuple(rules), path=self.path,
            includes=tuple(d.get("includes") or ()), amendments=amendments,
            declarations=declared, parameters=own_parameters,
        )

    def amendments(self, rules: list[Rule], parties: dict[str, Party], first: int, last: int,
                   policy: str) -> tuple[Amendment, ...]:
        """Apply each allonge: the clause's current version ends the year before `from`, and a
        new version with the changed fields starts then. `rules` is updated in place."""
        found = []
        raw_by_id = {raw["id"]: raw for raw in self.data["rules"]}
        for i, raw in enumerate(self.data.get("amendments") or ()):
            source = _source(raw)
            found.append(Amendment(raw["id"], raw["title"], dt.date.fromisoformat(raw["signed"]),
                                   source))
            for j, change in enumerate(raw["changes"]):
                path = ["amendments", i, "changes", j]
                current = [r for r in rules if r.id == change["rule"]]
                if not current or change["rule"] not in raw_by_id:
                    self.problem("pack.unknown_rule", change, [*path, "rule"], rule=change["rule"],
                                 suggestion=closest(change["rule"], raw_by_id) or "")
                    continue
                latest = max(current, key=lambda r: r.first_year)
                start = change["from"]
                if not latest.first_year < start <= latest.last_year:
                    self.problem("pack.amendment_year", change, [*path, "from"], year=start,
                                 first=latest.first_year + 1, last=latest.last_year)
                    continue
                merged = yamlio.Located()
                for source_map in (raw_by_id[change["rule"]], change["set"]):
                    for key, value in source_map.items():
                        merged[key] = value
                        merged.marks[key] = source_map.marks.get(key, (None, None, None)) \
                            if hasattr(source_map, "marks") else (None, None, None)
                merged["years"] = {"from": start, "to": latest.last_year}
                raw_by_id[change["rule"]] = merged
                new = self.rule(merged, [*path, "set"], parties, first, last, policy)
                if new is None:
                    continue
                versions = len(current) + 1
                rules[rules.index(latest)] = replace(latest, last_year=start - 1, versions=versions)
                for k, rule in enumerate(rules):
                    if rule.id == latest.id:
                        rules[k] = replace(rules[k], versions=versions)
                rules.append(replace(new, amendment=raw["id"], versions=versions))
        return tuple(found)

    def parties(self) -> dict[str, Party]:
        parties: dict[str, Party] = {}
        for i, raw in enumerate(self.data["parties"]):
            if raw["id"] in parties:
                self.problem("pack.duplicate_party", raw, ["parties", i, "id"], party=raw["id"])
            parties[raw["id"]] = Party(raw["id"], raw["name"], Role(raw["role"]))
        return parties

    def ladder(self, raw: Any, parties: dict[str, Party], rule_ids: list[str]) -> Ladder:
        if raw is None:
            return DEFAULT_LADDER
        rungs = self.rungs(raw["rungs"], parties, ["ladder", "rungs"])
        making = raw.get("making") or {}
        making_rungs = self.rungs(making["rungs"], parties, ["ladder", "making", "rungs"]) \
            if making else ()
        ceiling = raw.get("effort_ceiling", rungs[0].id)
        if ceiling not in {r.id for r in rungs}:
            self.problem("pack.unknown_rung", raw, ["ladder", "effort_ceiling"], rung=ceiling)
        rung_ids = {r.id for r in (*rungs, *making_rungs)}
        clauses = tuple(self.clause_ladder(c, parties, rule_ids, rung_ids, ["ladder", "clauses", i])
                        for i, c in enumerate(raw.get("clauses") or ()))
        return Ladder(rungs, ceiling, _source(raw), making_rungs, _source(making), clauses)

    def rungs(self, raw: Any, parties: dict[str, Party], path: list[Any]) -> tuple[Rung, ...]:
        for i, rung in enumerate(raw):
            for j, name in enumerate(rung.get("parties") or ()):
                self.check_party(name, parties, rung["parties"], [*path, i, "parties", j])
        rungs = tuple(
            Rung(r["id"], Text.of(r["name"]), tuple(r.get("parties") or ("all",)),
                 tuple(self.basis(b, [*path, i, "basis", k])
                       for k, b in enumerate(r.get("basis") or ())),
                 Text.of(r["note"]) if r.get("note") else None)
            for i, r in enumerate(raw)
        )
        if len(rungs) > Ladder.MAX_RUNGS:
            self.problem("pack.ladder_too_long", raw, path, count=len(rungs), most=Ladder.MAX_RUNGS)
        return rungs

    def basis(self, raw: Any, path: list[Any]) -> Basis:
        """An article from a date, or a national law by its id in parameters.yaml `laws`."""
        if "law" in raw and raw["law"] not in self.laws:
            self.problem("pack.unknown_law", raw, [*path, "law"], law=raw["law"],
                         suggestion=closest(raw["law"], self.laws) or "",
                         known=", ".join(self.laws))
        since = None
        if "from" in raw:
            try:
                since = dt.date.fromisoformat(str(raw["from"]))
            except ValueError:
                self.problem("pack.bad_date", raw, [*path, "from"], value=raw["from"])
        dispute = Dispute(raw["dispute"]) if "dispute" in raw else None
        return Basis(raw.get("text"), since, raw.get("law"), dispute)

    def clause_ladder(self, raw: Any, parties: dict[str, Party], rule_ids: list[str],
                      rung_ids: set[str], path: list[Any]) -> ClauseLadder:
        """A clause is named by its id, an included one as `<pack>/<id>`; it is kept by its key."""
        pack_id = self.data["pack"]
        for j, name in enumerate(raw["rules"]):
            if "/" not in name and name not in rule_ids:
                self.problem("pack.unknown_rule", raw, [*path, "rules", j], rule=name,
                             suggestion=closest(name, rule_ids) or "")
        for rung, seated in (raw.get("parties") or {}).items():
            if rung not in rung_ids:
                self.problem("pack.unknown_rung", raw, [*path, "parties", rung], rung=rung)
            for j, name in enumerate(seated):
                self.check_party(name, parties, seated, [*path, "parties", rung, j])
        for j, name in enumerate(raw.get("without") or ()):
            if name not in parties:  # a party by its id: a role would leave out everyone of it
                self.problem("pack.unknown_party", raw["without"], [*path, "without", j],
                             party=name, suggestion=closest(name, parties) or "")
        return ClauseLadder(
            rules=tuple(name if "/" in name else f"{pack_id}/{name}" for name in raw["rules"]),
            dispute=Dispute(raw.get("dispute", Dispute.KEEPING.value)),
            parties=tuple((rung, tuple(seated))
                          for rung, seated in (raw.get("parties") or {}).items()),
            without=tuple(raw.get("without") or ()), source=_source(raw))

    def check_party(self, name: str, parties: dict[str, Party], container: Any,
                    field_path: list[Any]) -> None:
        if name not in parties and name not in ROLES and name != "all":
            self.problem("pack.unknown_party", container, field_path, party=name,
                         suggestion=closest(name, [*parties, *ROLES]) or "")

    def scope(self, raw: Any, path: list[Any],
              parties: dict[str, Party]) -> tuple[Scope, Environment]:
        env = self.base_env
        if raw == "agreement":
            return Scope(ScopeKind.AGREEMENT), env
        if raw == "corporations":
            return Scope(ScopeKind.CORPORATIONS), env
        if "party" in raw:
            self.check_party(raw["party"], parties, raw, [*path, "party"])
            return Scope(ScopeKind.PARTY, party=raw["party"]), env
        env = env.inside(raw["each"])
        where = None
        if "where" in raw:
            checked = self.expression(raw, "where", [*path, "where"], env, {"bool"})
            where = checked[0] if checked else None
        return Scope(ScopeKind.EACH, collection=raw["each"], where=where), env

    def rule(self, raw: Any, path: list[Any], parties: dict[str, Party], first: int, last: int,
             policy: str) -> Rule | None:
        before = len(self.problems)
        scope, env = self.scope(raw["scope"], [*path, "scope"], parties)
        responsible = tuple(raw.get("responsible") or self.default_responsible(scope))
        for j, name in enumerate(responsible):
            self.check_party(name, parties, raw.get("responsible"), [*path, "responsible", j])
        years = raw.get("years") or {}
        r_first, r_last = years.get("from", first), years.get("to", last)
        # A rule starts within the period; it may end after it only where the clause itself names
        # a later year ("tot en met 2025" in a 2023-2024 agreement).
        if not first <= r_first <= last or r_first > r_last:
            self.problem("pack.years_outside_period", raw, [*path, "years"], first=r_first,
                         last=r_last,
                         pfirst=first, plast=last)
        measure = unit = None
        if "measure" in raw:
            checked = self.expression(raw, "measure", [*path, "measure"], env, MEASURE_UNITS)
            if checked:
                measure, unit = checked
        norm = self.norm(raw, "norm", [*path, "norm"], env, unit) if "norm" in raw else None
        signal = None
        if "signal" in raw:
            level = self.norm(raw["signal"], "level", [*path, "signal", "level"], env, unit)
            if level:
                signal = Signal(level, Text.of(raw["signal"]["action"]))
        tolerance = self.value(raw, "tolerance", [*path, "tolerance"], env,
                               unit) if "tolerance" in raw else None
        applies_if = None
        if "applies_if" in raw:
            checked = self.expression(raw, "applies_if", [*path, "applies_if"], env, {"bool"})
            applies_if = checked[0] if checked else None
        deadline = raw.get("deadline")
        # A deadline after the rule's last year (a target year after the term, "vóór 2030") is
        # never reached here: every year judged is before it, on the trajectory or not yet due.
        if deadline is not None and deadline < r_first:
            self.problem("pack.deadline_before_years", raw, [*path, "deadline"], deadline=deadline,
                         first=r_first)
        trajectory = self.trajectory(raw, path, env, unit, deadline)
        trigger = self.trigger(raw, path, env)
        milestone = self.milestone(raw, path)
        if (milestone is not None and milestone.due is not None
            and not r_first <= milestone.due.year <= r_last):
            self.problem("pack.due_outside", raw, [*path, "milestone", "due"],
                         due=milestone.due.isoformat(),
                         first=r_first, last=r_last)
        if len(self.problems) > before:
            return None
        rule = Rule(
            id=raw["id"], pack=self.data["pack"], title=Text.of(raw["title"]), theme=raw["theme"],
            source=Source(raw["source"]["section"], raw["source"]["quote"],
                          raw["source"].get("page")),
            obligation=Obligation(raw["obligation"]), responsible=responsible, scope=scope,
            first_year=r_first, last_year=r_last, line=yamlio.locate(self.data, path)[0] or 0,
            measure=measure, norm=norm, signal=signal, tolerance=tolerance, deadline=deadline,
            trajectory=trajectory, applies_if=applies_if, trigger=trigger, milestone=milestone,
            effort_shortfall=raw.get("effort_shortfall", policy),
            interpretation=Text.of(raw["interpretation"]) if raw.get("interpretation") else None,
            wording=self.wording(raw, path),
            unit=unit or ("bool" if trigger or milestone else "number"),
        )
        return replace(rule, reads=rule_reads(rule, env))

    def wording(self, raw: Any, path: list[Any]) -> Wording | None:
        """The author's words, each placeholder one its text may hold."""
        spec = raw.get("wording")
        if spec is None:
            return None
        texts = {part: Text.of(spec[part]) for part in ("measure", "norm") if part in spec}
        for part, text in texts.items():
            allowed = Wording.PLACES[part]
            for words in (text.nl, text.en):
                try:
                    names = [name for _, name, _, _ in string.Formatter().parse(words)
                             if name is not None]
                except ValueError:  # a lone brace
                    names = ["{"]
                for name in (n for n in names if n not in allowed):
                    self.problem("pack.wording_placeholder", raw, [*path, "wording", part],
                                 name=name, allowed=", ".join(f"{{{p}}}" for p in sorted(allowed)))
        return Wording(texts.get("measure"), texts.get("norm"))

    @staticmethod
    def default_responsible(scope: Scope) -> tuple[str, ...]:
        if scope.kind is ScopeKind.PARTY and scope.party:
            return (scope.party,)
        return ("corporatie",)

    def trajectory(self, raw: Any, path: list[Any], env: Environment, unit: str | None,
                   deadline: int | None) -> Trajectory | None:
        spec = raw.get("trajectory")
        if spec is None:
            return None
        if deadline is None:
            self.problem("pack.trajectory_needs_deadline", raw, [*path, "trajectory"])
        start_year = start_value = None
        if "start" in spec:
            start_year = spec["start"]["year"]
            if deadline is not None and start_year >= deadline:
                self.problem("pack.trajectory_start", raw, [*path, "trajectory", "start", "year"],
                             year=start_year, deadline=deadline)
            start_value = self.value(spec["start"], "value",
                                     [*path, "trajectory", "start", "value"], env, unit)
        milestones = []
        for year_key in (spec.get("milestones") or {}):
            value = self.value(spec["milestones"], year_key,
                               [*path, "trajectory", "milestones", year_key], env, unit)
            if value is not None:
                milestones.append((int(year_key), value))
        return Trajectory(start_year, start_value, tuple(sorted(milestones, key=lambda m: m[0])))

    def trigger(self, raw: Any, path: list[Any], env: Environment) -> Trigger | None:
        spec = raw.get("trigger")
        if spec is None:
            return None
        parts = {}
        for key in ("when", "done"):
            if key in spec:
                checked = self.expression(spec, key, [*path, "trigger", key], env, {"bool"})
                parts[key] = checked[0] if checked else None
        return Trigger(Text.of(spec["action"]), parts.get("when"), parts.get("done"))

    def milestone(self, raw: Any, path: list[Any]) -> Milestone | None:
        spec = raw.get("milestone")
        if spec is None:
            return None
        due = each = None
        try:
            if "due" in spec:
                due = dt.date.fromisoformat(str(spec["due"]))
            if "due_each_year" in spec:
                month, day = (int(x) for x in spec["due_each_year"].split("-"))
                dt.date(2024, month, day)
                each = (month, day)
        except ValueError:
            self.problem("pack.bad_date", spec, [*path, "milestone"],
                         value=spec.get("due") or spec.get("due_each_year"))
        return Milestone(spec["deliverable"], due, each)


def _source(raw: Any) -> Source | None:
    return Source(raw["source"]["section"], raw["source"]["quote"]) if raw.get("source") else None


def _share_in_range(node: ast.Node) -> None:
    """A share bound written with literals must lie between 0% and 100% (`-5%` never can)."""
    value = constant(node)
    if isinstance(value, float) and not -1e-9 <= value <= 1 + 1e-9:
        raise ExpressionError("expr.share_out_of_range", node.pos, value=f"{value * 100:g}%")


def load_pack(path: Path, parameters: Parameters, workspace: Declarations = NONE) -> Pack:
    return pack_from_data(yamlio.load(path), path, parameters, workspace)


def pack_from_data(data: Any, path: Path, parameters: Parameters,
                   workspace: Declarations = NONE) -> Pack:
    """Validate already-loaded pack data against the schema, then read and check every rule;
    `workspace`: what the workspace the pack stands in declares (engine/workspace.py)."""
    schema.validate(data, "pack.schema.json", path)
    return _PackReader(path, data, parameters, workspace).read()


def rule_reads(rule: Rule, env: Environment) -> Checked:
    """Every figure, attribute, collection and parameter the rule's expressions read.

    The findings name them (`facts_used`, and everything missing at once). Gathered here, where
    the expressions are checked anyway, and kept on the cached rule, so evaluating a pack does
    not check its expressions a second time.
    """
    return Checked("number").merge("number", *(check(tree, env) for tree in rule.trees()))
