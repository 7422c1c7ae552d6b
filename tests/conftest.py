from __future__ import annotations

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
