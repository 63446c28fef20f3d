"""What one function of the rule language is made of: one `Function`, all its parts together.

Every module that treats calls asks the registry (functions/__init__.py) instead of naming
functions, so adding a function is one entry there and its words in engine/i18n.py:

- `check`, its type rule: the unit of a call from its arguments (types.py runs it after
  refusing a `where` on a function that is not an `aggregate`);
- `compile`, its evaluation: the closure of a checked call (compiler.py);
- `columns`, its column program where it has one (columns.py);
- `words`, its words in a finding, as data: a message key of engine/i18n.py and which part of
  the call fills which placeholder (output/phrases.py renders them; the language does not know
  how output words a figure or a year);
- `trace`, what a finding's trace goes through: which arguments in which year, the parameters
  read, a sum over years or a share worth showing (output/trace.py walks it);
- `forms`, its lines in the reference, docs/rule-language.md (authoring/generate.py);
- `examples`, calls that use every form and every wording, for tests/test_functions.py;
- `whole`, whether its value is a whole number by construction, so that comparing it is exact
  (compare.py), and `leads`, whether a count of it reads number first ("139 homes since
  2025", output/phrases.py).

The parts that recurse (a type rule checks its arguments, a compile step compiles them, a
trace goes into them) are handed the engine's checker, compiler, column compiler or trace walk,
described here as protocols, so that this package imports none of those modules and they all
may read the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from woonpact.engine.language.units import Environment
from woonpact.engine.model import ast
from woonpact.engine.model.reads import Checked

Closure = Callable[[Any, Any], Any]
Checker = Callable[[ast.Node, Environment], Checked]


class Compiler(Protocol):
    """The closure compiler (compiler.py), for compiling a call's arguments."""

    def expression(self, node: ast.Node, env: Environment) -> Closure: ...

    def selector(self, where: ast.Node, env: Environment) -> Callable[[Any, Any], Sequence[bool]]:
        """Which entities a checked `where` keeps, as a mask."""

    def attribute(self, collection: str, name: str, env: Environment) -> Closure:
        """An entity's attribute; a gap raises `MissingFact`."""

    def year(self, node: ast.Node, env: Environment) -> Callable[[Any], int]:
        """A checked year argument, by the context it is read in."""


class Columns(Protocol):
    """The column compiler (columns.py): column programs of a call's arguments combined, or
    None when one of them has none."""

    def quotient(self, part: ast.Node, whole: ast.Node) -> Any | None: ...

    def pairwise(self, fn: Callable[[Any, Any], Any], left: ast.Node,
                 right: ast.Node) -> Any | None: ...


class Walk(Protocol):
    """A finding's trace going through one call (output/trace.py)."""

    @property
    def year(self) -> int:
        """The year the call is read in."""

    def visit(self, node: ast.Node, year: int | None = None,
              collection: str | None = None) -> None:
        """Go into a part, in another year or inside a collection (a filter) if given."""

    def year_of(self, node: ast.Node) -> int:
        """The year a year argument names (2022, `year_judged - 1`)."""

    def parameter(self, name: str, year: int) -> None:
        """A dated value read for a year, cited with its date and source."""

    def summed(self, figure: str) -> None:
        """A figure read as the corporations' sum: each corporation's, cited from its own
        section, and their sum."""

    def step(self, kind: str, terms: Sequence[tuple[ast.Node, int | None]]) -> None:
        """A value worth showing with the terms it is made of, each read in a year (None: the
        call's own): `years` (added up) or `share` (part over whole)."""


class Role(StrEnum):
    """How a part of a call is worded (output/phrases.py has one rendering for each)."""

    WORDS = "words"  # the argument as a noun phrase
    BRACKETED = "bracketed"  # the same, in brackets when it is an operation: (a - b)
    YEAR = "year"  # a year argument: "2025", or counted from the year judged
    PARAMETER = "parameter"  # the label of the dated value the argument names
    CONDITION = "condition"  # the named condition the argument (a text) names
    ITEMS = "items"  # the items of the collection argument, its filter's conditions bracketed
    NOUN = "noun"  # the noun of the collection argument
    ATTRIBUTE = "attribute"  # the label of the attribute of a `collection.attribute` argument
    TERMS = "terms"  # the arguments but the last, those of nested calls of the function included
    LAST = "last"  # the last of those


@dataclass(frozen=True)
class Part:
    role: Role
    argument: int = 0


def _always(call: ast.Call) -> bool:
    return True


@dataclass(frozen=True)
class Words:
    """One wording: the message `words.<key>` with each placeholder filled by a part of the
    call; a function's first wording whose `when` holds for the call is used."""

    key: str
    parts: Mapping[str, Part]
    when: Callable[[ast.Call], bool] = _always


@dataclass(frozen=True)
class Form:
    """A line of the reference: how the function is written, and what it gives."""

    signature: str
    gives: str


Whole = Callable[[ast.Call, Callable[[ast.Node], bool], Callable[[ast.Node], str]], bool]
"""(call, whole, unit): whether the call is a whole number, given whether a part is and a
part's unit."""


def never(call: ast.Call, *_: Any) -> bool:
    return False


@dataclass(frozen=True)
class Function:
    name: str
    forms: tuple[Form, ...]
    check: Callable[[ast.Call, Environment, Checker], Checked]
    compile: Callable[[ast.Call, Environment, Compiler], Closure]
    words: tuple[Words, ...]
    trace: Callable[[ast.Call, Walk], None]
    examples: tuple[str, ...]
    columns: Callable[[ast.Call, Columns], Any | None] | None = None
    aggregate: bool = False  # its first argument a collection (or `collection.attribute`) that
    # a `where` may filter: the items it reads are its own, not those of an enclosing `where`
    whole: Whole = never
    leads: Callable[[ast.Call], bool] = never


def through_arguments(call: ast.Call, walk: Walk) -> None:
    """The trace of a function that reads its arguments as they are, in the call's year."""
    for argument in call.args:
        walk.visit(argument)
