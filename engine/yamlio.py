"""Loading YAML and JSON safely, remembering where every value stood.

The loading policy lives here and only here: safe loading (no Python tags), duplicate keys
rejected, and each mapping and list carrying the line and column of its values so that schema
and semantic errors can point at the exact place in the file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from woonpact.engine.errors import InputError, Problem

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Located(dict):  # noqa: FURB189 - a dict subclass so jsonschema sees a plain object
    """A mapping that knows the (line, column, style) of each of its values."""

    __slots__ = ("marks",)

    def __init__(self) -> None:
        super().__init__()
        self.marks: dict[Any, tuple[int, int, str | None]] = {}


class LocatedList(list):  # noqa: FURB189
    __slots__ = ("marks",)

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[tuple[int, int, str | None]] = []


def _mark(node: yaml.Node) -> tuple[int, int, str | None]:
    return node.start_mark.line + 1, node.start_mark.column + 1, getattr(node, "style", None)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    def construct_located_mapping(self, node: yaml.MappingNode) -> Located:
        mapping = Located()
        yield mapping
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)  # keys are text, as in JSON: `2026:` is the key "2026"
            if node.flow_style and _split_by_comma(key_node, value_node):
                previous = next(reversed(mapping), "")
                before = str(mapping.get(previous, "")).rpartition(" ")[2]
                raise InputError(Problem(
                    "yaml.flow_comma", line=key_node.start_mark.line + 1,
                    column=key_node.start_mark.column + 1, field=str(key),
                    params={"key": key, "field": previous, "before": before},
                ))
            if key in mapping:
                raise InputError(Problem(
                    "yaml.duplicate_key", line=key_node.start_mark.line + 1,
                    column=key_node.start_mark.column + 1, field=str(key), params={"key": key},
                ))
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.marks[key] = _mark(value_node)

    def construct_located_sequence(self, node: yaml.SequenceNode) -> LocatedList:
        sequence = LocatedList()
        yield sequence
        for child in node.value:
            sequence.append(self.construct_object(child, deep=True))
            sequence.marks.append(_mark(child))


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_located_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_located_sequence)
# Dates stay text ("2025-03-12") so that JSON Schema checks them like JSON; loaders convert.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)


def load(path: Path) -> Any:
    """Load a YAML or JSON file; any failure becomes an `InputError` naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(Problem("file.missing", file=path)) from None
    except IsADirectoryError:
        raise InputError(Problem("file.is_directory", file=path)) from None
    except UnicodeDecodeError as exc:
        raise InputError(Problem("file.not_utf8", file=path, params={"detail": str(exc)})) from None
    except OSError as exc:
        raise InputError(Problem("file.unreadable", file=path, params={"detail": exc.strerror})) from None
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(Problem("json.syntax", file=path, line=exc.lineno, column=exc.colno,
                                     params={"detail": exc.msg})) from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader derives from SafeLoader
    except InputError as exc:
        raise InputError([_with_file(p, path) for p in exc.problems]) from None
    except yaml.MarkedYAMLError as exc:
        raise InputError(syntax_problem(exc, path, text)) from None
    except yaml.YAMLError as exc:
        raise InputError(Problem("yaml.syntax", file=path, params={"detail": str(exc)})) from None


def _split_by_comma(key_node: yaml.Node, value_node: yaml.Node) -> bool:
    """`{nl: maximaal 7,5%, en: ...}`: inside `{ }` a comma ends a plain text, so `5%` becomes a
    key without a value. woonpact's files have no such keys, so it is always this mistake."""
    return not key_node.style and isinstance(value_node, yaml.ScalarNode) \
        and value_node.value == "" and value_node.tag == "tag:yaml.org,2002:null"


def syntax_problem(exc: yaml.MarkedYAMLError, path: Path, text: str) -> Problem:
    """libyaml's (or PyYAML's) English account of a syntax error, as what to write instead."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return Problem("yaml.syntax", file=path, params={"detail": exc.problem or str(exc)})
    lines = text.splitlines()
    source = lines[mark.line] if mark.line < len(lines) else ""
    opened = exc.context_mark.line + 1 if exc.context_mark else mark.line + 1
    problem, context, at = exc.problem or "", exc.context or "", mark.column
    indent = len(source) - len(source.lstrip())
    params: dict[str, Any] = {"opened": opened, "detail": problem}
    if "'-' indicator" in problem or "<block sequence start>" in problem:
        key = "yaml.list_indent"
    elif "expected key" in problem or "<block end>" in problem:
        key = "yaml.after_quote" if at > indent else "yaml.key_indent"
    elif "mapping values are not allowed" in problem:
        key = "yaml.colon_in_value" if ":" in source[:at] else "yaml.too_deep"
    elif "tab" in problem or ("cannot start any token" in problem and source[at:at + 1] == "\t"):
        key = "yaml.tab"
    elif "cannot start any token" in problem or "undefined alias" in problem \
            or "block scalar" in context:
        value = source[indent:].partition(": ")[2]
        key, params["char"] = "yaml.quote_start", value[:1] or source[at:at + 1]
    elif "quoted scalar" in context and "end of stream" in problem:
        key = "yaml.unclosed_quote"
    elif "flow mapping" in context or "flow sequence" in context:
        key = "yaml.unclosed_flow"
    elif "escape" in problem:
        key = "yaml.escape"
    else:
        key = "yaml.syntax"
    return Problem(key, file=path, line=mark.line + 1, column=mark.column + 1, params=params)


def _with_file(problem: Problem, path: Path) -> Problem:
    return Problem(problem.key, path, problem.line, problem.column, problem.field, problem.params)


def locate(data: Any, path: list[Any] | tuple[Any, ...]) -> tuple[int | None, int | None]:
    """The (line, column) of the value at `path` inside loaded data, as near as it is known."""
    line = column = None
    node = data
    for step in path:
        marks = getattr(node, "marks", None)
        try:
            if marks is not None:
                line, column, _ = marks[step]
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    return line, column


def expression_position(container: Any, key: Any, text: str, pos: int) -> tuple[int | None, int | None]:
    """The file position of character `pos` of the expression stored at `container[key]`."""
    marks = getattr(container, "marks", None)
    if not marks:
        return None, None
    try:
        line, column, style = marks[key]
    except (KeyError, IndexError):
        return None, None
    if style in ("|", ">"):
        before = text[:pos]
        return line + 1 + before.count("\n"), len(before) - (before.rfind("\n") + 1) + 1
    offset = 1 if style in ('"', "'") else 0
    return line, column + offset + pos


def dotted(path: list[Any] | tuple[Any, ...]) -> str:
    """`['rules', 3, 'norm']` -> `rules[3].norm`."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def steps(field: str) -> list[Any]:
    """`rules[3].norm` -> `['rules', 3, 'norm']`: the path a `dotted` field names."""
    return [int(index) if index else name for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", field)]
