"""Lint many inputs: expand paths, pick each file's config, collect results.

Used by the CLI; kept apart from Click so other faces (the pre-commit hook,
benchmarks) run the same batch logic.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from briefcheck.config import ConfigError, ConfigResolver
from briefcheck.document import MARKDOWN_SUFFIXES, TEXT_SUFFIXES
from briefcheck.report import FileResult
from briefcheck.rulepack import RulePackError
from briefcheck.sources import InputError, decode

DOCUMENT_SUFFIXES = MARKDOWN_SUFFIXES + TEXT_SUFFIXES
STDIN = "-"


@dataclass
class Target:
    path: str  # as given, or as found under a folder the user gave
    error: str | None = None


def expand(paths: list[str]) -> Iterator[Target]:
    """Files as given; folders recursed for documents; problems as error targets.

    A file named twice, or named and also found under a folder, is linted once.
    """
    seen: set[str] = set()

    def first_time(name: str) -> bool:
        key = os.path.normcase(os.path.abspath(name))
        if key in seen:
            return False
        seen.add(key)
        return True

    for given in paths:
        if given == STDIN:
            yield Target(STDIN)
            continue
        path = Path(given)
        if path.is_dir():
            found = list(_documents_under(path))
            if not found:
                yield Target(given, "no documents (.md, .markdown, .txt) in this folder")
            yield from (Target(f) for f in found if first_time(f))
        elif path.exists() or path.is_symlink():
            if first_time(given):
                yield Target(given)
        else:
            yield Target(given, "no such file or folder")


def _documents_under(folder: Path) -> Iterator[str]:
    # followlinks=False: a symlink loop cannot trap the walk.
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
        for name in sorted(files):
            if name.lower().endswith(DOCUMENT_SUFFIXES):
                yield os.path.join(root, name)


def lint_target(
    target: Target, resolver: ConfigResolver, stdin_markup: str = "markdown"
) -> FileResult:
    from briefcheck.document import markup_for_path
    from briefcheck.engine import lint_text
    from briefcheck.sources import read_source

    if target.error:
        return FileResult(target.path, error=target.error)
    try:
        if target.path == STDIN:
            config = resolver.for_path(None)
            text = decode(sys.stdin.buffer.read())
            markup = stdin_markup
        else:
            config = resolver.for_path(target.path)
            text = read_source(target.path, max_bytes=config.max_file_bytes)
            markup = markup_for_path(target.path)
        findings = lint_text(text, config, markup=markup)
    except InputError as exc:
        return FileResult(target.path, error=str(exc), skipped=exc.skipped)
    except (ConfigError, RulePackError) as exc:
        return FileResult(target.path, error=str(exc))
    return FileResult(target.path, findings, source=text)
