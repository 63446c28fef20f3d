"""Rendering check results: one small module per format behind one factory.

`result.py` holds the exit-code policy; `words.py` turns findings into sentences and numbers
into Dutch or English notation; each format module only lays those out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command line imports this package; the engine loads only for a check
    from woonpact.engine.check import CheckResult

Renderer = Callable[["CheckResult", str], str]

FORMATS = ("table", "json", "markdown")


def renderer(name: str) -> Renderer:
    """Import only the chosen format, to keep the start-up path short."""
    if name == "markdown":
        from woonpact.engine.output.markdown import render
    else:
        from woonpact.engine.output.table import render
    return render


def rendered(result: CheckResult, fmt: str, lang: str, pretty: bool = False,
             nested: bool = False) -> bytes:
    """One agreement's output in `fmt`, as the UTF-8 bytes to write.

    Bytes, not text: a check of many agreements renders them in worker processes and hands each
    one's output to the process that writes the file. Text holding a character such as € is
    kept at two bytes a character, so decoding orjson's bytes, sending the text and encoding it
    again cost about a second of a warm national JSON check (bench/README.md); bytes are sent
    as they are.

    JSON is encoded once, from plain data, by orjson, and indented only when `pretty` (a person
    at a terminal). orjson writes the same bytes as `json.dumps(..., ensure_ascii=False)` with
    these separators, bar the notation of floats below 0.0001 (0.00003 for 3e-05, the same
    number), about twenty times faster: the standard library's encoder was a quarter of a warm
    national check (docs/design.md). It refuses integers beyond 64 bits, which no check makes:
    a figure has at most 15 digits (engine/yamlio.py). `nested`: a check inside
    `{"checks": [...]}`, indented as the document around it is."""
    if fmt != "json":
        return renderer(fmt)(result, lang).encode("utf-8")
    import orjson

    from woonpact.engine.output.json_format import document

    if not pretty:
        return orjson.dumps(document(result, lang), option=orjson.OPT_NON_STR_KEYS)
    text = orjson.dumps(document(result, lang),
                        option=orjson.OPT_NON_STR_KEYS | orjson.OPT_INDENT_2)
    return text.replace(b"\n", b"\n    ") if nested else text


def chunks(outputs: Iterable[bytes], count: int, fmt: str,
           pretty: bool = False) -> Iterator[bytes]:
    """The output of `woonpact check` for `count` agreements, around each one's output
    (`rendered`) as it comes.

    A national check judges hundreds of agreements: each is rendered when it comes and can be
    dropped once it is written, so neither every agreement's findings nor all the output are
    held at once. Several agreements in JSON are one document `{"checks": [...]}`, one
    agreement the check itself.
    """
    if fmt != "json" or count == 1:
        for i, output in enumerate(outputs):
            yield (b"\n" if i else b"") + output
        return
    head, separator, tail = (b'{\n  "checks": [\n    ', b",\n    ", b"\n  ]\n}") if pretty \
        else (b'{"checks":[', b",", b"]}")
    yield head
    for i, output in enumerate(outputs):
        yield (separator if i else b"") + output
    yield tail


ReportRenderer = Callable[["CheckResult", str, "int | None"], str]


def report_renderer(name: str) -> ReportRenderer:
    """The review-meeting report in HTML or Markdown (`woonpact report`)."""
    if name == "html":
        from woonpact.engine.output.html import render
    else:
        from woonpact.engine.output.markdown_report import render
    return render
