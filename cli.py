"""The `woonpact` command line: parse options, call the engine, render, choose the exit code.

Decisions live in the engine (`engine.check`, `engine.output.result`); this module only wires
them to click. Exit codes: see `engine.output.result.ExitCode` and docs/cli.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from engine.errors import InputError
from engine.output.result import ExitCode

LANG = click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
                    help="Language of findings, reports and errors.")
FACTS = click.argument("facts", nargs=-1, required=True, type=click.Path(path_type=Path))
RULES = click.option("--rules", type=click.Path(path_type=Path),
                     help="A pack file, or a folder of packs (default: the bundled rules/).")


def _fail(error: InputError, lang: str) -> None:
    from engine.output.problems import problem_line  # noqa: PLC0415

    for problem in error.problems:
        click.echo(problem_line(problem, lang), err=True)
    sys.exit(ExitCode.BAD_INPUT)


def _write(text: str, output: Path | None) -> None:
    """Write all or nothing: a report file is replaced only once it is complete."""
    if output is None:
        click.echo(text)
        return
    import os  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    fd, temporary = tempfile.mkstemp(dir=output.parent or Path("."), prefix=f".{output.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
        os.replace(temporary, output)
    except BaseException:
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
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
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
    from engine.check import check as run_check  # noqa: PLC0415
    from engine.output import renderer  # noqa: PLC0415
    from engine.output.result import exit_code  # noqa: PLC0415

    from engine import collector  # noqa: PLC0415

    try:
        with collector.paused():  # one process checks every agreement given: see engine/collector.py
            results = [run_check([target], rules, year) for target in facts]
    except InputError as error:
        _fail(error, lang)
    render = renderer(fmt)
    if fmt == "json" and len(results) > 1:
        import json  # noqa: PLC0415

        text = json.dumps({"checks": [json.loads(render(r, lang)) for r in results]}, ensure_ascii=False, indent=2)
    else:
        text = "\n".join(render(r, lang) for r in results)
    _write(text, output)
    findings = [f for r in results for f in r.findings]
    sys.exit(exit_code(findings, fail_on))


@main.command()
@FACTS
@RULES
@LANG
def validate(facts: tuple[Path, ...], rules: Path | None, lang: str) -> None:
    """Validate FACTS and their pack without judging anything: exit 0 when all is well-formed."""
    from engine.check import cross_check, included_rules, load_facts, resolve_pack  # noqa: PLC0415

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
              help="A folder of packs (default: the bundled rules/).")
@LANG
def list_command(rules: Path | None, lang: str) -> None:
    """List the rule packs and their rules."""
    from engine import paths  # noqa: PLC0415
    from engine.check import pack_by_path  # noqa: PLC0415
    from engine.output.explain import list_packs  # noqa: PLC0415
    from engine.rules.registry import pack_files  # noqa: PLC0415

    try:
        packs = [pack_by_path(p) for p in pack_files(rules or paths.RULES).values()]
    except InputError as error:
        _fail(error, lang)
    click.echo(list_packs(packs, lang))


@main.command()
@click.argument("rule")
@click.option("--rules", type=click.Path(path_type=Path, file_okay=False),
              help="A folder of packs (default: the bundled rules/).")
@LANG
def explain(rule: str, rules: Path | None, lang: str) -> None:
    """Explain RULE (<pack>/<id>): the clause quoted, its reading, the norm in words, who is
    responsible, which facts it reads, and its versions when an allonge changed it."""
    from engine import paths  # noqa: PLC0415
    from engine.check import pack_by_path, parameters  # noqa: PLC0415
    from engine.errors import Problem  # noqa: PLC0415
    from engine.output.explain import explain as explain_rule  # noqa: PLC0415
    from engine.rules.registry import find_pack  # noqa: PLC0415
    from engine.suggest import closest  # noqa: PLC0415

    pack_id, _, rule_id = rule.partition("/")
    try:
        pack = pack_by_path(find_pack(pack_id, rules or paths.RULES))
        ids = [r.id for r in pack.rules]
        if rule_id not in ids:
            raise InputError(Problem("pack.unknown_rule", file=pack.path, field=rule,
                                     params={"rule": rule_id, "suggestion": closest(rule_id, ids) or ""}))
    except InputError as error:
        _fail(error, lang)
    click.echo(explain_rule(pack, rule_id, parameters(), lang))


if __name__ == "__main__":
    main()
