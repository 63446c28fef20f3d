"""CSV collections: read strictly, read the way Excel writes them, read straight into columns.

A CSV row that the reader cannot take exactly as written would change a verdict without a word
(a phantom letting from a blank line, 239 lettings swallowed by an unclosed quote), so every
doubt is a problem with file, line, column and what to do, and all problems of a file are
reported in one run. docs/tables.md lists exactly what is read:

- encoding: UTF-8 (with or without Excel's byte-order mark), UTF-16 with its byte-order mark
  (Excel's "Unicode text"), else Windows-1252 (Excel's plain "CSV" on a Dutch Windows);
- separator, from the header line: a tab, else `;`, else `,` (a line `sep=;` before the header,
  as Excel writes it, names it); a header holding both `;` and `,` is refused;
- numbers: with `;` as separator a decimal comma (612,50), the way Dutch Excel writes them;
  otherwise a decimal point (612.50); never a thousands separator, an exponent or a sign;
- dates: YYYY-MM-DD; with `;` also D-M-YYYY, Dutch Excel's short date.

The rows go straight into the columnar collection (engine/model/entities.py): each distinct text
of a column is converted once, and only the cells of a text that fails are looked for again.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import Any

from woonpact.engine import files
from woonpact.engine.errors import InputError, Problem
from woonpact.engine.facts.vocabulary import DERIVED_DATE_ATTRIBUTES, Vocabulary, vocabulary
from woonpact.engine.model.entities import Entities
from woonpact.engine.model.facts import SourceFile
from woonpact.engine.notation import DAY_FIRST, day_first
from woonpact.engine.schema import MAX_PROBLEMS
from woonpact.engine.suggest import closest

MAX_NUMBER = 10**12  # a count or an amount above this is a broken export, not a figure
YEARS = (1990, 2100)  # as the facts schema's `year`
CODES = {"id", "party"}  # text that rules match on: one line, as written
_TRUE = {"true", "ja", "yes", "1", "waar"}
_FALSE = {"false", "nee", "no", "0", "onwaar"}
_HEADER = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(\([^)]*\))?\s*$")  # `rent` or `rent (eur)`
_DIGITS = re.compile(r"[0-9]{1,15}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_GROUPED = re.compile(r"[0-9]+([.,][0-9]+)*")


@dataclass(frozen=True)
class Dialect:
    separator: str
    decimal: str  # "." or ","

    @property
    def dutch(self) -> bool:
        """Dutch regional settings: a decimal comma and day-month-year dates."""
        return self.decimal == ","

    @property
    def shown(self) -> str:
        return "tab" if self.separator == "\t" else f"'{self.separator}'"


class _Bad(Exception):
    """A cell that cannot be read: the message key and what it needs besides value and column."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key, self.params = key, params


def read_csv(path: Path, collection: str,
             vocab: Vocabulary | None = None) -> tuple[Entities, SourceFile]:
    """The collection in a CSV file as the columnar entities YAML would give, with the file and
    the SHA-256 of the bytes they were read from (a fact set cites them); `InputError` lists
    every problem of the file (up to a limit). `vocab`: its pack's vocabulary, when the pack
    declares attributes of its own."""
    table = _Table(path, collection, vocab or vocabulary())
    return table.entities(), SourceFile(path, table.sha256)


def locator(path: Path) -> Callable[[int, str], tuple[int | None, int | None]]:
    """Where the `index`-th entity's `attribute` stands (line, column) in a CSV file that was read
    without problems: for messages found later, when the pack is known (an unknown party). The
    file is parsed once for all of them."""
    try:
        table = _Table(path, None)
    except InputError:
        return lambda index, attribute: (None, None)

    def locate(index: int, attribute: str) -> tuple[int | None, int | None]:
        line = table.lines[index] if index < len(table.lines) else None
        column = table.names.index(attribute) + 1 if attribute in table.names else None
        return line, column
    return locate


class _Table:
    """One CSV file, parsed: the header, the rows of text and the line each row starts on."""

    def __init__(self, path: Path, collection: str | None, vocab: Vocabulary | None = None) -> None:
        self.path, self.collection = path, collection
        self.vocab = vocab or vocabulary()
        self.problems: list[Problem] = []
        self.hidden = 0
        self.header: list[str] = []
        self.rows: list[list[str]] = []
        self.lines: Sequence[int] = []
        data = files.read(path, limit=None)  # the rows are bounded as they are read
        self.sha256 = hashlib.sha256(data).hexdigest()
        text = _decode(data, path)
        stream = io.StringIO(text, newline="")
        first = stream.readline()
        offset = 0
        if first.lower().startswith("sep=") and len(first.rstrip("\r\n")) == 5:
            separator, offset = first[4], 1  # Excel's own note of the separator
        else:
            separator = self._separator(first)
            stream.seek(0)
        self.dialect = Dialect(separator, "," if separator == ";" else ".")
        self._parse(stream.read(), offset)
        self.names = [_header_name(text) for text in self.header]

    def _separator(self, first: str) -> str:
        if "\t" in first:
            return "\t"
        if ";" in first and "," in first:
            raise InputError(Problem("facts.csv_separators", file=self.path, line=1))
        return ";" if ";" in first else ","

    def _reader(self, body: str) -> Any:
        stream = io.StringIO(body, newline="")
        return csv.reader(stream, delimiter=self.dialect.separator, strict=True)

    def _parse(self, body: str, offset: int) -> None:
        """All rows at once; when a row spans lines (a quoted line break) or the text breaks
        off, row by row to learn the line each starts on."""
        reader = self._reader(body)
        try:
            rows = list(reader)
        except csv.Error:
            self._parse_by_row(body, offset)
            return
        if reader.line_num != len(rows):
            self._parse_by_row(body, offset)
            return
        self.header = rows[0] if rows else []
        rows = rows[1:]
        lines = range(offset + 2, offset + 2 + len(rows))
        kept = list(map(str.strip, map("".join, rows)))  # blank lines and `;;;;` lines are nothing
        if all(kept):
            self.rows, self.lines = rows, lines
        else:
            self.rows, self.lines = list(compress(rows, kept)), list(compress(lines, kept))

    def _parse_by_row(self, body: str, offset: int) -> None:
        reader = self._reader(body)
        start = offset + 1
        lines: list[int] = []
        self.lines = lines
        try:
            for row in reader:
                if start == offset + 1:
                    self.header = row
                elif any(cell.strip() for cell in row):
                    self.rows.append(row)
                    lines.append(start)
                start = reader.line_num + offset + 1
        except csv.Error as error:
            end = reader.line_num + offset
            if "unexpected end of data" in str(error) or end > start:  # a quote left open
                self.at("facts.csv_quote", start, end=end)
            else:
                self.at("facts.csv_syntax", end, detail=str(error))

    def at(self, key: str, line: int, column: int | None = None, field: str | None = None,
           **params: Any) -> None:
        """A problem at a line (and column) of the file; past MAX_PROBLEMS only counted."""
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(key, self.path, line, column, field, params))
        else:
            self.hidden += 1

    def raise_problems(self) -> None:
        if self.problems:
            found = sorted(self.problems, key=lambda p: (p.line or 0, p.column or 0))
            if self.hidden:
                found.append(Problem("facts.more", self.path, params={"count": self.hidden}))
            raise InputError(found)

    # -- into columns ---------------------------------------------------------------------

    def entities(self) -> Entities:
        assert self.collection is not None
        vocab = self.vocab
        attributes = tuple(vocab.collections[self.collection])
        spec = _entity_schema(vocab, self.collection)
        names = self._checked_names(spec)
        width = len(self.header)
        for row, line in zip(self.rows, self.lines) if set(map(len, self.rows)) - {width} else ():
            if len(row) != width:
                key = "facts.csv_row_long" if len(row) > width else "facts.csv_row_short"
                self.at(key, line, min(len(row), width) + 1, found=len(row), expected=width,
                        separator=self.dialect.shown)
        self.raise_problems()  # the cells of a row of the wrong width cannot be placed
        raw = list(zip(*self.rows)) if self.rows else [() for _ in self.header]
        columns: dict[str, tuple[Any, ...]] = {}
        for column, name in enumerate(names, start=1):
            if name is not None:
                columns[name] = self._column(raw[column - 1], column, name,
                                             spec["properties"][name])
        for required in spec.get("required", ()):
            if None in columns.get(required, ()):
                column = names.index(required) + 1
                for line, cell in zip(self.lines, raw[column - 1]):
                    if not cell.strip():  # (a cell that could not be read is reported already)
                        self.at("facts.csv_required", line, column, required, name=required)
        if "id" in columns and (self.collection, "id") in vocab.unique:
            self._unique_ids(columns["id"], names.index("id") + 1)
        self.raise_problems()
        count = len(self.rows)
        if "date" in attributes:
            columns.update(_derived(columns.get("date", (None,) * count)))
        defaults = vocab.defaults[self.collection]
        return Entities(self.collection, attributes, tuple(
            _defaulted(columns[a], defaults.get(a)) if a in columns else (defaults.get(a),) * count
            for a in attributes))

    def _checked_names(self, spec: dict[str, Any]) -> list[str | None]:
        """The attribute of each header column; a column that names none is a problem."""
        if not self.header:
            self.at("facts.csv_empty", 1, collection=self.collection)
        names: list[str | None] = []
        allowed = list(spec["properties"])
        seen: dict[str, int] = {}
        for column, name in enumerate(self.names, start=1):
            if not name:
                self.at("facts.csv_header_empty", 1, column, collection=self.collection)
            elif name not in spec["properties"]:
                self.at("facts.csv_header", 1, column, name, name=name, collection=self.collection,
                        suggestion=closest(name, allowed) or "")
            elif name in seen:
                self.at("facts.csv_header_twice", 1, column, name, name=name, first=seen[name])
            else:
                seen[name] = column
                names.append(name)
                continue
            names.append(None)
        for required in spec.get("required", ()):
            if required not in seen and self.header:
                self.at("schema.required", 1, None, required, name=required)
        return names

    def _column(self, cells: tuple[str, ...], column: int, name: str,
                spec: dict[str, Any]) -> tuple[Any, ...]:
        """The column's values: each distinct text converted once (a column of parties, days or
        yes/no holds few), so equal cells also become one object, which the cache stores once."""
        convert = _converter(spec, self.dialect, code=name in CODES or "enum" in spec)
        distinct = set(cells)
        bad: dict[str, _Bad] = {}
        try:
            values = dict(zip(distinct, map(convert, distinct)))
        except _Bad:
            values = {}
            for text in distinct:
                try:
                    values[text] = convert(text)
                except _Bad as problem:
                    values[text], bad[text] = None, problem
        for line, cell in zip(self.lines, cells) if bad else ():
            if cell in bad:
                self.at(bad[cell].key, line, column, name, value=_shown(cell), name=name,
                        **bad[cell].params)
        return tuple(map(values.__getitem__, cells))

    def _unique_ids(self, ids: tuple[Any, ...], column: int) -> None:
        given = [i for i in ids if i is not None]
        if len(set(given)) == len(given):
            return
        first: dict[Any, int] = {}
        for line, identifier in zip(self.lines, ids):
            if identifier is None:
                continue
            if identifier in first:
                self.at("facts.csv_id_twice", line, column, "id", value=identifier,
                        first=first[identifier])
            else:
                first[identifier] = line


def _header_name(text: str) -> str:
    """`rent` or, as the workbook template heads its columns, `rent (eur)`."""
    match = _HEADER.match(text)
    return match.group(1) if match else text.strip()


def _decode(data: bytes, path: Path) -> str:
    """The file's text in the encodings Excel writes; anything else is refused with advice."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _undecodable(path, exc) from None
    if b"\x00" in data:
        raise InputError(Problem("facts.csv_utf16", file=path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise _undecodable(path, exc) from None


def _undecodable(path: Path, error: UnicodeDecodeError) -> InputError:
    return InputError(Problem("facts.csv_encoding", file=path, params={"detail": str(error)}))


def _entity_schema(vocab: Vocabulary, collection: str) -> dict[str, Any]:
    collections = vocab.schema["$defs"]["collections"]["properties"]
    spec: dict[str, Any] = collections[collection]["x-entity"]
    return spec


def _shown(cell: str) -> str:
    return cell if len(cell) <= 40 else cell[:37] + "..."


# -- cells ----------------------------------------------------------------------------------

def _converter(spec: dict[str, Any], dialect: Dialect, code: bool) -> Callable[[str], Any]:
    """A function from a cell's text to its value (None when empty), raising `_Bad`."""
    unit = spec["x-unit"]
    if "enum" in spec:
        return _enum(tuple(spec["enum"]))
    if unit in ("count", "year"):
        low, high = YEARS if unit == "year" else (0, MAX_NUMBER)
        return _whole(low, high, dialect)
    if unit == "eur":
        return _amount(dialect)
    if unit == "bool":
        return _bool
    if unit == "date":
        return _date(dialect)
    if unit == "list":
        return _list
    return _text(code)


def _text(code: bool) -> Callable[[str], Any]:
    def text(cell: str) -> Any:
        value = cell.strip()
        if code and ("\n" in value or "\r" in value):
            raise _Bad("facts.csv_newline")
        return value or None
    return text


def _enum(allowed: tuple[str, ...]) -> Callable[[str], Any]:
    def member(cell: str) -> Any:
        value = cell.strip()
        if not value or value in allowed:
            return value or None
        raise _Bad("schema.enum", allowed=", ".join(allowed),
                   suggestion=closest(value, allowed) or "")
    return member


def _bool(cell: str) -> Any:
    value = cell.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if not value:
        return None
    raise _Bad("facts.csv_bool")


def _list(cell: str) -> Any:
    parts = [part.strip() for part in cell.split(",") if part.strip()]
    return parts or None


def _whole(low: int, high: int, dialect: Dialect) -> Callable[[str], Any]:
    def whole(cell: str) -> Any:
        value = cell.strip()
        if _DIGITS.fullmatch(value):
            number = int(value)
            if low <= number <= high:
                return number
            raise _Bad("facts.csv_range", low=low, high=high)
        if not value:
            return None
        raise _number_problem(value, dialect, whole=True, low=low, high=high)
    return whole


def _amount(dialect: Dialect) -> Callable[[str], Any]:
    pattern = re.compile(r"[0-9]{1,15}(\.[0-9]+)?" if dialect.decimal == "."
                         else r"[0-9]{1,15}(,[0-9]+)?")
    dutch = dialect.decimal == ","

    def amount(cell: str) -> Any:
        value = cell.strip()
        if pattern.fullmatch(value):
            number = float(value.replace(",", ".") if dutch else value)
            if number <= MAX_NUMBER:
                return number
        if not value:
            return None
        raise _number_problem(value, dialect, whole=False, low=0, high=MAX_NUMBER)
    return amount


def _number_problem(value: str, dialect: Dialect, whole: bool, low: int, high: int) -> _Bad:
    """Why a cell is not a number of this column, with the exact fix where there is one."""
    if value.startswith("-"):
        return _Bad("facts.csv_negative")
    if any(word in value.lower() for word in ("nan", "inf", "e")) \
            and _is_float(value.replace(",", ".")):
        return _Bad("facts.csv_not_plain")  # Python reads nan, inf and 1e400; a table must not
    if _GROUPED.fullmatch(value):
        other = "," if dialect.decimal == "." else "."
        if other in value:
            decimal_only = value.count(other) == 1 and dialect.decimal not in value
            fix = value.replace(other, dialect.decimal if decimal_only else "")
            key = "facts.csv_decimal_tab" if dialect.separator == "\t" else "facts.csv_decimal"
            return _Bad(key, separator=dialect.shown, decimal=dialect.decimal, fix=fix)
        if not whole or dialect.decimal not in value:
            return _Bad("facts.csv_range", low=low, high=high)  # digits enough for a broken export
    return _Bad("facts.csv_whole" if whole else "facts.csv_amount", example=_example(dialect))


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _example(dialect: Dialect) -> str:
    return f"612{dialect.decimal}50"


def _date(dialect: Dialect) -> Callable[[str], Any]:
    def day(cell: str) -> Any:
        value = cell.strip()
        if not value:
            return None
        if _ISO_DATE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise _Bad("facts.csv_no_such_date") from None
        if DAY_FIRST.fullmatch(value):
            date = day_first(value)
            if date is None:
                raise _Bad("facts.csv_no_such_date")
            if dialect.dutch and "-" in value and "/" not in value and "." not in value:
                return date
            raise _Bad("facts.csv_date_fix", fix=date.isoformat())
        raise _Bad("facts.csv_date")
    return day


def _derived(dates: tuple[Any, ...]) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """A dated entity's year, month and quarter, as the loader derives them for YAML."""
    assert set(DERIVED_DATE_ATTRIBUTES) == {"year", "quarter", "month"}
    parts = {d: (d.year, d.month, (d.month - 1) // 3 + 1) if d is not None else (None,) * 3
             for d in set(dates)}
    for index, name in enumerate(("year", "month", "quarter")):
        yield name, tuple(map(itemgetter(index), map(parts.__getitem__, dates)))


def _defaulted(values: tuple[Any, ...], default: Any) -> tuple[Any, ...]:
    return tuple(default if v is None else v for v in values) if None in values else values


