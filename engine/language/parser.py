"""Tokeniser and recursive-descent parser for expressions and norms.

The grammar, loosest binding first:

    expr       := or_expr
    or_expr    := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | comparison
    comparison := sum ((CMP | "in") sum)?     ("in": membership of a list, `"wywonen" in parties`)
    sum        := product (("+" | "-") product)*
    product    := unary (("*" | "/") unary)*
    unary      := "-" unary | primary
    primary    := NUMBER | NUMBER "%" | "€" NUMBER | STRING | "true" | "false"
                | NAME ("." NAME)? | NAME "(" [arg ("," arg)*] ")" | "(" expr ")"
    arg        := expr ["where" expr]          (only the first argument may have `where`)
    norm       := CMP expr | "between" sum "and" sum

A hand-written parser keeps the start-up path free of a parser generator and lets every error
carry its column and a message in Dutch or English.

An expression is at most `MAX_LENGTH` characters and its tree at most `MAX_DEPTH` levels deep
(a bracket, call, sign or `not` nests one level; so does each operator of a run of terms, as
`a + b + c` is `(a + b) + c`). The parser, the type checker and the compiler recurse over the
tree, and 150 nested brackets or a 1,000-term sum ended in a RecursionError; now they are an
`ExpressionError` at their column. The bundled packs' deepest expression has 10 levels.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from woonpact.engine.language.errors import ExpressionError
from woonpact.engine.model import ast

KEYWORDS = {"and", "or", "not", "where", "true", "false", "between", "in"}
MAX_LENGTH = 2000
MAX_DEPTH = 32
T = TypeVar("T")
COMPARATORS = {"==", "!=", "<", "<=", ">", ">="}

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<number>\d+(?:_\d{3})*(?:\.\d+)?)(?P<pct>\s*%)?
  | (?P<euro>€)
  | (?P<string>"[^"\n]*"|'[^'\n]*')
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op><=|>=|==|!=|[-+*/<>(),.])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # number, share, euro, string, name, keyword, op, end
    text: str
    pos: int


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise ExpressionError("expr.bad_char", pos, char=text[pos])
        kind = match.lastgroup
        assert kind is not None  # every alternative of the pattern is a named group
        if kind == "pct":  # `lastgroup` names the optional suffix when it matched
            kind = "number"
        if kind != "ws":
            raw = match.group(kind)
            if kind == "number":
                _reject_dutch_thousands(raw, pos)
                kind = "share" if match.group("pct") else "number"
            elif kind == "name" and raw in KEYWORDS:
                kind = "keyword"
            tokens.append(Token(kind, raw, pos))
        pos = match.end()
    tokens.append(Token("end", "", len(text)))
    return tokens


def _reject_dutch_thousands(raw: str, pos: int) -> None:
    """`1.800` means 1800 to a Dutch reader and 1.8 to a parser: refuse to guess. `0.075`
    cannot be a thousands separator and is a decimal."""
    whole, _, fraction = raw.partition(".")
    if fraction and len(fraction) == 3 and len(whole.replace("_", "")) <= 3 and whole != "0":
        raise ExpressionError(
            "expr.ambiguous_thousands", pos, text=raw, whole=whole + fraction, decimal=raw
        )


class _Parser:
    def __init__(self, text: str) -> None:
        if len(text) > MAX_LENGTH:
            raise ExpressionError("expr.too_long", MAX_LENGTH, limit=MAX_LENGTH)
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0

    def nested(self, parse: Callable[[], T], pos: int) -> T:
        """`parse()` one level deeper, refused beyond `MAX_DEPTH` before the recursion is."""
        if self.depth >= MAX_DEPTH:
            raise ExpressionError("expr.too_deep", pos, limit=MAX_DEPTH)
        self.depth += 1
        try:
            return parse()
        finally:
            self.depth -= 1

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def advance(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def accept(self, kind: str, text: str | None = None) -> Token | None:
        tok = self.tok
        if tok.kind == kind and (text is None or tok.text == text):
            self.i += 1
            return tok
        return None

    def expect(self, kind: str, text: str) -> Token:
        tok = self.accept(kind, text)
        if tok is None:
            raise self.unexpected(expected=text)
        return tok

    def unexpected(self, expected: str | None = None) -> ExpressionError:
        tok = self.tok
        if (comma := self._decimal_comma()) is not None:
            return comma
        if tok.kind == "end":
            return ExpressionError("expr.unexpected_end", tok.pos, expected=expected or "")
        return ExpressionError("expr.unexpected", tok.pos, token=tok.text, expected=expected or "")

    def _decimal_comma(self) -> ExpressionError | None:
        """`7,5%` where a comma cannot separate arguments: a Dutch decimal comma."""
        tok, i = self.tok, self.i
        if tok.text != "," or i == 0:
            return None
        before, after = self.tokens[i - 1], self.tokens[i + 1]
        if before.kind != "number" or after.kind not in ("number", "share") \
                or before.pos + len(before.text) != tok.pos or tok.pos + 1 != after.pos:
            return None
        end = after.pos + len(after.text)
        if after.kind == "share":
            end = self.text.index("%", after.pos) + 1
        written = self.text[before.pos:end]
        return ExpressionError("expr.decimal_comma", before.pos, text=written,
                               fixed=written.replace(",", "."))

    def finish(self) -> None:
        if self.tok.kind != "end":
            raise self.unexpected()

    # -- expressions -------------------------------------------------------------------------

    def expr(self) -> ast.Node:
        return self.or_expr()

    def or_expr(self) -> ast.Node:
        left = self.and_expr()
        while tok := self.accept("keyword", "or"):
            left = ast.Binary("or", left, self.and_expr(), tok.pos)
        return left

    def and_expr(self) -> ast.Node:
        left = self.not_expr()
        while tok := self.accept("keyword", "and"):
            left = ast.Binary("and", left, self.not_expr(), tok.pos)
        return left

    def not_expr(self) -> ast.Node:
        if tok := self.accept("keyword", "not"):
            return ast.Unary("not", self.nested(self.not_expr, tok.pos), tok.pos)
        return self.comparison()

    def comparison(self) -> ast.Node:
        left = self.sum()
        if self._comparing():
            tok = self.advance()
            right = self.sum()
            if self._comparing():
                raise ExpressionError("expr.chained_comparison", self.tok.pos)
            return ast.Binary(tok.text, left, right, tok.pos)
        return left

    def _comparing(self) -> bool:
        tok = self.tok
        return (tok.kind == "op" and tok.text in COMPARATORS) or (tok.kind == "keyword"
                                                                  and tok.text == "in")

    def sum(self) -> ast.Node:
        left = self.product()
        while self.tok.kind == "op" and self.tok.text in "+-":
            tok = self.advance()
            left = ast.Binary(tok.text, left, self.product(), tok.pos)
        return left

    def product(self) -> ast.Node:
        left = self.unary()
        while self.tok.kind == "op" and self.tok.text in "*/":
            tok = self.advance()
            left = ast.Binary(tok.text, left, self.unary(), tok.pos)
        return left

    def unary(self) -> ast.Node:
        if tok := self.accept("op", "-"):
            return ast.Unary("-", self.nested(self.unary, tok.pos), tok.pos)
        return self.primary()

    def primary(self) -> ast.Node:
        tok = self.tok
        if tok.kind == "number":
            self.advance()
            return ast.Number(_number(tok.text), tok.pos)
        if tok.kind == "share":
            self.advance()
            value = _number(tok.text.rstrip("% \t"))
            if value > 100:
                raise ExpressionError("expr.share_above_100", tok.pos, text=tok.text)
            return ast.Share(value / 100, tok.pos)
        if tok.kind == "euro":
            self.advance()
            amount = self.tok
            if amount.kind != "number":
                raise self.unexpected(expected="€ 123")
            self.advance()
            return ast.Money(_number(amount.text), tok.pos)
        if tok.kind == "string":
            self.advance()
            return ast.Text(tok.text[1:-1], tok.pos)
        if tok.kind == "keyword" and tok.text in ("true", "false"):
            self.advance()
            return ast.Bool(tok.text == "true", tok.pos)
        if tok.kind == "name":
            self.advance()
            if self.accept("op", "("):
                return self.nested(lambda: self.call(tok), tok.pos)
            if self.accept("op", "."):
                attr = self.tok
                if attr.kind != "name":
                    raise self.unexpected(expected="name")
                self.advance()
                return ast.Name(f"{tok.text}.{attr.text}", tok.pos)
            return ast.Name(tok.text, tok.pos)
        if self.accept("op", "("):
            inner = self.nested(self.expr, tok.pos)
            self.expect("op", ")")
            return inner
        raise self.unexpected()

    def call(self, name: Token) -> ast.Call:
        args: list[ast.Node] = []
        where: ast.Node | None = None
        if not self.accept("op", ")"):
            while True:
                args.append(self.expr())
                if where_tok := self.accept("keyword", "where"):
                    if len(args) != 1 or where is not None:
                        raise ExpressionError("expr.where_position", where_tok.pos)
                    where = self.expr()
                if self.accept("op", ")"):
                    break
                self.expect("op", ",")
        return ast.Call(name.text, tuple(args), where, name.pos)

    # -- norms -------------------------------------------------------------------------------

    def norm(self) -> ast.Norm:
        tok = self.tok
        if self.accept("keyword", "between"):
            low = self.sum()
            self.expect("keyword", "and")
            high = self.sum()
            return ast.Norm("between", low, high, tok.pos)
        if tok.kind == "op" and tok.text in COMPARATORS:
            self.advance()
            return ast.Norm(tok.text, self.sum(), None, tok.pos)
        raise ExpressionError("expr.norm_start", tok.pos)


def _number(text: str) -> float:
    value = float(text.replace("_", ""))
    return int(value) if value.is_integer() else value


def parse_expression(text: str) -> ast.Node:
    parser = _Parser(text)
    if parser.tok.kind == "end":
        raise ExpressionError("expr.empty", 0)
    node = parser.expr()
    parser.finish()
    _refuse_deep(node)
    return node


def parse_norm(text: str) -> ast.Norm:
    parser = _Parser(text)
    norm = parser.norm()
    parser.finish()
    for bound in (norm.bound, norm.upper):
        if bound is not None:
            _refuse_deep(bound)
    return norm


def _refuse_deep(tree: ast.Node) -> None:
    """A tree deeper than `MAX_DEPTH` (a long run of terms; nesting the parser counted), refused
    at the node that goes one level too deep; measured without recursion."""
    todo = [(tree, 1)]
    while todo:
        node, depth = todo.pop()
        if depth > MAX_DEPTH:
            raise ExpressionError("expr.too_deep", node.pos, limit=MAX_DEPTH)
        todo += [(child, depth + 1) for child in ast.children(node)]
