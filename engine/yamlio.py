"""Loading YAML and JSON safely, remembering where every value stood.

The loading policy lives here and only here: safe loading (no Python tags), duplicate keys
rejected, and each mapping and list carrying the line and column of its values so that schema
and semantic errors can point at the exact place in the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from woonpact.engine import files
from woonpact.engine.errors import InputError, Problem

if TYPE_CHECKING:
    import yaml


class Located(dict[Any, Any]):  # a dict subclass so jsonschema sees a plain object
    """A mapping that knows the (line, column, style) of each of its values."""

    __slots__ = ("marks",)

    def __init__(self) -> None:
        super().__init__()
        self.marks: dict[Any, tuple[int | None, int | None, str | None]] = {}


class LocatedList(list[Any]):
    __slots__ = ("marks",)

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[tuple[int, int, str | None]] = []


def _mark(node: yaml.Node) -> tuple[int, int, str | None]:
    return node.start_mark.line + 1, node.start_mark.column + 1, getattr(node, "style", None)


MAX_DEPTH = 32  # a fact file nests 5 levels deep, a pack 7
MAX_DIGITS = 15  # of an integer: exact as a float below 2**53; beyond 309 digits no float holds
# it at all (the evaluation crashed), beyond 4,300 Python refuses to read it (a ValueError)
EXPANSION = 10  # times the values written out that aliases may repeat, and at least
MIN_EXPANSION = 10_000  # values; a pack sharing a quote by alias repeats a few dozen


def _at(node: yaml.Node, key: str, **params: Any) -> Problem:
    mark = node.start_mark
    return Problem(key, line=mark.line + 1, column=mark.column + 1, params=params)


def _size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many values `node` stands for with its aliases expanded, worked out without expanding
    them: once per node, from the sizes of its children (`sizes` keeps them between calls). A
    node whose construction finished holds no cycle (PyYAML refuses a recursive one)."""
    import yaml  # loaded by now: see _loader

    todo = [(node, False)]
    while todo:
        current, ready = todo.pop()
        if id(current) in sizes:
            continue
        children = ([n for pair in current.value for n in pair]
                    if isinstance(current, yaml.MappingNode)
                    else current.value if isinstance(current, yaml.SequenceNode) else [])
        if ready:
            sizes[id(current)] = 1 + sum(sizes[id(child)] for child in children)
        else:
            todo += [(current, True), *((child, False) for child in children)]
    return sizes[id(node)]


@cache
def _loader() -> type:
    """PyYAML's C loader (the Python one where there is none), keeping positions, refusing
    duplicate keys and bounded. Made when first needed: importing PyYAML takes about 14 ms, and
    a check whose files all come from the cache reads no YAML at all."""
    import yaml

    class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        def construct_located_mapping(self, node: yaml.MappingNode) -> Iterator[Located]:
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
                        column=key_node.start_mark.column + 1, field=str(key),
                        params={"key": key},
                    ))
                mapping[key] = self.construct_object(value_node, deep=True)
                mapping.marks[key] = _mark(value_node)

        def construct_located_sequence(self, node: yaml.SequenceNode) -> Iterator[LocatedList]:
            sequence = LocatedList()
            yield sequence
            for child in node.value:
                sequence.append(self.construct_object(child, deep=True))
                sequence.marks.append(_mark(child))


    _Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_located_mapping)
    _Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_located_sequence)
    # Dates stay text ("2025-03-12") so that JSON Schema checks them like JSON; loaders convert.
    _Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)


    class _BoundedLoader(_Loader):
        """Loads no more than a person could have meant: at most `MAX_DEPTH` levels of mappings and
        lists, and aliases (`*name`, a value written once and used again) only while the values
        they repeat stay within `EXPANSION` times the values written out (at least `MIN_EXPANSION`):
        1 KB of nested aliases otherwise stands for a billion values. Aliases themselves are
        allowed, in fact files too: PyYAML writes one for every object a program shares (the
        benchmark's generator shares a meeting's list of parties). Everything is refused with its
        line, never a RecursionError or a hang."""

        _depth = 0
        _written = 0
        _repeated = 0
        _sizes: dict[int, int] | None = None

        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            if node in self.constructed_objects:
                self._repeat(node)
            elif self._depth >= MAX_DEPTH:
                raise InputError(_at(node, "file.too_deep", limit=MAX_DEPTH))
            else:
                self._written += 1
            self._depth += 1
            try:
                return super().construct_object(node, deep)
            finally:
                self._depth -= 1

        def _repeat(self, node: yaml.Node) -> None:
            if self._sizes is None:
                self._sizes = {}
            self._repeated += _size(node, self._sizes)
            limit = max(MIN_EXPANSION, EXPANSION * self._written)
            if self._repeated > limit:
                raise InputError(_at(node, "yaml.alias_expansion", limit=limit))

        def construct_bounded_int(self, node: yaml.ScalarNode) -> int:
            digits = sum(c.isdigit() for c in node.value)
            if digits > MAX_DIGITS:
                raise InputError(_at(node, "file.number_too_long", digits=digits, limit=MAX_DIGITS))
            return self.construct_yaml_int(node)  # type: ignore[no-any-return]
    _BoundedLoader.add_constructor("tag:yaml.org,2002:int", _BoundedLoader.construct_bounded_int)
    return _BoundedLoader


def load(path: Path) -> Any:
    """Load a YAML or JSON file; any failure becomes an `InputError` naming the file."""
    return loads(files.read(path), path)


def loads(content: bytes, path: Path) -> Any:
    """`load` of bytes already read from `path` (YAML or JSON by its suffix)."""
    text = _text(content, path)
    if path.suffix.lower() == ".json":
        return _json(text, path)
    import yaml  # see _loader

    try:
        return yaml.load(text, Loader=_loader())  # noqa: S506 - derives from SafeLoader
    except InputError as exc:
        raise InputError([_with_file(p, path) for p in exc.problems]) from None
    except yaml.MarkedYAMLError as exc:
        raise InputError(syntax_problem(exc, path, text)) from None
    except yaml.YAMLError as exc:
        raise InputError(Problem("yaml.syntax", file=path, params={"detail": str(exc)})) from None


def _split_by_comma(key_node: yaml.Node, value_node: yaml.Node) -> bool:
    """`{nl: maximaal 7,5%, en: ...}`: inside `{ }` a comma ends a plain text, so `5%` becomes a
    key without a value. woonpact's files have no such keys, so it is always this mistake."""
    import yaml  # loaded by now: see _loader

    return not getattr(key_node, "style", None) and isinstance(value_node, yaml.ScalarNode) \
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
def _text(content: bytes, path: Path) -> str:
    """The file's text, in UTF-8."""
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(Problem("file.not_utf8", file=path, params={"detail": str(exc)})) from None


def _json(text: str, path: Path) -> Any:
    """JSON, read into the same located mappings and lists as YAML, so that every error names its
    line and column, and held to what its YAML twin must be: no key twice in one object
    (`json.loads` keeps the last), at most `MAX_DEPTH` levels (`json.loads` recurses), no
    integer of more than `MAX_DIGITS` digits, no `NaN` or `Infinity` (which are not JSON).

    `json.loads` checks the syntax first, with its own messages; the values are then read from
    the text by `_located_json`, which does not recurse."""
    try:
        json.loads(text, parse_int=_syntax_only, parse_float=_syntax_only,
                   parse_constant=_syntax_only)
    except json.JSONDecodeError as exc:
        raise InputError(Problem("json.syntax", file=path, line=exc.lineno, column=exc.colno,
                                 params={"detail": exc.msg})) from None
    except RecursionError:
        pass  # nested deeper than json.loads goes; _located_json says where, long before that
    try:
        return _located_json(text)
    except InputError as error:
        raise InputError([_with_file(p, path) for p in error.problems]) from None


def _syntax_only(_: str) -> None:
    return None


_JSON_PART = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')
_JSON_INTEGER = re.compile(r"-?\d+")
_JSON_LITERALS = {"true": True, "false": False, "null": None}


def _located_json(text: str) -> Any:
    """The values of JSON text whose syntax `json.loads` accepted, each with its place."""
    root: Any = None
    open_: list[Located | LocatedList] = []
    key: str | None = None
    expect_key = False
    line, line_start, seen = 1, 0, 0
    for match in _JSON_PART.finditer(text):
        token, start = match.group(), match.start()
        if newlines := text.count("\n", seen, start):
            line, line_start = line + newlines, text.rfind("\n", seen, start) + 1
        seen, column = start, start - line_start + 1
        if token in ("}", "]"):
            open_.pop()
            continue
        if token in (":", ","):
            expect_key = token == "," and isinstance(open_[-1], Located)
            continue
        if expect_key:
            key, expect_key = json.loads(token), False
            if key in open_[-1]:
                raise InputError(Problem("yaml.duplicate_key", None, line, column, key,
                                         {"key": key}))
            continue
        value = _json_value(token, line, column)
        if isinstance(value, (Located, LocatedList)) and len(open_) >= MAX_DEPTH:
            raise InputError(Problem("file.too_deep", None, line, column,
                                     params={"limit": MAX_DEPTH}))
        mark = (line, column, '"' if token.startswith('"') else None)
        if not open_:
            root = value
        elif isinstance(open_[-1], Located):
            open_[-1][key] = value
            open_[-1].marks[key] = mark
        else:
            open_[-1].append(value)
            open_[-1].marks.append(mark)
        if isinstance(value, (Located, LocatedList)):
            open_.append(value)
            expect_key = isinstance(value, Located)
    return root


def _json_value(token: str, line: int, column: int) -> Any:
    if token == "{":
        return Located()
    if token == "[":
        return LocatedList()
    if token.startswith('"'):
        return json.loads(token)
    if token in _JSON_LITERALS:
        return _JSON_LITERALS[token]
    if token in ("NaN", "Infinity", "-Infinity"):
        raise InputError(Problem("json.not_a_number", None, line, column, params={"name": token}))
    if not _JSON_INTEGER.fullmatch(token):
        return float(token)
    digits = len(token.lstrip("-"))
    if digits > MAX_DIGITS:
        raise InputError(Problem("file.number_too_long", None, line, column,
                                 params={"digits": digits, "limit": MAX_DIGITS}))
    return int(token)


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


def expression_position(container: Any, key: Any, text: str,
                        pos: int) -> tuple[int | None, int | None]:
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
    return [int(index) if index else name for name,
            index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", field)]
