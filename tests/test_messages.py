"""The message catalogue: one entry per key, both languages with the same placeholders."""

from __future__ import annotations

import ast
import string
from collections import Counter
from pathlib import Path

from woonpact.engine import i18n
from woonpact.engine.i18n import MESSAGES


def test_no_key_is_written_twice_in_the_catalogue() -> None:
    """A dict literal keeps the last of two equal keys without a word: a merge of two branches
    that each added a message under one key would silently lose one of them."""
    tree = ast.parse(Path(i18n.__file__).read_text(encoding="utf-8"))
    twice = [key for node in ast.walk(tree) if isinstance(node, ast.Dict)
             for key, count in Counter(k.value for k in node.keys
                                       if isinstance(k, ast.Constant)).items() if count > 1]
    assert twice == []


def test_both_languages_have_the_same_placeholders() -> None:
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    differ = {key: (fields(nl), fields(en)) for key, (nl, en) in MESSAGES.items()
              if fields(nl) != fields(en)}
    assert differ == {}
