"""The entities of one collection in one fact set, stored by column.

A national sweep holds 1.2 million lettings. As one dict per letting they took 2.5 s to
unpickle from the cache and one closure call per attribute per letting to filter. Stored as one
tuple per attribute they unpickle several times faster, and a `where` filter can run over whole
columns (engine/language/columns.py). A rule that looks at entities one by one gets rows:
tuples in the attribute order, built only when asked. The loader always uses the vocabulary's
order (the attributes of `vocabulary().collections[name]`), so a compiled rule can read an
attribute by its index.

`None` marks an attribute an entity does not have; the facts schema never allows it as a value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import compress
from typing import Any

Row = tuple[Any, ...]


class Entities:
    """Immutable: the columns are tuples, and `rows()` only caches what they already hold."""

    __slots__ = ("collection", "attributes", "columns", "position", "_rows")

    def __init__(self, collection: str, attributes: tuple[str, ...],
                 columns: tuple[tuple[Any, ...], ...]) -> None:
        self.collection = collection
        self.attributes = attributes
        self.columns = columns
        self.position = {name: index for index, name in enumerate(attributes)}
        self._rows: tuple[Row, ...] | None = None

    @classmethod
    def from_dicts(cls, collection: str, attributes: tuple[str, ...],
                   items: Iterable[Mapping[str, Any]]) -> Entities:
        items = list(items)
        columns = tuple(_shared(item.get(name) for item in items) for name in attributes)
        return cls(collection, attributes, columns)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Entities, (self.collection, self.attributes, self.columns))

    def __len__(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Entities):
            return NotImplemented
        return (self.collection, self.attributes, self.columns) == \
            (other.collection, other.attributes, other.columns)

    def __repr__(self) -> str:
        return f"Entities({self.collection!r}, {len(self)} rows)"

    def column(self, name: str) -> tuple[Any, ...]:
        return self.columns[self.position[name]]

    def rows(self) -> tuple[Row, ...]:
        if self._rows is None:
            self._rows = tuple(zip(*self.columns)) if self.columns else ()
        return self._rows

    def row(self, index: int) -> Row:
        return tuple(column[index] for column in self.columns)

    def select(self, mask: Sequence[Any]) -> Entities:
        """The entities whose mask value is true, in their order."""
        return Entities(self.collection, self.attributes,
                        tuple(tuple(compress(column, mask)) for column in self.columns))

    def get(self, row: Row, name: str) -> Any:
        """An attribute of one row, or None when the entity does not have it."""
        index = self.position.get(name)
        return None if index is None else row[index]


def _shared(values: Iterable[Any]) -> tuple[Any, ...]:
    """The values with equal ones as one object (the same party, target group or day in many
    rows), so the cache stores each once: unpickling a million lettings is mostly allocating.
    The key holds the type, so 700 and 700.0 stay apart; lists (a meeting's parties) are kept."""
    seen: dict[tuple[type, Any], Any] = {}
    return tuple(value if isinstance(value, list) else seen.setdefault((type(value), value), value)
                 for value in values)
