"""Validating loaded YAML against the published JSON Schemas, with errors that point at a line.

jsonschema is imported only here and only when a file is actually validated, because importing
it costs more than the rest of a warm `woonpact check` (see engine.cache).

jsonschema walks the schema for every document: validating a national dataset's fact sets took
44% of a cold national check. fastjsonschema compiles a schema into Python once and then
validates about ten times faster, but compiling the facts schema takes about 0.25 s, more than
validating a few agreements with jsonschema. So the first `COMPILE_AFTER` documents of a schema
in a process go to jsonschema, later ones to the compiled validator; whatever the compiled
validator refuses goes to jsonschema, which words the problems (and has the last say). The
schemas use only keywords that mean the same in draft 7, which fastjsonschema implements
(tests/test_schema.py holds the two to the same verdicts); the one format, `date`, is checked
by jsonschema's own function in both.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from woonpact.engine import paths
from woonpact.engine.errors import InputError, Problem
from woonpact.engine.notation import day_first, share_fix
from woonpact.engine.suggest import closest
from woonpact.engine.yamlio import dotted, locate

MAX_PROBLEMS = 20


@cache
def load_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((paths.SCHEMAS / name).read_text(encoding="utf-8"))
    return schema


def _compile(schema: Any) -> Any:
    """JSON Schema counts 2026.0 as an integer; woonpact does not: a year, a count or a number
    of digits written as a float is refused here, as it would otherwise crash the evaluation."""
    import jsonschema  # deliberately lazy, see module docstring

    base = jsonschema.validators.validator_for(schema)
    strict = base.TYPE_CHECKER.redefine(
        "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool))
    cls = jsonschema.validators.extend(base, type_checker=strict)  # type: ignore[no-untyped-call]
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@cache
def _validator(name: str) -> Any:
    return _compile(load_schema(name))


_EXTENDED: dict[str, Any] = {}
COMPILE_AFTER = 20
_validated: Counter[str] = Counter()


@cache
def _compiled(name: str) -> Callable[[Any], Any]:
    import fastjsonschema  # only once a process validates many documents

    date, raises = _validator(name).format_checker.checkers["date"]

    def is_date(value: Any) -> bool:
        try:
            return bool(date(value))
        except raises:
            return False

    return fastjsonschema.compile(load_schema(name), use_default=False, formats={"date": is_date},
                                  detailed_exceptions=False)


def expect_many(schema_name: str) -> None:
    """Compile the schema now: many documents of it are about to be validated (by worker
    processes forked after this, which then share the compiled validator)."""
    _validated[schema_name] = max(_validated[schema_name], COMPILE_AFTER)
    _compiled(schema_name)


def accepted(data: Any, schema_name: str) -> bool:
    """Whether the compiled validator accepts `data`; False also while it is not worth
    compiling yet (see the module's docstring), and for a document holding a whole number
    written as a float (2026.0), which fastjsonschema takes for an integer and woonpact does not
    (`_compile`): jsonschema decides those."""
    _validated[schema_name] += 1
    if _validated[schema_name] <= COMPILE_AFTER or _integral_float(data):
        return False
    from fastjsonschema import JsonSchemaValueException

    try:
        _compiled(schema_name)(data)
    except JsonSchemaValueException:
        return False
    return True


def _integral_float(data: Any) -> bool:
    """Whether any value in the loaded document is a float with no fraction (a loop, not a
    recursion: the loaders bound the nesting, but the walk need not rely on it)."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, float):
            if value.is_integer():
                return True
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


def validate(data: Any, schema_name: str, file: Path, own: tuple[str, Any] | None = None) -> None:
    """Raise an `InputError` listing every schema violation (up to a limit), in file order.

    `own`: instead of the published schema, (key, schema) of one built for a pack with figures
    of its own (engine/facts/vocabulary.py), compiled once per key for jsonschema only (a pack's
    own schema is validated for a handful of documents)."""
    if own is not None:
        key, built = own
        if key not in _EXTENDED:
            _EXTENDED[key] = _compile(dict(built))
        validator = _EXTENDED[key]
    elif accepted(data, schema_name):
        return
    else:
        validator = _validator(schema_name)
    errors = sorted(validator.iter_errors(data), key=lambda e: _order(data, e))
    if errors:
        raise InputError([_problem(data, e, file) for e in errors[:MAX_PROBLEMS]])


def _order(data: Any, error: Any) -> tuple[int, int]:
    line, column = locate(data, list(error.absolute_path))
    return line or 0, column or 0


def _deepest(error: Any) -> Any:
    """For `oneOf`/`anyOf`, report the alternative that came closest.

    An alternative that failed only on its type ("expected an object") says less than one whose
    type fitted and whose value did not ("-3 is below the minimum 0"), so the latter wins.
    """
    while error.context:
        error = min(error.context,
                    key=lambda e: (e.validator in ("type", "required", "additionalProperties"),
                                                  -len(e.absolute_path)))
    return error


def _problem(data: Any, error: Any, file: Path) -> Problem:
    error = _deepest(error)
    path = list(error.absolute_path)
    line, column = locate(data, path)
    key, params = _describe(error)
    if key in ("schema.additional",) and params.get("name") is not None:
        path = [*path, params["name"]]
        container = data
        for step in path[:-1]:
            container = container[step]
        marks = getattr(container, "marks", None)
        if marks and params["name"] in marks:
            line, column = marks[params["name"]][:2]
            column = None if column is None else max(1, column - len(str(params["name"])) - 2)
    if error.validator == "required":
        path = [*path, params["name"]]
    return Problem(key, file=file, line=line, column=column, field=dotted(path) or "(top)",
                   params=params)


def _describe(error: Any) -> tuple[str, dict[str, Any]]:
    """The message key and its arguments; a schema may name its own message for a missing field
    (`x-missing: {field: key}`) or a too-short or ill-formed text (`x-message`)."""
    validator, instance, schema = error.validator, error.instance, error.schema
    if validator == "required":
        missing = [name for name in error.validator_value if name not in instance]
        name = missing[0] if missing else "?"
        return schema.get("x-missing", {}).get(name, "schema.required"), {"name": name}
    if validator == "additionalProperties" and isinstance(instance, dict):
        allowed = set(schema.get("properties", {}))
        extra = [k for k in instance if k not in allowed]
        import re

        patterns = schema.get("patternProperties", {})
        extra = [k for k in extra if not any(re.search(p, str(k)) for p in patterns)]
        name = extra[0] if extra else "?"
        hint = closest(str(name), allowed)
        return "schema.additional", {"name": name, "suggestion": hint or ""}
    if schema.get("x-unit") == "share" or (validator == "pattern"
                                           and "%" in str(error.validator_value)):
        if fixed := share_fix(instance):
            return fixed[0], {"value": _show(instance), **fixed[1]}
        return "schema.share", {"value": _show(instance)}
    if validator == "type":
        expected = error.validator_value
        return "schema.type", {"value": _show(instance), "expected": expected
                               if isinstance(expected, str) else " / ".join(expected)}
    if validator == "enum":
        values = [str(a) for a in error.validator_value]
        return "schema.enum", {"value": _show(instance), "allowed": ", ".join(values),
                               "suggestion": closest(str(instance), values) or ""}
    if validator in ("minimum", "exclusiveMinimum"):
        return "schema.minimum", {"value": _show(instance), "limit": error.validator_value}
    if validator == "minLength":
        return schema.get("x-message", "schema.min_length"), {"value": _show(instance),
                                                              "limit": error.validator_value}
    if validator == "pattern":  # a field's own words (`x-message`) rather than the regex
        return schema.get("x-message", "schema.pattern"), {"value": _show(instance),
                                                           "pattern": error.validator_value}
    if validator == "format" and error.validator_value == "date":
        if isinstance(instance, str) and (day := day_first(instance)):
            return "schema.date_fix", {"value": instance, "fix": day.isoformat()}
        return "pack.bad_date", {"value": instance}
    return "schema.invalid", {"detail": error.message}


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."
