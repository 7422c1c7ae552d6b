"""Baselines: adopt briefcheck on an existing corpus without fixing it first.

``--write-baseline FILE`` records today's findings; ``--baseline FILE`` then hides
them and reports only what is new. A finding is keyed by rule, file and the
flagged text (whitespace collapsed), never by line, so edits above it do not
revive it. Keys carry counts: a document with "ASAP" twice in the baseline may
keep two, and a third is reported.

File paths are stored relative to the baseline file's folder, with ``/``, so the
baseline works whatever folder briefcheck runs from and however paths are given.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import replace
from pathlib import Path

from briefcheck.findings import Finding
from briefcheck.report import FileResult

FORMAT = 1
STDIN = "-"

Key = tuple[str, str, str]  # file, rule, text


class BaselineError(Exception):
    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"baseline {path}: {reason}")


def _file_key(path: str, base: Path) -> str:
    if path == STDIN:
        return STDIN
    return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()


def _key(file_key: str, finding: Finding) -> Key:
    return (file_key, finding.rule, " ".join(finding.text.split()))


def count(results: list[FileResult], baseline_path: str | Path) -> Counter[Key]:
    base = Path(baseline_path).resolve().parent
    keys: Counter[Key] = Counter()
    for result in results:
        if result.error:
            continue
        file_key = _file_key(result.path, base)
        keys.update(_key(file_key, f) for f in result.findings)
    return keys


def write(results: list[FileResult], path: str | Path) -> int:
    """Write the baseline; returns how many findings it holds."""
    keys = count(results, path)
    entries = [
        {"file": file, "rule": rule, "text": text, "count": n}
        for (file, rule, text), n in sorted(keys.items())
    ]
    document = {"briefcheck_baseline": FORMAT, "findings": entries}
    Path(path).write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return sum(keys.values())


def load(path: str | Path) -> Counter[Key]:
    try:
        document = json.loads(Path(path).read_text("utf-8"))
    except FileNotFoundError:
        raise BaselineError(path, "no such file (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(path, f"cannot read it ({exc})") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(path, f"not JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(document, dict) or document.get("briefcheck_baseline") != FORMAT:
        raise BaselineError(
            path, f'not a briefcheck baseline (expected "briefcheck_baseline": {FORMAT})'
        )
    keys: Counter[Key] = Counter()
    for i, entry in enumerate(document.get("findings", [])):
        try:
            file, rule, text, n = entry["file"], entry["rule"], entry["text"], entry["count"]
        except (KeyError, TypeError):
            raise BaselineError(path, f"entry {i + 1} lacks file, rule, text or count") from None
        if not (isinstance(n, int) and n > 0):
            raise BaselineError(path, f"entry {i + 1} has a count that is not a positive number")
        keys[(str(file), str(rule), str(text))] += n
    return keys


def filter_results(
    results: list[FileResult], known: Counter[Key], baseline_path: str | Path
) -> list[FileResult]:
    """The results with every finding the baseline knows taken out (first ones first)."""
    base = Path(baseline_path).resolve().parent
    left = Counter(known)
    out: list[FileResult] = []
    for result in results:
        if result.error:
            out.append(result)
            continue
        file_key = _file_key(result.path, base)
        new: list[Finding] = []
        for finding in result.findings:
            key = _key(file_key, finding)
            if left[key] > 0:
                left[key] -= 1
            else:
                new.append(finding)
        out.append(replace(result, findings=new))
    return out
