"""Exit codes and the policy that maps findings to one; the command line holds no such logic."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # `woonpact --help` imports the exit codes, and should not load the model
    from woonpact.engine.model.finding import Finding


class ExitCode(IntEnum):
    """How `woonpact` ends. Only 1 says something about the agreements.

    ====  ===========================================================================
    0     nothing failing at the chosen level (``--fail-on``), or the command succeeded
    1     at least one finding fails: a breach (``--fail-on breach``, the default), or a
          breach or warning (``--fail-on warning``); one an agreed deviation covers does not
          (``lint --strict``: warnings; ``test``: a rule test failed)
    2     bad input or usage: a missing file, malformed YAML, a schema or expression
          error, an unknown option, a file that cannot be written or is locked by another
          ``record``; nothing was written
    3     internal error: a bug in woonpact, not in the input; one line says so, and
          ``woonpact --debug`` adds the traceback; no verdict was reached
    130   interrupted (Ctrl-C)
    ====  ===========================================================================
    """

    OK = 0
    FAILING = 1
    BAD_INPUT = 2
    INTERNAL_ERROR = 3
    INTERRUPTED = 130


FAIL_ON = {  # statuses by value: a `Status` is a str enum and compares equal to its value
    "breach": frozenset({"breach"}),
    "warning": frozenset({"breach", "warning"}),
    "never": frozenset(),
}


def exit_code(findings: Iterable[Finding], fail_on: str) -> ExitCode:
    failing = FAIL_ON[fail_on]
    return ExitCode.FAILING if any(f.status in failing and f.deviation is None
                                   for f in findings) else ExitCode.OK
