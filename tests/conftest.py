from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true", default=False, help="run slow tests too")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True, scope="session")
def _scratch_cache_dir(tmp_path_factory):
    """briefcheck's user cache (results, packs) goes to a scratch folder for the
    session, never into the tester's home; CLI runs in subprocesses inherit it."""
    old = os.environ.get("BRIEFCHECK_CACHE_DIR")
    os.environ["BRIEFCHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("briefcheck-cache"))
    yield
    if old is None:
        os.environ.pop("BRIEFCHECK_CACHE_DIR", None)
    else:
        os.environ["BRIEFCHECK_CACHE_DIR"] = old


@pytest.fixture
def lint():
    """Lint a string with the span checks (jargon, blame, figures, timeline), or
    with the given Config. Whole-document checks (structure, readability, length)
    would add findings to every short test text, so they are left to their own tests."""
    from briefcheck.config import Config
    from briefcheck.engine import lint_text

    spans_only = Config(select=("jargon", "blame", "figures", "timeline"))

    def run(text: str, config: Config | None = None, markup: str = "markdown"):
        return lint_text(text, config or spans_only, markup=markup)

    return run
