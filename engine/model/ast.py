"""Syntax tree of the expression language.

Nodes are frozen and picklable so that a parsed pack can be cached between runs; each carries
the column (0-based offset into the expression text) where it starts, for error messages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Number:
    value: float
    pos: int


@dataclass(frozen=True, slots=True)
class Share:
    """A literal written with `%`; `value` is the fraction (30% -> 0.3)."""

    value: float
    pos: int


@dataclass(frozen=True, slots=True)
class Money:
    """A literal written with `€`."""

    value: float
    pos: int


@dataclass(frozen=True, slots=True)
class Text:
    value: str
    pos: int


@dataclass(frozen=True, slots=True)
class Bool:
    value: bool
    pos: int


@dataclass(frozen=True, slots=True)
class Name:
    """A fact, an entity attribute (inside `where` or a per-entity scope), or `collection.attr`."""

    name: str
    pos: int


@dataclass(frozen=True, slots=True)
class Unary:
    op: str  # "-" | "not"
    operand: Node
    pos: int


@dataclass(frozen=True, slots=True)
class Binary:
    op: str  # + - * / == != < <= > >= in and or
    left: Node
    right: Node
    pos: int


@dataclass(frozen=True, slots=True)
class Call:
    """A function call; `where` is the filter of an aggregate argument (`count(x where c)`)."""

    func: str
    args: tuple[Node, ...]
    where: Node | None
    pos: int


Node = Number | Share | Money | Text | Bool | Name | Unary | Binary | Call


@dataclass(frozen=True, slots=True)
class Norm:
    """`>= 30%`, `<= param(liberalisatiegrens)` or `between 24 and 32`."""

    op: str  # >= <= > < == != between
    bound: Node
    upper: Node | None
    pos: int


def children(node: Node) -> list[Node]:
    """A node's direct sub-trees: its operand or operands, or a call's `where` and arguments."""
    match node:
        case Unary(operand=operand):
            return [operand]
        case Binary(left=left, right=right):
            return [left, right]
        case Call(args=args, where=where):
            return [*([where] if where is not None else []), *args]
    return []


def walk(node: Node) -> Iterator[Node]:
    """Every node of a tree, the root first; a call's arguments and its `where` included."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack += reversed(children(current))
