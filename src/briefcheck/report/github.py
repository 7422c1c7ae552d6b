"""GitHub Actions workflow commands: each finding becomes an annotation on the diff.

``::warning file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::message``
Escaping follows GitHub's toolkit (actions/toolkit, command.ts): in the message
``%``, ``\\r`` and ``\\n`` are percent-encoded; in properties ``:`` and ``,`` too.
"""

from __future__ import annotations

from briefcheck.findings import Finding, Severity
from briefcheck.report import FileResult

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return (
        f"::{name} {props}::{escape_data(message)}"
        if props
        else f"::{name}::{escape_data(message)}"
    )


def render(results: list[FileResult]) -> str:
    lines: list[str] = []
    for result in results:
        if result.error:
            level = "warning" if result.skipped else "error"
            lines.append(command(level, result.error, file=result.path, title="briefcheck"))
            continue
        lines.extend(_annotation(result.path, f) for f in result.findings)
    return "\n".join(lines)


def _annotation(path: str, f: Finding) -> str:
    return command(
        COMMANDS[f.severity],
        f.message,
        file=path,
        line=f.line,
        col=f.column,
        endLine=f.end_line,
        endColumn=f.end_column,
        title=f.rule,
    )
