"""The `woonpact` command line: parse options, call the engine, render, choose the exit code.

Decisions live in the engine (`engine.check`, `engine.output.result`); this module only wires
them to click. Exit codes: see `engine.output.result.ExitCode` and docs/cli.md.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from woonpact.engine.errors import InputError
from woonpact.engine.output.result import ExitCode

if TYPE_CHECKING:
    from woonpact.engine.check import CheckResult
    from woonpact.engine.errors import Problem
    from woonpact.engine.model.facts import FactSet

LANG = click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
                    help="Language of findings, reports and errors.")
FACTS = click.argument("facts", nargs=-1, required=True, type=click.Path(path_type=Path))
RULES = click.option("--rules", type=click.Path(path_type=Path),
                     help="A pack file, or a folder of packs (default: the bundled rules/).")


def _fail(error: InputError, lang: str) -> None:
    from woonpact.engine.output.problems import problem_line  # noqa: PLC0415

    for problem in error.problems:
        click.echo(problem_line(problem, lang), err=True)
    sys.exit(ExitCode.BAD_INPUT)


def _warn(problems: list[Problem], lang: str) -> None:
    """Warnings go to standard error, one line each, and do not change the exit code."""
    from woonpact.engine.output.problems import problem_line  # noqa: PLC0415

    for problem in problems:
        click.echo(problem_line(problem, lang), err=True)


def _checked(facts: tuple[Path, ...], rules: Path | None, year: int | None,
             lang: str) -> list[CheckResult]:
    """One check per agreement among FACTS (one history each), its warnings said."""
    from woonpact.engine import collector  # noqa: PLC0415
    from woonpact.engine.check import check_each  # noqa: PLC0415
    from woonpact.engine.preload import preload  # noqa: PLC0415

    try:
        with collector.paused():  # one process checks every agreement: see engine/collector.py
            preload(facts, rules)
            results = check_each(list(facts), rules, year)
    except InputError as error:
        _fail(error, lang)
    _warn([w for r in results for w in r.warnings], lang)
    return results


def _write(content: str | bytes | Iterable[str], output: Path | None, lang: str = "nl",
           complete: Callable[[], None] | None = None) -> None:
    """Write all or nothing: a report file is replaced only once it is complete.

    Text gets a final newline; bytes (a workbook) are written as they are. Text may come in
    chunks made while it is written (`check` judges one agreement after another): bad input
    found meanwhile is reported as always and nothing is written, so standard output gets the
    text only once all of it is made. `complete` runs then, before the text is shown or the
    file replaced. A file that cannot be written is bad input (exit 2), with no temporary file
    left behind.
    """
    parts = [content] if isinstance(content, (str, bytes)) else content
    if output is None:
        try:
            text = "".join(parts)  # type: ignore[arg-type]
        except InputError as error:
            _fail(error, lang)
        if complete is not None:
            complete()
        click.echo(text)
        return
    import os  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    from woonpact.engine.errors import Problem  # noqa: PLC0415

    temporary = None
    try:
        fd, temporary = tempfile.mkstemp(dir=output.parent or Path("."), prefix=f".{output.name}.")
        with os.fdopen(fd, "wb") as handle:
            for part in parts:
                handle.write(part if isinstance(part, bytes) else part.encode("utf-8"))
            if not isinstance(content, bytes):
                handle.write(b"\n")
        if complete is not None:
            complete()
        os.replace(temporary, output)
    except (OSError, InputError) as exc:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, InputError):
            _fail(exc, lang)
        _fail(InputError(Problem("file.unwritable", file=output, params={"detail": exc.strerror or str(exc)})), lang)
    except BaseException:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="woonpact")
def main() -> None:
    """Check Dutch housing performance agreements (prestatieafspraken) against yearly facts."""


@main.command()
@FACTS
@RULES
@click.option("--year", type=int, help="Judge only this year (the whole history is still read).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown", "xlsx"]), default="table",
              show_default=True)
@click.option("--fail-on", type=click.Choice(["breach", "warning", "never"]), default="breach",
              show_default=True, help="Which findings make the exit code 1.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to this file instead of standard output.")
@LANG
def check(facts: tuple[Path, ...], rules: Path | None, year: int | None, fmt: str, fail_on: str,
          output: Path | None, lang: str) -> None:
    """Judge FACTS (fact files or facts folders) against their rule pack.

    The files of one agreement are read as one history; files and folders of several agreements
    are grouped by agreement, and each is checked against its own pack.
    """
    from woonpact.engine import collector  # noqa: PLC0415
    from woonpact.engine.check import fact_histories, judge_history  # noqa: PLC0415
    from woonpact.engine.cores import spread  # noqa: PLC0415
    from woonpact.engine.output import chunks, rendered  # noqa: PLC0415
    from woonpact.engine.preload import preload  # noqa: PLC0415
    from woonpact.engine.output.result import exit_code  # noqa: PLC0415

    if fmt == "xlsx":
        from woonpact.engine.errors import Problem  # noqa: PLC0415
        from woonpact.engine.output.xlsx import render_all  # noqa: PLC0415

        if output is None:
            _fail(InputError(Problem("cli.xlsx_needs_output")), lang)
        results = _checked(facts, rules, year, lang)
        _write(render_all(results, lang), output, lang)
        sys.exit(exit_code([f for r in results for f in r.findings], fail_on))
    codes: list[ExitCode] = []
    warnings: list[Problem] = []
    with collector.paused():  # one process checks every agreement: see engine/collector.py
        preload(facts, rules)
        try:
            histories = fact_histories(list(facts))
        except InputError as error:
            _fail(error, lang)
        pretty = output is None and sys.stdout.isatty()

        def judged(history: dict[int, FactSet]) -> tuple[str, ExitCode, tuple[Problem, ...]]:
            """One agreement's text, exit code and warnings (in a worker process, when many)."""
            result = judge_history(history, rules, year)
            return (rendered(result, fmt, lang, pretty, nested=len(histories) > 1),
                    exit_code(result.findings, fail_on), result.warnings)

        def texts() -> Iterator[str]:
            for text, code, found in spread(judged, histories):
                codes.append(code)
                warnings.extend(found)
                yield text

        _write(chunks(texts(), len(histories), fmt, pretty), output, lang,
               complete=lambda: _warn(warnings, lang))
    sys.exit(max(codes, default=ExitCode.OK))


@main.command()
@FACTS
@RULES
@LANG
def validate(facts: tuple[Path, ...], rules: Path | None, lang: str) -> None:
    """Validate FACTS and their pack, one history per agreement: exit 0 when all is well-formed.

    The findings are not shown, but they are judged, so that a recorded meeting that matches no
    finding is warned about."""
    from woonpact.engine.i18n import say  # noqa: PLC0415

    for result in _checked(facts, rules, None, lang):
        click.echo(say("validate.ok", lang, pack=result.pack.id,
                       years=", ".join(map(str, sorted(result.fact_sets))),
                       files=", ".join(str(f.path) for f in result.fact_sets.values())))
    sys.exit(ExitCode.OK)


@main.command(name="list")
@click.option("--rules", type=click.Path(path_type=Path, file_okay=False),
              help="A folder of packs (default: ./rules, then the bundled rules/).")
@LANG
def list_command(rules: Path | None, lang: str) -> None:
    """List the rule packs and their rules."""
    from woonpact.engine.check import pack_by_path  # noqa: PLC0415
    from woonpact.engine.output.explain import list_packs  # noqa: PLC0415
    from woonpact.engine.rules.registry import available_packs  # noqa: PLC0415

    try:
        packs = [pack_by_path(p) for p in available_packs(rules).values()]
    except InputError as error:
        _fail(error, lang)
    click.echo(list_packs(packs, lang))


@main.command()
@click.argument("rule")
@click.option("--rules", type=click.Path(path_type=Path, file_okay=False),
              help="A folder of packs (default: ./rules, then the bundled rules/).")
@LANG
def explain(rule: str, rules: Path | None, lang: str) -> None:
    """Explain RULE (<pack>/<id>): the clause quoted, its reading, the norm in words, who is
    responsible, which facts it reads, and its versions when an allonge changed it."""
    from woonpact.engine.check import pack_by_path, parameters  # noqa: PLC0415
    from woonpact.engine.errors import Problem  # noqa: PLC0415
    from woonpact.engine.output.explain import explain as explain_rule  # noqa: PLC0415
    from woonpact.engine.rules.registry import find_pack  # noqa: PLC0415
    from woonpact.engine.suggest import closest  # noqa: PLC0415

    pack_id, _, rule_id = rule.partition("/")
    try:
        pack = pack_by_path(find_pack(pack_id, rules))
        ids = [r.id for r in pack.rules]
        if rule_id not in ids:
            raise InputError(Problem("pack.unknown_rule", file=pack.path, field=rule,
                                     params={"rule": rule_id, "suggestion": closest(rule_id, ids) or ""}))
    except InputError as error:
        _fail(error, lang)
    click.echo(explain_rule(pack, rule_id, parameters(), lang))


@main.command()
@click.argument("packs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Exit 1 when there are warnings (errors always exit 2).")
@LANG
def lint(packs: tuple[Path, ...], strict: bool, lang: str) -> None:
    """Check PACKS (pack files, or folders of packs) for mistakes: errors and warnings, each with
    its file, line, column and what to do. Exit 0 clean or warnings only, 1 warnings with
    --strict, 2 errors."""
    from woonpact.engine.authoring.lint import exit_code as lint_exit, lint_pack, pack_paths  # noqa: PLC0415
    from woonpact.engine.i18n import say  # noqa: PLC0415
    from woonpact.engine.output.problems import problem_line  # noqa: PLC0415

    reports = [lint_pack(path) for path in pack_paths(packs)]
    for report in reports:
        for problem in report.problems:
            click.echo(problem_line(problem, lang))
        click.echo(say("lint.summary", lang, file=report.path, errors=len(report.errors),
                       warnings=len(report.warnings)))
    sys.exit(lint_exit(reports, strict))


@main.command(name="test")
@click.argument("packs", nargs=-1, type=click.Path(path_type=Path))
@LANG
def test_command(packs: tuple[Path, ...], lang: str) -> None:
    """Run the rule tests of PACKS (pack files, folders of packs, or rules/tests/*.tests.yaml
    files; default: the packs in ./rules, else the bundled ones). Exit 0 all passed, 1 a case
    failed, 2 bad input."""
    from woonpact.engine import paths  # noqa: PLC0415
    from woonpact.engine.authoring.ruletests import exit_code as tests_exit, load_rule_tests, run, rule_test_files  # noqa: PLC0415
    from woonpact.engine.output.ruletests import report  # noqa: PLC0415

    local = Path("rules")
    targets = list(packs) or [local if local.is_dir() else paths.RULES]
    results = []
    try:
        for path in rule_test_files(targets):
            tests = load_rule_tests(path)
            outcome = run(tests)
            click.echo(report(tests, outcome, lang))
            results += outcome
    except InputError as error:
        _fail(error, lang)
    sys.exit(tests_exit(results))


@main.command()
@click.argument("pack_id")
@click.option("--dir", "root", type=click.Path(path_type=Path, file_okay=False), default=Path("."),
              help="Where to write rules/ and facts/ (default: the current folder).")
@LANG
def init(pack_id: str, root: Path, lang: str) -> None:
    """Start a new pack PACK_ID: writes rules/PACK_ID.yaml (a header and an example rule of each
    common kind), rules/tests/PACK_ID.tests.yaml and facts/PACK_ID/<year>.yaml. Overwrites nothing."""
    from woonpact.engine.authoring.scaffold import scaffold  # noqa: PLC0415
    from woonpact.engine.i18n import say  # noqa: PLC0415

    try:
        written = scaffold(pack_id, root)
    except InputError as error:
        _fail(error, lang)
    for path in written:
        click.echo(say("init.written", lang, file=path))
    pack, _, facts = written
    click.echo(say("init.next", lang))
    for command in (f"lint {pack}", f"test {pack}", f"check {facts.parent}"):
        click.echo(f"  woonpact {command}")


@main.command()
@FACTS
@RULES
@click.option("--format", "fmt", type=click.Choice(["html", "markdown"]), default="html", show_default=True)
@click.option("--year", type=int, help="Report on this year (default: the last judged year); earlier years are history.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to this file instead of standard output.")
@LANG
def report(facts: tuple[Path, ...], rules: Path | None, fmt: str, year: int | None, output: Path | None,
           lang: str) -> None:
    """Write the review-meeting report for FACTS (one agreement's fact files or folders): summary,
    findings by theme with the clause's text, changes since the previous year, escalation steps
    and trajectory charts. Exit 0 once written, 2 on bad input."""
    from woonpact.engine.check import check as run_check  # noqa: PLC0415
    from woonpact.engine.errors import Problem  # noqa: PLC0415
    from woonpact.engine.output import report_renderer  # noqa: PLC0415

    try:
        result = run_check(list(facts), rules)
        if year is not None and year not in result.years:
            raise InputError(Problem("facts.no_year", params={
                "year": year, "years": ", ".join(map(str, result.years))}))
    except InputError as error:
        _fail(error, lang)
    _warn(list(result.warnings), lang)
    _write(report_renderer(fmt)(result, lang, year), output, lang)
    sys.exit(ExitCode.OK)


@main.command()
@FACTS
@RULES
@click.option("--year", type=int, help="The ladder as of this year (default: the last judged year).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@LANG
def escalations(facts: tuple[Path, ...], rules: Path | None, year: int | None, fmt: str, lang: str) -> None:
    """The ladder status of every clause with an open episode, per agreement in FACTS (the files
    of one agreement are one history)."""
    from woonpact.engine.output.steps import open_episodes, step_json  # noqa: PLC0415

    results = _checked(facts, rules, year, lang)
    if fmt == "json":
        import json  # noqa: PLC0415

        click.echo(json.dumps({"escalations": [step_json(r.pack, e, lang) for r in results for e in r.escalations
                                               if e.year == max(r.years) and not e.closed]},
                              ensure_ascii=False, indent=2))
    else:
        click.echo(open_episodes(results, lang))
    sys.exit(ExitCode.OK)


@main.command()
@click.argument("pack")
@click.option("--rules", type=click.Path(path_type=Path),
              help="A pack file, or a folder of packs (default: the bundled rules/).")
@click.option("--xlsx", "xlsx", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Write an Excel fact-set workbook to this file.")
@LANG
def template(pack: str, rules: Path | None, xlsx: Path, lang: str) -> None:
    """Write an empty fact-set workbook for PACK (a pack id, or with --rules FILE that pack):
    a sheet for the agreement, the municipality and each party with the figures the rules read,
    and one per collection. Fill it in and give it to check, validate or report like a YAML file."""
    import io  # noqa: PLC0415

    from woonpact.engine.check import fact_names_read, pack_by_path  # noqa: PLC0415
    from woonpact.engine.facts.workbook import template as workbook_template  # noqa: PLC0415
    from woonpact.engine.rules.registry import find_pack  # noqa: PLC0415

    try:
        the_pack = pack_by_path(rules if rules is not None and rules.is_file() else find_pack(pack, rules))
        names = fact_names_read(the_pack, rules)
    except InputError as error:
        _fail(error, lang)
    buffer = io.BytesIO()
    workbook_template(the_pack, names, lang).save(buffer)
    _write(buffer.getvalue(), xlsx, lang)
    sys.exit(ExitCode.OK)


@main.command()
@click.argument("fact_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--rule", "rule", required=True, help="The clause: its id (3.2-7) or <pack>/<id>.")
@click.option("--rung", required=True, help="The rung held, an id of the pack's ladder (overleg).")
@click.option("--date", "date", required=True, type=click.DateTime(["%Y-%m-%d"]), help="When it was held (YYYY-MM-DD).")
@click.option("--outcome", type=click.Choice(["resolved", "unresolved", "agreement-amended"]),
              help="How it ended; without it the next evaluation treats the rung as held without a solution.")
@click.option("--note", default="", help="What was discussed or agreed, in a sentence.")
@click.option("--scope", help="Only for this party or entity of the clause (portaal, projects/nieuwe-wetering).")
@click.option("--concerns", type=int,
              help="The year whose findings the meeting deals with (default: the year of --date).")
@RULES
@LANG
def record(fact_file: Path, rule: str, rung: str, date: object, outcome: str | None, note: str,
           scope: str | None, concerns: int | None, rules: Path | None, lang: str) -> None:
    """Record a meeting on the disputes ladder in FACT_FILE (a year's YAML or Excel facts).

    The event is appended to the file's `escalations:` list (a workbook: its `escalations`
    sheet), with the year it concerns; comments and layout stay, and the file is replaced in one
    step only after the result was validated.
    The agreement's history is read from FACT_FILE's folder, to say which finding the meeting
    is about.
    """
    from woonpact.engine.check import meeting_to_record  # noqa: PLC0415
    from woonpact.engine.facts.record import record as record_event  # noqa: PLC0415
    from woonpact.engine.i18n import say  # noqa: PLC0415
    from woonpact.engine.model.facts import EscalationEvent  # noqa: PLC0415
    from woonpact.engine.output.words import rule_label, scope_text, status_text  # noqa: PLC0415

    held = date.date()  # type: ignore[attr-defined]
    event = EscalationEvent(rule, rung, held, outcome, note, scope, concerns)
    try:
        meeting = meeting_to_record(fact_file, event, rules)
        record_event(fact_file, meeting.event, meeting.cross_check)
    except InputError as error:
        _fail(error, lang)
    click.echo(say("record.done", lang, file=fact_file, rule=rule, rung=rung, date=held.isoformat(),
                   outcome=outcome or ""))
    for finding in meeting.shortfalls:
        click.echo(say("record.concerns", lang, rule=rule_label(finding, meeting.pack.id),
                       year=finding.year, scope=scope_text(finding.scope, lang),
                       status=status_text(finding.status, lang)))
    _warn(list(meeting.warnings), lang)
    sys.exit(ExitCode.OK)


if __name__ == "__main__":
    main()
