"""The one exception of the expression language: a message key, its arguments and a column."""

from __future__ import annotations


class ExpressionError(Exception):
    """Raised by the parser, the type checker and the compiler; `pos` is a 0-based column."""

    def __init__(self, key: str, pos: int, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.pos = pos
        self.params = params
