"""Rendering check results: one small module per format behind one factory.

`result.py` holds the exit-code policy; `words.py` turns findings into sentences and numbers
into Dutch or English notation; each format module only lays those out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from woonpact.engine.check import CheckResult

Renderer = Callable[[CheckResult, str], str]

FORMATS = ("table", "json", "markdown")


def renderer(name: str) -> Renderer:
    """Import only the chosen format, to keep the start-up path short."""
    if name == "markdown":
        from woonpact.engine.output.markdown import render  # noqa: PLC0415
    else:
        from woonpact.engine.output.table import render  # noqa: PLC0415
    return render


def chunks(results: Iterable[CheckResult], count: int, fmt: str, lang: str,
           pretty: bool = False) -> Iterator[str]:
    """The output of `woonpact check` for `count` results, made one agreement at a time.

    A national check judges hundreds of agreements: each result is rendered when it comes and
    can be dropped once its text is written, so neither every agreement's findings nor all the
    text are held at once. Several agreements in JSON are one document `{"checks": [...]}`,
    one agreement the check itself. JSON is encoded once, from plain data, and indented only
    when `pretty` (a person at a terminal): the `json` module's C encoder is used only without
    indentation, and the indented Python encoder took most of a national check's time.
    """
    if fmt != "json":
        render = renderer(fmt)
        for i, result in enumerate(results):
            yield ("\n" if i else "") + render(result, lang)
        return
    import json  # noqa: PLC0415

    from woonpact.engine.output.json_format import document  # noqa: PLC0415

    def encoded(result: CheckResult, depth: int) -> str:
        if not pretty:
            return json.dumps(document(result, lang), ensure_ascii=False, separators=(",", ":"))
        text = json.dumps(document(result, lang), ensure_ascii=False, indent=2)
        return text.replace("\n", "\n" + "  " * depth)  # nested as json.dumps would nest it

    if count == 1:
        yield from (encoded(result, 0) for result in results)
        return
    head, separator, tail = ('{\n  "checks": [\n    ', ",\n    ", "\n  ]\n}") if pretty else \
        ('{"checks":[', ",", "]}")
    yield head
    for i, result in enumerate(results):
        yield (separator if i else "") + encoded(result, 2)
    yield tail


ReportRenderer = Callable[[CheckResult, str, "int | None"], str]


def report_renderer(name: str) -> ReportRenderer:
    """The review-meeting report in HTML or Markdown (`woonpact report`)."""
    if name == "html":
        from woonpact.engine.output.html import render  # noqa: PLC0415
    else:
        from woonpact.engine.output.markdown_report import render  # noqa: PLC0415
    return render
