"""Lint many inputs: expand paths, pick each file's config, collect results.

Used by the CLI; kept apart from Click so other faces (the pre-commit hook,
benchmarks) run the same batch logic.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from briefcheck import cache
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
        findings = _lint_cached(text, config, markup)
    except InputError as exc:
        return FileResult(target.path, error=str(exc), skipped=exc.skipped)
    except (ConfigError, RulePackError) as exc:
        return FileResult(target.path, error=str(exc))
    return FileResult(target.path, findings, source=text)


# ---------------------------------------------------------------- many files at once

# Below this much text (about 10,000 words) a batch runs in this process: the
# workers are forked warm, but forking and collecting results still cost more
# than a few small files take.
PARALLEL_MIN_BYTES = 64 * 1024


def lint_targets(
    targets: Iterable[Target], resolver: ConfigResolver, jobs: int = 1
) -> Iterator[FileResult]:
    """lint_target for each target, in order, on up to ``jobs`` processes.

    Workers are forked after the parent has built the pipeline and compiled
    the packs, so they start warm. stdin is read here, in the parent.
    """
    targets = list(targets)
    workers = min(jobs, len(targets))
    with _rare_collections():  # forked workers inherit the setting
        if workers < 2 or _total_bytes(targets) < PARALLEL_MIN_BYTES or STDIN in _paths(targets):
            yield from (lint_target(t, resolver) for t in targets)
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        _warm_up(resolver)
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        chunk = max(1, min(16, len(targets) // (workers * 4)))
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            yield from pool.map(lint_target, targets, [resolver] * len(targets), chunksize=chunk)


@contextlib.contextmanager
def _rare_collections() -> Iterator[None]:
    """Run the cycle collector every 20,000 new objects instead of every 700.

    A lint makes hundreds of thousands of short-lived objects and almost no
    reference cycles (about 3 per document), so at the default threshold the
    collector ran every few sentences and found nothing: about 9% of a batch's CPU.
    """
    before = gc.get_threshold()
    gc.set_threshold(20_000, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def default_jobs() -> int:
    """The cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _paths(targets: list[Target]) -> set[str]:
    return {t.path for t in targets}


def _total_bytes(targets: list[Target]) -> int:
    total = 0
    for target in targets:
        if target.error or target.path == STDIN:
            continue
        try:
            total += os.stat(target.path).st_size
        except OSError:
            continue
    return total


def _warm_up(resolver: ConfigResolver) -> None:
    from briefcheck.engine import lint_text

    with contextlib.suppress(ConfigError, RulePackError):  # each file reports it
        lint_text("Warm up.", resolver.for_path(None))


# ---------------------------------------------------------------- result cache


def _lint_cached(text: str, config, markup: str):
    """Findings for one text, from the user cache when the same text was linted
    with the same settings, packs, pipeline and code before."""
    key = _result_key(text, config, markup)
    found = cache.load("results", key) if key else None
    if isinstance(found, list):
        return found
    from briefcheck.engine import lint_text

    findings = lint_text(text, config, markup=markup)
    if key:
        cache.store("results", key, findings)
    return findings


def _result_key(text: str, config, markup: str) -> str | None:
    if not cache.enabled():
        return None
    from briefcheck import model
    from briefcheck.rulepack import load_ruleset

    try:
        pipeline = model.describe(model.check(config.model))
        packs = load_ruleset(config.extra_rules).digest
    except (model.ModelError, RulePackError):
        return None  # linting reports it
    return cache.key("results", _code_stamp(), packs, pipeline, repr(config), markup, text)


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    return cache.code_stamp()
