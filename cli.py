"""The `woonpact` command line: parse options, call the engine, render, choose the exit code.

The pipeline lives in the engine, one function per command in `engine.jobs`, and the exit-code
policy in `engine.output.result`; this module only wires them to click. Exit codes: see
`engine.output.result.ExitCode` and docs/cli.md.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from woonpact.engine.errors import InputError, Problem
from woonpact.engine.output.result import ExitCode

if TYPE_CHECKING:
    from woonpact.engine.check import CheckResult
    from woonpact.engine.facts.request import PartyRequest


def _remember_lang(ctx: click.Context, _: click.Parameter, value: str) -> str:
    """The language, kept where the group sees it too: for notes and an internal error."""
    ctx.meta["woonpact.lang"] = value
    return value


LANG = click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
                    callback=_remember_lang, help="Language of findings, reports and errors.")
FACTS = click.argument("facts", nargs=-1, required=True, type=click.Path(path_type=Path))
RULES = click.option("--rules", type=click.Path(path_type=Path),
                     help="A pack file, or a folder of packs (default: the workspace's rules/, "
                          "then the bundled ones).")


def _use_workspace(ctx: click.Context, _: click.Parameter, root: Path | None) -> None:
    from woonpact.engine import workspace

    ctx.with_resource(workspace.chosen(root))  # for this command only


WORKSPACE = click.option(
    "--workspace", type=click.Path(path_type=Path, file_okay=False), expose_value=False,
    is_eager=True, callback=_use_workspace,
    help="The workspace to use (default: $WOONPACT_WORKSPACE, else the nearest folder upward "
         "holding woonpact.yaml).")
MAX_SHOWN = 50  # problems printed at most; the rest are counted (a 50 MB file once gave 700,000)


def _fail(error: InputError, lang: str) -> NoReturn:
    from woonpact.engine.i18n import say
    from woonpact.engine.output.problems import problem_line

    for problem in error.problems[:MAX_SHOWN]:
        click.echo(problem_line(problem, lang), err=True)
    if len(error.problems) > MAX_SHOWN:
        click.echo(say("cli.more_problems", lang, count=len(error.problems) - MAX_SHOWN), err=True)
    sys.exit(ExitCode.BAD_INPUT)


def _warn(problems: Iterable[Problem], lang: str) -> None:
    """Warnings go to standard error, one line each, and do not change the exit code."""
    from woonpact.engine.output.problems import problem_line

    for problem in problems:
        click.echo(problem_line(problem, lang), err=True)


def _checked(facts: tuple[Path, ...], rules: Path | None, year: int | None,
             lang: str) -> list[CheckResult]:
    """One check per agreement among FACTS (one history each), its warnings said."""
    from woonpact.engine import jobs

    try:
        results = jobs.check_all(facts, rules, year)
    except InputError as error:
        _fail(error, lang)
    _warn([w for r in results for w in r.warnings], lang)
    return results


SUFFIX_FORMATS = {".json": "json", ".md": "markdown", ".markdown": "markdown", ".xlsx": "xlsx",
                  ".html": "html", ".htm": "html"}


def _format(fmt: str | None, output: Path | None, formats: tuple[str, ...]) -> str:
    """The format asked for; else the one the output file's name says (`-o findings.json`
    is JSON, not a table under a JSON name that the next program cannot read); else the
    command's first."""
    if fmt is not None:
        return fmt
    named = SUFFIX_FORMATS.get(output.suffix.lower()) if output is not None else None
    return named if named in formats else formats[0]


def _workbook_file(path: Path, option: str, lang: str) -> None:
    """A workbook goes only into a file named `.xlsx`: written under `2027.yaml` it would be
    read back as broken YAML, and a check would refuse the year's facts."""
    if path.suffix.lower() != ".xlsx":
        _fail(InputError(Problem("cli.not_xlsx", file=path, field=option,
                                 params={"name": path.with_suffix(".xlsx").name})), lang)


def _write(content: str | bytes | Iterable[bytes], output: Path | None, lang: str = "nl",
           complete: Callable[[], None] | None = None) -> None:
    """Write all or nothing: a report file is replaced only once it is complete (engine/files.py).

    Text gets a final newline; bytes (a workbook) are written as they are. Text may come in
    chunks of UTF-8 made while it is written (`check` judges one agreement after another): bad
    input found meanwhile is reported as always and nothing is written, so standard output gets
    the text only once all of it is made. `complete` runs then, before the text is shown or the
    file replaced. A file that cannot be written is bad input (exit 2), with no temporary file
    left behind.
    """
    parts = [content] if isinstance(content, (str, bytes)) else content
    if output is None:
        try:
            text = "".join(p if isinstance(p, str) else p.decode("utf-8") for p in parts)
        except InputError as error:
            _fail(error, lang)
        if complete is not None:
            complete()
        click.echo(text)
        return
    from woonpact.engine import files

    def encoded() -> Iterator[bytes]:
        for part in parts:
            yield part if isinstance(part, bytes) else part.encode("utf-8")
        if not isinstance(content, bytes):
            yield b"\n"

    try:
        files.replace(output, encoded(), None if complete is None else lambda _: complete())
    except InputError as error:
        _fail(error, lang)


class _Guarded(click.Group):
    """Exit 1 means a clause is not kept, so a crash must never end with it (nor with a
    traceback a reader takes for output): an unexpected exception in any command ends with
    `ExitCode.INTERNAL_ERROR` and one line saying so; `--debug` adds the traceback. Ctrl-C
    ends with `ExitCode.INTERRUPTED`, where click would exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise  # click's own: usage errors exit 2, a closed pipe is click's to quiet
        except InputError as error:  # bad input a command let through is still bad input
            _fail(error, ctx.meta.get("woonpact.lang", "nl"))
        except KeyboardInterrupt:
            _say_once(ctx, "cli.interrupted")
            sys.exit(ExitCode.INTERRUPTED)
        except Exception as exc:  # noqa: BLE001 - the one place every unexpected error ends
            if ctx.params.get("debug"):
                import traceback

                traceback.print_exc()
            detail = " ".join(f"{type(exc).__name__}: {exc}".split())
            _say_once(ctx, "cli.internal_error", detail=detail)
            sys.exit(ExitCode.INTERNAL_ERROR)


def _say_once(ctx: click.Context, key: str, **params: str) -> None:
    from woonpact.engine.i18n import say

    click.echo(f"woonpact: {say(key, ctx.meta.get('woonpact.lang', 'nl'), **params)}", err=True)


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="woonpact")
@click.option("--debug", is_flag=True,
              help="On an internal error (exit 3), print the traceback too.")
@click.option("-v", "--verbose", is_flag=True,
              help="Also say what changes no result, such as a cache entry that was not trusted.")
@click.pass_context
def main(ctx: click.Context, debug: bool, verbose: bool) -> None:  # read by _Guarded
    """Check Dutch housing performance agreements (prestatieafspraken) against yearly facts."""
    from woonpact.engine import notes

    told = ctx.with_resource(notes.collecting())

    def show() -> None:
        from woonpact.engine.output.problems import problem_line

        for note in told:
            if verbose or note.severity != "detail":
                click.echo(problem_line(note, ctx.meta.get("woonpact.lang", "nl")), err=True)

    ctx.call_on_close(show)


@main.command()
@FACTS
@RULES
@click.option("--year", type=int, help="Judge only this year (the whole history is still read).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown", "xlsx"]),
              help="Default: what -o's name says (.json, .md, .xlsx), else table.")
@click.option("--fail-on", type=click.Choice(["breach", "warning", "never"]), default="breach",
              show_default=True, help="Which findings make the exit code 1.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to this file instead of standard output.")
@WORKSPACE
@LANG
def check(facts: tuple[Path, ...], rules: Path | None, year: int | None, fmt: str | None,
          fail_on: str, output: Path | None, lang: str) -> None:
    """Judge FACTS (fact files or facts folders) against their rule pack.

    The files of one agreement are read as one history; files and folders of several agreements
    are grouped by agreement, and each is checked against its own pack.
    """
    from woonpact.engine import jobs
    from woonpact.engine.output.result import exit_code

    fmt = _format(fmt, output, ("table", "json", "markdown", "xlsx"))

    if fmt == "xlsx":
        from woonpact.engine.output.xlsx import render_all

        if output is None:
            _fail(InputError(Problem("cli.xlsx_needs_output")), lang)
        _workbook_file(output, "--output", lang)
        results = _checked(facts, rules, year, lang)
        _write(render_all(results, lang), output, lang)
        sys.exit(exit_code([f for r in results for f in r.findings], fail_on))
    pretty = output is None and sys.stdout.isatty()
    try:
        with jobs.check_many(facts, rules, year, fmt, lang, fail_on, pretty) as checking:
            _write(checking.output, output, lang, complete=lambda: _warn(checking.warnings, lang))
    except InputError as error:
        _fail(error, lang)
    sys.exit(checking.exit_code)


@main.command()
@FACTS
@RULES
@WORKSPACE
@click.option("--missing", "show_missing", is_flag=True,
              help="Also list per party what it still has to deliver for the last year "
                   "(or --year).")
@click.option("--year", type=int,
              help="With --missing: the year to list (default: the last one given).")
@LANG
def validate(facts: tuple[Path, ...], rules: Path | None, show_missing: bool, year: int | None,
             lang: str) -> None:
    """Validate FACTS and their pack, one history per agreement: exit 0 when all is well-formed.

    The findings are not shown, but they are judged, so that a recorded meeting that matches no
    finding is warned about. With --missing, list per party the figures, lists, deliverables and
    conditions the clauses ask of it and the facts still lack (exit 0 all the same)."""
    from woonpact.engine import jobs
    from woonpact.engine.i18n import say
    from woonpact.engine.output.missing import lines

    try:
        validated = jobs.validate(facts, rules, show_missing, year)
    except InputError as error:
        _fail(error, lang)
    _warn([w for v in validated for w in v.result.warnings], lang)
    for each in validated:
        result = each.result
        years = ", ".join(map(str, sorted(result.fact_sets)))
        click.echo(say("validate.ok", lang, pack=result.pack.id, years=years,
                       files=", ".join(str(f.path) for f in result.fact_sets.values())))
        if each.asked is not None:
            click.echo("\n".join(lines(each.asked, each.year, result.fact_sets, lang)))
    sys.exit(ExitCode.OK)


@main.command()
@click.argument("workbooks", nargs=-1, required=True,
                type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="The year's fact set to write (an .xlsx workbook).")
@RULES
@WORKSPACE
@LANG
def merge(workbooks: tuple[Path, ...], output: Path, rules: Path | None, lang: str) -> None:
    """Join the parties' returned WORKBOOKS (from `woonpact template --dir`) into one workbook
    of the year's facts, refusing a figure, condition or supplier given by two of them and an
    item of another party in a party's own list; then list what is still missing per party.
    Exit 0 once written, 2 on bad input (nothing is written)."""
    import io

    from woonpact.engine import jobs
    from woonpact.engine.i18n import say
    from woonpact.engine.output.missing import lines
    from woonpact.engine.output.template import Prefill, workbook

    _workbook_file(output, "--output", lang)
    try:
        merged = jobs.merge(workbooks, output, rules)
    except InputError as error:
        _fail(error, lang)
    fact_set = merged.fact_set
    buffer = io.BytesIO()
    workbook(merged.asked, merged.asked.parties, lang, Prefill(facts=fact_set)).save(buffer)
    _write(buffer.getvalue(), output, lang)
    click.echo(say("merge.done", lang, count=len(workbooks), file=output,
                   agreement=merged.pack.id, year=fact_set.year))
    click.echo("\n".join(lines(merged.asked, fact_set.year, {fact_set.year: fact_set}, lang)))
    sys.exit(ExitCode.OK)


@main.command(name="list")
@click.option("--rules", type=click.Path(path_type=Path, file_okay=False),
              help="A folder of packs (default: the workspace's rules/, then the bundled ones).")
@WORKSPACE
@LANG
def list_command(rules: Path | None, lang: str) -> None:
    """List the rule packs, the workspace's and the bundled ones (marked), and their rules."""
    from woonpact.engine.output.explain import list_packs
    from woonpact.engine.rules.packs import pack_by_path
    from woonpact.engine.rules.registry import available_packs, bundled

    try:
        packs = sorted(((pack_by_path(p), bundled(p)) for p in available_packs(rules).values()),
                       key=lambda listed: listed[1])  # the workspace's own first
    except InputError as error:
        _fail(error, lang)
    click.echo(list_packs(packs, lang))


@main.command()
@click.argument("rule")
@click.option("--rules", type=click.Path(path_type=Path, file_okay=False),
              help="A folder of packs (default: the workspace's rules/, then the bundled ones).")
@WORKSPACE
@LANG
def explain(rule: str, rules: Path | None, lang: str) -> None:
    """Explain RULE (<pack>/<id>): the clause quoted, its reading, the norm in words, who is
    responsible, which facts it reads (with the meaning of figures of the pack's own), and its
    versions when an allonge changed it."""
    from woonpact.engine.errors import Problem
    from woonpact.engine.output.explain import explain as explain_rule
    from woonpact.engine.rules.packs import pack_by_path
    from woonpact.engine.rules.registry import find_pack
    from woonpact.engine.suggest import closest

    pack_id, _, rule_id = rule.partition("/")
    try:
        pack = pack_by_path(find_pack(pack_id, rules))
        ids = [r.id for r in pack.rules]
        if rule_id not in ids:
            raise InputError(Problem("pack.unknown_rule", file=pack.path, field=rule,
                                     params={"rule": rule_id,
                                             "suggestion": closest(rule_id, ids) or ""}))
    except InputError as error:
        _fail(error, lang)
    click.echo(explain_rule(pack, rule_id, lang))


@main.command()
@click.argument("packs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True,
              help="Exit 1 when there are warnings (errors always exit 2).")
@WORKSPACE
@LANG
def lint(packs: tuple[Path, ...], strict: bool, lang: str) -> None:
    """Check PACKS (pack files, or folders of packs; default: the workspace's) for mistakes:
    errors and warnings, each with its file, line, column and what to do; with all of the
    workspace's packs, also the figures its woonpact.yaml declares and no pack reads. Exit 0
    clean or warnings only, 1 warnings with --strict, 2 errors."""
    from woonpact.engine.authoring.lint import (
        exit_code as lint_exit,
    )
    from woonpact.engine.authoring.lint import (
        lint_pack,
        lint_workspace,
        pack_paths,
    )
    from woonpact.engine.errors import Problem
    from woonpact.engine.i18n import say
    from woonpact.engine.output.problems import problem_line
    from woonpact.engine.workspace import current

    try:
        found = current()
        targets = list(packs) or ([found.rules] if found is not None else [])
        if not targets:
            raise InputError(Problem("lint.no_packs"))
    except InputError as error:
        _fail(error, lang)
    reports = [lint_pack(path) for path in pack_paths(targets)]
    if found is not None and (shared := lint_workspace(found, reports)) is not None:
        reports.append(shared)
    for report in reports:
        for problem in report.problems:
            click.echo(problem_line(problem, lang))
        click.echo(say("lint.summary", lang, file=report.path, errors=len(report.errors),
                       warnings=len(report.warnings)))
    sys.exit(lint_exit(reports, strict))


@main.command(name="test")
@click.argument("packs", nargs=-1, type=click.Path(path_type=Path))
@WORKSPACE
@LANG
def test_command(packs: tuple[Path, ...], lang: str) -> None:
    """Run the rule tests of PACKS (pack files, folders of packs, or rules/tests/*.tests.yaml
    files; default: the workspace's packs, else the bundled ones). Exit 0 all passed, 1 a case
    failed, 2 bad input."""
    from woonpact.engine import paths
    from woonpact.engine.authoring.ruletests import exit_code as tests_exit
    from woonpact.engine.authoring.ruletests import load_rule_tests, rule_test_files, run
    from woonpact.engine.authoring.testreport import report
    from woonpact.engine.workspace import current

    results = []
    try:
        found = current()
        own = found.rules if found is not None and found.rules.is_dir() else None
        targets = list(packs) or [own or paths.RULES]
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
@WORKSPACE
@LANG
def init(pack_id: str, lang: str) -> None:
    """Start a new pack PACK_ID in a workspace: the one in use (--workspace, $WOONPACT_WORKSPACE,
    or the nearest folder upward holding woonpact.yaml), else a new one in the current folder.
    Writes rules/PACK_ID.yaml (a header and an example rule of each common kind),
    rules/tests/PACK_ID.tests.yaml, facts/PACK_ID/<year>.yaml and, for a new workspace,
    woonpact.yaml; and brings docs/facts.md and docs/schemas/ up to date. Overwrites nothing
    else."""
    from woonpact.engine.authoring.scaffold import scaffold
    from woonpact.engine.i18n import say
    from woonpact.engine.workspace import Workspace, current, named

    try:
        given = named()
        target = Workspace(given) if given is not None else current() or Workspace(Path("."))
        written = scaffold(pack_id, target)
    except InputError as error:
        _fail(error, lang)
    for path in written:
        click.echo(say("init.written", lang, file=path))
    pack, _, facts = written[:3]
    click.echo(say("init.next", lang))
    for command in (f"lint {pack}", f"test {pack}", f"check {facts.parent}"):
        click.echo(f"  woonpact {command}")


@main.command(name="vocabulary")
@WORKSPACE
@LANG
def vocabulary_command(lang: str) -> None:
    """Bring the workspace's docs/facts.md and docs/schemas/ up to date with the figures,
    attributes and dated values it and its packs declare, so that an editor completes them.
    Run it after declaring one. Exit 0, 2 on bad input (nothing written)."""
    from woonpact.engine.authoring.published import published, write
    from woonpact.engine.errors import Problem
    from woonpact.engine.i18n import say
    from woonpact.engine.workspace import current

    try:
        found = current()
        if found is None:
            raise InputError(Problem("workspace.none"))
        texts = published(found.writable())
    except InputError as error:
        _fail(error, lang)
    for path in write(texts):
        click.echo(say("init.written", lang, file=path))
    sys.exit(ExitCode.OK)


@main.command()
@FACTS
@RULES
@click.option("--format", "fmt", type=click.Choice(["html", "markdown"]),
              help="Default: what -o's name says (.html, .md), else html.")
@click.option("--year", type=int,
              help="Report on this year (default: the last judged year); earlier years are "
                   "history.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to this file instead of standard output.")
@WORKSPACE
@LANG
def report(facts: tuple[Path, ...], rules: Path | None, fmt: str | None, year: int | None,
           output: Path | None, lang: str) -> None:
    """Write the review-meeting report for FACTS (one agreement's fact files or folders): summary,
    findings by theme with the clause's text, changes since the previous year, escalation steps
    and trajectory charts. Exit 0 once written, 2 on bad input."""
    from woonpact.engine import jobs
    from woonpact.engine.output import report_renderer

    try:
        result = jobs.report(facts, rules, year)
    except InputError as error:
        _fail(error, lang)
    _warn(list(result.warnings), lang)
    chosen = _format(fmt, output, ("html", "markdown"))
    _write(report_renderer(chosen)(result, lang, year), output, lang)
    sys.exit(ExitCode.OK)


@main.command()
@FACTS
@RULES
@click.option("--year", type=int,
              help="The ladder as of this year (default: the last judged year).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@WORKSPACE
@LANG
def escalations(facts: tuple[Path, ...], rules: Path | None, year: int | None, fmt: str,
                lang: str) -> None:
    """The ladder status of every clause with an open episode, per agreement in FACTS (the files
    of one agreement are one history)."""
    from woonpact.engine.output.steps import open_episodes, open_steps_json
    from woonpact.engine.output.table import width

    results = _checked(facts, rules, year, lang)
    if fmt == "json":
        click.echo(open_steps_json(results, lang))
    else:
        click.echo(open_episodes(results, lang, width()))
    sys.exit(ExitCode.OK)


@main.command()
@click.argument("pack")
@RULES
@click.option("--dir", "folder", type=click.Path(path_type=Path, file_okay=False),
              help="Write one workbook per party into this folder (<pack>-<year>-<party>.xlsx).")
@click.option("--xlsx", "xlsx", type=click.Path(path_type=Path, dir_okay=False),
              help="Write one workbook to this file: the parties given with --party, or all.")
@click.option("--party", "parties", multiple=True,
              help="Only this party (its id in the pack); may be repeated.")
@click.option("--year", type=int,
              help="The year the figures are for (default: the year after --prefill's last, "
                   "else every year of the pack).")
@click.option("--prefill", type=click.Path(path_type=Path),
              help="Fact files or a facts folder: the year before is shown beside each figure "
                   "and its projects are copied; facts of the year itself fill the cells.")
@click.option("--deadline", type=click.DateTime(["%Y-%m-%d"]),
              help="Return by this date (YYYY-MM-DD), on the cover.")
@click.option("--send-to", "send_to",
              help="Who to send it to (default: the municipality), on the cover.")
@WORKSPACE
@LANG
def template(pack: str, rules: Path | None, folder: Path | None, xlsx: Path | None,
             parties: tuple[str, ...], year: int | None, prefill: Path | None, deadline: object,
             send_to: str | None, lang: str) -> None:
    """Write the data request for PACK (a pack id, or with --rules FILE that pack): per party,
    exactly the figures, lists and deliverables the clauses read from it, in the language of
    --lang, with a cover sheet (deadline, where to send it, how to fill it in, what each column
    means). Returned workbooks are joined with `woonpact merge`; a single workbook is checked,
    validated or reported on like a YAML file."""
    import io

    from woonpact.engine import jobs
    from woonpact.engine.i18n import say
    from woonpact.engine.output import template as writer

    if (folder is None) == (xlsx is None):
        _fail(InputError(Problem("cli.template_target")), lang)
    if xlsx is not None:
        _workbook_file(xlsx, "--xlsx", lang)
    try:
        made = jobs.template(pack, rules, parties, year, prefill)
    except InputError as error:
        _fail(error, lang)
    due = deadline.date() if deadline else None  # type: ignore[attr-defined]
    letter = writer.Letter(due, send_to)

    def saved(party_requests: list[PartyRequest]) -> bytes:
        buffer = io.BytesIO()
        writer.workbook(made.asked, party_requests, lang, made.start, letter).save(buffer)
        return buffer.getvalue()

    if xlsx is not None:
        _write(saved(made.chosen), xlsx, lang)
        sys.exit(ExitCode.OK)
    assert folder is not None
    folder.mkdir(parents=True, exist_ok=True)
    for asked in made.chosen:
        if asked.empty and not asked.records:
            click.echo(say("template.nothing", lang, party=asked.party.name))
            continue
        target = folder / writer.file_name(made.asked, asked)
        _write(saved([asked]), target, lang)
        click.echo(say("template.written", lang, file=target, party=asked.party.name))
    sys.exit(ExitCode.OK)


@main.command()
@click.argument("fact_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--rule", "rule", required=True, help="The clause: its id (3.2-7) or <pack>/<id>.")
@click.option("--rung", required=True, help="The rung held, an id of the pack's ladder (overleg).")
@click.option("--date", "date", required=True, type=click.DateTime(["%Y-%m-%d"]),
              help="When it was held (YYYY-MM-DD).")
@click.option("--outcome", type=click.Choice(["resolved", "unresolved", "agreement-amended"]),
              help="How it ended; without it the next evaluation treats the rung as held without a "
                   "solution.")
@click.option("--note", default="", help="What was discussed or agreed, in a sentence.")
@click.option("--scope",
              help="Only for this party or entity of the clause (portaal, "
                   "projects/nieuwe-wetering).")
@click.option("--concerns", type=int,
              help="The year whose findings the meeting deals with (default: the year of --date).")
@RULES
@WORKSPACE
@LANG
def record(fact_file: Path, rule: str, rung: str, date: object, outcome: str | None, note: str,
           scope: str | None, concerns: int | None, rules: Path | None, lang: str) -> None:
    """Record a meeting on the disputes ladder in FACT_FILE (a year's YAML or Excel facts).

    The event is appended to the file's `escalations:` list (a workbook: its `escalations`
    sheet), with the year it concerns; comments, layout and line endings stay, and the file is
    replaced in one step only after the result was validated. Concurrent calls on one file take
    turns; "vastgelegd" is printed only once the event is in the file. The agreement's history
    is read from FACT_FILE's folder, to say which finding the meeting is about.
    """
    from woonpact.engine import jobs
    from woonpact.engine.i18n import say
    from woonpact.engine.model.facts import EscalationEvent
    from woonpact.engine.output.words import rule_label, scope_text, status_text

    held = date.date()  # type: ignore[attr-defined]
    event = EscalationEvent(rule, rung, held, outcome, note, scope, concerns)
    try:
        meeting = jobs.record_meeting(fact_file, event, rules)
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


@main.group(name="cache")
def cache_group() -> None:
    """Show or empty the cache of loaded packs and fact sets (docs/design.md says how it
    protects itself)."""


@cache_group.command(name="info")
@LANG
def cache_info(lang: str) -> None:
    """Where the cache lives, whether it is used, how many entries it holds and its limit."""
    from woonpact.engine import cache
    from woonpact.engine.i18n import say

    where, usable, entries, size = cache.info()
    if where is None:
        click.echo(say("cache.off", lang))
    else:
        click.echo(say("cache.info", lang, folder=where, entries=entries,
                       size=f"{size / 2**20:.1f}", limit=cache.limit() // 2**20))
        if not usable:
            click.echo(say("cache.not_used", lang))
    sys.exit(ExitCode.OK)


@cache_group.command(name="clear")
@LANG
def cache_clear(lang: str) -> None:
    """Remove every cache entry and the cache's key; the next check rebuilds what it needs."""
    from woonpact.engine import cache
    from woonpact.engine.i18n import say

    try:
        removed = cache.clear()
    except InputError as error:
        _fail(error, lang)
    click.echo(say("cache.cleared", lang, folder=cache.folder() or "-", entries=removed))
    sys.exit(ExitCode.OK)


if __name__ == "__main__":
    main()
