"""The `woonpact` command line: parse options, call the engine, render, choose the exit code.

Decisions live in the engine (`engine.check`, `engine.output.result`); this module only wires
them to click. Exit codes: see `engine.output.result.ExitCode` and docs/cli.md.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from woonpact.engine.errors import InputError
from woonpact.engine.output.result import ExitCode


def _remember_lang(ctx: click.Context, _: click.Parameter, value: str) -> str:
    """The language, kept where the group sees it too: for notes and an internal error."""
    ctx.meta["woonpact.lang"] = value
    return value


LANG = click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
                    callback=_remember_lang, help="Language of findings, reports and errors.")
FACTS = click.argument("facts", nargs=-1, required=True, type=click.Path(path_type=Path))
RULES = click.option("--rules", type=click.Path(path_type=Path),
                     help="A pack file, or a folder of packs (default: the bundled rules/).")
MAX_SHOWN = 50  # problems printed at most; the rest are counted (a 50 MB file once gave 700,000)


def _fail(error: InputError, lang: str) -> None:
    from woonpact.engine.i18n import say  # noqa: PLC0415
    from woonpact.engine.output.problems import problem_line  # noqa: PLC0415

    for problem in error.problems[:MAX_SHOWN]:
        click.echo(problem_line(problem, lang), err=True)
    if len(error.problems) > MAX_SHOWN:
        click.echo(say("cli.more_problems", lang, count=len(error.problems) - MAX_SHOWN), err=True)
    sys.exit(ExitCode.BAD_INPUT)


def _write(text: str | bytes, output: Path | None, lang: str = "nl") -> None:
    """Write all or nothing: a report file is replaced only once it is complete (engine/files.py).

    Text gets a final newline; bytes (a workbook) are written as they are. A file that cannot
    be written is bad input (exit 2), with no temporary file left behind.
    """
    if output is None:
        click.echo(text)
        return
    from woonpact.engine import files  # noqa: PLC0415

    try:
        files.replace(output, text if isinstance(text, bytes) else (text + "\n").encode("utf-8"))
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
                import traceback  # noqa: PLC0415

                traceback.print_exc()
            detail = " ".join(f"{type(exc).__name__}: {exc}".split())
            _say_once(ctx, "cli.internal_error", detail=detail)
            sys.exit(ExitCode.INTERNAL_ERROR)


def _say_once(ctx: click.Context, key: str, **params: str) -> None:
    from woonpact.engine.i18n import say  # noqa: PLC0415

    click.echo(f"woonpact: {say(key, ctx.meta.get('woonpact.lang', 'nl'), **params)}", err=True)


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="woonpact")
@click.option("--debug", is_flag=True,
              help="On an internal error (exit 3), print the traceback too.")
@click.option("-v", "--verbose", is_flag=True,
              help="Also say what changes no result, such as a cache entry that was not trusted.")
@click.pass_context
def main(ctx: click.Context, debug: bool, verbose: bool) -> None:  # noqa: ARG001 - read by _Guarded
    """Check Dutch housing performance agreements (prestatieafspraken) against yearly facts."""
    from woonpact.engine import notes  # noqa: PLC0415

    told = ctx.with_resource(notes.collecting())

    def show() -> None:
        from woonpact.engine.output.problems import problem_line  # noqa: PLC0415

        for note in told:
            if verbose or note.severity != "detail":
                click.echo(problem_line(note, ctx.meta.get("woonpact.lang", "nl")), err=True)

    ctx.call_on_close(show)


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
    """Judge FACTS (fact files or a pack's facts folder) against their rule pack.

    Several folders may be given, one per agreement; each is checked against its own pack.
    """
    from woonpact.engine.check import check as run_check  # noqa: PLC0415
    from woonpact.engine.output import renderer  # noqa: PLC0415
    from woonpact.engine.output.result import exit_code  # noqa: PLC0415

    from woonpact.engine import collector  # noqa: PLC0415

    try:
        with collector.paused():  # one process checks every agreement given: see engine/collector.py
            results = [run_check([target], rules, year) for target in facts]
    except InputError as error:
        _fail(error, lang)
    if fmt == "xlsx":
        from woonpact.engine.errors import Problem  # noqa: PLC0415
        from woonpact.engine.output.xlsx import render_all  # noqa: PLC0415

        if output is None:
            _fail(InputError(Problem("cli.xlsx_needs_output")), lang)
        _write(render_all(results, lang), output, lang)
        sys.exit(exit_code([f for r in results for f in r.findings], fail_on))
    render = renderer(fmt)
    if fmt == "json" and len(results) > 1:
        import json  # noqa: PLC0415

        text = json.dumps({"checks": [json.loads(render(r, lang)) for r in results]}, ensure_ascii=False, indent=2)
    else:
        text = "\n".join(render(r, lang) for r in results)
    _write(text, output, lang)
    findings = [f for r in results for f in r.findings]
    sys.exit(exit_code(findings, fail_on))


@main.command()
@FACTS
@RULES
@LANG
def validate(facts: tuple[Path, ...], rules: Path | None, lang: str) -> None:
    """Validate FACTS and their pack without judging anything: exit 0 when all is well-formed."""
    from woonpact.engine.check import cross_check, included_rules, load_facts, resolve_pack  # noqa: PLC0415

    try:
        for target in facts:
            fact_sets = load_facts([target])
            pack = resolve_pack(fact_sets, rules)
            cross_check(pack, fact_sets, included_rules(pack, rules))
            years = ", ".join(map(str, sorted(fact_sets)))
            click.echo(f"{target}: {pack.id} {years} ok" if lang == "en" else f"{target}: {pack.id} {years} in orde")
    except InputError as error:
        _fail(error, lang)
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
    _write(report_renderer(fmt)(result, lang, year), output, lang)
    sys.exit(ExitCode.OK)


@main.command()
@FACTS
@RULES
@click.option("--year", type=int, help="The ladder as of this year (default: the last judged year).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@LANG
def escalations(facts: tuple[Path, ...], rules: Path | None, year: int | None, fmt: str, lang: str) -> None:
    """The ladder status of every clause with an open episode, per agreement in FACTS."""
    from woonpact.engine.check import check as run_check  # noqa: PLC0415
    from woonpact.engine.output.steps import open_episodes, step_json  # noqa: PLC0415

    try:
        results = [run_check([target], rules, year) for target in facts]
    except InputError as error:
        _fail(error, lang)
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
@RULES
@LANG
def record(fact_file: Path, rule: str, rung: str, date: object, outcome: str | None, note: str,
           scope: str | None, rules: Path | None, lang: str) -> None:
    """Record a meeting on the disputes ladder in FACT_FILE (a year's YAML facts).

    The event is appended to the file's `escalations:` list; comments, layout and line endings
    stay, and the file is replaced in one step only after the result was validated. Concurrent
    calls on one file take turns; "vastgelegd" is printed only once the event is in the file.
    """
    from woonpact.engine.check import clause_versions, cross_check, event_problems, included_rules, load_facts, resolve_pack  # noqa: PLC0415
    from woonpact.engine.facts.record import record as record_event  # noqa: PLC0415
    from woonpact.engine.i18n import say  # noqa: PLC0415
    from woonpact.engine.model.facts import EscalationEvent  # noqa: PLC0415

    event = EscalationEvent(rule, rung, date.date(), outcome, note, scope)  # type: ignore[attr-defined]
    try:
        fact_sets = load_facts([fact_file])
        pack = resolve_pack(fact_sets, rules)
        all_rules = included_rules(pack, rules)
        problems = event_problems(pack, clause_versions(pack, all_rules), event, fact_sets.values(), fact_file, "")
        if problems:  # refused before anything is touched
            raise InputError(problems)
        record_event(fact_file, event, lambda after: cross_check(pack, {after.year: after}, all_rules))
    except InputError as error:
        _fail(error, lang)
    click.echo(say("record.done", lang, file=fact_file, rule=rule, rung=rung, date=event.date.isoformat(),
                   outcome=outcome or ""))
    sys.exit(ExitCode.OK)


@main.group(name="cache")
def cache_group() -> None:
    """Show or empty the cache of loaded packs and fact sets (docs/design.md says how it
    protects itself)."""


@cache_group.command(name="info")
@LANG
def cache_info(lang: str) -> None:
    """Where the cache lives, whether it is used, how many entries it holds and its limit."""
    from woonpact.engine import cache  # noqa: PLC0415
    from woonpact.engine.i18n import say  # noqa: PLC0415

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
    from woonpact.engine import cache  # noqa: PLC0415
    from woonpact.engine.i18n import say  # noqa: PLC0415

    try:
        removed = cache.clear()
    except InputError as error:
        _fail(error, lang)
    click.echo(say("cache.cleared", lang, folder=cache.folder() or "-", entries=removed))
    sys.exit(ExitCode.OK)


if __name__ == "__main__":
    main()
