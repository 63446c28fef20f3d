"""'Did you mean …?' for typos in fact, party, rule and field names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name meant: the same but for case (`Mutatiedata`), else the nearest spelling."""
    known = list(known)
    folded = name.casefold()
    same = next((k for k in known if k.casefold() == folded), None)
    if same is not None:
        return same
    matches = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return matches[0] if matches else None
