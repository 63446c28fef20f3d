"""The terminal table's lines are `textwrap.wrap`'s, however the text runs (engine/output/wrap.py
cuts plain text itself and hands the rest to textwrap)."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support import BUNDLED_FACTS
from woonpact.engine.check import check
from woonpact.engine.output.words import message
from woonpact.engine.output.wrap import wrap

INDENTS = st.sampled_from(["", " ", "    ", "      ", "> "])
WIDER = 16  # widths up to the indent plus this; at or below its indent textwrap may never end


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=" ab1_-\t\n\xa0\u2028é—.,", max_size=50),
       extra=st.integers(1, WIDER), initial=INDENTS, subsequent=INDENTS)
def test_any_text_is_wrapped_as_textwrap_wraps_it(text: str, extra: int, initial: str,
                                                  subsequent: str) -> None:
    width = max(len(initial), len(subsequent)) + extra
    assert wrap(text, width, initial, subsequent) == textwrap.wrap(
        text, width, initial_indent=initial, subsequent_indent=subsequent)


@settings(max_examples=300, deadline=None)
@given(runs=st.lists(st.tuples(st.text(alphabet="abcé€,.%1-", min_size=1, max_size=9),
                               st.sampled_from([" ", " ", "  ", "   "])), max_size=25),
       extra=st.integers(1, 3 * WIDER), initial=INDENTS, subsequent=INDENTS)
def test_plain_words_are_wrapped_as_textwrap_wraps_them(runs: list[tuple[str, str]], extra: int,
                                                        initial: str, subsequent: str) -> None:
    """Words (with hyphens: within a word, before a digit, or where textwrap breaks a word)
    and runs of spaces, without line breaks."""
    text = "".join(word + spaces for word, spaces in runs)
    width = max(len(initial), len(subsequent)) + extra
    for shown in (text, text.rstrip(" ")):
        assert wrap(shown, width, initial, subsequent) == textwrap.wrap(
            shown, width, initial_indent=initial, subsequent_indent=subsequent)


def test_the_bundled_findings_are_wrapped_as_textwrap_wraps_them() -> None:
    for folder in sorted(BUNDLED_FACTS.iterdir()):
        result = check([folder])
        for finding in result.findings:
            text = message(finding, "nl", result.pack)
            for width in (60, 80, 100):
                assert wrap(text, width, "    ", "    ") == textwrap.wrap(
                    text, width, initial_indent="    ", subsequent_indent="    ")
