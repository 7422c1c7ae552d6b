"""JUnit XML, the test report format every CI server shows: one test case per file.

A file fails when it has findings at warning level or above (the same line the
exit code draws); info-level findings are listed in the case's system-out. A file
that could not be read is an error; a skipped one (binary) is skipped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from briefcheck.findings import Finding, Severity
from briefcheck.report import FileResult

SUITE = "briefcheck"
# Characters XML 1.0 cannot carry at all; ElementTree would write them and break the file.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render(results: list[FileResult]) -> str:
    suite = ET.Element("testsuite", name=SUITE)
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for result in results:
        counts["tests"] += 1
        path = _xml_safe(result.path)
        case = ET.SubElement(suite, "testcase", classname=SUITE, name=path, file=path)
        if result.error:
            kind = "skipped" if result.skipped else "error"
            counts["errors" if kind == "error" else "skipped"] += 1
            ET.SubElement(case, kind, message=_xml_safe(result.error))
            continue
        failing = [f for f in result.findings if f.severity.rank >= Severity.WARNING.rank]
        notes = [f for f in result.findings if f.severity.rank < Severity.WARNING.rank]
        if failing:
            counts["failures"] += 1
            noun = "finding" if len(failing) == 1 else "findings"
            failure = ET.SubElement(
                case, "failure", message=f"{len(failing)} {noun}", type="briefcheck"
            )
            failure.text = _lines(result.path, failing)
        if notes:
            ET.SubElement(case, "system-out").text = _lines(result.path, notes)
    for key, value in counts.items():
        suite.set(key, str(value))
    root = ET.Element("testsuites", name=SUITE, **{k: suite.get(k) for k in counts})
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def _lines(path: str, findings: list[Finding]) -> str:
    return _xml_safe(
        "\n".join(
            f"{path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}" for f in findings
        )
    )
